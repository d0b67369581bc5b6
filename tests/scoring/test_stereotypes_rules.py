"""Stage 1 on its own: the lexicon, context rules (critique, hard negatives), voice, folding.

Sentences here are written for the tests in the register of Vietnamese news; they are not
taken from the labelled data.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from genderwatch.errors import GenderwatchError
from scoring.contract import PeopleReport, QuoteResult
from scoring.document import Document
from scoring.folding import fold
from scoring.stereotypes.detector import StereotypeDetector
from scoring.stereotypes.lexicon import CATEGORIES, load_lexicon
from tests.conftest import REPO_ROOT

LEXICON_DIR = REPO_ROOT / "config" / "lexicons"


@pytest.fixture(scope="module")
def rules() -> StereotypeDetector:
    return StereotypeDetector(load_lexicon(LEXICON_DIR))


def findings(detector: StereotypeDetector, text: str, people: PeopleReport | None = None):
    return detector.detect(Document(text), people or PeopleReport()).findings


# One outlet-voice sentence per category, with the evidence the rule must point at.
CATEGORY_CASES = [
    ("appearance", "Nữ phó chủ tịch xã xinh đẹp tiếp dân tại trụ sở mới.", "Nữ phó chủ tịch xã xinh đẹp"),
    ("objectifying_metaphor", "Ban chấp hành khóa mới có thêm ba bóng hồng.", "bóng hồng"),
    ("family_identity", "Bà xã doanh nhân cắt băng khánh thành nhà văn hóa thôn.", "Bà xã doanh nhân"),
    ("domestic_role", "Dù bận công tác, chị vẫn tranh thủ về nấu cơm cho chồng mỗi trưa.",
     "vẫn tranh thủ về nấu cơm"),
    ("weak_emotional", "Phái yếu cũng tham gia đội phản ứng nhanh của xã.", "Phái yếu"),
    ("competence_surprise", "Dù là phụ nữ, bà điều hành hợp tác xã có lãi ba năm liền.",
     "Dù là phụ nữ"),
    ("derogatory_label", "Tiểu tam bị vợ cả đánh ghen giữa chợ.", "Tiểu tam"),
    ("age_marital", "Nữ kế toán U40 vẫn chưa chồng được khen thưởng.", "U40 vẫn chưa chồng"),
    ("gbv_framing", "Yêu râu xanh sàm sỡ nữ sinh trong thang máy chung cư.", "Yêu râu xanh"),
    ("male_norms", "Con trai thì không được khóc, ông bố dặn con trước ngày nhập ngũ.",
     "Con trai thì không được khóc"),
    ("gender_marking", "Nữ tài xế tông vào dải phân cách trên quốc lộ 1.", "Nữ tài xế"),
    ("occupation_norms", "Nghề hàn xì vốn dành cho đàn ông nên xưởng không nhận học viên nữ.",
     "Nghề hàn xì vốn dành cho đàn ông"),
    ("ad_gender_roles", "Sản phẩm nồi chiên mới ra mắt, món quà cho bà nội trợ thông thái.",
     "bà nội trợ thông thái"),
]


def test_every_category_has_a_case():
    assert {case[0] for case in CATEGORY_CASES} == set(CATEGORIES)


@pytest.mark.parametrize(("category", "text", "evidence"), CATEGORY_CASES,
                         ids=[case[0] for case in CATEGORY_CASES])
def test_each_category_is_found_with_its_evidence(rules, category, text, evidence):
    found = findings(rules, text)
    matching = [f for f in found if f.category == category]
    assert matching, found
    finding = matching[0]
    assert finding.evidence == evidence
    assert text[finding.start:finding.end] == finding.evidence
    assert finding.voice == "outlet" and finding.source == "rule"
    assert finding.explanation and finding.sentence in text


# Hard negatives of the annotation guide: none of them may produce a finding.
HARD_NEGATIVES = {
    "first_woman": "Bà Trần Thị Mai là nữ Bí thư Tỉnh ủy đầu tiên của tỉnh Quảng Trị.",
    "statistic": "Tỷ lệ nữ giám đốc doanh nghiệp trong tỉnh đạt 26%, tăng 3 điểm so với năm trước.",
    "campaign": "Hội Liên hiệp Phụ nữ tỉnh tổng kết phong trào “Giỏi việc nước, đảm việc nhà” giai đoạn 2020-2025.",
    "critique": "Quan niệm “phụ nữ chỉ lo việc bếp núc” đã lỗi thời.",
    "critique_of_label": "Các diễn giả kêu gọi xóa bỏ định kiến coi phụ nữ là phái yếu.",
    "pageant": "Hoa hậu Nguyễn Thị Hà sở hữu vòng một gợi cảm và chiều cao 1m75 trong đêm chung kết.",
    "sport_category": "Đội tuyển bóng đá nữ giành huy chương vàng SEA Games.",
    "profile": "Chủ tịch UBND tỉnh Lê Thị Hồng chủ trì hội nghị về giải ngân vốn đầu tư công.",
    "gbv_statistics": "Năm 2024, toàn tỉnh ghi nhận 312 vụ bạo lực gia đình, 85% nạn nhân là phụ nữ.",
    "landscape": "Du khách check-in trên cây cầu xinh đẹp bắc qua sông Hương.",
    "critique_in_next_sentence": "Nhiều tờ báo vẫn gọi nữ cán bộ trẻ là “bóng hồng”. Các nhà "
                                 "nghiên cứu coi đó là cách gọi cần bỏ.",
    "word_mentioned": "Nhà ngôn ngữ học Trần Thu Hà phân tích từ “gái ế” trên các diễn đàn mạng.",
    "label_questioned": "Đàn ông vào bếp là “sợ vợ” ư? Anh Tâm bảo nấu ăn là việc của cả nhà.",
    "conflict_of_interest": "Công ty do vợ ông Nguyễn Văn Tâm làm giám đốc trúng năm gói thầu của "
                            "Sở mà ông không báo cáo xung đột lợi ích.",
    "hiring_of_a_daughter": "Việc con gái ông Phó chủ tịch phường được tuyển thẳng vào trung tâm "
                            "đang được xác minh.",
    "pageant_winner": "Người đẹp Lò Thị Mai đăng quang với nụ cười rạng rỡ.",
}


@pytest.mark.parametrize("text", HARD_NEGATIVES.values(), ids=HARD_NEGATIVES.keys())
def test_hard_negatives_are_not_findings(rules, text):
    assert findings(rules, text) == []


def test_critique_cues_reach_the_next_sentence_only_when_unambiguous(rules):
    """"cách gọi" rejects a label one sentence away; it does not reach two sentences away,
    and a common word such as "khuyến cáo" (police advice) counts only in its own sentence."""
    far = ("Ba “bóng hồng” của đội phòng cháy được khen thưởng. Đội có 40 chiến sĩ. Hội thảo "
           "tuần trước bàn về cách gọi phụ nữ trên báo.")
    advice = ("Nữ tài xế tông vào dải phân cách trên quốc lộ 1. Cơ quan chức năng khuyến cáo tài "
              "xế giữ khoảng cách an toàn.")
    assert [f.evidence for f in findings(rules, far)] == ["bóng hồng"]
    assert [f.evidence for f in findings(rules, advice)] == ["Nữ tài xế"]


def test_tone_mark_placement_and_case_do_not_matter(rules):
    old_style = "Chị khoẻ như đàn ông, một mình vác bao xi măng."
    new_style = "Chị khỏe như đàn ông, một mình vác bao xi măng."
    upper = "PHÁI YẾU CŨNG LÀM ĐƯỢC"
    assert [f.category for f in findings(rules, old_style)] == ["competence_surprise"]
    assert [f.category for f in findings(rules, new_style)] == ["competence_surprise"]
    assert [f.evidence for f in findings(rules, upper)] == ["PHÁI YẾU"]


def test_folding_keeps_length_and_offsets():
    text = "Hoà Bình, THUỶ, khoẻ, Ðảm baỏ, 2024"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "hòa bình, thủy, khỏe, đảm bảo, 2024"


def test_decomposed_input_is_matched(rules):
    text = unicodedata.normalize("NFD", "Nữ tài xế tông vào dải phân cách.")
    document = Document(text)
    [finding] = rules.detect(document, PeopleReport()).findings
    assert finding.evidence == "Nữ tài xế"
    assert document.text[finding.start:finding.end] == "Nữ tài xế"


def test_stereotype_in_an_attributed_direct_quote_has_quote_voice(rules):
    text = "Ông Tư nói: “Đàn ông không được khóc”. Buổi tọa đàm kéo dài hai giờ."
    start = text.index("Đàn ông")
    people = PeopleReport(quotes=[QuoteResult("Ông Tư", "direct", "Đàn ông không được khóc",
                                              start, start + len("Đàn ông không được khóc"))])
    report = rules.detect(Document(text), people)
    assert [f.voice for f in report.findings] == ["quote"]
    assert not report.stereotyped


def test_long_quotation_is_speech_even_without_attribution(rules):
    text = "“Phụ nữ vốn hay mủi lòng nên không hợp làm thanh tra đâu”, một cán bộ chia sẻ."
    assert {f.voice for f in findings(rules, text)} == {"quote"}


def test_scare_quotes_in_narration_stay_in_outlet_voice(rules):
    text = "Ba “bóng hồng” của đội phòng cháy chữa cháy được khen thưởng."
    [finding] = findings(rules, text)
    assert finding.voice == "outlet"
    assert finding.evidence == "bóng hồng"


def test_names_must_be_capitalised(rules):
    named = "Bà Nguyễn Thị Cúc, vợ ông Nguyễn Văn Năm, trình bày đơn khiếu nại."
    unnamed = "Năm ngoái, chính vợ ông đã đứng tên vay vốn mở trại gà."
    assert [f.category for f in findings(rules, named)] == ["family_identity"]
    assert findings(rules, unnamed) == []


def test_suggestion_offers_a_neutral_rewrite(rules):
    [finding] = findings(rules, "Phái yếu cũng tham gia đội phản ứng nhanh của xã.")
    assert finding.suggestion == "phụ nữ"


def _write_lexicon(tmp_path: Path, category_yaml: str) -> Path:
    (tmp_path / "stereotypes").mkdir()
    (tmp_path / "stereotypes" / "appearance.yaml").write_text(category_yaml, encoding="utf-8")
    (tmp_path / "context.yaml").write_text(
        (LEXICON_DIR / "context.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("body", "message"), [
    ("category: appearance\nentries:\n  - id: appearance.x\n    phrases: [xinh]\n"
     "    severity: mild\n    explanation: Một lời giải thích đủ dài.\n",
     "entries.0.severity"),
    ("category: appearance\nentries:\n  - id: appearance.x\n    patterns: ['(?P<ev>Xinh']\n"
     "    severity: subtle\n    explanation: Một lời giải thích đủ dài.\n",
     "does not compile"),
    ("category: appearance\nentries:\n  - id: appearance.x\n    patterns: ['xinh hoà']\n"
     "    severity: subtle\n    explanation: Một lời giải thích đủ dài.\n",
     "write 'hoà' as 'hòa'"),
    ("category: appearance\nentries:\n  - id: appearance.x\n    phrases: [xinh]\n"
     "    severity: subtle\n    explanation: Một lời giải thích đủ dài.\n    unless: [weather]\n",
     "entries.0.unless.0"),
    ("category: appearance\nentries:\n  - id: looks.x\n    phrases: [xinh]\n"
     "    severity: subtle\n    explanation: Một lời giải thích đủ dài.\n",
     "must start with 'appearance.'"),
    ("category: appearance\nentries: [\n", "cannot read lexicon file"),
])
def test_malformed_lexicon_is_rejected_naming_file_and_field(tmp_path, body, message):
    directory = _write_lexicon(tmp_path, body)
    with pytest.raises(GenderwatchError, match="appearance.yaml") as error:
        load_lexicon(directory)
    assert message in str(error.value)
