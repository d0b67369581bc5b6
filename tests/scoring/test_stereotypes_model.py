"""The stereotype stage with its model: committed head, contract, offsets, CLI, training.

These tests use the encoder converted at set-up (``make install``); without it they are
skipped with the reason (see ``tests/scoring/models_support.py``).
"""

from __future__ import annotations

import json
import unicodedata

import jsonschema
import pytest

from scoring.contract import PeopleReport
from scoring.document import Document
from scoring.models.head import HEAD_FILE, StereotypeHead
from scoring.stereotypes.dataset import DATA_DIR, load_records
from tests.conftest import REPO_ROOT, SHARED_DIR
from tests.scoring.models_support import built_model_dir
from tests.support import run_cli

SCHEMA = json.loads((SHARED_DIR / "design" / "analyze.schema.json").read_text(encoding="utf-8"))

# Written for these tests: a stereotyped article, a critique, a quote, and a neutral story.
ARTICLES = [
    "Nữ phó chủ tịch xã xinh đẹp tiếp dân\nDù là phụ nữ, bà không thua kém cánh mày râu trong "
    "việc giải phóng mặt bằng. Sáng nay, bà Lê Thị Hoa tiếp 30 hộ dân tại trụ sở mới.",
    "Hội thảo về đưa tin bình đẳng giới\nCác đại biểu cho rằng quan niệm “phụ nữ chỉ lo việc "
    "bếp núc” đã lỗi thời và cần xóa bỏ định kiến giới trong báo chí.",
    "Ông Trần Văn Tư, trưởng thôn, nói: “Đàn ông không được khóc, phải làm trụ cột”. Năm nay "
    "thôn có 12 hộ thoát nghèo.",
    "UBND tỉnh Quảng Trị họp bàn kế hoạch giải ngân vốn đầu tư công quý IV, đạt 78% kế hoạch.",
]


@pytest.fixture(scope="module")
def analyze():
    built_model_dir()
    from scoring.analyzer import analyze_text

    return analyze_text


def test_committed_head_fits_the_built_encoder():
    from scoring.models.encoder import fingerprint_of

    head = StereotypeHead.load(HEAD_FILE)
    assert head.encoder_fingerprint == fingerprint_of(built_model_dir())
    assert set(head.category.classes) == {
        "appearance", "objectifying_metaphor", "family_identity", "domestic_role",
        "weak_emotional", "competence_surprise", "derogatory_label", "age_marital",
        "gbv_framing", "male_norms", "gender_marking", "occupation_norms", "ad_gender_roles"}
    assert 0.0 < head.prefilter.threshold < 1.0


@pytest.mark.parametrize("text", ARTICLES)
def test_outputs_follow_the_contract_schema(analyze, text):
    result = analyze(text, id="x").to_dict()
    jsonschema.validate(result, SCHEMA)
    assert result["stereotyped"] == any(f["voice"] == "outlet" for f in result["findings"])


def test_every_finding_points_at_its_evidence_in_the_input(analyze):
    texts = [record.text for record in load_records(DATA_DIR / "dev.jsonl")[:120]] + ARTICLES
    texts.append(unicodedata.normalize("NFD", ARTICLES[0]))  # decomposed tone marks
    checked = 0
    for text in texts:
        for finding in analyze(text).stereotypes.findings:
            assert text[finding.start:finding.end] == finding.evidence
            assert finding.explanation
            assert 0.0 <= finding.confidence <= 1.0
            checked += 1
    assert checked > 50


def test_stereotyped_article_critique_quote_and_neutral(analyze):
    stereotyped, critique, quoted, neutral = (analyze(text).stereotypes for text in ARTICLES)
    assert stereotyped.stereotyped
    assert {"appearance", "competence_surprise"} <= {f.category for f in stereotyped.findings}
    assert not critique.stereotyped and critique.topics["gender_equality"]
    assert not quoted.stereotyped and {f.voice for f in quoted.findings} == {"quote"}
    assert not neutral.stereotyped and not neutral.findings
    assert stereotyped.stereotype_score > 0.5 > neutral.stereotype_score


def test_women_central_and_gbv_topic(analyze):
    story = ("Phụ nữ vùng cao được hỗ trợ vay vốn\nBà Lò Thị Xuân, Chủ tịch Hội Liên hiệp Phụ nữ "
             "xã, cho biết 40 hộ đã được vay. Bà Xuân cũng tuyên truyền phòng chống bạo lực gia đình.")
    result = analyze(story).stereotypes
    assert result.women_central
    assert result.topics["gbv"]


def test_eval_command_reports_all_figures(tmp_path):
    built_model_dir()
    sample = tmp_path / "sample.jsonl"
    lines = (DATA_DIR / "dev.jsonl").read_text(encoding="utf-8").splitlines()[:40]
    sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("eval", "stereotypes", str(sample), "--json", cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["records"] == 40
    assert set(figures["article"]) >= {"precision", "recall", "f1"}
    assert set(figures["calibration"]) == {"brier", "ece"}
    assert "false_positive_rate" in figures["hard_negatives"]


def test_eval_command_rejects_a_bad_record_in_one_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "1", "text": "Chị Lan đi làm.", "stereotyped": True,
                               "findings": [{"category": "appearance", "severity": "subtle",
                                             "voice": "outlet", "evidence": "xinh"}]},
                              ensure_ascii=False) + "\n", encoding="utf-8")
    result = run_cli("eval", "stereotypes", str(bad), cwd=REPO_ROOT)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Lỗi / error: {bad}:1: Value error, evidence 'xinh' does not occur in the text"]


def test_train_refuses_a_data_folder_without_dev(tmp_path):
    (tmp_path / "train.jsonl").write_text((DATA_DIR / "train.jsonl").read_text("utf-8"), "utf-8")
    result = run_cli("train", "--data-dir", str(tmp_path), "--output", str(tmp_path / "h.json"),
                     cwd=REPO_ROOT)
    assert result.returncode == 1
    assert "dev.jsonl" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_training_is_deterministic(tmp_path):
    """Two trainings on the same (small) data write byte-identical heads."""
    from scoring.models.encoder import DEFAULT_LAYERS, load_encoder
    from scoring.models.training import train_head
    from scoring.people import find_people
    from scoring.stereotypes.lexicon import load_lexicon

    train = load_records(DATA_DIR / "train.jsonl")[:160]
    dev = load_records(DATA_DIR / "dev.jsonl")[:60]
    encoder = load_encoder(built_model_dir(), "cpu", DEFAULT_LAYERS)
    lexicon = load_lexicon(REPO_ROOT / "config" / "lexicons")
    outputs = []
    for run in range(2):
        head = train_head(train, dev, encoder, lexicon, find_people, seed=13)
        head.save(tmp_path / f"head{run}.json")
        outputs.append((tmp_path / f"head{run}.json").read_bytes())
    assert outputs[0] == outputs[1]


def test_model_only_finding_is_the_whole_sentence():
    """A sentence with no lexicon cue that the model flags confidently is reported whole,
    with source 'model' (needs the committed head and the built encoder)."""
    built_model_dir()
    from scoring.stereotypes import default_detector

    text = ("Người phụ nữ ấy lúc nào cũng nghĩ chồng con trước, sự nghiệp để sau, đúng là "
            "người đàn bà của gia đình.")
    report = default_detector().detect(Document(text), PeopleReport())
    [finding] = report.findings
    assert finding.source == "model"
    assert finding.category == "domestic_role"
    assert finding.evidence == finding.sentence == text
    assert (finding.start, finding.end) == (0, len(text))
    assert finding.suggestion is None and "danh mục" in finding.explanation
    assert report.stereotyped


def test_held_out_accuracy_gate():
    """CI gate on the independent annotator's held-out split: floors pinned just below the
    figures measured in one run after the system was finished (see MODEL_CARD.md)."""
    built_model_dir()
    from scoring.analyzer import analyze_text
    from scoring.stereotypes.evaluation import evaluate

    report = evaluate(load_records(DATA_DIR / "test.jsonl"), analyze_text)
    assert report.records >= 460
    assert report.article.precision >= 0.94
    assert report.article.recall >= 0.80
    assert report.article.f1 >= 0.87
    assert report.hard_negative_fpr <= 0.05
    assert report.ece <= 0.10
