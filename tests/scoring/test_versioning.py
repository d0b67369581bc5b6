"""Stage versions follow their data files: retraining or editing a lexicon changes them."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import scoring.analyzer
import scoring.people
import scoring.stereotypes
import scoring.topics
from genderwatch.errors import GenderwatchError
from genderwatch.settings import get_settings
from scoring.versioning import files_digest, stage_version
from tests.conftest import REPO_ROOT

LEXICONS = REPO_ROOT / "config" / "lexicons"


def test_the_digest_follows_content_not_location(tmp_path: Path) -> None:
    original = LEXICONS / "topics.yaml"
    copy = tmp_path / "elsewhere" / "topics.yaml"
    copy.parent.mkdir()
    shutil.copy(original, copy)
    assert files_digest([original]) == files_digest([copy])
    copy.write_text(copy.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert files_digest([original]) != files_digest([copy])
    assert stage_version("1.0.0", [copy]) == f"1.0.0+{files_digest([copy])}"


def test_a_missing_data_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(GenderwatchError, match="cannot read analyser data file .*gone.yaml"):
        files_digest([tmp_path / "gone.yaml"])


@pytest.fixture
def fresh_settings() -> Iterator[None]:
    """Settings read again from the environment, and again after the test."""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_stage_versions_read_the_configured_lexicons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     fresh_settings: None) -> None:
    config = tmp_path / "config"
    shutil.copytree(REPO_ROOT / "config", config)
    monkeypatch.setenv("GENDERWATCH_CONFIG_DIR", str(config))
    before = {stage: stage._version() for stage in (scoring.people, scoring.stereotypes, scoring.topics)}
    for path in (config / "lexicons" / "topics.yaml", config / "lexicons" / "context.yaml",
                 config / "lexicons" / "people" / "names.yaml"):
        path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    for stage, version in before.items():
        assert stage._version() != version
        assert stage._version().split("+")[0] == stage.CODE_VERSION


def test_the_analyser_version_names_every_stage() -> None:
    version = scoring.analyzer.ANALYSER_VERSION
    assert re.fullmatch(r"people-[\d.]+\+[0-9a-f]{8};stereotypes-[\d.]+\+[0-9a-f]{8};"
                        r"topics-[\d.]+\+[0-9a-f]{8}", version)
    assert len(version) <= 128  # analysis.analyser_version
    with pytest.raises(AttributeError):
        scoring.topics.NO_SUCH_NAME  # noqa: B018
