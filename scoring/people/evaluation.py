"""Scoring the people stage against gold passages (``scoring/data/people/*.jsonl``).

Rules (also in the README and ``genderwatch eval people --help``):

* Gold mention occurrences are found by exact, case-sensitive search for each listed
  mention string, at word boundaries.
* A system person matches a gold person when their mention spans overlap; matching is one
  to one, greedy by the number of overlapping characters. Person precision, recall and F1
  count matched pairs.
* Gender accuracy is over matched persons whose gold gender is not ``unknown`` and whose
  system gender is decided; coverage is decided / gold-decidable matched persons.
* A system quote is correct when its span overlaps a gold quote span by at least the
  threshold share of the gold span's length (0.3 as in the Gender Gap Tracker's evaluation,
  0.8 reported too) and its speaker maps to the gold speaker through the person matching
  (no speaker on both sides also counts). Quotes are matched one to one.
* Function accuracy is over matched persons.
* Women's share = female / (female + male), computed on the system's persons and on the
  gold persons separately; the quoted-sources share counts persons with ``quoted`` other
  than ``none``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from collections.abc import Callable, Iterable

from genderwatch.errors import GenderwatchError
from scoring.contract import PeopleReport

GENDERS = ("female", "male", "unknown")
QUOTE_THRESHOLDS = (0.3, 0.8)
FLAGS = ("family_role", "age_given", "appearance_described", "victim", "survivor")


@dataclass(frozen=True)
class GoldPerson:
    name: str
    mentions: tuple[str, ...]
    gender: str
    quoted: str
    function: str
    flags: dict[str, bool]


@dataclass(frozen=True)
class GoldQuote:
    speaker: str | None
    kind: str
    text: str


@dataclass(frozen=True)
class GoldPassage:
    id: str
    text: str
    people: tuple[GoldPerson, ...]
    quotes: tuple[GoldQuote, ...]


def load_gold(path: Path) -> list[GoldPassage]:
    """Read and check a gold JSONL file; a malformed line stops with its number."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise GenderwatchError(f"cannot read gold file {path}: {error}") from None
    passages = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            passages.append(_passage(json.loads(line)))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            raise GenderwatchError(f"{path}:{number}: not a gold passage ({error})") from None
    if not passages:
        raise GenderwatchError(f"{path}: no gold passages")
    return passages


def _passage(record: dict[str, Any]) -> GoldPassage:
    text = record["text"]
    people = []
    for person in record["people"]:
        if person["gender"] not in GENDERS:
            raise ValueError(f"gender {person['gender']!r}")
        people.append(
            GoldPerson(
                name=person["name"],
                mentions=tuple(person["mentions"]) or (person["name"],),
                gender=person["gender"],
                quoted=person["quoted"],
                function=person["function"],
                flags={flag: bool(person.get(flag, False)) for flag in FLAGS},
            )
        )
    quotes = tuple(
        GoldQuote(quote["speaker"], quote["kind"], quote["text"]) for quote in record["quotes"]
    )
    return GoldPassage(str(record["id"]), text, tuple(people), quotes)


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Spans of ``needle`` in ``text`` that do not start or end inside a word."""
    spans = []
    start = text.find(needle)
    while start >= 0 and needle:
        end = start + len(needle)
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            spans.append((start, end))
        start = text.find(needle, start + 1)
    return spans


def _overlap(first: Iterable[tuple[int, int]], second: Iterable[tuple[int, int]]) -> int:
    second = list(second)
    return sum(
        max(0, min(a_end, b_end) - max(a_start, b_start))
        for a_start, a_end in first
        for b_start, b_end in second
    )


def _greedy(scores: list[tuple[float, int, int]]) -> dict[int, int]:
    """One-to-one matching, best score first: system index -> gold index."""
    matched: dict[int, int] = {}
    used: set[int] = set()
    for score, system, gold in sorted(scores, key=lambda item: -item[0]):
        if score > 0 and system not in matched and gold not in used:
            matched[system] = gold
            used.add(gold)
    return matched


@dataclass
class Counts:
    """Running totals over all passages."""

    system_people: int = 0
    gold_people: int = 0
    matched_people: int = 0
    gold_decidable: int = 0
    decided: int = 0
    gender_correct: int = 0
    function_correct: int = 0
    system_quotes: int = 0
    gold_quotes: int = 0
    quote_correct: dict[float, int] = field(
        default_factory=lambda: dict.fromkeys(QUOTE_THRESHOLDS, 0)
    )
    shares: dict[str, list[int]] = field(
        default_factory=lambda: {
            name: [0, 0]
            for name in ("system_people", "gold_people", "system_quoted", "gold_quoted")
        }
    )
    flags: dict[str, list[int]] = field(default_factory=lambda: {flag: [0, 0, 0] for flag in FLAGS})
    errors: list[dict[str, Any]] = field(default_factory=list)


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _f1(correct: int, system: int, gold: int) -> dict[str, float | None]:
    precision, recall = _ratio(correct, system), _ratio(correct, gold)
    f1 = (2 * precision * recall / (precision + recall)) if precision and recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _share(pair: list[int]) -> float | None:
    return _ratio(pair[0], pair[0] + pair[1])


def evaluate(passages: list[GoldPassage], analyse: Callable[[str], PeopleReport]) -> dict[str, Any]:
    """Every metric of the module docstring over ``passages``."""
    counts = Counts()
    for passage in passages:
        _score_passage(passage, analyse(passage.text), counts)
    people = _f1(counts.matched_people, counts.system_people, counts.gold_people)
    result: dict[str, Any] = {
        "passages": len(passages),
        "people": {
            **people,
            "system": counts.system_people,
            "gold": counts.gold_people,
            "matched": counts.matched_people,
        },
        "gender": {
            "accuracy": _ratio(counts.gender_correct, counts.decided),
            "coverage": _ratio(counts.decided, counts.gold_decidable),
            "decided": counts.decided,
            "gold_decidable": counts.gold_decidable,
        },
        "quotes": {
            f"overlap_{threshold}": _f1(
                counts.quote_correct[threshold], counts.system_quotes, counts.gold_quotes
            )
            for threshold in QUOTE_THRESHOLDS
        }
        | {"system": counts.system_quotes, "gold": counts.gold_quotes},
        "function_accuracy": _ratio(counts.function_correct, counts.matched_people),
        "women_share": {
            "people": {
                "system": _share(counts.shares["system_people"]),
                "gold": _share(counts.shares["gold_people"]),
            },
            "quoted_sources": {
                "system": _share(counts.shares["system_quoted"]),
                "gold": _share(counts.shares["gold_quoted"]),
            },
        },
        "flags": {
            flag: _f1(correct, system, gold)
            for flag, (correct, system, gold) in counts.flags.items()
        },
        "errors": counts.errors,
    }
    return result


def _score_passage(passage: GoldPassage, report: PeopleReport, counts: Counts) -> None:
    gold_spans = [
        [span for mention in set(person.mentions) for span in occurrences(passage.text, mention)]
        for person in passage.people
    ]
    system = report.people
    matches = _greedy(
        [
            (_overlap(person.mentions, spans), s_index, g_index)
            for s_index, person in enumerate(system)
            for g_index, spans in enumerate(gold_spans)
        ]
    )
    counts.system_people += len(system)
    counts.gold_people += len(passage.people)
    counts.matched_people += len(matches)
    for s_index, g_index in matches.items():
        ours, gold = system[s_index], passage.people[g_index]
        if gold.gender != "unknown":
            counts.gold_decidable += 1
            if ours.gender != "unknown":
                counts.decided += 1
                counts.gender_correct += ours.gender == gold.gender
                if ours.gender != gold.gender:
                    counts.errors.append(
                        {
                            "id": passage.id,
                            "kind": "gender",
                            "name": gold.name,
                            "gold": gold.gender,
                            "system": ours.gender,
                            "evidence": ours.gender_evidence,
                        }
                    )
        counts.function_correct += ours.function == gold.function
        for flag in FLAGS:
            mine, theirs = getattr(ours, flag), gold.flags[flag]
            counts.flags[flag][0] += mine and theirs
            counts.flags[flag][1] += mine
            counts.flags[flag][2] += theirs
    for person in system:
        _count_share(counts.shares["system_people"], person.gender)
        if person.quoted != "none":
            _count_share(counts.shares["system_quoted"], person.gender)
    for gold_person in passage.people:
        _count_share(counts.shares["gold_people"], gold_person.gender)
        if gold_person.quoted != "none":
            _count_share(counts.shares["gold_quoted"], gold_person.gender)
    for s_index, person in enumerate(system):
        if s_index not in matches:
            counts.errors.append({"id": passage.id, "kind": "spurious_person", "name": person.name})
    for g_index, gold_person in enumerate(passage.people):
        if g_index not in matches.values():
            counts.errors.append(
                {"id": passage.id, "kind": "missed_person", "name": gold_person.name}
            )
    _score_quotes(passage, report, matches, counts)


def _count_share(pair: list[int], gender: str) -> None:
    if gender == "female":
        pair[0] += 1
    elif gender == "male":
        pair[1] += 1


def _score_quotes(
    passage: GoldPassage, report: PeopleReport, matches: dict[int, int], counts: Counts
) -> None:
    system_names = {person.name: index for index, person in enumerate(report.people)}
    gold_spans = []
    for quote in passage.quotes:
        start = passage.text.find(quote.text)
        gold_spans.append((start, start + len(quote.text)))
    counts.system_quotes += len(report.quotes)
    counts.gold_quotes += len(passage.quotes)
    for threshold in QUOTE_THRESHOLDS:
        scores = []
        for s_index, quote in enumerate(report.quotes):
            speaker_index = system_names.get(quote.speaker) if quote.speaker else None
            mapped = (
                passage.people[matches[speaker_index]].name if speaker_index in matches else None
            )
            for g_index, (start, end) in enumerate(gold_spans):
                gold_quote = passage.quotes[g_index]
                overlap = max(0, min(end, quote.end) - max(start, quote.start))
                same_speaker = (
                    (mapped == gold_quote.speaker) if quote.speaker else gold_quote.speaker is None
                )
                if end > start and overlap / (end - start) >= threshold and same_speaker:
                    scores.append((overlap, s_index, g_index))
        matched = _greedy(scores)
        counts.quote_correct[threshold] += len(matched)
        if threshold == QUOTE_THRESHOLDS[0]:
            for s_index, quote in enumerate(report.quotes):
                if s_index not in matched:
                    counts.errors.append(
                        {
                            "id": passage.id,
                            "kind": "spurious_quote",
                            "speaker": quote.speaker,
                            "text": quote.text,
                        }
                    )
            for g_index, quote in enumerate(passage.quotes):
                if g_index not in matched.values():
                    counts.errors.append(
                        {
                            "id": passage.id,
                            "kind": "missed_quote",
                            "speaker": quote.speaker,
                            "text": quote.text,
                        }
                    )
