"""``genderwatch analyze``: the contract JSON, and one clear error for every kind of bad
input (per line with ``--jsonl``, the other lines still analysed)."""

from __future__ import annotations

import json
import unicodedata

import jsonschema
import pytest

import scoring.analyzer
from scoring.analyzer import analyze_text, error_result
from scoring.contract import StereotypeReport
from scoring.input_checks import MAX_CHARACTERS, InputError
from tests.conftest import REPO_ROOT, SHARED_DIR
from tests.scoring.models_support import built_model_dir
from tests.support import run_cli

SCHEMA = json.loads((SHARED_DIR / "design" / "analyze.schema.json").read_text(encoding="utf-8"))
ARTICLE = (
    "Ông Nguyễn Văn Hùng, Phó Chủ tịch UBND tỉnh, cho biết năm qua tỉnh chịu 5 cơn bão. "
    "“Chúng tôi đã chủ động sơ tán hơn 20.000 hộ dân”, ông Hùng nói. "
    "Chị Phạm Thu Hà (35 tuổi) chia sẻ gia đình chị bị mất trắng vụ lúa."
)


def validate(result: dict) -> None:
    jsonschema.validate(result, SCHEMA)


@pytest.fixture()
def people_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The analyser with an empty stereotype stage: the people half on its own."""
    monkeypatch.setattr(
        scoring.analyzer.stereotype_stage,
        "detect_stereotypes",
        lambda document, people: StereotypeReport(),
    )


def test_people_output_validates_and_spans_point_into_the_input(people_only: None) -> None:
    raw = unicodedata.normalize("NFD", ARTICLE)  # decomposed tone marks change offsets
    result = analyze_text(raw, id="a-1").to_dict()
    validate(result)
    assert result["id"] == "a-1"
    hung = next(item for item in result["people"] if item["name"] == "Nguyễn Văn Hùng")
    assert [unicodedata.normalize("NFC", raw[start:end]) for start, end in hung["mentions"]] == [
        "Nguyễn Văn Hùng",
        "Hùng",
    ]
    for quote in result["quotes"]:
        assert raw[quote["start"] : quote["end"]] == quote["text"]
    assert {item["name"] for item in result["people"]} == {"Nguyễn Văn Hùng", "Phạm Thu Hà"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   \n ", "empty text"),
        (
            "The minister said on Tuesday that the new bridge would open next month for traffic.",
            "does not look like Vietnamese",
        ),
        ("<html><body><p>Ông Nguyễn Văn Hùng cho biết</p></body></html>", "looks like HTML"),
        ("Ông Hùng nói. " * (MAX_CHARACTERS // 10), "text too long"),
    ],
)
def test_bad_text_is_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        analyze_text(text)


def test_error_result_follows_the_schema() -> None:
    result = error_result("empty text: nothing to analyse", id=7)
    validate(result)
    assert (result["id"], result["people"], result["error"]) == (
        7,
        [],
        "empty text: nothing to analyse",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty text"),
        (
            b"\xef\xbb" + "Ông Hùng nói".encode() + b"\xff\xfe",
            "not valid UTF-8: byte 0xef at byte offset 0",
        ),
        (
            ("Ông Hùng nói. " * 20).encode() + b"\xff",
            f"not valid UTF-8: byte 0xff at byte offset {len(('Ông Hùng nói. ' * 20).encode())}",
        ),
        (("x" * 2_000_000).encode(), "text too long: 2,000,000 characters"),
        ("<div><p>Chào bà con</p></div>".encode(), "looks like HTML"),
    ],
)
def test_cli_refuses_bad_input_with_one_line(data: bytes, message: str, tmp_path) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    result = run_cli("analyze", str(path), cwd=REPO_ROOT)
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_jsonl_reports_each_bad_line_and_goes_on(tmp_path) -> None:
    lines = [
        b'{"id": 1, "text": ""}',
        b"not json at all",
        b'["a", "list"]',
        b'{"id": 4, "text": "\xff\xfe"}',
        b'{"id": 5, "title": 3}',
        b'{"id": 6, "text": "The minister said on Tuesday the new bridge would open next month."}',
    ]
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    result = run_cli("analyze", "--jsonl", str(path), cwd=REPO_ROOT)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [item.get("id") for item in outputs] == [1, None, None, None, 5, 6]
    assert [item["line"] for item in outputs] == [1, 2, 3, 4, 5, 6]
    for item in outputs:
        validate(item)
    assert "empty text" in outputs[0]["error"] and outputs[1]["error"].startswith("not JSON")
    assert (
        "expected a JSON object" in outputs[2]["error"] and "not valid UTF-8" in outputs[3]["error"]
    )
    assert "must be strings" in outputs[4]["error"] and "Vietnamese" in outputs[5]["error"]
    assert len(result.stderr.strip().splitlines()) == 7  # one per line, then the summary


def test_jsonl_end_to_end_with_the_full_analyser(tmp_path) -> None:
    built_model_dir()
    path = tmp_path / "in.jsonl"
    records = [
        {"id": "a", "text": ARTICLE},
        {"id": "b", "text": "   "},
        {"id": "c", "title": "Tỉnh sơ tán dân", "lead": None, "body": ARTICLE},
    ]
    path.write_text(
        "\n".join(json.dumps(record, ensure_ascii=False) for record in records) + "\n",
        encoding="utf-8",
    )
    result = run_cli("analyze", "--jsonl", str(path), cwd=REPO_ROOT)
    assert result.returncode == 1
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [item["id"] for item in outputs] == ["a", "b", "c"]
    for item in outputs:
        validate(item)
    assert "error" in outputs[1] and "error" not in outputs[0] and "error" not in outputs[2]
    assert {person["name"] for person in outputs[2]["people"]} == {"Nguyễn Văn Hùng", "Phạm Thu Hà"}
    text = "Tỉnh sơ tán dân\n\n" + ARTICLE
    for quote in outputs[2]["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]


def test_single_text_from_standard_input() -> None:
    built_model_dir()
    result = run_cli("analyze", "-", cwd=REPO_ROOT, input=ARTICLE)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    validate(output)
    assert any(person["quoted"] == "direct" for person in output["people"])
