"""Vietnamese publication dates to aware datetimes in Asia/Ho_Chi_Minh (research §4.1).

Sites print dates day-first, with weekdays ("Thứ Hai", "Thứ 4", "CN"), time before or after
the date, "(GMT+7)" suffixes and separators such as "-" and "|". Structured values (ISO 8601,
Unix epochs) are read exactly; printed ones are normalised and then matched by the site's own
``strptime`` formats or, failing those, by a day-first pattern. A date without a year
("Ngày 8-1, ...", a dateline inside the lead) is never taken for a publication date.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Iterable, Optional
from zoneinfo import ZoneInfo

from dateutil.parser import isoparse

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

_NOISE = re.compile(
    r"(?ix)"
    r"\b(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|cn)\b\s*,?"  # weekdays
    r"|\(?\s*(?:gmt|utc)\s*\+\s*0?7(?::?00)?\s*\)?"  # time-zone suffixes
    r"|\b(?:cập\s*nhật|đăng|ngày\s*đăng|xuất\s*bản)(?:\s*lúc)?\s*:?"  # labels
)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
_EPOCH = re.compile(r"^\d{10}$")
_DAY_FIRST = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|,)\s*(\d{4})", re.I)
_TIME = re.compile(r"(?<![\d/.-])(\d{1,2})\s*(?::|h|g|giờ)\s*(\d{2})(?::(\d{2}))?(?!\s*[/.-]\s*\d)", re.I)


def normalise(text: str) -> str:
    """Drop weekdays, time-zone suffixes and labels; collapse separators to single spaces."""
    cleaned = _NOISE.sub(" ", text)
    cleaned = re.sub(r"[|,]", " ", cleaned)
    cleaned = re.sub(r"\s+-\s+", " ", cleaned)
    return re.sub(r"\s+", " ", cleaned).strip()


def in_vietnam(moment: datetime) -> datetime:
    """Attach Asia/Ho_Chi_Minh to a naive local time, or convert an aware one to it."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=VIETNAM)
    return moment.astimezone(VIETNAM)


def _structured(text: str) -> Optional[datetime]:
    if _EPOCH.match(text):
        return datetime.fromtimestamp(int(text), tz=VIETNAM)
    if _ISO.match(text):
        try:
            return in_vietnam(isoparse(text))
        except ValueError:
            return None
    return None


def _with_formats(text: str, formats: Iterable[str]) -> Optional[datetime]:
    for candidate in (text, normalise(text)):
        for layout in formats:
            try:
                return in_vietnam(datetime.strptime(candidate, layout))
            except ValueError:
                continue
    return None


def _day_first(text: str) -> Optional[datetime]:
    cleaned = normalise(text)
    found = _DAY_FIRST.search(cleaned) or _WORDS.search(cleaned)
    if found is None:
        return None
    day, month, year = (int(part) for part in found.groups())
    rest = cleaned[: found.start()] + " " + cleaned[found.end():]
    clock = _TIME.search(rest)
    hour, minute, second = (0, 0, 0)
    if clock:
        hour, minute = int(clock.group(1)), int(clock.group(2))
        second = int(clock.group(3) or 0)
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=VIETNAM)
    except ValueError:
        return None


def parse_date(text: Optional[str], formats: Iterable[str] = ()) -> Optional[datetime]:
    """The instant ``text`` names, in Asia/Ho_Chi_Minh, or ``None`` if it names none."""
    if not text:
        return None
    text = " ".join(text.split())
    return _structured(text) or _with_formats(text, formats) or _day_first(text)


def has_clock_time(text: str) -> bool:
    """Whether ``text`` carries a time of day (a date-only JSON-LD value does not)."""
    text = text.strip()
    return bool(_EPOCH.match(text) or _TIME.search(normalise(text)))
