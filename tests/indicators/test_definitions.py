"""config/indicators.yaml: the shipped definitions load, and broken ones name line and reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.indicators.definitions import load_definitions, load_indicator_set
from store.indicators.yaml_validation import ConfigFileError
from tests.conftest import REPO_ROOT

CONFIG = REPO_ROOT / "config"
REQUIRED = {f"C{n:02d}" for n in [*range(1, 7), *range(8, 20), *range(21, 27)]}


def test_every_required_content_indicator_is_defined() -> None:
    definitions = load_definitions(CONFIG)
    families = {definition.id[:3] for definition in definitions}
    assert REQUIRED <= families
    assert {definition.measure for definition in definitions} == {"share", "rate", "rate_ratio", "per_1000"}
    assert {definition.unit for definition in definitions} == {"person", "quote", "byline", "article"}
    for definition in definitions:
        assert definition.name_vi and definition.name_en and definition.method_vi and definition.method_en
        assert definition.section.startswith("B1") and definition.min_sample >= 1
        assert (definition.target_high is not None) == (definition.direction == "band")


def test_vietnamese_names_keep_their_diacritics() -> None:
    names = {definition.id: definition.name_vi for definition in load_definitions(CONFIG)}
    assert names["C01"] == "Tỷ lệ nữ trong tin tức và thời sự"
    assert names["C13"] == "Tỷ lệ tin bài có khuôn mẫu giới công khai"


def _broken(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """Write the shipped file with ``old`` replaced; returns the directory and the edited line."""
    text = (CONFIG / "indicators.yaml").read_text(encoding="utf-8")
    assert old in text, old
    (tmp_path / "indicators.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path, text[: text.index(old)].count("\n") + 1


@pytest.mark.parametrize("old, new, offset, reason", [
    ("numerator: {gender: female, function: expert}", "numerator: {gender: female, fonction: expert}", 0,
     "unknown key 'fonction' in indicators.4.numerator"),
    ("numerator: {gender: female, function: expert}", "numerator: {gender: woman, function: expert}", 0,
     "'woman' is not one of ['female', 'male', 'unknown']"),
    ("denominator: {gender: [female, male], function: expert}",
     "denominator: {gender: [female, male, unknown], function: expert}", 0,
     "C04: a share's denominator must set gender: [female, male] (unknown gender is excluded"),
    ("id: C05", "id: C04", 0, "duplicate indicator id 'C04' (first defined on line"),
    ("target: 0.13", "target: [0.1, 0.2]", 0, "[0.1, 0.2] is not of type 'number'"),
    ("measure: rate\n    numerator: {women_central: true}", "measure: share\n    numerator: {women_central: true}",
     0, "C09: measure 'share' cannot count unit 'article'"),
    ("numerator: {topics: {law_policy_reference: true}}", "numerator: {topics: {LAW: true}}", 0,
     "'LAW' does not match"),
    ("measure: per_1000", "measure: rate_ratio", -6, "'groups' is a required property"),
    ("target: [0.67, 1.5]", "target: [1.5, 0.67]", 0, "C08d: band target [1.5, 0.67] is reversed"),
])
def test_an_invalid_definition_is_rejected_with_its_line(tmp_path: Path, old: str, new: str, offset: int,
                                                          reason: str) -> None:
    directory, line = _broken(tmp_path, old, new)
    with pytest.raises(ConfigFileError) as caught:
        load_indicator_set(directory)
    assert str(caught.value).startswith(f"{directory / 'indicators.yaml'}:{line + offset}: ")
    assert reason in str(caught.value)


def test_syntax_errors_and_missing_files_are_reported(tmp_path: Path) -> None:
    directory, line = _broken(tmp_path, "  - id: C09", "  - id: C09\n   broken: [")
    with pytest.raises(ConfigFileError, match=rf"indicators.yaml:{line + 1}: YAML syntax error"):
        load_indicator_set(directory)
    with pytest.raises(ConfigFileError, match="file not found"):
        load_indicator_set(tmp_path / "nowhere")
