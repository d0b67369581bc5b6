"""A small, realistic province for the dashboard tests, written through the real store functions.

Two outlets in Lào Cai and one in Nghệ An; November 2025 has 40 analysed articles per outlet
(October 30), each with named women and men, direct and indirect quotes and, in some articles,
stereotype findings whose offsets point at the evidence in the text. Analyses are stored with
``store.analyses.save_analysis`` from contract dictionaries (the analyser's JSON) and the
indicator values with the real ``recompute``. One article carries script and attribute
payloads in its title, lead, body and evidence, to prove that every page renders them inert.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from store.accounts import create_user
from store.analyses import save_analysis
from store.article_views import analysed_text
from store.indicators.recompute import recompute
from store.models import Article, CrawlRun, Outlet

VN = timezone(timedelta(hours=7))
PASSWORD = "mat-khau-thu-nghiem-1"
XSS_TITLE = '<script>alert("tieu-de")</script> Lãnh đạo xã <img src=x onerror=alert(1)>'
XSS_BODY_PAYLOAD = '"><svg onload=alert(2)>'
OUTLETS = (
    ("baolaocai", "Báo và Phát thanh, Truyền hình Lào Cai", "Lào Cai", "baolaocai.vn"),
    ("laocaitv", "Đài Phát thanh và Truyền hình Lào Cai (kênh 2)", "Lào Cai", "laocaitv.vn"),
    ("baonghean", "Báo và Phát thanh, Truyền hình Nghệ An", "Nghệ An", "baonghean.vn"),
)
WOMEN = ("Nguyễn Thị Lan", "Trần Thị Hoa", "Lê Thị Mai", "Phạm Thị Hương", "Hoàng Thị Thu")
MEN = ("Nguyễn Văn Nam", "Trần Văn Hùng", "Lê Văn Dũng", "Phạm Văn Minh", "Vũ Văn Long")
TOPICS = ("nông nghiệp", "y tế", "giáo dục", "giao thông", "du lịch", "chuyển đổi số")


@dataclass(frozen=True)
class Seeded:
    """Ids the tests need: outlets, an article with findings, the payload article."""

    overt_article_id: int  # a Lào Cai article of November with an overt finding
    xss_article_id: int
    month: str = "2025-11"


def _person(name: str, gender: str, text: str, quoted: str, function: str, occupation: str | None) -> dict[str, Any]:
    start = text.index(name)
    return {
        "name": name, "gender": gender, "gender_evidence": "tên đệm 'Thị'" if gender == "female" else "tên đệm 'Văn'",
        "quoted": quoted, "function": function, "occupation": occupation, "occupation_group": 2 if occupation else None,
        "family_role": False, "age_given": False, "appearance_described": False, "victim": False, "survivor": False,
        "mentions": [[start, start + len(name)]],
    }


def _finding(text: str, evidence: str, category: str, severity: str, explanation: str,
             suggestion: str | None) -> dict[str, Any]:
    start = text.index(evidence)
    sentence_start = text.rfind("\n", 0, start) + 1
    sentence_end = text.find(".", start)
    return {
        "category": category, "severity": severity, "voice": "outlet", "evidence": evidence,
        "start": start, "end": start + len(evidence), "sentence": text[sentence_start:sentence_end + 1],
        "confidence": 0.9 if severity == "overt" else 0.75, "source": "rule",
        "explanation": explanation, "suggestion": suggestion,
    }


FINDINGS = (
    ("nữ phó chủ tịch xã xinh đẹp", "appearance", "overt",
     "Bài viết nhấn mạnh ngoại hình của người phụ nữ trong khi câu chuyện không nói về ngoại hình.",
     "Bỏ tính từ về ngoại hình, giới thiệu người đó bằng chức danh và việc họ làm."),
    ("dù là phái yếu nhưng", "weak_emotional", "subtle",
     "Cụm từ coi phụ nữ là \u201cphái yếu\u201d củng cố định kiến rằng phụ nữ yếu đuối.",
     "Nêu trực tiếp thành tích mà không so sánh với định kiến về giới."),
    ("vẫn tất bật về nấu cơm cho chồng", "domestic_role", "subtle",
     "Bài viết đóng khung phụ nữ vào việc nội trợ như một điều đương nhiên.", None),
)


def _article_text(index: int, outlet_name: str, woman: str, man: str, finding: str | None,
                  payload: bool) -> tuple[str, str, str]:
    topic = TOPICS[index % len(TOPICS)]
    title = XSS_TITLE if payload else f"Hội nghị bàn giải pháp phát triển {topic} năm 2025 (số {index})"
    lead = f"Sáng nay, {outlet_name} đưa tin về hội nghị bàn giải pháp phát triển {topic}."
    body = (
        f"Bà {woman}, Giám đốc Sở, cho biết: \u201cChúng tôi sẽ tập trung nguồn lực cho {topic}.\u201d\n"
        f"Ông {man}, chuyên gia kinh tế, nhận định rằng kết quả năm nay khả quan.\n"
    )
    if finding:
        body += f"Đáng chú ý, {finding} vẫn kiên trì vận động bà con tham gia.\n"
    if payload:
        body += f"Người dân phản ánh {XSS_BODY_PAYLOAD} ngay tại hội trường.\n"
    return title, lead, body


def seed_province(engine: Engine, config_dir: Path) -> Seeded:
    """Write the outlets, articles, analyses, users and indicator values; returns useful ids."""
    ids: dict[str, int] = {}
    with Session(engine) as session:
        for outlet_id, name, province, host in OUTLETS:
            session.add(Outlet(id=outlet_id, name=name, province=province, host=host, cms_family="demo"))
        session.flush()
        for outlet_number, (outlet_id, outlet_name, _, host) in enumerate(OUTLETS):
            session.add(CrawlRun(outlet_id=outlet_id, status="finished", pages_fetched=120, articles_new=40,
                                 started_at=datetime(2025, 12, 1, 6, tzinfo=VN),
                                 finished_at=datetime(2025, 12, 1, 6, 20, tzinfo=VN)))
            for month, count in ((10, 30), (11, 40)):
                for index in range(count):
                    day = date(2025, month, 1 + index % 28)
                    finding = FINDINGS[index % 3] if index % 4 == 0 else None
                    payload = outlet_id == "baolaocai" and month == 11 and index == 1
                    woman, man = WOMEN[index % 5], MEN[(index + outlet_number) % 5]
                    title, lead, body = _article_text(index, outlet_name, woman, man,
                                                      finding[0] if finding else None, payload)
                    article = Article(
                        outlet_id=outlet_id, url=f"https://{host}/tin-{month}-{index}.html", title=title, lead=lead,
                        body=body, byline="Thu Hà", content_hash=f"{outlet_id}-{month}-{index}".ljust(64, "0"),
                        extractor_version="test", published_at=datetime(2025, month, day.day, 8, tzinfo=VN),
                        published_date=day, first_seen_at=datetime(2025, month, day.day, 9, tzinfo=VN),
                    )
                    session.add(article)
                    session.flush()
                    text = analysed_text(article)
                    findings = [_finding(text, *finding)] if finding else []
                    if payload:
                        findings.append(_finding(text, XSS_BODY_PAYLOAD, "derogatory_label", "subtle",
                                                 "Bằng chứng chứa ký tự đặc biệt.", None))
                    quote_start = text.index("\u201c")
                    quote_end = text.index("\u201d") + 1
                    result = {
                        "people": [
                            _person(woman, "female", text, "direct", "spokesperson" if index % 2 else "subject", "Giám đốc Sở"),
                            _person(man, "male", text, "indirect", "expert", None),
                        ],
                        "quotes": [
                            {"speaker": woman, "kind": "direct", "text": text[quote_start:quote_end],
                             "start": quote_start, "end": quote_end},
                        ],
                        "findings": findings,
                        "stereotyped": bool(findings), "stereotype_score": 0.9 if findings else 0.1,
                        "topics": {"gender_equality": False, "gbv": False}, "women_central": index % 5 == 0,
                    }
                    save_analysis(session, article, result, "test-analyser-1")
                    if finding and finding[2] == "overt" and outlet_id == "baolaocai" and month == 11:
                        ids.setdefault("overt", article.id)  # type: ignore[arg-type]
                    if payload:
                        ids["xss"] = article.id  # type: ignore[assignment]
        create_user(session, "quantri", PASSWORD, "admin", full_name="Quản trị hệ thống")
        create_user(session, "giamsat", PASSWORD, "monitor", full_name="Đỗ Thị Giám Sát", province="Lào Cai")
        create_user(session, "bientap", PASSWORD, "editor", full_name="Ngô Văn Biên", outlet_id="baolaocai")
        create_user(session, "bientapna", PASSWORD, "editor", full_name="Hồ Thị Tập", outlet_id="baonghean")
        session.commit()
        recompute(session, config_dir=config_dir)
        session.commit()
    return Seeded(overt_article_id=ids["overt"], xss_article_id=ids["xss"])
