"""What the analyser accepts as input, and the one-line reason when it does not.

The analyser reads plain Vietnamese text. Input that is not (empty, HTML markup, another
language, an article longer than any news item) is refused with an :class:`InputError`
whose message says what to do, so the CLI prints one line, ``--jsonl`` reports it for that
line only, and the dashboard answers 422. HTML is refused rather than stripped: the
contract's offsets point into the input, and stripped markup would make every offset wrong.
"""

from __future__ import annotations

import re
import unicodedata

from genderwatch.errors import GenderwatchError

# The longest text analysed: 200,000 characters (about 40,000 words) is several times the
# longest news feature; anything longer is a whole page, a dump or an accident.
MAX_CHARACTERS = 200_000
# Vietnamese prose has a letter with a diacritic (ă â đ ê ô ơ ư or a tone mark) in about a
# quarter of its letters (16 % at least in our gold passages); English has none.
MIN_VIETNAMESE_SHARE = 0.05
_LANGUAGE_SAMPLE_LETTERS = 40
_VIETNAMESE_LETTERS = frozenset(
    "ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
)
_HTML_TAG = re.compile(
    r"<\s*(?:!doctype|html|head|body|div|p|span|a|br|img|script|style|table|tr|td|ul|ol|li|h[1-6]|"
    r"article|section|figure|figcaption|strong|em|meta|link)\b[^>]*>",
    re.IGNORECASE,
)
_HTML_TAGS_TO_REFUSE = 2


class InputError(GenderwatchError):
    """The input cannot be analysed; the message says why and what to do."""


def check_text(text: str) -> None:
    """Raise :class:`InputError` unless ``text`` is plain Vietnamese text of a sane length."""
    if not text.strip():
        raise InputError("empty text: nothing to analyse")
    if len(text) > MAX_CHARACTERS:
        raise InputError(
            f"text too long: {len(text):,} characters (the maximum is {MAX_CHARACTERS:,}); "
            "split it into articles"
        )
    tags = _HTML_TAG.findall(text)
    if len(tags) >= _HTML_TAGS_TO_REFUSE:
        raise InputError(
            f"input looks like HTML, not plain text (found {len(tags)} tags such as "
            f"{tags[0][:20]!r}); extract the article text first (genderwatch extract)"
        )
    letters = [char for char in unicodedata.normalize("NFC", text).lower() if char.isalpha()]
    if len(letters) >= _LANGUAGE_SAMPLE_LETTERS:
        share = sum(char in _VIETNAMESE_LETTERS for char in letters) / len(letters)
        if share < MIN_VIETNAMESE_SHARE:
            raise InputError(
                f"text does not look like Vietnamese with diacritics "
                f"({share:.0%} Vietnamese letters); only Vietnamese news is analysed"
            )


def decode_utf8(data: bytes, where: str = "input") -> str:
    """``data`` as text; invalid UTF-8 is an :class:`InputError` naming the byte offset."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{where} is not valid UTF-8: byte 0x{data[error.start]:02x} at byte offset "
            f"{error.start}"
        ) from None
