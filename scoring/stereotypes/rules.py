"""Stage 1: lexicon matches turned into rule hits, with their context verdicts.

Every match is kept, including the ones a context rule cancelled: the combination stage
uses a cancelled hit as evidence *against* a model-only finding in the same sentence
(a critique or a campaign slogan looks stereotyped to an encoder, too).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from scoring.cues import PhraseIndex
from scoring.document import Sentence
from scoring.stereotypes.context import GLOBAL_SUPPRESSORS, Context
from scoring.stereotypes.lexicon import Entry, Lexicon

@dataclass(frozen=True)
class RuleHit:
    """One lexicon match in the document's text (offsets into ``Document.text``)."""

    entry: Entry
    category: str
    start: int
    end: int
    sentence: Sentence
    voice: str
    suppressed_by: str | None = None

    @property
    def active(self) -> bool:
        return self.suppressed_by is None

    @property
    def length(self) -> int:
        return self.end - self.start


def _evidence_span(match: re.Match[str]) -> tuple[int, int]:
    for name, value in match.groupdict().items():
        if name.startswith("ev") and value is not None:
            return match.span(name)
    return match.span()


def _names_capitalised(match: re.Match[str], text: str) -> bool:
    """Every ``{Name}`` syllable of the match starts with a capital in the original text."""
    return all(text[match.start(group)].isupper()
               for group, value in match.groupdict().items()
               if group.startswith("name") and value is not None)


def _suppressor(entry: Entry, sentence: Sentence, context: Context) -> str | None:
    for condition in entry.requires:
        if not context.holds(condition, sentence):
            return f"missing:{condition}"
    for condition in (*GLOBAL_SUPPRESSORS, *entry.unless):
        if context.holds(condition, sentence):
            return condition
    return None


def _matches(lexicon: Lexicon, index: PhraseIndex[Entry],
             context: Context) -> Iterator[tuple[Entry, int, int]]:
    yield from index.find(context.folded)
    for entry in lexicon.entries:
        if entry.regex is None:
            continue
        for match in entry.regex.finditer(context.folded):
            if _names_capitalised(match, context.document.text):
                yield (entry, *_evidence_span(match))


def find_rule_hits(lexicon: Lexicon, context: Context) -> list[RuleHit]:
    """All matches of every entry, with voice and (if cancelled) the cancelling condition."""
    hits: list[RuleHit] = []
    for entry, start, end in _matches(lexicon, phrase_index(lexicon.entries), context):
        sentence = context.document.sentence_at(start)
        if start == end or sentence is None:
            continue
        hits.append(RuleHit(entry=entry, category=lexicon.category_of(entry), start=start,
                            end=end, sentence=sentence, voice=context.voice(start, end),
                            suppressed_by=_suppressor(entry, sentence, context)))
    return _without_overlaps(hits)


@lru_cache(maxsize=4)
def phrase_index(entries: tuple[Entry, ...]) -> PhraseIndex[Entry]:
    """Built once per lexicon (entries are immutable and hashable)."""
    return PhraseIndex((phrase, entry) for entry in entries for phrase in entry.phrases)


def _without_overlaps(hits: list[RuleHit]) -> list[RuleHit]:
    """Among overlapping active hits keep the longest (strong before weak); the same for
    cancelled hits, which never shadow an active one."""
    ranked = sorted(hits, key=lambda hit: (not hit.active, -hit.length,
                                           hit.entry.strength != "strong", hit.start))
    kept: list[RuleHit] = []
    for hit in ranked:
        if any(hit.start < other.end and other.start < hit.end and other.active >= hit.active
               for other in kept):
            continue
        kept.append(hit)
    return sorted(kept, key=lambda hit: (hit.start, hit.end))
