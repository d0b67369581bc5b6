"""Vietnamese wording and number formats shared by the scorecard renderers."""

from __future__ import annotations

from datetime import timedelta, timezone

from dashboard.scorecards.model import Scorecard, ScorecardRow
from store.indicators.definitions import IndicatorDefinition
from store.indicators.results import IndicatorResult

_VN = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")
TITLE = "PHIẾU ĐÁNH GIÁ GIỚI TRONG NỘI DUNG BÁO CHÍ"
SUBTITLE = "Theo Bộ chỉ số về giới trong truyền thông (Quyết định 1790/QĐ-TTg)"
COLUMNS = ("Mã", "Chỉ số", "Mục", "Giá trị", "Khoảng tin cậy 95%", "Mục tiêu", "Kết quả",
           "Kỳ trước", "Thay đổi", "Cỡ mẫu")
UNIT_NOUNS = {"person": "người", "quote": "lời dẫn", "byline": "bài", "article": "bài"}
CATEGORY_LABELS = {
    "appearance": "Ngoại hình hóa, tình dục hóa",
    "objectifying_metaphor": "Ẩn dụ vật hóa phụ nữ",
    "family_identity": "Định danh qua gia đình",
    "domestic_role": "Đóng khung vai trò nội trợ",
    "weak_emotional": "Yếu đuối, cảm tính, thụ động",
    "competence_surprise": "Nghi ngờ năng lực, kiểu \u201cngạc nhiên\u201d",
    "derogatory_label": "Nhãn miệt thị",
    "age_marital": "Tuổi tác, tình trạng hôn nhân",
    "gbv_framing": "Đưa tin bạo lực giới chưa phù hợp",
    "male_norms": "Khuôn mẫu về nam giới",
    "gender_marking": "Đánh dấu giới không cần thiết",
    "occupation_norms": "Phân vai nghề nghiệp theo giới",
    "ad_gender_roles": "Quảng cáo theo vai giới",
}
SEVERITY_LABELS = {"overt": "công khai", "subtle": "ngầm"}
VERDICT_LABELS = {None: "kết quả mô hình", "confirm": "đã xác nhận", "recategorise": "đã phân loại lại"}


def safe_cell(value: object) -> object:
    """Prefix text starting with = + - @ (or a tab/CR) so spreadsheets never run it as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def number(value: float, decimals: int = 1) -> str:
    """Vietnamese number: dot for thousands, comma for decimals (1.234,5)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def value_text(definition: IndicatorDefinition, value: float | None) -> str:
    if value is None:
        return "—"
    if definition.value_format == "percent":
        return number(100 * value) + "%"
    if definition.value_format == "ratio":
        return number(value, 2)
    return number(value) + "/1.000 bài"


def interval_text(definition: IndicatorDefinition, result: IndicatorResult) -> str:
    if result.ci_low is None or result.ci_high is None:
        return "—"
    return f"{value_text(definition, result.ci_low)} – {value_text(definition, result.ci_high)}"


def target_text(definition: IndicatorDefinition, result: IndicatorResult) -> str:
    if result.direction == "band":
        return f"{value_text(definition, result.target)} – {value_text(definition, result.target_high)}"
    sign = "≥" if result.direction == "higher_is_better" else "≤"
    return f"{sign} {value_text(definition, result.target)}"


def status_text(result: IndicatorResult) -> str:
    """Đạt / Chưa đạt / Chưa đủ dữ liệu / Không xác định."""
    if not result.sufficient:
        return "Chưa đủ dữ liệu"
    if result.met is None:
        return "Không xác định"
    return "Đạt" if result.met else "Chưa đạt"


def change_text(row: ScorecardRow) -> str:
    change = row.change
    if change is None:
        return "—"
    sign = "+" if change > 0 else "" if change == 0 else "−"
    if row.definition.value_format == "percent":
        return f"{sign}{number(abs(change) * 100)} điểm %"
    return f"{sign}{number(abs(change), 2 if row.definition.value_format == 'ratio' else 1)}"


def sample_text(definition: IndicatorDefinition, result: IndicatorResult) -> str:
    noun = UNIT_NOUNS[definition.unit]
    if definition.measure == "rate_ratio":
        return f"nữ {number(result.denominator, 0)} · nam {number(result.ref_denominator or 0, 0)} {noun}"
    decimals = 1 if definition.unit == "byline" and result.denominator % 1 else 0
    return f"{number(result.denominator, decimals)} {noun}"


def table_row(row: ScorecardRow) -> tuple[str, ...]:
    """The ten text cells of one indicator line (PDF and CSV)."""
    definition, result = row.definition, row.result
    previous = value_text(definition, row.previous.value) if row.previous else "—"
    return (definition.id, definition.name_vi, definition.section, value_text(definition, result.value),
            interval_text(definition, result), target_text(definition, result), status_text(result),
            previous, change_text(row), sample_text(definition, result))


def header_lines(card: Scorecard) -> list[tuple[str, str]]:
    """(label, value) pairs of the scorecard header."""
    lines = [("Cơ quan báo chí" if card.scope == "outlet" else "Tỉnh, thành phố", card.subject)]
    if card.scope == "outlet":
        lines.append(("Tỉnh, thành phố", card.province))
    lines += [
        ("Kỳ báo cáo", f"{card.period.label_vi} ({card.period.start:%d/%m/%Y} – {card.period.end:%d/%m/%Y})"),
        ("So sánh với", card.previous_period.label_vi),
        ("Ngày lập", f"{card.generated_at.astimezone(_VN):%d/%m/%Y %H:%M}"),
        ("Mức đạt", compliance_text(card)),
    ]
    return lines


def compliance_text(card: Scorecard) -> str:
    if card.compliance_percent is None:
        return "chưa có chỉ số nào đủ dữ liệu để đánh giá"
    return (f"{card.met}/{card.evaluable} chỉ số đủ dữ liệu đạt mục tiêu "
            f"({number(card.compliance_percent)}%)")


def samples_lines(card: Scorecard) -> list[tuple[str, int]]:
    """(label, count) pairs of the material behind the figures."""
    samples = card.samples
    return [
        ("Tin bài được phân tích", samples.articles),
        ("Tin bài bị loại (tin thông tấn, bản đăng lại)", samples.articles_excluded),
        ("Nhân vật nữ", samples.people_female),
        ("Nhân vật nam", samples.people_male),
        ("Nhân vật chưa xác định giới tính", samples.people_unknown),
        ("Lời trích dẫn", samples.quotes),
        ("Phát hiện khuôn mẫu giới bằng lời của tòa soạn (sau rà soát)", samples.findings_outlet_voice),
    ]


METHOD_INTRO = (
    "Giá trị được tính tự động từ các tin bài đã công bố; khoảng tin cậy 95% theo phương pháp "
    "Wilson (tỷ lệ), Katz (tỷ số hai tỷ lệ) hoặc Poisson chính xác (mật độ). Chỉ số có cỡ mẫu "
    "dưới mức tối thiểu được ghi \u201cChưa đủ dữ liệu\u201d và không tính vào mức đạt. Mức đạt = "
    "số chỉ số đạt mục tiêu / số chỉ số đủ dữ liệu. Mục tiêu mặc định là đề xuất và do tỉnh điều chỉnh; "
    "Bộ chỉ số và Quyết định 1790/QĐ-TTg không quy định ngưỡng về nội dung."
)
