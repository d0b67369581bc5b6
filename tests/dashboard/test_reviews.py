"""Review decisions change indicator values at once; contests change nothing and queue the finding."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from store.models import Analysis, AuditLog, Finding, IndicatorValue, Review
from tests.dashboard.conftest import csrf_of
from tests.dashboard.seeding import Seeded


def _overt_finding(app, article_id: int) -> int:
    with Session(app.state.engine) as session:
        return session.execute(
            select(Finding.id).join(Analysis, Analysis.id == Finding.analysis_id)
            .where(Analysis.article_id == article_id, Analysis.is_current.is_(True))
        ).scalars().one()


def _c13(app, period_kind: str = "month") -> tuple[float, float]:
    """Baolaocai's stored C13 (share of articles with overt outlet-voice stereotyping)."""
    with Session(app.state.engine) as session:
        row = session.execute(select(IndicatorValue).where(
            IndicatorValue.outlet_id == "baolaocai", IndicatorValue.indicator_id == "C13",
            IndicatorValue.period_kind == period_kind, IndicatorValue.period_start <= date(2025, 11, 15),
            IndicatorValue.period_end >= date(2025, 11, 15),
        )).scalars().one()
        return row.numerator, row.value


def test_a_monitors_rejection_lowers_the_indicator_in_every_affected_period(app, client_as, seeded: Seeded) -> None:
    finding_id = _overt_finding(app, seeded.overt_article_id)
    before_month, before_quarter = _c13(app), _c13(app, "quarter")
    monitor = client_as("giamsat")
    response = monitor.post(f"/findings/{finding_id}/decision", follow_redirects=False, data={
        "verdict": "reject", "note": "Bài nói về cuộc thi sắc đẹp", "csrf_token": csrf_of(monitor),
        "next": f"/articles/{seeded.overt_article_id}"})
    assert response.status_code == 303
    assert _c13(app)[0] == before_month[0] - 1
    assert _c13(app)[1] < before_month[1]
    assert _c13(app, "quarter")[0] == before_quarter[0] - 1
    page = monitor.get(f"/articles/{seeded.overt_article_id}").text
    assert "Đã bác bỏ" in page and "Bài nói về cuộc thi sắc đẹp" in page
    assert 'class="cat cat-appearance"' not in page  # a rejected finding is no longer highlighted
    with Session(app.state.engine) as session:
        audit = session.execute(select(AuditLog).where(AuditLog.action == "review.reject")).scalars().one()
        assert audit.object_id == str(finding_id) and audit.detail["note"] == "Bài nói về cuộc thi sắc đẹp"


def test_recategorising_needs_a_valid_new_category(app, client_as, seeded: Seeded) -> None:
    finding_id = _overt_finding(app, seeded.overt_article_id)
    monitor = client_as("giamsat")
    token = csrf_of(monitor)
    refused = monitor.post(f"/findings/{finding_id}/decision", data={"verdict": "recategorise", "csrf_token": token})
    assert refused.status_code == 400 and "nhóm khuôn mẫu không hợp lệ" in refused.text
    done = monitor.post(f"/findings/{finding_id}/decision", follow_redirects=False, data={
        "verdict": "recategorise", "new_category": "gender_marking", "csrf_token": token})
    assert done.status_code == 303
    page = monitor.get(f"/articles/{seeded.overt_article_id}").text
    assert "Đã phân loại lại: Đánh dấu giới không cần thiết" in page
    assert 'class="cat cat-gender_marking"' in page


def test_an_editor_contests_with_a_note_which_changes_no_value_and_queues_the_finding(
        app, client_as, seeded: Seeded) -> None:
    finding_id = _overt_finding(app, seeded.overt_article_id)
    monitor = client_as("giamsat")
    monitor.post(f"/findings/{finding_id}/decision", data={"verdict": "confirm", "csrf_token": csrf_of(monitor)})
    before = _c13(app)
    assert monitor.get("/reviews").text.count(f"/findings/{finding_id}/decision") == 0  # decided: not queued
    editor = client_as("bientap")
    token = csrf_of(editor)
    without_note = editor.post(f"/findings/{finding_id}/contest", data={"note": " ", "csrf_token": token})
    assert without_note.status_code == 400 and "cần ghi rõ lý do" in without_note.text
    contested = editor.post(f"/findings/{finding_id}/contest", follow_redirects=False,
                            data={"note": "Nhân vật là thí sinh hoa hậu", "csrf_token": token})
    assert contested.status_code == 303
    assert _c13(app) == before
    queue = monitor.get("/reviews").text
    first_form = queue.index("/decision")
    assert queue[:first_form].count("Biên tập viên phản hồi") == 1  # contested findings come first
    assert f"/findings/{finding_id}/decision" in queue[:first_form + 40]
    with Session(app.state.engine) as session:
        verdicts = session.execute(select(Review.verdict).order_by(Review.id)).scalars().all()
    assert verdicts == ["confirm", "contest"]
    assert "Đang bị phản hồi" in editor.get(f"/articles/{seeded.overt_article_id}").text
