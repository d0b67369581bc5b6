"""A demo outlet stops publishing: after a real crawl it turns red, on the dashboard too, and
an alert is recorded and e-mailed."""

from __future__ import annotations

import json
from datetime import date
from email import message_from_bytes
from pathlib import Path

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from crawler.demo_web.corpus import CORPUS_DIR
from crawler.demo_web.server import DemoWeb
from dashboard.app import create_app
from genderwatch.context import open_store
from genderwatch.scheduling.executor import JobExecutor
from genderwatch.settings import load_settings
from store.accounts import create_user
from store.migrate import upgrade_to_head
from store.models import CrawlAlert
from tests.dashboard.conftest import sign_in
from tests.scheduler.conftest import SmtpSink, write_subset_registry

STOPPED, RUNNING = "demo-quangninh", "demo-laocai"
STOP_DAY = date(2025, 11, 10)


def _last_publication_before(outlet_id: str, day: date) -> date:
    lines = (CORPUS_DIR / f"{outlet_id}.jsonl").read_text(encoding="utf-8").splitlines()
    published = [date.fromisoformat(json.loads(line)["published_at"][:10]) for line in lines if line.strip()]
    return max(when for when in published if when < day)


def test_an_outlet_that_stops_publishing_turns_red_and_raises_an_alert(tmp_path: Path, smtp_sink: SmtpSink) -> None:
    with DemoWeb(port=0, stops={STOPPED: STOP_DAY}) as web:
        registry = write_subset_registry(web, tmp_path / "outlets.yaml", [STOPPED, RUNNING])
        settings = load_settings(data_dir=tmp_path / "data", outlet_registry=registry, smtp_host="127.0.0.1",
                                 smtp_port=smtp_sink.port, alert_to=["giamsat@example.vn"])
        engine = open_store(settings)
        upgrade_to_head(engine)
        executor = JobExecutor(settings, engine, "test")
        crawled = executor.run("crawl:*")
        assert crawled.status == "succeeded", crawled.error
        health = executor.run("health")
    assert health.status == "succeeded"
    assert health.detail["red"] == [STOPPED] and health.detail["alerts_opened"] == [STOPPED]
    assert health.detail["emailed"] == 1
    last = _last_publication_before(STOPPED, STOP_DAY)
    with Session(engine) as session:
        create_user(session, "quantri", "mat-khau-quan-tri", "admin")
        session.commit()
        alert = session.exec(select(CrawlAlert)).one()
    assert alert.outlet_id == STOPPED and alert.resolved_at is None and alert.notified_at is not None
    assert alert.reason.startswith(f"Không có bài mới từ {last:%d/%m/%Y}")
    body = message_from_bytes(smtp_sink.messages[0][1]).get_payload(decode=True).decode("utf-8")
    assert f"Báo Quảng Ninh (mô phỏng) ({STOPPED}): {alert.reason}" in body

    with TestClient(create_app(settings, engine)) as client:
        sign_in(client, "quantri", "mat-khau-quan-tri")
        for page in ("/registry", "/"):
            html = client.get(page).text
            stopped_row = html[html.index(f"/outlets/{STOPPED}"):]
            stopped_row = stopped_row[:stopped_row.index("</tr>")]
            assert 'class="badge badge-miss health-red">Báo động</span>' in stopped_row, page
            assert alert.reason in stopped_row
            running_row = html[html.index(f"/outlets/{RUNNING}"):]
            assert 'health-green">Ổn định</span>' in running_row[:running_row.index("</tr>")], page
