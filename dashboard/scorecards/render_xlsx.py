"""Scorecard as an Excel workbook: real numbers, percentage formats, dates, frozen headers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dashboard.scorecards.atomic import write_atomically
from dashboard.scorecards.model import Scorecard
from dashboard.scorecards.text import (
    CATEGORY_LABELS,
    METHOD_INTRO,
    SEVERITY_LABELS,
    SUBTITLE,
    TITLE,
    VERDICT_LABELS,
    header_lines,
    safe_cell,
    samples_lines,
    status_text,
)

HEADING_FILL = PatternFill("solid", fgColor="DDE7F0")
BOLD = Font(bold=True)
VALUE_FORMATS = {"percent": "0.0%", "ratio": "0.00", "per_1000": "0.0"}
CHANGE_FORMATS = {"percent": "+0.0%;-0.0%;0.0%", "ratio": "+0.00;-0.00;0.00", "per_1000": "+0.0;-0.0;0.0"}


def _heading(sheet: Worksheet, row: int, titles: Sequence[str], widths: Sequence[int]) -> None:
    for column, (title, width) in enumerate(zip(titles, widths), start=1):
        cell = sheet.cell(row=row, column=column, value=title)
        cell.font, cell.fill = BOLD, HEADING_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)


def _put(sheet: Worksheet, row: int, values: Iterable[Any], formats: dict[int, str] | None = None) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column, value=safe_cell(value))
        if formats and column in formats:
            cell.number_format = formats[column]
        if isinstance(value, str):
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _indicators(sheet: Worksheet, card: Scorecard) -> None:
    sheet.title = "Chỉ số"
    sheet["A1"], sheet["A2"] = TITLE, SUBTITLE
    sheet["A1"].font = Font(bold=True, size=14)
    row = 3
    for label, value in header_lines(card):
        sheet.cell(row=row, column=1, value=label).font = BOLD
        sheet.cell(row=row, column=2, value=value)
        row += 1
    if card.compliance_percent is not None:
        sheet.cell(row=row, column=1, value="Tỷ lệ đạt").font = BOLD
        sheet.cell(row=row, column=2, value=card.compliance_percent / 100).number_format = "0.0%"
        row += 1
    row += 1
    _heading(sheet, row, ("Mã", "Chỉ số", "Mục", "Giá trị", "KTC 95% dưới", "KTC 95% trên",
                          "Mục tiêu", "Mục tiêu (trên)", "Kết quả", "Kỳ trước", "Thay đổi",
                          "Tử số", "Mẫu số", "Tử số (nam)", "Mẫu số (nam)"),
             (7, 48, 8, 10, 10, 10, 10, 10, 16, 10, 10, 9, 9, 10, 10))
    for row_data in card.rows:
        row += 1
        result, kind = row_data.result, row_data.definition.value_format
        value_format = VALUE_FORMATS[kind]
        _put(sheet, row, (
            row_data.definition.id, row_data.definition.name_vi, row_data.definition.section,
            result.value, result.ci_low, result.ci_high, result.target, result.target_high,
            status_text(result), row_data.previous.value if row_data.previous else None,
            row_data.change, result.numerator, result.denominator, result.ref_numerator,
            result.ref_denominator,
        ), {4: value_format, 5: value_format, 6: value_format, 7: value_format, 8: value_format,
            10: value_format, 11: CHANGE_FORMATS[kind], 12: "0.##", 13: "0.##", 14: "0", 15: "0"})


def _flagged(sheet: Worksheet, card: Scorecard) -> None:
    _heading(sheet, 1, ("Ngày đăng", "Tiêu đề", "Đường dẫn", "Loại khuôn mẫu", "Mức độ", "Bằng chứng",
                        "Câu", "Giải thích", "Gợi ý viết lại", "Rà soát"),
             (12, 40, 40, 26, 10, 24, 50, 50, 40, 16))
    row = 1
    for article in card.flagged:
        for finding in article.findings:
            row += 1
            _put(sheet, row, (
                article.published_date, article.title, article.url,
                CATEGORY_LABELS.get(finding.category, finding.category),
                SEVERITY_LABELS.get(finding.severity, finding.severity), finding.evidence,
                finding.sentence, finding.explanation, finding.suggestion,
                VERDICT_LABELS.get(finding.verdict, finding.verdict),
            ), {1: "DD/MM/YYYY"})


def _method(sheet: Worksheet, card: Scorecard) -> None:
    _heading(sheet, 1, ("Mục", "Giá trị"), (60, 100))
    row = 1
    for label, value in samples_lines(card):
        row += 1
        _put(sheet, row, (label, value), {2: "#,##0"})
    for label, value in (("Phương pháp", METHOD_INTRO), ("Phạm vi tin bài", card.population.note_vi)):
        row += 1
        _put(sheet, row, (label, value))
    for row_data in card.rows:
        row += 1
        _put(sheet, row, (f"{row_data.definition.id} – {row_data.definition.name_vi}", row_data.definition.method_vi))


def _self_assessment(sheet: Worksheet, card: Scorecard) -> None:
    assert card.self_assessment is not None
    _heading(sheet, 1, ("Mã", "Nhóm", "Nội dung", "Giá trị", "Kết quả"), (12, 8, 70, 10, 16))
    for row, score in enumerate(card.self_assessment.items, start=2):
        number_format = "0.0%" if score.item.type in ("ratio", "staff_table") else "0"
        status = "Chưa trả lời" if score.met is None else "Đạt" if score.met else "Chưa đạt"
        _put(sheet, row, (score.item.id, score.item.area, score.item.label_vi, score.value, status),
             {4: number_format})


def _outlets(sheet: Worksheet, card: Scorecard) -> None:
    _heading(sheet, 1, ("Mã", "Cơ quan báo chí", "Được giám sát", "Đã nộp phiếu tự đánh giá",
                        "Tỷ lệ đạt", "Chỉ số đạt", "Chỉ số đủ dữ liệu"), (16, 44, 14, 16, 10, 10, 12))
    for row, outlet in enumerate(card.outlets, start=2):
        percent = None if outlet.compliance_percent is None else outlet.compliance_percent / 100
        _put(sheet, row, (outlet.outlet_id, outlet.outlet_name, "Có" if outlet.monitored else "Không",
                          "Có" if outlet.self_assessment_submitted else "Không", percent, outlet.met,
                          outlet.evaluable), {5: "0.0%"})


def render_xlsx(card: Scorecard, path: Path) -> Path:
    workbook = Workbook()
    _indicators(workbook.active, card)
    _flagged(workbook.create_sheet("Tin bài gắn cờ"), card)
    _method(workbook.create_sheet("Cỡ mẫu và phương pháp"), card)
    if card.self_assessment is not None:
        _self_assessment(workbook.create_sheet("Tự đánh giá A1–A5"), card)
    if card.scope == "province":
        _outlets(workbook.create_sheet("Cơ quan báo chí"), card)
    return write_atomically(path, lambda temporary: workbook.save(temporary))
