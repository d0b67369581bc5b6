"""Crawl health verdicts against each outlet's own baseline, and the alerts they raise."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from genderwatch.jobs import JobContext
from genderwatch.jobs.health import check_health
from genderwatch.settings import load_settings
from store.alerts import open_alerts, update_alerts
from store.health import crawl_health
from store.models import CrawlAlert
from store.types import utcnow
from tests.scheduler.conftest import SmtpSink, free_port
from tests.scheduler.seeding import add_articles, add_outlet, add_run, days

NOW = datetime(2025, 12, 31, 3, tzinfo=timezone.utc)  # 10:00 on 31/12 in Vietnam
HOUR = timedelta(hours=1)


def _seed_outlets(session: Session) -> None:
    """One outlet per verdict; the newest publication day of any outlet is 30/12/2025."""
    start = date(2025, 11, 1)
    add_outlet(session, "green")
    add_articles(session, "green", days(start, date(2025, 12, 30)), per_day=2)
    add_articles(session, "green", [date(2026, 3, 1)])  # a wrong future date moves nothing
    add_run(session, "green", "finished", NOW - HOUR)
    add_outlet(session, "silent")  # 2 a day, then nothing after 10/12: 20 silent days
    add_articles(session, "silent", days(start, date(2025, 12, 10)), per_day=2)
    add_run(session, "silent", "finished", NOW - HOUR)
    add_outlet(session, "quiet")  # one article every 4 days: long gaps are its normal pace
    add_articles(session, "quiet", days(date(2025, 11, 2), date(2025, 12, 27), step=4))
    add_run(session, "quiet", "finished", NOW - HOUR)
    add_outlet(session, "slowing")  # one every 2 days, last on 19/12: 11 days, about 5.5 expected
    add_articles(session, "slowing", days(start, date(2025, 12, 20), step=2))
    add_run(session, "slowing", "finished", NOW - HOUR)
    add_outlet(session, "dropping")  # 10 a day, then 1 a day in the last week
    add_articles(session, "dropping", days(start, date(2025, 12, 23)), per_day=10)
    add_articles(session, "dropping", days(date(2025, 12, 24), date(2025, 12, 30)))
    add_run(session, "dropping", "finished", NOW - HOUR)
    add_outlet(session, "stale")  # articles fine, but no crawl has finished for two days
    add_articles(session, "stale", days(start, date(2025, 12, 30)), per_day=2)
    add_run(session, "stale", "finished", NOW - 48 * HOUR)
    add_outlet(session, "failing")  # the latest crawl failed, the one before worked
    add_articles(session, "failing", days(start, date(2025, 12, 30)), per_day=2)
    add_run(session, "failing", "finished", NOW - 3 * HOUR)
    add_run(session, "failing", "failed", NOW - HOUR)
    add_outlet(session, "new")  # in the registry, never crawled
    add_outlet(session, "empty")  # crawled, nothing stored
    add_run(session, "empty", "finished", NOW - HOUR)
    session.commit()


def test_verdicts_follow_each_outlet_baseline(db_engine: Engine) -> None:
    with Session(db_engine) as session:
        _seed_outlets(session)
        health = crawl_health(session, ["green", "silent", "quiet", "slowing", "dropping", "stale", "failing",
                                        "new", "empty"], now=NOW)
    verdicts = {outlet_id: (item.status, item.reason["vi"]) for outlet_id, item in health.items()}
    assert health["green"].reference_day == date(2025, 12, 30)
    assert verdicts["green"][0] == "green" and verdicts["green"][1].startswith("Bình thường: 2,0 bài/ngày")
    assert health["green"].articles_recent == 14 and health["green"].baseline_per_day == 2.0
    assert verdicts["silent"] == ("red", "Không có bài mới từ 10/12/2025 (20 ngày; thường lệ 2,0 bài/ngày).")
    assert health["silent"].reason["en"] == "No new article since 2025-12-10 (20 days; usually 2.0 articles/day)."
    assert verdicts["quiet"][0] == "green"
    assert verdicts["slowing"] == ("amber", "Không có bài mới từ 19/12/2025 (11 ngày; thường lệ 0,5 bài/ngày).")
    assert verdicts["dropping"] == ("red", "Số bài giảm mạnh: 7 bài trong 7 ngày qua, thường lệ khoảng 70.")
    assert verdicts["stale"] == ("red", "Không thu thập thành công từ 10:10 29/12/2025.")
    assert verdicts["failing"] == ("amber", "Lần thu thập gần nhất (09:00 31/12/2025) bị lỗi.")
    assert verdicts["new"] == ("amber", "Chưa thu thập lần nào.")
    assert verdicts["empty"] == ("red", "Đã thu thập nhưng chưa lấy được bài nào.")


def test_one_alert_per_incident_resolved_on_recovery(db_engine: Engine) -> None:
    with Session(db_engine) as session:
        _seed_outlets(session)
        ids = ["green", "silent", "slowing", "dropping"]
        first = update_alerts(session, crawl_health(session, ids, now=NOW), now=NOW)
        session.commit()
        assert sorted(alert.outlet_id for alert in first.opened) == ["dropping", "silent"]
        again = update_alerts(session, crawl_health(session, ids, now=NOW), now=NOW)
        session.commit()
        assert again.opened == [] and again.resolved == []
        add_articles(session, "silent", days(date(2025, 12, 29), date(2025, 12, 30)), per_day=2)
        recovered = update_alerts(session, crawl_health(session, ids, now=NOW), now=NOW)
        session.commit()
        assert [alert.outlet_id for alert in recovered.resolved] == ["silent"]
        assert [alert.outlet_id for alert in open_alerts(session)] == ["dropping"]
        silent_alert = session.exec(select(CrawlAlert).where(CrawlAlert.outlet_id == "silent")).one()
        assert silent_alert.reason.startswith("Không có bài mới từ 10/12/2025")
        assert silent_alert.resolved_at == NOW


def _silent_and_green(engine: Engine) -> None:
    """A red and a green outlet relative to today, for the job that uses the real clock."""
    today = utcnow().astimezone(timezone(timedelta(hours=7))).date()
    with Session(engine) as session:
        add_outlet(session, "baolaocai", name="Báo Lào Cai")
        add_articles(session, "baolaocai", days(today - timedelta(days=60), today - timedelta(days=30)), per_day=3)
        add_run(session, "baolaocai", "finished", utcnow() - HOUR)
        add_outlet(session, "baonghean", name="Báo Nghệ An")
        add_articles(session, "baonghean", days(today - timedelta(days=60), today), per_day=3)
        add_run(session, "baonghean", "finished", utcnow() - HOUR)
        session.commit()


def test_health_job_records_and_emails_an_alert(db_engine: Engine, tmp_path: Path, smtp_sink: SmtpSink) -> None:
    sink = smtp_sink
    _silent_and_green(db_engine)
    settings = load_settings(data_dir=tmp_path, smtp_host="127.0.0.1", smtp_port=sink.port,
                             smtp_from="genderwatch@example.vn", alert_to=["giamsat@example.vn"])
    detail = check_health(JobContext(settings, db_engine), "")
    assert detail["red"] == ["baolaocai"] and detail["alerts_opened"] == ["baolaocai"] and detail["emailed"] == 1
    assert len(sink.messages) == 1
    recipients, raw = sink.messages[0]
    message = message_from_bytes(raw)
    assert recipients == ["giamsat@example.vn"]
    assert str(make_header(decode_header(message["Subject"]))).startswith("[genderwatch] Cảnh báo thu thập: 1 cơ quan")
    body = message.get_payload(decode=True).decode("utf-8")
    assert "Báo Lào Cai (baolaocai): Không có bài mới từ" in body and "No new article since" in body
    assert "baonghean" not in body
    again = check_health(JobContext(settings, db_engine), "")
    assert again["alerts_opened"] == [] and again["emailed"] == 0 and len(sink.messages) == 1
    with Session(db_engine) as session:
        alert = session.exec(select(CrawlAlert)).one()
        assert alert.notified_at is not None and alert.notify_error is None


def test_unreachable_mail_server_is_recorded_and_retried(db_engine: Engine, tmp_path: Path,
                                                         smtp_sink: SmtpSink) -> None:
    sink = smtp_sink
    _silent_and_green(db_engine)
    closed = load_settings(data_dir=tmp_path, smtp_host="127.0.0.1", smtp_port=free_port(),
                           alert_to=["giamsat@example.vn"])
    detail = check_health(JobContext(closed, db_engine), "")
    assert detail["alerts_opened"] == ["baolaocai"] and detail["emailed"] == 0
    with Session(db_engine) as session:
        alert = session.exec(select(CrawlAlert)).one()
        assert alert.notified_at is None and "ConnectionRefusedError" in (alert.notify_error or "")
    working = closed.model_copy(update={"smtp_port": sink.port})
    assert check_health(JobContext(working, db_engine), "")["emailed"] == 1
    assert len(sink.messages) == 1
