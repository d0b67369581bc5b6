"""Load a YAML file and validate it against a JSON schema, reporting the offending line.

PyYAML's composed node tree keeps a start mark (line, column) for every value; the path of a
jsonschema error is walked through that tree so each complaint names ``file:line`` and the
reason in one sentence a configuration editor can act on.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from genderwatch.errors import GenderwatchError


class ConfigFileError(GenderwatchError):
    """A configuration file is missing, unreadable or does not follow its schema."""


def node_at(root: yaml.Node, path: Sequence[str | int]) -> yaml.Node:
    """The deepest node along ``path`` (mapping keys and sequence indexes)."""
    node = root
    for step in path:
        if isinstance(node, yaml.MappingNode):
            children = {key.value: value for key, value in node.value}
            if step not in children:
                break
            node = children[step]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            break
    return node


def line_of(root: yaml.Node, path: Sequence[str | int]) -> int:
    """1-based line of the value at ``path``."""
    return node_at(root, path).start_mark.line + 1


def _key_line(root: yaml.Node, path: Sequence[str | int], key: str) -> int:
    parent = node_at(root, path)
    if isinstance(parent, yaml.MappingNode):
        for key_node, _ in parent.value:
            if key_node.value == key:
                return key_node.start_mark.line + 1
    return parent.start_mark.line + 1


def _duplicate_key(node: yaml.Node) -> tuple[int, str] | None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                return key.start_mark.line + 1, key.value
            seen.add(key.value)
            if found := _duplicate_key(value):
                return found
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if found := _duplicate_key(item):
                return found
    return None


def describe(error: ValidationError, root: yaml.Node) -> tuple[int, str]:
    """Line and one-line reason for a schema error."""
    path = list(error.absolute_path)
    where = ".".join(str(step) for step in path) or "(top level)"
    if error.validator == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        unexpected = sorted(set(error.instance) - allowed)
        if unexpected:
            return _key_line(root, path, unexpected[0]), (
                f"unknown key '{unexpected[0]}' in {where}; allowed: {', '.join(sorted(allowed))}"
            )
    return line_of(root, path), f"{where}: {explain(error)}"


def explain(error: ValidationError) -> str:
    """The error's message; for oneOf/anyOf, the closest alternative's message instead.

    "is not valid under any of the given schemas" helps nobody, while "'woman' is not one of
    ['female', 'male', 'unknown']" or "'có' is not of type 'boolean'" does.
    """
    if error.validator in ("oneOf", "anyOf"):
        alternatives = [sub for sub in error.context or [] if not sub.relative_path]
        for sub in alternatives:
            if sub.validator in ("enum", "const"):
                return sub.message
        for sub in alternatives:
            if sub.validator == "type" and sub.validator_value not in ("null", "array"):
                return sub.message
    return error.message


def read_config_text(path: Path) -> str:
    """The UTF-8 text of a configuration file, or a ConfigFileError saying why not."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigFileError(f"file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigFileError(f"cannot read {path}: {error}") from None


def load_validated(path: Path, schema: dict[str, Any]) -> tuple[Any, yaml.Node]:
    """Parse ``path`` and validate it; returns the data and its node tree for later checks."""
    return validate_text(read_config_text(path), schema, source=str(path))


def validate_text(text: str, schema: dict[str, Any], *, source: str) -> tuple[Any, yaml.Node]:
    """Validate YAML ``text``; errors name ``source:line``."""
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + 1 if mark else 0
        raise ConfigFileError(f"{source}:{line}: YAML syntax error: {error.problem}") from None
    if root is None:
        raise ConfigFileError(f"{source}:1: the file is empty")
    if duplicate := _duplicate_key(root):
        raise ConfigFileError(f"{source}:{duplicate[0]}: duplicate key '{duplicate[1]}'")
    error = best_match(Draft202012Validator(schema).iter_errors(data))
    if error is not None:
        line, reason = describe(error, root)
        raise ConfigFileError(f"{source}:{line}: {reason}")
    return data, root
