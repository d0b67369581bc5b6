"""Browser tests: Debian's Chromium driven by Playwright against the real app on a seeded database.

Each test writes screenshots to ``test-artifacts/screenshots/`` (desktop, and phone-sized for
the main pages) so the interface can be looked at after a run.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from tests.conftest import REPO_ROOT
from tests.dashboard.seeding import PASSWORD, Seeded

pytestmark = pytest.mark.slow
playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium")
SHOTS = REPO_ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
PHONE = {"width": 390, "height": 844}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def base_url(app) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, in a background thread."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (scripts/ensure-system-deps.sh installs it)")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _login(browser, base_url: str, username: str, viewport=None):
    context = browser.new_context(viewport=viewport or {"width": 1366, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{base_url}/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state("networkidle")
    return context, page


def test_login_overview_and_outlet_drill_down(browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}/")
    assert page.url.startswith(f"{base_url}/login")
    _shot(page, "login")
    context.close()
    context, page = _login(browser, base_url, "giamsat")
    assert page.get_by_role("heading", name="Tổng quan theo cơ quan báo chí").is_visible()
    rows = page.locator("table.overview tbody tr")
    assert rows.count() == 2  # the monitor's province only
    assert "Báo và Phát thanh, Truyền hình Lào Cai" in rows.first.inner_text()
    assert "%" in rows.first.locator("td").first.inner_text()
    _shot(page, "overview")
    page.get_by_role("link", name="Báo và Phát thanh, Truyền hình Lào Cai").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Chỉ số trong kỳ").is_visible()
    assert page.locator("table.indicators tbody tr").count() > 10
    assert page.get_by_text("Chưa đủ dữ liệu").first.is_visible()
    charts = page.evaluate("() => Array.from(document.querySelectorAll('canvas[data-chart]'))"
                           ".filter(c => Chart.getChart(c)).length")
    assert charts > 5
    _shot(page, "outlet")
    context.close()
    phone, page = _login(browser, base_url, "giamsat", PHONE)
    _shot(page, "overview-phone")
    page.goto(f"{base_url}/outlets/baolaocai")
    _shot(page, "outlet-phone")
    phone.close()


def _c13_text(page) -> str:
    return page.locator("table.indicators tbody tr", has_text="C13").locator("td").first.inner_text()


def test_article_highlights_and_a_review_decision_changes_an_indicator(browser, base_url: str,
                                                                         seeded: Seeded) -> None:
    context, page = _login(browser, base_url, "giamsat")
    page.goto(f"{base_url}/outlets/baolaocai?period=2025-11")
    before = _c13_text(page)
    page.goto(f"{base_url}/articles/{seeded.overt_article_id}")
    mark = page.locator("mark.cat-appearance")
    assert mark.count() == 1 and "nữ phó chủ tịch xã xinh đẹp" in mark.inner_text()
    assert page.get_by_text("Gợi ý viết lại").is_visible()
    _shot(page, "article")
    finding = page.locator("li.finding").first
    finding.get_by_label("Bác bỏ").check()
    finding.get_by_label("Ghi chú").fill("Không phải khuôn mẫu trong ngữ cảnh này")
    finding.get_by_role("button", name="Ghi kết luận").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Đã ghi kết luận và cập nhật chỉ số.").is_visible()
    assert page.locator("mark.cat-appearance").count() == 0
    page.goto(f"{base_url}/outlets/baolaocai?period=2025-11")
    after = _c13_text(page)
    assert after != before
    _shot(page, "outlet-after-review")
    page.goto(f"{base_url}/reviews")
    _shot(page, "review-queue")
    context.close()
    phone, page = _login(browser, base_url, "giamsat", PHONE)
    page.goto(f"{base_url}/articles/{seeded.xss_article_id}")
    assert page.locator("script:not([src])").count() == 0
    assert "<script>" in page.locator("h1.article-title").inner_text()  # shown as text, not run
    _shot(page, "article-phone")
    phone.close()


def test_an_editor_is_blocked_from_another_outlet(browser, base_url: str) -> None:
    context, page = _login(browser, base_url, "bientap")
    assert page.url.endswith("/outlets/baolaocai")
    response = page.goto(f"{base_url}/outlets/baonghean")
    assert response is not None and response.status == 403
    assert page.get_by_text("Bạn không có quyền xem hoặc thao tác trên nội dung này.").is_visible()
    _shot(page, "editor-blocked")
    context.close()


def _analyser_error() -> str | None:
    from genderwatch.errors import GenderwatchError

    try:
        from scoring.analyzer import analyze_text

        analyze_text("Bà Lan nói.")
    except (GenderwatchError, ImportError, AttributeError) as error:
        return f"{type(error).__name__}: {error}"
    return None


def test_self_check_with_a_pasted_text(browser, base_url: str) -> None:
    problem = _analyser_error()
    if problem:
        pytest.skip(f"the analyser cannot run on this installation: {problem}")
    context, page = _login(browser, base_url, "bientap")
    page.goto(f"{base_url}/self-check")
    page.get_by_label("Nội dung bản thảo").fill(
        "Bà Nguyễn Thị Lan, Giám đốc Sở Y tế, cho biết: \u201cChúng tôi sẽ tăng cường kiểm tra.\u201d\n"
        "Đáng chú ý, nữ phó chủ tịch xã xinh đẹp vẫn tất bật về nấu cơm cho chồng sau giờ làm.")
    page.get_by_role("button", name="Kiểm tra").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Kết quả kiểm tra").is_visible()
    assert page.locator("mark.cat").count() >= 1
    assert page.get_by_role("rowheader", name="Nguyễn Thị Lan").is_visible()
    _shot(page, "self-check")
    context.close()


def test_registry_users_articles_and_self_assessment_pages(browser, base_url: str) -> None:
    context, page = _login(browser, base_url, "quantri")
    for path, heading, name in (
        ("/registry", "Danh mục cơ quan báo chí và tình trạng thu thập", "registry"),
        ("/admin/users", "Quản lý người dùng", "users"),
        ("/outlets/baolaocai/articles?period=2025-11", "Tin bài của Báo và Phát thanh, Truyền hình Lào Cai", "articles"),
        ("/outlets/baolaocai/self-assessment?year=2025",
         "Phiếu tự đánh giá tổ chức (A1–A5): Báo và Phát thanh, Truyền hình Lào Cai", "self-assessment"),
    ):
        page.goto(f"{base_url}{path}")
        assert page.get_by_role("heading", name=heading).is_visible(), path
        _shot(page, name)
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Organisational self-assessment (A1–A5): Báo và Phát thanh, "
                                               "Truyền hình Lào Cai").is_visible()
    context.close()
