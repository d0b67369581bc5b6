"""The tables of the design (architecture.md §3).

Each stage writes its own tables and stamps its own version, so any stage can be re-run
over stored data: the crawler fills ``article`` and ``article_version``; the analyser writes
one ``analysis`` per article and analyser version with its ``person``, ``quote`` and
``finding`` rows; monitors' ``review`` rows override model output; the indicator engine
writes ``indicator_value``. Schema changes go through Alembic (``store/migrations``) only.

Conventions:
- instants are :class:`~store.types.UTCDateTime` (aware, stored as UTC);
- ``published_date`` is the publication day in Asia/Ho_Chi_Minh, so that per-period
  queries filter on a plain date range on both SQLite and PostgreSQL;
- closed vocabularies are strings guarded by CHECK constraints, so bad values fail at
  insert time on every database.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Optional

from sqlalchemy import JSON, CheckConstraint, Column, Float, Index, LargeBinary, Table, Unicode, UniqueConstraint
from sqlmodel import Field, SQLModel

from store.types import QueriedJSON, UTCDateTime, utcnow

GENDERS = ("female", "male", "unknown")
QUOTE_KINDS = ("direct", "indirect", "none")
FUNCTIONS = (
    "subject",
    "spokesperson",
    "expert",
    "personal_experience",
    "eyewitness",
    "popular_opinion",
    "other",
)
CATEGORIES = (
    "appearance",
    "objectifying_metaphor",
    "family_identity",
    "domestic_role",
    "weak_emotional",
    "competence_surprise",
    "derogatory_label",
    "age_marital",
    "gbv_framing",
    "male_norms",
    "gender_marking",
    "occupation_norms",
    "ad_gender_roles",
)
SEVERITIES = ("overt", "subtle")
VOICES = ("outlet", "quote")
FINDING_SOURCES = ("rule", "model", "rule+model")
ROLES = ("admin", "monitor", "editor")
VERDICTS = ("confirm", "reject", "recategorise", "contest")
PERIOD_KINDS = ("month", "quarter", "year", "action_month", "custom")

# Deterministic constraint names, so migrations can alter them on SQLite and PostgreSQL alike.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _one_of(column: str, values: tuple[str, ...]) -> CheckConstraint:
    """CHECK that ``column`` holds one of ``values``; named after the column."""
    allowed = ", ".join(f"'{value}'" for value in values)
    return CheckConstraint(f"{column} IN ({allowed})", name=column)


def _instant(nullable: bool = False, **kwargs: Any) -> Any:
    return Field(sa_type=UTCDateTime(), nullable=nullable, **kwargs)


class Outlet(SQLModel, table=True):
    """A merged provincial outlet; mirrors one entry of ``config/outlets.yaml``."""

    __tablename__ = "outlet"

    id: str = Field(primary_key=True, max_length=64, description="Registry slug, e.g. 'baolaocai'.")
    name: str = Field(max_length=255)
    province: str = Field(max_length=128, index=True)
    host: str = Field(max_length=255, unique=True)
    aliases: list[str] = Field(default_factory=list, sa_type=JSON, nullable=False)
    cms_family: Optional[str] = Field(default=None, max_length=64)
    active: bool = Field(default=True)
    created_at: datetime = _instant(default_factory=utcnow)


class CrawlRun(SQLModel, table=True):
    """One crawl invocation; counts let crawl health compare runs over time."""

    __tablename__ = "crawl_run"
    __table_args__ = (
        _one_of("status", ("running", "finished", "failed", "interrupted")),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    outlet_id: Optional[str] = Field(default=None, foreign_key="outlet.id", index=True)
    started_at: datetime = _instant(default_factory=utcnow)
    finished_at: Optional[datetime] = _instant(nullable=True, default=None)
    status: str = Field(default="running", max_length=16)
    pages_fetched: int = Field(default=0)
    articles_new: int = Field(default=0)
    articles_updated: int = Field(default=0)
    errors: int = Field(default=0)
    stats: dict[str, Any] = Field(default_factory=dict, sa_type=JSON, nullable=False)


class Article(SQLModel, table=True):
    """The latest extracted version of one article, keyed by its canonical URL."""

    __tablename__ = "article"
    __table_args__ = (
        Index("ix_article_outlet_date", "outlet_id", "published_date"),
        _one_of("media_kind", ("text", "video", "audio")),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    outlet_id: str = Field(foreign_key="outlet.id", max_length=64)
    url: str = Field(max_length=2048, sa_column_kwargs={"unique": True})
    title: str
    lead: Optional[str] = None
    body: str
    authors: list[str] = Field(default_factory=list, sa_type=JSON, nullable=False)
    byline: Optional[str] = Field(default=None, description="Byline text as printed.")
    wire_source: Optional[str] = Field(
        default=None, max_length=128, description="Agency for wire copy, e.g. 'TTXVN'."
    )
    published_at: Optional[datetime] = _instant(nullable=True, default=None)
    published_date: Optional[date] = Field(default=None, description="Day in Asia/Ho_Chi_Minh.")
    section: Optional[str] = Field(default=None, max_length=255)
    captions: list[str] = Field(default_factory=list, sa_type=JSON, nullable=False)
    media_kind: str = Field(default="text", max_length=8)
    content_hash: str = Field(max_length=64, index=True)
    raw_sha256: Optional[str] = Field(
        default=None, max_length=64, description="Content address of the stored raw page."
    )
    syndicated_from_id: Optional[int] = Field(
        default=None, foreign_key="article.id", index=True,
        description="Earlier article this one copies (near-duplicate across outlets).",
    )
    extractor_version: str = Field(max_length=32)
    first_seen_at: datetime = _instant(default_factory=utcnow)
    updated_at: datetime = _instant(default_factory=utcnow)


class ArticleVersion(SQLModel, table=True):
    """Every distinct content an article URL has had; edits after publication are kept."""

    __tablename__ = "article_version"
    __table_args__ = (UniqueConstraint("article_id", "content_hash", name="uq_article_version"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    content_hash: str = Field(max_length=64)
    title: str
    lead: Optional[str] = None
    body: str
    raw_sha256: Optional[str] = Field(default=None, max_length=64)
    extractor_version: str = Field(max_length=32)
    fetched_at: datetime = _instant(default_factory=utcnow)


class Analysis(SQLModel, table=True):
    """The analyser's verdict on one article by one analyser version.

    ``outlet_id`` and ``published_date`` repeat the article's so that indicator aggregates
    over millions of rows need no join; ``is_current`` marks the analysis that counts.
    """

    __tablename__ = "analysis"
    __table_args__ = (
        UniqueConstraint("article_id", "analyser_version", "content_hash",
                         name="uq_analysis_version_content"),
        Index("ix_analysis_current_outlet_date", "is_current", "outlet_id", "published_date"),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    analyser_version: str = Field(max_length=128)
    outlet_id: str = Field(foreign_key="outlet.id", max_length=64)
    published_date: Optional[date] = None
    is_current: bool = Field(default=True)
    stereotyped: bool = Field(default=False)
    stereotype_score: float = Field(default=0.0)
    topic_gender_equality: bool = Field(default=False)
    topic_gbv: bool = Field(default=False)
    topics: dict[str, bool] = Field(default_factory=dict, sa_type=QueriedJSON, nullable=False)
    women_central: bool = Field(default=False)
    error: Optional[str] = Field(default=None, description="Why the text could not be analysed.")
    created_at: datetime = _instant(default_factory=utcnow)
    byline_women: Optional[int] = Field(
        default=None, ge=0, description="Byline authors identified as women (C21/C22); NULL = not assessed."
    )
    byline_men: Optional[int] = Field(
        default=None, ge=0, description="Byline authors identified as men (C21/C22); NULL = not assessed."
    )
    content_hash: Optional[str] = Field(
        default=None, max_length=64,
        description="The article's content_hash when it was analysed; NULL = analysed before 0006.",
    )
    people_count: int = Field(
        default=0, ge=0, sa_column_kwargs={"server_default": "0"},
        description="People in the news found (its person rows), so 'articles with people' needs no join.",
    )


class Person(SQLModel, table=True):
    """A person in the news, after within-article coreference (one row per person)."""

    __tablename__ = "person"
    __table_args__ = (
        _one_of("gender", GENDERS),
        _one_of("quoted", QUOTE_KINDS),
        _one_of("function", FUNCTIONS),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    analysis_id: int = Field(foreign_key="analysis.id", index=True)
    name: str = Field(max_length=255)
    gender: str = Field(max_length=8)
    gender_evidence: Optional[str] = Field(default=None, max_length=255)
    quoted: str = Field(default="none", max_length=8)
    function: str = Field(default="other", max_length=24)
    occupation: Optional[str] = Field(default=None, max_length=255)
    occupation_group: Optional[int] = Field(
        default=None, ge=0, le=27, description="GMMP occupation code 0-27."
    )
    family_role: bool = False
    age_given: bool = False
    appearance_described: bool = False
    victim: bool = False
    survivor: bool = False
    mentions: list[list[int]] = Field(default_factory=list, sa_type=JSON, nullable=False)


class Quote(SQLModel, table=True):
    """A direct or indirect quote with character offsets into the analysed text."""

    __tablename__ = "quote"
    __table_args__ = (
        _one_of("kind", ("direct", "indirect")),
        _one_of("speaker_gender", GENDERS),
        CheckConstraint("start_offset <= end_offset", name="span"),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    analysis_id: int = Field(foreign_key="analysis.id", index=True)
    person_id: Optional[int] = Field(default=None, foreign_key="person.id")
    speaker: Optional[str] = Field(default=None, max_length=255)
    speaker_gender: str = Field(
        default="unknown", max_length=8, sa_column_kwargs={"server_default": "unknown"},
        description="The linked person's gender (unknown without one), so quote indicators need no join.",
    )
    kind: str = Field(max_length=8)
    text: str
    start_offset: int = Field(ge=0)
    end_offset: int = Field(ge=0)


class Finding(SQLModel, table=True):
    """A stereotype finding with its evidence span, explanation and suggested rewrite."""

    __tablename__ = "finding"
    __table_args__ = (
        _one_of("category", CATEGORIES),
        _one_of("severity", SEVERITIES),
        _one_of("voice", VOICES),
        _one_of("source", FINDING_SOURCES),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence"),
        CheckConstraint("start_offset <= end_offset", name="span"),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    analysis_id: int = Field(foreign_key="analysis.id", index=True)
    category: str = Field(max_length=32)
    severity: str = Field(max_length=8)
    voice: str = Field(max_length=8)
    evidence: str
    start_offset: int = Field(ge=0)
    end_offset: int = Field(ge=0)
    sentence: str
    confidence: float
    source: str = Field(max_length=16)
    explanation: str
    suggestion: Optional[str] = None


class User(SQLModel, table=True):
    """A dashboard account. Editors are scoped to one outlet, monitors to a province."""

    __tablename__ = "user"
    __table_args__ = (
        _one_of("role", ROLES),
        CheckConstraint("role <> 'editor' OR outlet_id IS NOT NULL", name="editor_outlet"),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, sa_column_kwargs={"unique": True})
    full_name: str = Field(default="", max_length=255)
    password_hash: str = Field(max_length=255)
    role: str = Field(max_length=16)
    outlet_id: Optional[str] = Field(default=None, foreign_key="outlet.id")
    province: Optional[str] = Field(default=None, max_length=128)
    active: bool = True
    created_at: datetime = _instant(default_factory=utcnow)
    last_login_at: Optional[datetime] = _instant(nullable=True, default=None)


class Review(SQLModel, table=True):
    """A human decision on a finding (or a whole article) that overrides the model."""

    __tablename__ = "review"
    __table_args__ = (
        _one_of("verdict", VERDICTS),
        CheckConstraint(
            "finding_id IS NOT NULL OR article_id IS NOT NULL", name="target"
        ),
        CheckConstraint(
            "verdict <> 'recategorise' OR new_category IS NOT NULL", name="category"
        ),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    finding_id: Optional[int] = Field(default=None, foreign_key="finding.id", index=True)
    article_id: Optional[int] = Field(default=None, foreign_key="article.id", index=True)
    reviewer_id: int = Field(foreign_key="user.id")
    verdict: str = Field(max_length=16)
    new_category: Optional[str] = Field(default=None, max_length=32)
    note: str = ""
    created_at: datetime = _instant(default_factory=utcnow)


class IndicatorValue(SQLModel, table=True):
    """One indicator for one outlet and period, with its Wilson interval and target check."""

    __tablename__ = "indicator_value"
    __table_args__ = (
        UniqueConstraint(
            "outlet_id", "indicator_id", "period_start", "period_end", name="uq_indicator_value"
        ),
        Index("ix_indicator_value_period", "period_kind", "period_start"),
        _one_of("period_kind", PERIOD_KINDS),
        CheckConstraint("period_start <= period_end", name="period"),
        CheckConstraint("numerator >= 0 AND denominator >= 0", name="counts"),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    outlet_id: str = Field(foreign_key="outlet.id", max_length=64)
    indicator_id: str = Field(max_length=16)
    period_kind: str = Field(max_length=16)
    period_start: date
    period_end: date
    numerator: float = 0
    denominator: float = 0
    value: Optional[float] = None
    ci_low: Optional[float] = None
    ci_high: Optional[float] = None
    target: Optional[float] = None
    met: Optional[bool] = Field(default=None, description="None when not evaluable.")
    sufficient: bool = Field(default=False, description="Denominator reached the minimum sample.")
    inputs_fingerprint: Optional[str] = Field(default=None, max_length=64)
    computed_at: datetime = _instant(default_factory=utcnow)
    target_high: Optional[float] = Field(
        default=None, description="Upper bound when the target is a band (target is the lower one)."
    )
    ref_numerator: Optional[float] = Field(
        default=None, description="Rate ratios only: the reference group's count (e.g. men with the trait)."
    )
    ref_denominator: Optional[float] = Field(
        default=None, description="Rate ratios only: the reference group's size."
    )


class SelfAssessment(SQLModel, table=True):
    """An outlet's organisational (A1-A5) self-assessment for one year."""

    __tablename__ = "self_assessment"
    __table_args__ = (
        UniqueConstraint("outlet_id", "year", name="uq_self_assessment"),
        _one_of("status", ("draft", "submitted")),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    outlet_id: str = Field(foreign_key="outlet.id", max_length=64)
    year: int = Field(ge=2000, le=2100)
    answers: dict[str, Any] = Field(default_factory=dict, sa_type=JSON, nullable=False)
    status: str = Field(default="draft", max_length=16)
    submitted_by: Optional[int] = Field(default=None, foreign_key="user.id")
    submitted_at: Optional[datetime] = _instant(nullable=True, default=None)
    updated_at: datetime = _instant(default_factory=utcnow)


class AuditLog(SQLModel, table=True):
    """Append-only record of review decisions, role changes and other sensitive actions."""

    __tablename__ = "audit_log"

    id: Optional[int] = Field(default=None, primary_key=True)
    at: datetime = _instant(default_factory=utcnow, index=True)
    actor_id: Optional[int] = Field(default=None, foreign_key="user.id")
    action: str = Field(max_length=64)
    object_type: str = Field(max_length=64)
    object_id: Optional[str] = Field(default=None, max_length=64)
    detail: dict[str, Any] = Field(default_factory=dict, sa_type=JSON, nullable=False)


class IndicatorTarget(SQLModel, table=True):
    """A province's own target for one content indicator, replacing the YAML default."""

    __tablename__ = "indicator_target"
    __table_args__ = (
        UniqueConstraint("province", "indicator_id", name="uq_indicator_target"),
        CheckConstraint("target_high IS NULL OR target <= target_high", name="band"),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    province: str = Field(max_length=128)
    indicator_id: str = Field(max_length=16)
    target: float
    target_high: Optional[float] = Field(default=None, description="Upper bound for a band.")
    updated_by: Optional[int] = Field(default=None, foreign_key="user.id")
    updated_at: datetime = _instant(default_factory=utcnow)


# Wire copy and syndicated copies are few; this partial index lets the indicator aggregates
# exclude them with an anti-join that never reads the article bodies.
Index(
    "ix_article_not_own",
    Article.__table__.c.id,  # type: ignore[attr-defined]
    sqlite_where=Article.__table__.c.wire_source.isnot(None)  # type: ignore[attr-defined]
    | Article.__table__.c.syndicated_from_id.isnot(None),  # type: ignore[attr-defined]
    postgresql_where=Article.__table__.c.wire_source.isnot(None)  # type: ignore[attr-defined]
    | Article.__table__.c.syndicated_from_id.isnot(None),  # type: ignore[attr-defined]
)



# -- crawler (issue 3): raw pages, fetch log, conditional GET state, near-duplicate signatures --

FETCH_KINDS = ("robots", "feed", "sitemap", "category", "article")
FETCH_OUTCOMES = ("new", "updated", "unchanged", "not_modified", "parsed", "skipped", "failed")
RAW_PAGE_STATES = ("article", "not_article")


class RawPage(SQLModel, table=True):
    """A fetched page kept compressed and content-addressed, so extraction can be re-run."""

    __tablename__ = "raw_page"
    __table_args__ = (
        UniqueConstraint("url", "sha256", name="uq_raw_page"),
        _one_of("state", RAW_PAGE_STATES),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    outlet_id: str = Field(foreign_key="outlet.id", max_length=64, index=True)
    url: str = Field(max_length=2048, index=True)
    sha256: str = Field(max_length=64, description="SHA-256 of the bytes as served.")
    content_type: Optional[str] = Field(default=None, max_length=255)
    size: int = Field(ge=0)
    state: str = Field(max_length=16, description="Whether extraction found an article in it.")
    fetched_at: datetime = _instant(default_factory=utcnow)


class FetchLog(SQLModel, table=True):
    """One fetch of one URL in one crawl run, with its outcome and, for faults, the reason."""

    __tablename__ = "fetch_log"
    __table_args__ = (
        Index("ix_fetch_log_run_outcome", "crawl_run_id", "outcome"),
        _one_of("kind", FETCH_KINDS),
        _one_of("outcome", FETCH_OUTCOMES),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    crawl_run_id: int = Field(foreign_key="crawl_run.id")
    outlet_id: str = Field(foreign_key="outlet.id", max_length=64)
    url: str = Field(max_length=2048)
    kind: str = Field(max_length=16)
    outcome: str = Field(max_length=16)
    http_status: Optional[int] = None
    reason: Optional[str] = None
    article_id: Optional[int] = Field(default=None, foreign_key="article.id", index=True)
    at: datetime = _instant(default_factory=utcnow)


class ConditionalGet(SQLModel, table=True):
    """Validators of the last feed or sitemap response, sent back as If-None-Match/-Modified-Since."""

    __tablename__ = "conditional_get"

    url: str = Field(primary_key=True, max_length=2048)
    outlet_id: str = Field(foreign_key="outlet.id", max_length=64)
    etag: Optional[str] = Field(default=None, max_length=255)
    last_modified: Optional[str] = Field(default=None, max_length=64)
    checked_at: datetime = _instant(default_factory=utcnow)


class ArticleFingerprint(SQLModel, table=True):
    """MinHash signature of an article's text, for near-duplicate and syndication links."""

    __tablename__ = "article_fingerprint"

    article_id: int = Field(primary_key=True, foreign_key="article.id")
    num_perm: int = Field(ge=1)
    signature: bytes = Field(sa_type=LargeBinary(), nullable=False)


# -- dashboard (issue 7): login throttling that survives restarts, crawl-health index --


class LoginAttempt(SQLModel, table=True):
    """One sign-in attempt; recent failures per account and per client lock sign-in for a while."""

    __tablename__ = "login_attempt"
    __table_args__ = (Index("ix_login_attempt_username_at", "username", "at"),
                      Index("ix_login_attempt_client_at", "client", "at"))

    id: Optional[int] = Field(default=None, primary_key=True)
    at: datetime = _instant(default_factory=utcnow)
    username: str = Field(max_length=64, description="As typed (lower-cased), known account or not.")
    client: str = Field(max_length=64, description="Client address the attempt came from.")
    succeeded: bool = False


# Crawl health reads each outlet's newest collected article and its recent arrival rate.
Index(
    "ix_article_outlet_first_seen",
    Article.__table__.c.outlet_id,  # type: ignore[attr-defined]
    Article.__table__.c.first_seen_at,  # type: ignore[attr-defined]
)


# -- scheduler (issue 8): leader lease, job-run log, crawl-health alerts, APScheduler's job store --

JOB_RUN_STATUSES = ("running", "succeeded", "failed", "abandoned")


class SchedulerLease(SQLModel, table=True):
    """Which scheduler process may run jobs: the holder keeps renewing ``expires_at``.

    A row rather than a PostgreSQL advisory lock so that SQLite and PostgreSQL behave alike and
    an operator can see who leads; a holder that dies loses the lease when it expires.
    """

    __tablename__ = "scheduler_lease"

    name: str = Field(primary_key=True, max_length=64)
    holder: str = Field(max_length=255, description="host:pid:random of the leading process.")
    acquired_at: datetime = _instant()
    renewed_at: datetime = _instant()
    expires_at: datetime = _instant()


class JobRun(SQLModel, table=True):
    """One attempt of one scheduled job: nothing a job does goes unrecorded, failures included."""

    __tablename__ = "job_run"
    __table_args__ = (
        Index("ix_job_run_job_started", "job_id", "started_at"),
        Index("ix_job_run_status", "status"),
        _one_of("status", JOB_RUN_STATUSES),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    job_id: str = Field(max_length=128, description="e.g. 'crawl:baolaocai', 'analyse', 'reports'.")
    attempt: int = Field(default=1, ge=1)
    status: str = Field(default="running", max_length=16)
    holder: str = Field(max_length=255, description="The scheduler process that ran it.")
    started_at: datetime = _instant(default_factory=utcnow)
    finished_at: Optional[datetime] = _instant(nullable=True, default=None)
    duration_s: Optional[float] = None
    error: Optional[str] = None
    retry_at: Optional[datetime] = _instant(nullable=True, default=None)
    detail: dict[str, Any] = Field(default_factory=dict, sa_type=JSON, nullable=False)


class CrawlAlert(SQLModel, table=True):
    """An outlet whose collection turned red: open until its health recovers."""

    __tablename__ = "crawl_alert"
    __table_args__ = (Index("ix_crawl_alert_outlet_resolved", "outlet_id", "resolved_at"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    outlet_id: str = Field(foreign_key="outlet.id", max_length=64)
    reason: str = Field(description="Vietnamese, as shown on the dashboard and in the e-mail.")
    raised_at: datetime = _instant(default_factory=utcnow)
    resolved_at: Optional[datetime] = _instant(nullable=True, default=None)
    notified_at: Optional[datetime] = _instant(nullable=True, default=None)
    notify_error: Optional[str] = None


# The layout of APScheduler 3's SQLAlchemyJobStore table (its default name and columns), created
# by migration 0005 so that the schedule lives in the project's database under Alembic's control.
Table(
    "apscheduler_jobs",
    SQLModel.metadata,
    Column("id", Unicode(191), primary_key=True),
    Column("next_run_time", Float(25), index=True),
    Column("job_state", LargeBinary, nullable=False),
)


__all__ = [
    "Analysis",
    "Article",
    "ArticleFingerprint",
    "ArticleVersion",
    "AuditLog",
    "ConditionalGet",
    "CrawlAlert",
    "CrawlRun",
    "FetchLog",
    "Finding",
    "IndicatorTarget",
    "IndicatorValue",
    "JobRun",
    "LoginAttempt",
    "Outlet",
    "Person",
    "Quote",
    "RawPage",
    "Review",
    "SchedulerLease",
    "SelfAssessment",
    "User",
]
