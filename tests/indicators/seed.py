"""A small hand-built dataset whose indicator values are worked out by hand in the tests.

Outlet ``baolaocai`` (province Lào Cai), November 2025, 50 own articles a0..a49, article i
published on 1 November + (i mod 30) days:

- people: a0-a29 one woman + one man each; a30-a39 two men + one person of unknown gender;
  a40-a49 nobody. Women 30, men 50, unknown 10.
- women: a0-a11 quoted directly (2 direct quote rows each), a12-a17 indirectly; a0-a4 experts;
  a0-a11 family role; a0-a5 age given; a0-a9 occupation given ("Giám đốc").
- the man of a0-a29: a0-a17 quoted directly (1 quote row each); a0-a9 experts; a0-a4
  occupation given; a0-a9 age given. The first man of a30-a39: indirect quote, family role
  (a30-a34), and none of them has an occupation.
- article flags: women_central a0-a9; topic gender equality a0-a2, GBV a3-a4;
  topics.challenges_stereotypes assessed (false) on a40-a49 only.
- bylines: a0-a19 one woman, a20-a39 one man, a40-a44 one woman and one man, a45-a49 unknown.
- findings (outlet voice unless said): a0 overt; a1 overt, rejected; a2 subtle, confirmed;
  a3 subtle gbv_framing and an overt one in a quote; a4 overt, article rejected then finding
  confirmed; a5 subtle, contested; a6 subtle recategorised to gender_marking; a7 overt,
  confirmed then rejected; a45 (no people) overt.

Excluded from every figure: wire copy, a syndicated copy, a failed analysis and a superseded
analysis, each full of women. October 2025 has 40 articles with one woman and two men each.
Outlet ``baosapa`` (Lào Cai) has 5 November articles with one woman and one man each and a
submitted 2025 self-assessment; ``baobacha`` (Lào Cai) has no data; ``baotuyenquang`` is in
another province.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from store.models import (
    Analysis,
    Article,
    Finding,
    Outlet,
    Person,
    Quote,
    Review,
    SelfAssessment,
    User,
)

MONITORED = "baolaocai"
PROVINCE = "Lào Cai"
VN = timezone(timedelta(hours=7))


class Seeder:
    """Writes articles with their analysis, people, quotes and findings."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.count = 0

    def article(self, outlet_id: str, day: date, *, analysed: bool = True, **article_fields: Any) -> Article:
        self.count += 1
        article = Article(
            outlet_id=outlet_id, url=f"https://{outlet_id}.vn/bai-{self.count}.html",
            title=article_fields.pop("title", f"Tin bài số {self.count}"), body="Nội dung.",
            content_hash=f"{self.count:064d}", extractor_version="seed",
            published_at=datetime(day.year, day.month, day.day, 8, tzinfo=VN), published_date=day,
            **article_fields,
        )
        self.session.add(article)
        self.session.flush()
        return article

    def analysis(self, article: Article, *, version: str = "v1", current: bool = True,
                 **fields: Any) -> Analysis:
        analysis = Analysis(article_id=article.id, analyser_version=version, outlet_id=article.outlet_id,
                            published_date=article.published_date, is_current=current, **fields)
        self.session.add(analysis)
        self.session.flush()
        return analysis

    def person(self, analysis: Analysis, gender: str, quotes: int = 0, **fields: Any) -> Person:
        person = Person(analysis_id=analysis.id, name=f"Người {gender}", gender=gender, **fields)
        analysis.people_count += 1  # as store.analyses.save_analysis records it
        self.session.add_all([person, analysis])
        self.session.flush()
        kind = "indirect" if fields.get("quoted") == "indirect" else "direct"
        for _ in range(quotes):
            self.session.add(Quote(analysis_id=analysis.id, person_id=person.id, speaker=person.name,
                                   speaker_gender=gender, kind=kind, text="…", start_offset=0, end_offset=1))
        return person

    def finding(self, analysis: Analysis, severity: str, voice: str = "outlet",
                category: str = "appearance") -> Finding:
        finding = Finding(analysis_id=analysis.id, category=category, severity=severity, voice=voice,
                          evidence="xinh đẹp", start_offset=0, end_offset=8,
                          sentence="Nữ phó chủ tịch xã xinh đẹp.", confidence=0.9, source="rule",
                          explanation="Nhấn mạnh ngoại hình không liên quan đến tin.")
        self.session.add(finding)
        self.session.flush()
        return finding


def _review(session: Session, reviewer: User, minute: int, verdict: str, *, finding: Finding | None = None,
            article: Article | None = None, new_category: str | None = None) -> None:
    session.add(Review(
        finding_id=finding.id if finding else None, article_id=article.id if article else None,
        reviewer_id=reviewer.id, verdict=verdict, new_category=new_category,
        created_at=datetime(2025, 12, 5, 9, minute, tzinfo=timezone.utc),
    ))


def _november(seed: Seeder, reviewer: User) -> None:
    session = seed.session
    for i in range(50):
        day = date(2025, 11, 1) + timedelta(days=i % 30)
        byline = (1, 0) if i < 20 else (0, 1) if i < 40 else (1, 1) if i < 45 else (None, None)
        topics: dict[str, bool] = {"gender_equality": i < 3, "gbv": 3 <= i < 5}
        if i >= 40:
            topics["challenges_stereotypes"] = False
        article = seed.article(MONITORED, day, title=f"Bài a{i}")
        analysis = seed.analysis(
            article, women_central=i < 10, topic_gender_equality=i < 3, topic_gbv=3 <= i < 5,
            topics=topics, byline_women=byline[0], byline_men=byline[1],
        )
        if i < 30:
            seed.person(
                analysis, "female", quotes=2 if i < 12 else 0,
                quoted="direct" if i < 12 else "indirect" if i < 18 else "none",
                function="expert" if i < 5 else "subject", family_role=i < 12, age_given=i < 6,
                occupation="Giám đốc" if i < 10 else None,
            )
            seed.person(
                analysis, "male", quotes=1 if i < 18 else 0, quoted="direct" if i < 18 else "none",
                function="expert" if i < 10 else "subject", age_given=i < 10,
                occupation="Chủ tịch UBND xã" if i < 5 else None,
            )
        elif i < 40:
            seed.person(analysis, "male", quoted="indirect", family_role=i < 35)
            seed.person(analysis, "male")
            seed.person(analysis, "unknown")
        if i == 40:  # a direct quote nobody could be linked to: no gender, not counted
            session.add(Quote(analysis_id=analysis.id, kind="direct", text="…", start_offset=0, end_offset=1))
        _findings(seed, reviewer, i, article, analysis)


def _findings(seed: Seeder, reviewer: User, i: int, article: Article, analysis: Analysis) -> None:
    session = seed.session
    if i == 0:
        seed.finding(analysis, "overt")
    elif i == 1:
        _review(session, reviewer, 1, "reject", finding=seed.finding(analysis, "overt"))
    elif i == 2:
        _review(session, reviewer, 2, "confirm", finding=seed.finding(analysis, "subtle", category="domestic_role"))
    elif i == 3:
        seed.finding(analysis, "subtle", category="gbv_framing")
        seed.finding(analysis, "overt", voice="quote")
    elif i == 4:
        finding = seed.finding(analysis, "overt")
        _review(session, reviewer, 3, "reject", article=article)
        _review(session, reviewer, 4, "confirm", finding=finding)
    elif i == 5:
        _review(session, reviewer, 5, "contest", finding=seed.finding(analysis, "subtle"))
    elif i == 6:
        _review(session, reviewer, 6, "recategorise", finding=seed.finding(analysis, "subtle"),
                new_category="gender_marking")
    elif i == 7:
        finding = seed.finding(analysis, "overt")
        _review(session, reviewer, 7, "confirm", finding=finding)
        _review(session, reviewer, 8, "reject", finding=finding)
    elif i == 45:
        seed.finding(analysis, "overt")


def _excluded(seed: Seeder) -> None:
    """Material that must not move any figure."""
    day = date(2025, 11, 10)
    wire = seed.article(MONITORED, day, wire_source="TTXVN")
    original = seed.article("baotuyenquang", day)
    copy = seed.article(MONITORED, day, syndicated_from_id=original.id)
    failed = seed.article(MONITORED, day)
    for article, fields in ((wire, {}), (copy, {}), (failed, {"error": "không đọc được"})):
        analysis = seed.analysis(article, byline_women=3, women_central=True, **fields)
        for _ in range(5):
            seed.person(analysis, "female", quoted="direct", quotes=1)
        seed.finding(analysis, "overt")
    superseded = seed.analysis(seed.article(MONITORED, day), version="v0", current=False)
    for _ in range(5):
        seed.person(superseded, "female")


def seed_dataset(engine: Engine) -> None:
    """Write the whole dataset described in the module docstring."""
    with Session(engine) as session:
        for outlet_id, name, province in (
            (MONITORED, "Báo và Phát thanh, Truyền hình Lào Cai", PROVINCE),
            ("baosapa", "Báo Sa Pa", PROVINCE),
            ("baobacha", "Báo Bắc Hà", PROVINCE),
            ("baotuyenquang", "Báo Tuyên Quang", "Tuyên Quang"),
        ):
            session.add(Outlet(id=outlet_id, name=name, province=province, host=f"{outlet_id}.vn"))
        reviewer = User(username="giamsat", password_hash="x", role="monitor", province=PROVINCE)
        session.add(reviewer)
        session.flush()
        seed = Seeder(session)
        _november(seed, reviewer)
        _excluded(seed)
        for i in range(40):
            analysis = seed.analysis(seed.article(MONITORED, date(2025, 10, 1) + timedelta(days=i % 31)))
            seed.person(analysis, "female")
            seed.person(analysis, "male")
            seed.person(analysis, "male")
        for i in range(5):
            analysis = seed.analysis(seed.article("baosapa", date(2025, 11, 3 + i)))
            seed.person(analysis, "female")
            seed.person(analysis, "male")
        session.add(SelfAssessment(outlet_id="baosapa", year=2025, status="submitted", answers={}))
        session.commit()
