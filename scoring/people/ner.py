"""underthesea's offline CRF named-entity recogniser, at the cost a news service can pay.

``underthesea.ner(sentence)`` runs word segmentation, then three CRF taggers in a chain
(part of speech, chunk, entity). Profiling showed about nine tenths of its time going into
building the CRF feature strings, one regular-expression match per template per token.
This module builds exactly the same feature strings from templates parsed once and feeds
them to the same bundled models through the same ``CRFTagger`` objects, so the tags are
identical (``tests/scoring/test_people_ner.py`` compares them with ``underthesea.ner``) at
about a fifth of the cost. The people stage still calls it only for sentences with a
capitalised run that no title, form of address or known name explains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from collections.abc import Callable

from underthesea import word_tokenize
from underthesea.pipeline.chunking.model_crf import CRFChunkingPredictor
from underthesea.pipeline.ner.model_crf import CRFNERPredictor
from underthesea.pipeline.ner.tagged_feature import text_istitle
from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

_TEMPLATE = re.compile(r"T\[(-?\d+)(?:,(-?\d+))?\](?:\[(\d+)\])?(?:\.(\w+))?$")
_FUNCTIONS: dict[str, Callable[[str], str]] = {
    "lower": str.lower,
    "istitle": lambda word: str(text_istitle(word)),
}


@dataclass(frozen=True)
class _Template:
    prefix: str
    first: int
    last: int | None
    column: int
    function: Callable[[str], str] | None


def _compile(templates: list[str]) -> list[_Template]:
    compiled = []
    for template in templates:
        match = _TEMPLATE.match(template)
        if match is None:
            raise ValueError(f"unsupported CRF feature template {template!r}")
        first, last, column, function = match.groups()
        compiled.append(
            _Template(
                prefix=f"{template}=",
                first=int(first),
                last=int(last) if last else None,
                column=int(column or 0),
                function=_FUNCTIONS[function] if function else None,
            )
        )
    return compiled


def _features(rows: list[tuple[str, ...]], templates: list[_Template]) -> list[list[str]]:
    """The strings underthesea's ``word2features`` makes, for every token of a sentence."""
    size = len(rows)
    columns = list(zip(*rows, strict=True))
    features = []
    for index in range(size):
        token_features = []
        for template in templates:
            first = index + template.first
            if first < 0:
                token_features.append(template.prefix + "BOS")
                continue
            if first >= size or (template.last is not None and index + template.last >= size):
                token_features.append(template.prefix + "EOS")
                continue
            column = columns[template.column]
            if template.last is None:
                word = column[first]
            else:
                word = " ".join(column[first : index + template.last + 1])
            if template.function is not None:
                word = template.function(word)
            token_features.append(template.prefix + word)
        features.append(token_features)
    return features


class CRFRecogniser:
    """The three bundled CRF taggers with precompiled feature templates."""

    def __init__(self) -> None:
        self._pos = CRFPOSTagPredictor.Instance()
        self._chunk = CRFChunkingPredictor.Instance()
        self._ner = CRFNERPredictor.Instance()
        self._pos_templates = _compile(self._pos.transformer.template)
        self._chunk_templates = _compile(self._chunk.transformer.template)
        self._ner_templates = _compile(self._ner.transformer.template)

    def tag(self, sentence: str) -> list[tuple[str, str, str, str]]:
        """(word, POS, chunk, entity) per word: what ``underthesea.ner(sentence)`` returns."""
        words = word_tokenize(sentence)
        if not words:
            return []
        pos = self._pos.model.tag(_features([(word, "X") for word in words], self._pos_templates))
        chunk = self._chunk.model.tag(
            _features(
                [(word, tag, "X") for word, tag in zip(words, pos, strict=True)],
                self._chunk_templates,
            )
        )
        entity = self._ner.model.tag(
            _features(
                [(word, tag, part, "X") for word, tag, part in zip(words, pos, chunk, strict=True)],
                self._ner_templates,
            )
        )
        return list(zip(words, pos, chunk, entity, strict=True))

    def person_spans(self, sentence: str) -> list[tuple[int, int]]:
        """Character spans of the PER entities in ``sentence``."""
        spans: list[tuple[int, int]] = []
        cursor = 0
        for word, _pos, _chunk, entity in self.tag(sentence):
            start, cursor = _locate(sentence, word, cursor)
            if entity == "B-PER" or (entity == "I-PER" and not spans):
                spans.append((start, cursor))
            elif entity == "I-PER":
                spans[-1] = (spans[-1][0], cursor)
        return spans


def _locate(sentence: str, word: str, cursor: int) -> tuple[int, int]:
    """Where ``word`` (syllables joined by single spaces) starts and ends from ``cursor``.

    Word segmentation normalises tone-mark placement without changing a syllable's length,
    so syllables are consumed by length, skipping the spaces between them.
    """
    start = None
    for syllable in word.split(" "):
        while cursor < len(sentence) and sentence[cursor].isspace():
            cursor += 1
        if start is None:
            start = cursor
        cursor = min(cursor + len(syllable), len(sentence))
    return (start if start is not None else cursor), cursor


@lru_cache(maxsize=1)
def default_recogniser() -> CRFRecogniser:
    """The process-wide recogniser (models load once)."""
    return CRFRecogniser()
