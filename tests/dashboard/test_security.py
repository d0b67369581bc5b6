"""Security: inert payloads everywhere, outlet scoping for editors, CSRF, upload limits, throttling."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlmodel import Session

from dashboard.app import create_app
from store.models import Analysis, Article, AuditLog, Finding, Review
from tests.dashboard.conftest import csrf_of, sign_in
from tests.dashboard.seeding import XSS_BODY_PAYLOAD, Seeded

RAW_PAYLOADS = ('<script>alert("tieu-de")</script>', "<img src=x onerror=alert(1)>", "<svg onload=alert(2)>")


def _assert_inert(html: str) -> None:
    for payload in RAW_PAYLOADS:
        assert payload not in html
    assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")  # only ever as escaped text


def test_payloads_in_titles_and_text_render_inert_on_every_page(client_as: Callable[[str], TestClient],
                                                                seeded: Seeded) -> None:
    monitor = client_as("giamsat")
    pages = ["/", "/outlets/baolaocai", "/outlets/baolaocai/articles?period=2025-11",
             "/outlets/baolaocai/articles?period=2025-11&flagged=true", f"/articles/{seeded.xss_article_id}",
             "/reviews", "/reviews?page=2"]
    escaped_title_seen = False
    for url in pages:
        response = monitor.get(url)
        assert response.status_code == 200, url
        _assert_inert(response.text)
        escaped_title_seen |= "&lt;script&gt;alert(&#34;tieu-de&#34;)&lt;/script&gt;" in response.text
    assert escaped_title_seen
    article = monitor.get(f"/articles/{seeded.xss_article_id}").text
    # the payload is evidence: it is highlighted as text inside a <mark>, never as markup
    assert '&#34;&gt;&lt;svg onload=alert(2)&gt;</a><sup>' in article
    editor = client_as("bientap")
    _assert_inert(editor.get(f"/articles/{seeded.xss_article_id}").text)
    api = monitor.get(f"/api/v1/articles/{seeded.xss_article_id}")
    assert api.headers["content-type"].startswith("application/json")
    assert XSS_BODY_PAYLOAD in api.json()["body"]  # JSON carries data, the browser never renders it as HTML


def test_every_response_carries_a_strict_content_security_policy(client_as) -> None:
    response = client_as("giamsat").get("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"


def _nghean_article_and_finding(app) -> tuple[int, int]:
    with Session(app.state.engine) as session:
        article_id = session.execute(select(Article.id).where(Article.outlet_id == "baonghean")).scalars().first()
        finding_id = session.execute(
            select(Finding.id).join(Analysis, Analysis.id == Finding.analysis_id)
            .where(Analysis.outlet_id == "baonghean")
        ).scalars().first()
    return article_id, finding_id


@pytest.mark.parametrize("username", ["bientap", "giamsat"])
def test_no_reading_another_outlets_data_through_pages_or_api(app, client_as, username: str) -> None:
    article_id, _ = _nghean_article_and_finding(app)
    client = client_as(username)
    for url in ["/outlets/baonghean", "/outlets/baonghean/articles", f"/articles/{article_id}",
                "/outlets/baonghean/scorecard.pdf", "/outlets/baonghean/scorecard.json",
                "/outlets/baonghean/self-assessment", "/provinces/Nghệ An/scorecard.pdf",
                "/api/v1/outlets/baonghean", "/api/v1/articles?outlet=baonghean", f"/api/v1/articles/{article_id}",
                "/api/v1/indicators?outlet=baonghean", "/api/v1/scorecards/baonghean"]:
        response = client.get(url)
        assert response.status_code == 403, (url, response.status_code)
        assert "Nghệ An" not in response.text.replace("/provinces/Nghệ An", "")
    outlets = client.get("/api/v1/outlets").json()
    assert "baonghean" not in {outlet["id"] for outlet in outlets}


def test_an_editor_cannot_act_on_another_outlets_data_nor_decide(app, client_as) -> None:
    _, nghean_finding = _nghean_article_and_finding(app)
    editor = client_as("bientap")
    token = csrf_of(editor)
    contest = editor.post(f"/findings/{nghean_finding}/contest", data={"note": "Không đúng", "csrf_token": token})
    assert contest.status_code == 403
    submit = editor.post("/outlets/baonghean/self-assessment?year=2025", data={"csrf_token": token, "action": "draft"})
    assert submit.status_code == 403
    decision = editor.post(f"/findings/{nghean_finding}/decision", data={"verdict": "reject", "csrf_token": token})
    assert decision.status_code == 403
    assert editor.get("/reviews").status_code == 403
    assert editor.get("/admin/users").status_code == 403
    with Session(app.state.engine) as session:
        assert session.execute(select(func.count()).select_from(Review)).scalar_one() == 0


def test_state_changing_requests_without_the_csrf_token_are_refused(app, client_as, seeded: Seeded) -> None:
    anonymous = TestClient(app)
    assert anonymous.post("/login", data={"username": "giamsat", "password": "x"}).status_code == 403
    monitor = client_as("giamsat")
    with Session(app.state.engine) as session:
        finding_id = session.execute(select(Finding.id)).scalars().first()
    for data in ({"verdict": "reject"}, {"verdict": "reject", "csrf_token": "forged-token"}):
        response = monitor.post(f"/findings/{finding_id}/decision", data=data)
        assert response.status_code == 403
        assert "CSRF" in response.text
    assert monitor.post("/api/v1/analyze", json={"text": "Bà Lan nói."}).status_code == 403
    assert monitor.post("/api/v1/analyze", json={"text": "Bà Lan nói."},
                        headers={"X-CSRF-Token": "wrong"}).status_code == 403
    assert monitor.post("/logout").status_code == 403
    with Session(app.state.engine) as session:
        assert session.execute(select(func.count()).select_from(Review)).scalar_one() == 0
    assert monitor.get("/").status_code == 200  # still signed in: the forged logout did nothing


def test_uploads_over_the_limit_or_of_the_wrong_type_are_refused_with_a_message(client_as) -> None:
    editor = client_as("bientap")
    token = csrf_of(editor)

    def upload(name: str, content: bytes, text: str = ""):
        return editor.post("/self-check", data={"csrf_token": token, "text": text},
                           files={"upload": (name, content, "application/octet-stream")})

    too_big = upload("ban-thao.txt", ("Bà Lan nói. " * 120_000).encode())
    assert too_big.status_code == 413
    assert "Tệp quá lớn: tối đa 1 MB." in too_big.text
    for name, content in (("ban-thao.pdf", b"%PDF-1.4 ..."), ("ban-thao.exe", b"MZ\x90\x00"),
                          ("gia-mao.docx", b"khong phai docx")):
        refused = upload(name, content)
        assert refused.status_code == 400
        assert "Loại tệp không được hỗ trợ" in refused.text
    latin1 = upload("ban-thao.txt", "Bà Lan".encode("cp1258"))
    assert latin1.status_code == 400 and "UTF-8" in latin1.text
    huge = editor.post("/self-check", data={"csrf_token": token},
                       files={"upload": ("lon.txt", b"a" * (5 * 1024 * 1024), "text/plain")})
    assert huge.status_code == 413
    assert "Yêu cầu quá lớn" in huge.text
    both = upload("ban-thao.txt", "Bà Lan nói.".encode(), text="Ông Nam nói.")
    assert both.status_code == 400 and "không cả hai" in both.text


def test_repeated_failed_logins_lock_the_account_even_across_restarts(app, settings) -> None:
    client = TestClient(app)
    token = csrf_of(client)
    for _ in range(5):
        failed = client.post("/login", data={"username": "giamsat", "password": "sai-mat-khau", "csrf_token": token})
        assert failed.status_code == 401
        assert "không đúng" in failed.text
    from tests.dashboard.seeding import PASSWORD
    locked = client.post("/login", data={"username": "giamsat", "password": PASSWORD, "csrf_token": token})
    assert locked.status_code == 429
    assert "tạm khóa" in locked.text
    restarted = TestClient(create_app(settings, app.state.engine))
    token = csrf_of(restarted)
    again = restarted.post("/login", data={"username": "giamsat", "password": PASSWORD, "csrf_token": token})
    assert again.status_code == 429
    sign_in(TestClient(app), "bientap")  # other accounts are not affected


def test_deactivation_and_password_change_end_open_sessions(app, client_as) -> None:
    from store.accounts import set_active, set_password

    editor = client_as("bientap")
    monitor = client_as("giamsat")
    with Session(app.state.engine) as session:
        set_active(session, "bientap", False)
        set_password(session, "giamsat", "mat-khau-moi-rat-dai")
        session.commit()
    for client in (editor, monitor):
        response = client.get("/self-check", follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login")
    assert TestClient(app).get("/api/v1/outlets").status_code == 401


def test_sign_in_never_redirects_off_site(app) -> None:
    client = TestClient(app)
    token = csrf_of(client)
    from tests.dashboard.seeding import PASSWORD
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.post("/login", data={"username": "quantri", "password": PASSWORD, "csrf_token": token,
                                               "next": target}, follow_redirects=False)
        assert response.headers["location"] == "/"
        client.cookies.clear()
        token = csrf_of(client)


def test_audit_log_records_sign_ins(app, client_as) -> None:
    client_as("giamsat")
    with Session(app.state.engine) as session:
        actions = session.execute(select(AuditLog.action)).scalars().all()
    assert "user.login" in actions


def test_a_pasted_draft_with_markup_is_refused_and_shown_as_text(client_as) -> None:
    from tests.dashboard.test_browser import _analyser_error

    if problem := _analyser_error():
        pytest.skip(f"the analyser cannot run on this installation: {problem}")
    editor = client_as("bientap")
    token = csrf_of(editor)
    draft = ('<script>alert("ban-thao")</script> Đáng chú ý, nữ phó chủ tịch xã xinh đẹp '
             '<img src=x onerror=alert(3)> vẫn kiên trì vận động bà con.')
    page = editor.post("/self-check", data={"csrf_token": token, "text": draft})
    assert page.status_code == 400 and "Bản thảo không phân tích được" in page.text
    assert '<script>alert("ban-thao")' not in page.text and "<img src=x onerror=alert(3)>" not in page.text
    assert "&lt;script&gt;alert(&#34;ban-thao&#34;)&lt;/script&gt;" in page.text  # kept in the textarea as text
    assert editor.post("/api/v1/analyze", json={"text": draft}, headers={"X-CSRF-Token": token}).status_code == 400
    plain = "Đáng chú ý, nữ phó chủ tịch xã xinh đẹp vẫn kiên trì vận động bà con."
    api = editor.post("/api/v1/analyze", json={"text": plain}, headers={"X-CSRF-Token": token})
    assert api.status_code == 200
    assert any(finding["category"] == "appearance" for finding in api.json()["findings"])
