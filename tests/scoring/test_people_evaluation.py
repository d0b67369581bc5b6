"""The evaluation rules: matching by mention overlap, gender coverage, quote overlap and
speaker mapping, women's shares."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from genderwatch.errors import GenderwatchError
from scoring.contract import PeopleReport, PersonResult, QuoteResult
from scoring.people.evaluation import evaluate, load_gold, occurrences

TEXT = (
    "Bà Nguyễn Thị Lan cho biết dịch giảm. Ông Trần Văn Nam nói: “Chúng tôi sẵn sàng.” Bà Lan cười."
)
def gold_person(name: str, mentions: list[str], gender: str, quoted: str, function: str) -> dict:
    flags = dict.fromkeys(("family_role", "age_given", "appearance_described", "victim", "survivor"), False)
    return {"name": name, "mentions": mentions, "gender": gender, "gender_basis": "honorific",
            "quoted": quoted, "function": function, "occupation": None, **flags}


GOLD = {
    "id": "t-1",
    "split": "dev",
    "topic": "y tế",
    "text": TEXT,
    "notes": "",
    "people": [
        gold_person("Nguyễn Thị Lan", ["Nguyễn Thị Lan", "Bà Lan"], "female", "indirect", "spokesperson"),
        gold_person("Trần Văn Nam", ["Trần Văn Nam"], "male", "direct", "expert"),
    ],
    "quotes": [
        {"speaker": "Nguyễn Thị Lan", "kind": "indirect", "text": "dịch giảm"},
        {"speaker": "Trần Văn Nam", "kind": "direct", "text": "Chúng tôi sẵn sàng."},
    ],
}


def span(text: str) -> tuple[int, int]:
    start = TEXT.index(text)
    return start, start + len(text)


@pytest.fixture()
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def test_occurrences_respect_word_boundaries() -> None:
    assert occurrences("Lan và Lang, Hà Lan", "Lan") == [(0, 3), (16, 19)]


def test_perfect_system_scores_one(gold_file: Path) -> None:
    lan = PersonResult(
        "Nguyễn Thị Lan",
        "female",
        quoted="indirect",
        function="spokesperson",
        mentions=[span("Nguyễn Thị Lan"), span("Lan cười")],
    )
    nam = PersonResult(
        "Trần Văn Nam", "male", quoted="direct", function="expert", mentions=[span("Trần Văn Nam")]
    )
    quotes = [
        QuoteResult("Nguyễn Thị Lan", "indirect", "dịch giảm", *span("dịch giảm")),
        QuoteResult("Trần Văn Nam", "direct", "Chúng tôi sẵn sàng.", *span("Chúng tôi sẵn sàng.")),
    ]
    result = evaluate(load_gold(gold_file), lambda _: PeopleReport([lan, nam], quotes))
    assert result["people"]["f1"] == 1.0
    assert (result["gender"]["accuracy"], result["gender"]["coverage"]) == (1.0, 1.0)
    assert result["quotes"]["overlap_0.3"]["f1"] == 1.0 and result["function_accuracy"] == 1.0
    assert result["women_share"]["quoted_sources"] == {"system": 0.5, "gold": 0.5}


def test_partial_system(gold_file: Path) -> None:
    lan = PersonResult(
        "Lan", "unknown", quoted="direct", function="subject", mentions=[span("Lan cười")]
    )
    stranger = PersonResult("Nam", "male", mentions=[(0, 2)])
    quotes = [
        QuoteResult("Lan", "direct", "Chúng tôi sẵn", *span("Chúng tôi sẵn")),  # wrong speaker
        QuoteResult(None, "indirect", "dịch", *span("dịch")),
    ]  # short, no speaker
    result = evaluate(load_gold(gold_file), lambda _: PeopleReport([lan, stranger], quotes))
    assert result["people"]["precision"] == 0.5 and result["people"]["recall"] == 0.5
    assert result["gender"]["coverage"] == 0.0 and result["gender"]["accuracy"] is None
    assert result["quotes"]["overlap_0.3"]["f1"] == 0.0
    assert result["women_share"]["people"] == {"system": 0.0, "gold": 0.5}


def test_quote_threshold_decides(gold_file: Path) -> None:
    nam = PersonResult("Trần Văn Nam", "male", mentions=[span("Trần Văn Nam")])
    half = QuoteResult("Trần Văn Nam", "direct", "Chúng tôi", *span("Chúng tôi"))
    result = evaluate(load_gold(gold_file), lambda _: PeopleReport([nam], [half]))
    assert result["quotes"]["overlap_0.3"]["precision"] == 1.0
    assert result["quotes"]["overlap_0.8"]["precision"] == 0.0


def test_malformed_gold_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(GOLD, ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(GenderwatchError, match=r"bad.jsonl:2: not a gold passage"):
        load_gold(path)
