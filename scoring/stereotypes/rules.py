"""Stage 1: lexicon matches turned into rule hits, with their context verdicts.

Every match is kept, including the ones a context rule cancelled: the combination stage
uses a cancelled hit as evidence *against* a model-only finding in the same sentence
(a critique or a campaign slogan looks stereotyped to an encoder, too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


def find_rule_hits(lexicon: Lexicon, context: Context) -> list[RuleHit]:
    """All matches of every entry, with voice and (if cancelled) the cancelling condition."""
    hits: list[RuleHit] = []
    for entry in lexicon.entries:
        category = lexicon.category_of(entry)
        for match in entry.regex.finditer(context.folded):
            if not _names_capitalised(match, context.document.text):
                continue
            start, end = _evidence_span(match)
            if start == end:
                continue
            sentence = context.document.sentence_at(start)
            if sentence is None:
                continue
            hits.append(RuleHit(entry=entry, category=category, start=start, end=end,
                                sentence=sentence, voice=context.voice(start, end),
                                suppressed_by=_suppressor(entry, sentence, context)))
    return _without_overlaps(hits)


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
