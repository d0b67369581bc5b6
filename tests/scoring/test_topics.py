"""The topic stage: GMMP major topics, law/policy reference, inequality, challenged stereotypes.

The detector tests run on the committed lexicon with the people and stereotype reports written
out by hand, so each rule is checked on its own (no encoder needed). The quality gate and the
CLI use the whole analyser and are skipped without the converted encoder.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from genderwatch.errors import GenderwatchError
from scoring.contract import FindingResult, PeopleReport, PersonResult, StereotypeReport
from scoring.document import Document
from scoring.topics.detector import KEYS, TopicDetector
from scoring.topics.evaluation import DATA_DIR, evaluate, load_passages
from scoring.topics.lexicon import load_topic_lexicon
from tests.conftest import REPO_ROOT, SHARED_DIR
from tests.scoring.models_support import built_model_dir
from tests.support import run_cli

LEXICON = REPO_ROOT / "config" / "lexicons" / "topics.yaml"
NOBODY = PeopleReport()
PLAIN = StereotypeReport()


@pytest.fixture(scope="module")
def detector() -> TopicDetector:
    return TopicDetector(load_topic_lexicon(LEXICON))


def _flags(detector: TopicDetector, text: str, stereotypes: StereotypeReport = PLAIN,
           people: PeopleReport = NOBODY, section: str | None = None) -> dict[str, bool]:
    return detector.detect(Document(text), people, stereotypes, section).flags


def _outlet_finding(text: str, evidence: str, source: str = "rule",
                    category: str = "appearance") -> FindingResult:
    start = text.index(evidence)
    return FindingResult(category=category, severity="subtle", voice="outlet", evidence=evidence,
                         start=start, end=start + len(evidence), sentence=evidence,
                         confidence=0.9, source=source, explanation="Mô tả ngoại hình.")  # type: ignore[arg-type]


@pytest.mark.parametrize("text, topics", [
    ("Khởi tố đối tượng vận chuyển ma túy\nCông an huyện đã khởi tố bị can Lò Văn A về tội "
     "mua bán trái phép chất ma túy, thu giữ 2 bánh heroin.", {"crime_violence"}),
    ("Đội bóng đá tỉnh giành quyền thăng hạng\nHuấn luyện viên cho biết các cầu thủ đã thi đấu "
     "kiên cường ở vòng cuối mùa giải.", {"culture_sport"}),
    # GMMP files traditions and festivals under Social & Legal (31), not under the arts.
    ("Lễ hội đền Hùng khai mạc\nHàng vạn người dâng hương, tham gia các nghi lễ truyền thống và "
     "phong tục của lễ hội.", {"social_legal"}),
    ("Sốt xuất huyết tăng mạnh\nSở Y tế cho biết số ca mắc sốt xuất huyết tăng gấp đôi, bệnh "
     "viện tỉnh đang điều trị 40 bệnh nhân.", {"science_health"}),
    ("Trời mát về chiều\nCuối tuần này nhiều người đi dạo ven hồ.", set()),
])
def test_the_major_topic_comes_from_the_text(detector: TopicDetector, text: str,
                                             topics: set[str]) -> None:
    flags = _flags(detector, text)
    assert {topic for topic in KEYS[:6] if flags[topic]} == topics


def test_the_outlet_section_adds_evidence_but_does_not_decide_alone(detector: TopicDetector) -> None:
    text = "Hội nghị sơ kết\nCác đại biểu thảo luận về kinh tế của địa phương trong quý."
    assert not _flags(detector, text)["economy"]
    assert _flags(detector, text, section="Kinh tế")["economy"]
    assert not _flags(detector, "Trời mát về chiều.", section="Kinh tế")["economy"]
    assert detector.section_topics("Thời sự") == set()
    assert detector.section_topics("Phụ nữ – Gia đình") == {"social_legal"}
    assert detector.section_topics("PHÁP LUẬT") == {"crime_violence", "social_legal"}


@pytest.mark.parametrize("text, expected", [
    ("Tỉnh tổ chức thi tìm hiểu Luật Bình đẳng giới tại 30 xã.", True),
    ("Theo Luật Phòng, chống bạo lực gia đình năm 2022, xã có thể áp dụng biện pháp cấm tiếp xúc.", True),
    ("Bị can bị khởi tố theo Điều 142 Bộ luật Hình sự.", True),
    ("Tòa tuyên phạt bị cáo theo Bộ luật Hình sự về tội hiếp dâm.", True),
    ("Luật Đất đai quy định ghi tên cả vợ và chồng trên giấy chứng nhận.", True),
    # A law without its gender provision, an offence without its law, a local decision.
    ("Sở Tư pháp phổ biến Luật Đất đai năm 2024 cho cán bộ xã.", False),
    ("Bị cáo lĩnh 12 năm tù về tội hiếp dâm.", False),
    ("Theo Quyết định số 45/2025/QĐ-UBND, giá đất tăng 1,5 lần.", False),
    ("Nghị định 168/2024/NĐ-CP tăng mức phạt vi phạm nồng độ cồn.", False),
])
def test_law_policy_reference_needs_a_gender_or_rights_instrument(
        detector: TopicDetector, text: str, expected: bool) -> None:
    assert _flags(detector, text)["law_policy_reference"] is expected


@pytest.mark.parametrize("text, expected", [
    ("Thu nhập của lao động nữ thấp hơn 13% so với lao động nam cùng vị trí.", True),
    ("Phụ nữ dành thời gian chăm sóc không được trả công gấp hai lần nam giới.", True),
    ("Nữ chỉ chiếm 14% trong ban chấp hành đảng bộ các xã.", True),
    ("Khoảng cách giới trong tiếp cận công nghệ vẫn lớn.", True),
    ("Ở nhiều bản, con gái vẫn không được chia đất khi cha mẹ qua đời.", True),
    # A comparison over time, a gap that is not between women and men, figures without a
    # disadvantage, "nam" inside "Việt Nam", and a new term's women members ("khóa mới có").
    ("Giải năm nay có 18 đội nữ, tăng gấp đôi so với năm trước.", False),
    ("Thu nhập ở nông thôn chỉ bằng 62% so với thành thị.", False),
    ("44% nam giới hút thuốc lá, trong khi ở nữ giới chỉ khoảng 2%.", False),
    ("Thu nhập của lao động nữ ở Việt Nam tăng 5% so với năm ngoái.", False),
    ("Ban Chấp hành khóa mới có 12 đồng chí nữ.", False),
])
def test_highlights_inequality_needs_a_gap_between_women_and_men(
        detector: TopicDetector, text: str, expected: bool) -> None:
    assert _flags(detector, text)["highlights_inequality"] is expected


def test_inequality_between_women_and_men_is_a_gender_equality_story(detector: TopicDetector) -> None:
    flags = _flags(detector, "Lương hưu của nữ thấp hơn nam giới khoảng 18%.")
    assert flags["highlights_inequality"] and flags["gender_equality"]


@pytest.mark.parametrize("text", [
    "“Việc nhà không phải là việc riêng của phụ nữ”, bà nói.",
    "Nhiều người trong bản cho rằng quyền Anh là môn thể thao chỉ dành cho con trai.",
    "Từ khi vợ đi học buổi tối, anh tập nấu ăn, đưa con đi học.",
    "Thầy Nam là nam giáo viên mầm non duy nhất của huyện.",
    "Nữ thuyền trưởng trên những chuyến tàu vươn khơi\nChị điều khiển con tàu 800 CV.",
])
def test_challenges_stereotypes_on_explicit_cues(detector: TopicDetector, text: str) -> None:
    assert _flags(detector, text)["challenges_stereotypes"]


@pytest.mark.parametrize("text", [
    "Việc bóc quế nặng nhọc là việc của đàn ông, ông nói.",  # a stereotype stated, not countered
    "Chị nấu bữa sáng cho chồng con rồi mới đi làm.",  # a woman's care work is not a challenge
    "Nữ bác sĩ trẻ đỡ đẻ cho 200 sản phụ.",  # women doctors are not rare
])
def test_no_challenge_without_a_counter_cue(detector: TopicDetector, text: str) -> None:
    assert not _flags(detector, text)["challenges_stereotypes"]


def test_stereotyped_wording_cancels_a_role_based_challenge(detector: TopicDetector) -> None:
    text = "Nữ kỹ sư giữ nhịp ca đêm\nVới dáng người mảnh mai, chị như bông hoa giữa công xưởng."
    by_rule = StereotypeReport(findings=[_outlet_finding(text, "dáng người mảnh mai")])
    assert not _flags(detector, text, by_rule)["challenges_stereotypes"]
    by_model_only = StereotypeReport(findings=[_outlet_finding(text, "dáng người mảnh mai", "model")])
    assert _flags(detector, text, by_model_only)["challenges_stereotypes"]
    marking = StereotypeReport(findings=[_outlet_finding(text, "Nữ kỹ sư", category="gender_marking")])
    assert _flags(detector, text, marking)["challenges_stereotypes"]


def test_an_explicit_counter_statement_stands_against_stereotype_findings(
        detector: TopicDetector) -> None:
    text = ("Khi đàn ông vào bếp không còn là chuyện lạ\nNhững hình ảnh ấy củng cố định kiến rằng "
            "việc nhà không phải việc của đàn ông.")
    report = StereotypeReport(findings=[_outlet_finding(text, "đàn ông vào bếp", category="male_norms")])
    assert _flags(detector, text, report)["challenges_stereotypes"]


def test_a_central_woman_in_a_rare_role_challenges(detector: TopicDetector) -> None:
    text = "Trạm biến áp vận hành an toàn\nChị Đặng Thị Vân trực ca 12 tiếng, xử lý nhiều sự cố."
    vân = PersonResult(name="Đặng Thị Vân", gender="female", occupation="Kỹ sư vận hành")
    central = StereotypeReport(women_central=True)
    assert _flags(detector, text, central, PeopleReport(people=[vân]))["challenges_stereotypes"]
    assert not _flags(detector, text, PLAIN, PeopleReport(people=[vân]))["challenges_stereotypes"]


def test_every_key_is_written_for_every_text(detector: TopicDetector) -> None:
    flags = _flags(detector, "Trời mát về chiều.")
    assert set(KEYS) <= set(flags) and all(isinstance(flags[key], bool) for key in KEYS)


def _lexicon_with(tmp_path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    document = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    change(document)
    path = tmp_path / "topics.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("change, message", [
    (lambda d: d["law_policy_reference"]["rules"].append({"id": "x", "all": ["no_such_group"]}),
     "not defined: no_such_group"),
    (lambda d: d["groups"]["penal_code"].append("re:Bộ Luật Hình Sự"), "write 'Bộ' as 'bộ'"),
    (lambda d: d["groups"]["penal_code"].append("re:(unclosed"), "does not compile"),
    (lambda d: d["major_topics"].pop("economy"), "major topics without cues: economy"),
    (lambda d: d["major_topics"]["politics"]["strong"].append("Kỳ Họp"), "listed twice"),
    (lambda d: d["scoring"].update(relative=1.5), "scoring.relative"),
])
def test_a_broken_lexicon_stops_with_file_and_field(tmp_path: Path, change, message: str) -> None:  # type: ignore[no-untyped-def]
    path = _lexicon_with(tmp_path, change)
    with pytest.raises(GenderwatchError, match="invalid topic lexicon file") as raised:
        load_topic_lexicon(path)
    assert str(path) in str(raised.value) and message in str(raised.value)


def test_labelled_passages_need_every_key(tmp_path: Path) -> None:
    good = json.loads((DATA_DIR / "eval.jsonl").read_text(encoding="utf-8").splitlines()[0])
    del good["topics"]["gbv"]
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(GenderwatchError, match=r"bad.jsonl:1: .*missing: gbv"):
        load_passages(path)


def test_evaluation_counts_each_key(tmp_path: Path) -> None:
    passages = load_passages(DATA_DIR / "eval.jsonl")[:4]
    always_politics = lambda *_: {key: key == "politics" for key in KEYS}  # noqa: E731
    report = evaluate(passages, always_politics)
    gold = sum(passage.topics["politics"] for passage in passages)
    assert report.records == 4
    assert report.keys["politics"].true_positive == gold
    assert report.keys["politics"].false_positive == 4 - gold
    assert report.keys["economy"].false_negative == sum(p.topics["economy"] for p in passages)


@pytest.fixture(scope="module")
def analyse_article():  # type: ignore[no-untyped-def]
    built_model_dir()
    from scoring.analyzer import analyze_article

    return analyze_article


def test_quality_on_the_evaluation_set(analyse_article) -> None:  # type: ignore[no-untyped-def]
    """Floors just below the figures in the README (the set was written by the lexicon's
    author, so these guard against regressions; they do not prove generalisation)."""
    report = evaluate(load_passages(DATA_DIR / "eval.jsonl"),
                      lambda title, lead, body, section: analyse_article(
                          title, lead, body, section=section).to_dict()["topics"])
    assert report.major_macro_f1 >= 0.88
    for key, precision, recall in [("law_policy_reference", 0.95, 0.9),
                                   ("highlights_inequality", 0.9, 0.9),
                                   ("challenges_stereotypes", 0.9, 0.85)]:
        counts = report.keys[key]
        assert counts.precision >= precision and counts.recall >= recall, (key, counts)


def test_analyser_output_keeps_the_contract(analyse_article) -> None:  # type: ignore[no-untyped-def]
    schema = json.loads((SHARED_DIR / "design" / "analyze.schema.json").read_text(encoding="utf-8"))
    result = analyse_article("Lương của lao động nữ thấp hơn nam", None,
                             "Khảo sát cho thấy lương của lao động nữ thấp hơn 13% so với lao động "
                             "nam cùng vị trí.", section="Kinh tế").to_dict()
    jsonschema.validate(result, schema)
    assert result["topics"]["economy"] and result["topics"]["highlights_inequality"]
    assert result["topics"]["gender_equality"]


def test_eval_topics_command(tmp_path: Path) -> None:
    built_model_dir()
    lines = (DATA_DIR / "eval.jsonl").read_text(encoding="utf-8").splitlines()[:3]
    sample = tmp_path / "sample.jsonl"
    sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run_cli("eval", "topics", str(sample), "--json", cwd=REPO_ROOT)
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["records"] == 3 and set(KEYS) <= set(figures["keys"])
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    failed = run_cli("eval", "topics", str(broken), cwd=REPO_ROOT)
    assert failed.returncode == 1
    assert failed.stderr.strip().count("\n") == 0 and "broken.jsonl:1" in failed.stderr


def test_eval_topic_sections_command(tmp_path: Path) -> None:
    built_model_dir()
    corpus = sorted((REPO_ROOT / "crawler" / "demo_web" / "corpus").glob("*.jsonl"))[0]
    sample = tmp_path / "corpus.jsonl"
    sample.write_text("\n".join(corpus.read_text(encoding="utf-8").splitlines()[:4]) + "\n",
                      encoding="utf-8")
    done = run_cli("eval", "topic-sections", str(sample), cwd=REPO_ROOT)
    assert done.returncode == 0, done.stderr
    assert "4 bài / articles" in done.stdout and "agreement" in done.stdout

