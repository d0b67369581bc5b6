"""A broken people lexicon stops with the file and field named, never silently."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from genderwatch.errors import GenderwatchError
from scoring.people.lexicon import load_people_lexicon
from tests.conftest import REPO_ROOT

LEXICON_DIR = REPO_ROOT / "config" / "lexicons" / "people"


@pytest.fixture()
def lexicon_copy(tmp_path: Path) -> Path:
    target = tmp_path / "people"
    shutil.copytree(LEXICON_DIR, target)
    return target


def test_committed_lexicon_loads() -> None:
    lexicon = load_people_lexicon(LEXICON_DIR)
    assert lexicon.forms.honorifics["bà"] == "female"
    assert lexicon.titles.titles["Giám đốc"].generic


def test_bad_value_names_file_and_field(lexicon_copy: Path) -> None:
    path = lexicon_copy / "titles.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "group: 19, role: subject}", "group: 99, role: subject}", 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(
        GenderwatchError,
        match=r"titles\.yaml at titles\..*: Input should be less than or equal to 27",
    ):
        load_people_lexicon(lexicon_copy)


def test_repeated_entry_is_refused(lexicon_copy: Path) -> None:
    path = lexicon_copy / "names.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  - Nguyễn\n", "  - Nguyễn\n  - NGUYỄN\n", 1),
        encoding="utf-8",
    )
    with pytest.raises(GenderwatchError, match=r"names\.yaml at surnames: .*listed twice.*nguyễn"):
        load_people_lexicon(lexicon_copy)


def test_missing_file_is_named(lexicon_copy: Path) -> None:
    (lexicon_copy / "speech.yaml").unlink()
    with pytest.raises(GenderwatchError, match=r"cannot read people lexicon file .*speech\.yaml"):
        load_people_lexicon(lexicon_copy)
