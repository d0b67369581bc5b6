"""Pages and API in use: language switch, scorecard downloads, the A1–A5 form, the API listing."""

from __future__ import annotations

import io
import json

from openpyxl import load_workbook

from tests.dashboard.conftest import csrf_of


def test_vietnamese_by_default_and_english_on_request(client_as) -> None:
    monitor = client_as("giamsat")
    page = monitor.get("/")
    assert 'lang="vi"' in page.text and "Tổng quan theo cơ quan báo chí" in page.text
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    monitor.get("/lang/en?next=/")
    english = monitor.get("/outlets/baolaocai?period=2025-11").text
    assert 'lang="en"' in english and "Indicators this period" in english and "Women&#39;s share of people" in english


def test_scorecard_downloads_in_every_format(client_as) -> None:
    monitor = client_as("giamsat")
    pdf = monitor.get("/outlets/baolaocai/scorecard.pdf?period=2025-11")
    assert pdf.content.startswith(b"%PDF") and "phieu-danh-gia_baolaocai_2025-11.pdf" in pdf.headers["content-disposition"]
    workbook = load_workbook(io.BytesIO(monitor.get("/outlets/baolaocai/scorecard.xlsx?period=2025-11").content))
    assert workbook.worksheets
    assert monitor.get("/outlets/baolaocai/scorecard.csv?period=2025-11").content.startswith(b"\xef\xbb\xbf")
    card = json.loads(monitor.get("/provinces/Lào Cai/scorecard.json?period=2025-11").content)
    assert card
    empty = monitor.get("/outlets/baolaocai/scorecard.pdf?period=2024-01")
    assert empty.status_code == 400 and "không có tin bài đã phân tích" in empty.text


def test_the_self_assessment_form_saves_a_draft_and_refuses_bad_numbers(client_as) -> None:
    editor = client_as("bientap")
    token = csrf_of(editor)
    saved = editor.post("/outlets/baolaocai/self-assessment?year=2025", follow_redirects=False, data={
        "csrf_token": token, "action": "draft", "ORG-A1-1.women": "2", "ORG-A1-1.total": "5", "ORG-A2-2": "yes"})
    assert saved.status_code == 303
    page = editor.get("/outlets/baolaocai/self-assessment?year=2025").text
    assert "Bản nháp" in page and 'name="ORG-A1-1.women" value="2"' in page
    bad = editor.post("/outlets/baolaocai/self-assessment?year=2025", data={
        "csrf_token": token, "action": "submit", "ORG-A1-1.women": "ba", "ORG-A1-1.total": "5"})
    assert bad.status_code == 400 and "ORG-A1-1" in bad.text and 'value="ba"' in bad.text
    too_many = editor.post("/outlets/baolaocai/self-assessment?year=2025", data={
        "csrf_token": token, "action": "submit", "ORG-A1-1.women": "6", "ORG-A1-1.total": "5"})
    assert too_many.status_code == 400 and "exceeds total" in too_many.text


def test_api_lists_articles_with_paging_and_serves_indicators(client_as) -> None:
    editor = client_as("bientap")
    first = editor.get("/api/v1/articles?outlet=baolaocai&period=2025-11").json()
    assert len(first["items"]) == 40 and first["has_next"] is False
    flagged = editor.get("/api/v1/articles?outlet=baolaocai&period=2025-11&flagged=true").json()
    assert 0 < len(flagged["items"]) < 40 and all(item["stereotyped"] for item in flagged["items"])
    values = editor.get("/api/v1/indicators?outlet=baolaocai&period=2025-11").json()
    c01 = next(item for item in values["indicators"] if item["indicator_id"] == "C01")
    assert c01["value"] == 0.5 and c01["denominator"] == 80 and c01["sufficient"] is True
    assert editor.get("/api/v1/indicators?outlet=baolaocai&period=2025-13").status_code == 400
