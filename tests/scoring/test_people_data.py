"""The committed gold passages are well formed: every mention and quote is in its text,
speakers are listed people, values are from the taxonomy, and ``quoted`` agrees with the
quotes. (The held-out split is checked by its own annotator and never read here.)"""

from __future__ import annotations

import json

import pytest

from scoring.people.evaluation import load_gold, occurrences
from store.models import FUNCTIONS
from tests.conftest import REPO_ROOT

DATA_DIR = REPO_ROOT / "scoring" / "data" / "people"
BASES = {"honorific", "kinship", "explicit", "other_mention", "middle_name", "given_name", "none"}
STRENGTH = {"none": 0, "indirect": 1, "direct": 2}


def records(split: str) -> list[dict]:
    return [
        json.loads(line)
        for line in (DATA_DIR / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    ]


@pytest.mark.parametrize("split", ["train", "dev"])
def test_gold_passages_are_consistent(split: str) -> None:
    passages = records(split)
    assert all(
        record["split"] == split and record["id"].startswith(f"ppl-{split}-") for record in passages
    )
    for record in passages:
        text = record["text"]
        names = {person["name"] for person in record["people"]}
        for person in record["people"]:
            assert person["function"] in FUNCTIONS and person["gender_basis"] in BASES, record["id"]
            assert (person["gender"] == "unknown") == (person["gender_basis"] == "none"), record[
                "id"
            ]
            for mention in person["mentions"]:
                assert occurrences(text, mention), (record["id"], mention)
            kinds = [
                quote["kind"] for quote in record["quotes"] if quote["speaker"] == person["name"]
            ]
            assert person["quoted"] == max(kinds, key=STRENGTH.__getitem__, default="none"), record[
                "id"
            ]
        for quote in record["quotes"]:
            assert quote["text"] in text and quote["kind"] in ("direct", "indirect"), record["id"]
            assert quote["speaker"] is None or quote["speaker"] in names, record["id"]
    assert len(load_gold(DATA_DIR / f"{split}.jsonl")) == len(passages)


def test_splits_are_disjoint_and_large_enough() -> None:
    train, dev = records("train"), records("dev")
    assert len(train) + len(dev) >= 150
    assert not {record["text"] for record in train} & {record["text"] for record in dev}
