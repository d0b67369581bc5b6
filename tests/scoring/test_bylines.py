"""Byline authors' gender (C21/C22): decided from the name only when the name says it."""

from __future__ import annotations

import pytest

from scoring.people.bylines import BylineCounts, author_gender, byline_counts
from scoring.people.names import NameBook
from scoring.people.vocabulary import default_vocabulary


@pytest.fixture(scope="module")
def names() -> NameBook:
    return default_vocabulary().names


@pytest.mark.parametrize("author, gender", [
    ("Lô Thị Hiền", "female"),  # middle name
    ("Văn Tú", "male"),  # pen name keeping the middle name
    ("Thu Hằng", "female"),  # given name in the girls' list only
    ("Quốc Tuấn", "male"),
    ("KIM PHƯỢNG", "unknown"),  # capitals are read as the name ("Phượng" is in both lists)
    ("A Thuần", "male"),  # the H'Mông "A" of men, not an initial
    ("N.Hùng", "male"),  # an initial, then a given name that decides
    ("Thu Hà", "unknown"),  # "Hà" is given to women and men
    ("Minh Khôi", "unknown"),
    ("P.Y", "unknown"),  # initials only
    ("T. Hà", "unknown"),
    ("John Smith", "unknown"),  # not Vietnamese syllables: never guessed
    ("Nhóm PV Văn hóa", "unknown"),  # a desk
    ("Ban Thời sự", "unknown"),
    ("CTV", "unknown"),
    ("TTXVN", "unknown"),  # an agency's acronym
    ("", "unknown"),
])
def test_author_gender(names: NameBook, author: str, gender: str) -> None:
    assert author_gender(author, names) == gender


def test_counts_women_and_men_and_nobody_else(names: NameBook) -> None:
    assert byline_counts(["Thu Hằng", "Văn Tú", "Thu Hà", "Nhóm PV"], None, names) == BylineCounts(1, 1)
    assert byline_counts([], None, names) == BylineCounts(0, 0)


def test_wire_copy_counts_no_one(names: NameBook) -> None:
    assert byline_counts(["Thu Hằng"], "TTXVN", names) == BylineCounts(0, 0)
