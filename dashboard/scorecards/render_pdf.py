"""Scorecard as a PDF ready to attach to an official report.

fpdf2 embeds DejaVu Sans (shipped beside this module with its licence), which covers every
Vietnamese letter and tone mark, so the text is searchable and copies out intact.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from dashboard.scorecards.atomic import write_atomically
from dashboard.scorecards.model import Scorecard
from dashboard.scorecards.text import (
    CATEGORY_LABELS,
    COLUMNS,
    METHOD_INTRO,
    SEVERITY_LABELS,
    SUBTITLE,
    TITLE,
    VERDICT_LABELS,
    compliance_text,
    header_lines,
    number,
    samples_lines,
    table_row,
)

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"
HEADING = FontFace(emphasis="BOLD", fill_color=(221, 231, 240))
# Landscape A4 leaves 277 mm between the margins.
INDICATOR_WIDTHS = (12, 78, 14, 20, 32, 26, 22, 18, 22, 33)


class _ScorecardPDF(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.footer_text = footer_text
        self.add_font(FAMILY, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=14)
        self.set_margins(10, 10, 10)

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FAMILY, "", 7)
        self.cell(0, 5, f"{self.footer_text} — Trang {self.page_no()}/{{nb}}", align="C")


def _section(pdf: FPDF, title: str) -> None:
    pdf.ln(3)
    pdf.set_font(FAMILY, "B", 11)
    pdf.multi_cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 8)


def _header(pdf: FPDF, card: Scorecard) -> None:
    pdf.set_font(FAMILY, "B", 15)
    pdf.multi_cell(0, 8, TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 9)
    pdf.multi_cell(0, 5, SUBTITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for label, value in header_lines(card):
        pdf.set_font(FAMILY, "B", 9)
        pdf.cell(45, 5, label + ":")
        pdf.set_font(FAMILY, "", 9)
        pdf.multi_cell(0, 5, value, new_x="LMARGIN", new_y="NEXT")


def _indicator_table(pdf: FPDF, card: Scorecard) -> None:
    _section(pdf, "1. Các chỉ số nội dung (B1)")
    pdf.set_font(FAMILY, "", 7)
    with pdf.table(col_widths=INDICATOR_WIDTHS, headings_style=HEADING, line_height=4,
                   text_align=("LEFT", "LEFT", "LEFT", "RIGHT", "CENTER", "CENTER", "LEFT", "RIGHT",
                               "RIGHT", "LEFT")) as table:
        table.row(COLUMNS)
        for row in card.rows:
            table.row(table_row(row))


def _adoption(pdf: FPDF, card: Scorecard) -> None:
    assert card.adoption is not None
    adoption = card.adoption
    _section(pdf, "2. Áp dụng Bộ chỉ số (Quyết định 1790/QĐ-TTg)")
    share = "—" if adoption.share is None else number(100 * adoption.share) + "%"
    pdf.multi_cell(0, 4.5, (
        f"Cơ quan báo chí trong tỉnh: {adoption.outlets_total}; được giám sát trong kỳ: "
        f"{adoption.outlets_monitored}; đã nộp phiếu tự đánh giá: {adoption.outlets_self_assessed} "
        f"({share}). Mục tiêu: 70% cơ quan áp dụng thí điểm vào năm 2025, 90% áp dụng chính thức "
        f"vào năm 2030."
    ), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    with pdf.table(col_widths=(30, 110, 30, 40, 30, 37), headings_style=HEADING, line_height=4) as table:
        table.row(("Mã", "Cơ quan báo chí", "Được giám sát", "Đã nộp tự đánh giá", "Tỷ lệ đạt",
                   "Chỉ số đạt / đủ dữ liệu"))
        for outlet in card.outlets:
            percent = "—" if outlet.compliance_percent is None else number(outlet.compliance_percent) + "%"
            table.row((outlet.outlet_id, outlet.outlet_name, "Có" if outlet.monitored else "Không",
                       "Có" if outlet.self_assessment_submitted else "Không", percent,
                       f"{outlet.met}/{outlet.evaluable}"))


def _self_assessment(pdf: FPDF, card: Scorecard) -> None:
    _section(pdf, "2. Tự đánh giá tổ chức (A1–A5)")
    score = card.self_assessment
    if score is None:
        pdf.multi_cell(0, 4.5, f"Cơ quan chưa có phiếu tự đánh giá năm {card.period.end.year}.",
                       new_x="LMARGIN", new_y="NEXT")
        return
    status = "đã nộp" if card.self_assessment_status == "submitted" else "bản nháp"
    percent = "—" if score.percent is None else number(score.percent) + "%"
    pdf.multi_cell(0, 4.5, f"Phiếu năm {card.period.end.year} ({status}); tỷ lệ đạt: {percent}.",
                   new_x="LMARGIN", new_y="NEXT")
    with pdf.table(col_widths=(22, 12, 183, 25, 35), headings_style=HEADING, line_height=4) as table:
        table.row(("Mã", "Nhóm", "Nội dung", "Giá trị", "Kết quả"))
        for item_score in score.items:
            item, value = item_score.item, item_score.value
            shown = "—" if value is None else (
                number(100 * value) + "%" if item.type in ("ratio", "staff_table")
                else ("Có" if value else "Không") if item.type == "yes_no" else number(value, 0))
            result = "Chưa trả lời" if item_score.met is None else "Đạt" if item_score.met else "Chưa đạt"
            table.row((item.id, item.area, item.label_vi, shown, result))


def _flagged(pdf: FPDF, card: Scorecard) -> None:
    _section(pdf, "3. Tin bài có khuôn mẫu giới đáng chú ý nhất (kèm bằng chứng)")
    if not card.flagged:
        pdf.multi_cell(0, 4.5, "Không có tin bài nào có khuôn mẫu giới bằng lời của tòa soạn trong kỳ.",
                       new_x="LMARGIN", new_y="NEXT")
        return
    for index, article in enumerate(card.flagged, start=1):
        day = f"{article.published_date:%d/%m/%Y}" if article.published_date else "không rõ ngày"
        pdf.set_font(FAMILY, "B", 8)
        pdf.multi_cell(0, 4.5, f"{index}. {article.title} ({day})", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, "", 7)
        pdf.multi_cell(0, 4, article.url, new_x="LMARGIN", new_y="NEXT")
        for finding in article.findings:
            category = CATEGORY_LABELS.get(finding.category, finding.category)
            severity = SEVERITY_LABELS.get(finding.severity, finding.severity)
            verdict = VERDICT_LABELS.get(finding.verdict, finding.verdict)
            text = (f"• {category} ({severity}, {verdict}): \u201c{finding.evidence}\u201d — "
                    f"{finding.explanation}")
            if finding.suggestion:
                text += f" Gợi ý: {finding.suggestion}"
            pdf.set_x(pdf.l_margin + 4)
            pdf.multi_cell(0, 4, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)


def _method(pdf: FPDF, card: Scorecard) -> None:
    _section(pdf, "4. Cỡ mẫu và phương pháp")
    for label, count in samples_lines(card):
        pdf.cell(120, 4.5, label)
        pdf.cell(0, 4.5, number(count, 0), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    for paragraph in (compliance_text(card).capitalize() + ".", METHOD_INTRO, card.population.note_vi):
        pdf.multi_cell(0, 4, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    for row in card.rows:
        pdf.multi_cell(0, 4, f"{row.definition.id} – {row.definition.name_vi}: {row.definition.method_vi}",
                       new_x="LMARGIN", new_y="NEXT")


def render_pdf(card: Scorecard, path: Path) -> Path:
    pdf = _ScorecardPDF(f"genderwatch — {card.subject} — {card.period.label_vi}")
    pdf.set_title(f"{TITLE} — {card.subject} — {card.period.label_vi}")
    pdf.set_creator("genderwatch")
    pdf.add_page()
    _header(pdf, card)
    _indicator_table(pdf, card)
    if card.scope == "province":
        _adoption(pdf, card)
    else:
        _self_assessment(pdf, card)
    _flagged(pdf, card)
    _method(pdf, card)
    return write_atomically(path, lambda temporary: pdf.output(str(temporary)))
