"""Scorecards built from the seeded dataset and rendered to PDF, XLSX, CSV and JSON."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from dashboard.scorecards import build_scorecard, render_csv, render_json, render_pdf, render_xlsx
from dashboard.scorecards.model import Scorecard
from genderwatch.errors import GenderwatchError
from store.engine import make_engine
from store.indicators import parse_period
from store.indicators.definitions import load_definitions
from store.migrate import upgrade_to_head
from store.models import Article
from tests.conftest import REPO_ROOT
from tests.indicators.seed import MONITORED, PROVINCE, seed_dataset

CONFIG = REPO_ROOT / "config"
HOSTILE_TITLE = '=HYPERLINK("http://example.invalid","Xem")'


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('scorecards') / 'db.sqlite'}")
    upgrade_to_head(engine)
    seed_dataset(engine)
    with Session(engine) as session:  # crawled titles are untrusted: one tries a formula
        session.execute(select(Article).where(Article.title == "Bài a0")).scalar_one().title = HOSTILE_TITLE
        session.commit()
    return engine


def _card(engine: Engine, period: str = "2025-11", **subject: str) -> Scorecard:
    with Session(engine) as session:
        card = build_scorecard(session, period=parse_period(period), config_dir=CONFIG,
                               **(subject or {"outlet_id": MONITORED}))
        session.commit()
    return card


@pytest.fixture(scope="module")
def outlet_card(engine: Engine) -> Scorecard:
    return _card(engine)


@pytest.fixture(scope="module")
def province_card(engine: Engine) -> Scorecard:
    return _card(engine, province=PROVINCE)


def test_outlet_scorecard_content(outlet_card: Scorecard) -> None:
    rows = {row.definition.id: row for row in outlet_card.rows}
    assert (outlet_card.met, outlet_card.evaluable) == (8, 14)
    assert outlet_card.previous_period == parse_period("2025-10")
    # C01 was 40 / 120 in October and is 30 / 80 in November.
    assert rows["C01"].change == pytest.approx(0.375 - 1 / 3)
    assert rows["C02"].previous is not None and rows["C02"].previous.value is None  # nobody quoted in October
    assert rows["C02"].change is None
    samples = outlet_card.samples
    assert (samples.articles, samples.articles_excluded) == (50, 2)
    assert (samples.people_female, samples.people_male, samples.people_unknown) == (30, 50, 10)
    assert samples.findings_outlet_voice == 7
    # Most serious first: the three overt articles (a0, a4, a45), then subtle ones; the rejected
    # findings of a1 and a7 and the quoted one of a3 are not evidence.
    titles = [article.title for article in outlet_card.flagged]
    assert set(titles[:3]) == {HOSTILE_TITLE, "Bài a4", "Bài a45"}
    assert set(titles[3:]) == {"Bài a2", "Bài a3", "Bài a5", "Bài a6"}
    a6 = next(article for article in outlet_card.flagged if article.title == "Bài a6")
    assert [(finding.category, finding.verdict) for finding in a6.findings] == [("gender_marking", "recategorise")]


def test_province_scorecard_pools_outlets(province_card: Scorecard) -> None:
    rows = {row.definition.id: row for row in province_card.rows}
    assert (rows["C01"].result.numerator, rows["C01"].result.denominator) == (35, 90)
    assert province_card.adoption is not None
    assert (province_card.adoption.outlets_total, province_card.adoption.outlets_self_assessed) == (3, 1)
    assert province_card.samples.articles == 55


def test_pdf_keeps_vietnamese_text_intact(outlet_card: Scorecard, province_card: Scorecard, tmp_path: Path) -> None:
    path = render_pdf(outlet_card, tmp_path / "outlet.pdf")
    reader = PdfReader(path)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for definition in load_definitions(CONFIG):
        assert definition.name_vi in text, definition.id
    for phrase in ("PHIẾU ĐÁNH GIÁ GIỚI TRONG NỘI DUNG BÁO CHÍ", "Báo và Phát thanh, Truyền hình Lào Cai",
                   "Tháng 11/2025", "8/14 chỉ số đủ dữ liệu đạt mục tiêu (57,1%)", "37,5%",
                   "27,7% – 48,5%", "Chưa đủ dữ liệu", "+4,2 điểm %", "Nhấn mạnh ngoại hình không liên quan",
                   "Đánh dấu giới không cần thiết", "Tự đánh giá tổ chức (A1–A5)", HOSTILE_TITLE):
        assert phrase in text, phrase
    fonts = {str(font.get("/BaseFont")) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert any("DejaVuSans" in font for font in fonts)
    province_text = " ".join(PdfReader(render_pdf(province_card, tmp_path / "p.pdf")).pages[0].extract_text().split())
    assert "Tỉnh, thành phố: Lào Cai" in province_text


def test_xlsx_has_typed_cells(outlet_card: Scorecard, tmp_path: Path) -> None:
    workbook = load_workbook(render_xlsx(outlet_card, tmp_path / "outlet.xlsx"))
    assert workbook.sheetnames == ["Chỉ số", "Tin bài gắn cờ", "Cỡ mẫu và phương pháp"]
    sheet = workbook["Chỉ số"]
    heading = next(row for row in range(1, 20) if sheet.cell(row=row, column=1).value == "Mã")
    assert sheet.freeze_panes == f"A{heading + 1}"
    rows = {sheet.cell(row=row, column=1).value: row for row in range(heading + 1, sheet.max_row + 1)}
    c01 = rows["C01"]
    assert sheet.cell(row=c01, column=2).value == "Tỷ lệ nữ trong tin tức và thời sự"
    assert sheet.cell(row=c01, column=4).value == pytest.approx(0.375)
    assert sheet.cell(row=c01, column=4).number_format == "0.0%"
    assert sheet.cell(row=c01, column=9).value == "Chưa đạt"
    assert sheet.cell(row=c01, column=13).value == 80
    assert sheet.cell(row=rows["C16"], column=4).number_format == "0.00"
    assert sheet.column_dimensions["B"].width >= 40
    flagged = workbook["Tin bài gắn cờ"]
    dates = [flagged.cell(row=row, column=1) for row in range(2, flagged.max_row + 1)]
    assert all(cell.is_date and cell.number_format == "DD/MM/YYYY" for cell in dates)
    assert dates[0].value.date() in {date(2025, 11, 1), date(2025, 11, 5), date(2025, 11, 16)}
    titles = [flagged.cell(row=row, column=2) for row in range(2, flagged.max_row + 1)]
    hostile = next(cell for cell in titles if "HYPERLINK" in str(cell.value))
    assert hostile.data_type == "s" and hostile.value == "'" + HOSTILE_TITLE


def test_csv_and_json(outlet_card: Scorecard, tmp_path: Path) -> None:
    path = render_csv(outlet_card, tmp_path / "outlet.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["ma_chi_so"]: row for row in csv.DictReader(handle)}
    assert rows["C01"]["ten_chi_so"] == "Tỷ lệ nữ trong tin tức và thời sự"
    assert (float(rows["C01"]["gia_tri"]), rows["C01"]["ket_qua"]) == (0.375, "Chưa đạt")
    assert rows["C04"]["ket_qua"] == "Chưa đủ dữ liệu"
    data = json.loads(render_json(outlet_card, tmp_path / "outlet.json").read_text(encoding="utf-8"))
    assert data["compliance"] == {"met": 8, "evaluable": 14, "percent": pytest.approx(800 / 14)}
    c16 = next(item for item in data["indicators"] if item["id"] == "C16")
    assert (c16["value"], c16["ref_numerator"], c16["ref_denominator"]) == (4.0, 5, 50)
    assert data["period"]["label"] == "2025-11" and data["samples"]["first_day"] == "2025-11-01"


def test_a_failed_write_leaves_no_partial_file(outlet_card: Scorecard, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl.workbook.workbook

    def broken_save(self: object, filename: str) -> None:
        Path(filename).write_bytes(b"PK\x03\x04 half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.workbook.workbook.Workbook, "save", broken_save)
    target = tmp_path / "card.xlsx"
    with pytest.raises(OSError, match="disk full"):
        render_xlsx(outlet_card, target)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(GenderwatchError, match="directory does not exist"):
        render_json(outlet_card, tmp_path / "missing" / "card.json")


@pytest.mark.parametrize("subject, period, reason", [
    ({"outlet_id": "nowhere"}, "2025-11", "unknown outlet 'nowhere'"),
    ({"province": "Atlantis"}, "2025-11", "unknown province 'Atlantis'"),
    ({"outlet_id": MONITORED}, "2024-05", "no analysed articles for Báo và Phát thanh, Truyền hình Lào Cai in 2024-05"),
    ({"outlet_id": "baobacha"}, "2025-Q4", "no analysed articles for Báo Bắc Hà"),
])
def test_bad_requests_are_refused(engine: Engine, subject: dict[str, str], period: str, reason: str) -> None:
    with pytest.raises(GenderwatchError, match=reason):
        _card(engine, period, **subject)
