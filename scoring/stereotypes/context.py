"""Context rules: when a lexicon match is, or is not, a finding, and in whose voice.

The taxonomy's hard negatives are mostly a matter of context, not of words: the same
"nữ" is gratuitous in a routine crash report and news in "nữ Bí thư đầu tiên"; "giỏi việc
nước, đảm việc nhà" confines a woman in a profile and is a campaign name in a Women's Union
report; "phái yếu" inside "định kiến coi phụ nữ là phái yếu" is named in order to be
rejected. Conditions are evaluated on the sentence of the match, except those that describe
the whole story (a beauty pageant, an advertisement, a violent crime), which are evaluated
on the document, and those often said in a neighbouring sentence (who the sentence is about,
an unambiguous rejection), which are evaluated on the sentence and the one either side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from scoring.contract import PeopleReport, Voice
from scoring.cues import compile_cues
from scoring.document import Document, Sentence
from scoring.stereotypes.lexicon import ContextFile

DOCUMENT_CONDITIONS = frozenset({"appearance_story", "advertising", "violence", "family_relevant"})
# Who the sentence is about is often said in the neighbouring sentence (a headline names a
# role, the sapo says "bà"), and a critique often names a stereotype in one sentence and
# rejects it in the next: these conditions look one sentence either side.
NEIGHBOUR_CONDITIONS = frozenset({"female_referent", "male_referent", "critique_nearby"})
# Conditions that cancel every category: naming a stereotype to reject it, campaign wording.
GLOBAL_SUPPRESSORS = ("critique", "critique_nearby", "campaign")
# A quotation of at least this many words is speech, not scare quotes around a term.
_SPEECH_MIN_WORDS = 6


@dataclass
class Context:
    """Evaluates conditions on one document; results are cached per sentence."""

    document: Document
    folded: str
    cues: ContextFile
    people: PeopleReport
    _sentence_cache: dict[tuple[str, int], bool] = field(default_factory=dict)

    @cached_property
    def _patterns(self) -> dict[str, re.Pattern[str]]:
        return {name: compile_cues(cues) for name, cues in self.cues.conditions.items()}

    @cached_property
    def _speech_verbs(self) -> re.Pattern[str]:
        return compile_cues(self.cues.speech_verbs)

    def holds(self, condition: str, sentence: Sentence) -> bool:
        """Whether ``condition`` holds for ``sentence`` (or its document)."""
        if condition in DOCUMENT_CONDITIONS:
            key = (condition, -1)
            if key not in self._sentence_cache:
                self._sentence_cache[key] = bool(self._patterns[condition].search(self.folded))
            return self._sentence_cache[key]
        key = (condition, sentence.start)
        if key not in self._sentence_cache:
            start, end = (self._neighbourhood(sentence) if condition in NEIGHBOUR_CONDITIONS
                          else (sentence.start, sentence.end))
            self._sentence_cache[key] = bool(self._patterns[condition].search(self.folded,
                                                                              start, end))
        return self._sentence_cache[key]

    def _neighbourhood(self, sentence: Sentence) -> tuple[int, int]:
        sentences = self.document.sentences
        index = next(i for i, other in enumerate(sentences) if other.start == sentence.start)
        return (sentences[max(index - 1, 0)].start,
                sentences[min(index + 1, len(sentences) - 1)].end)

    def voice(self, start: int, end: int) -> Voice:
        """``quote`` inside attributed direct speech or a long quotation, else ``outlet``.

        Short quotation marks around a term in narration are scare quotes: the outlet's
        own words, so they stay in the outlet's voice.
        """
        for quote in self.people.quotes:
            if quote.kind == "direct" and quote.start <= start and end <= quote.end:
                return "quote"
        for open_, close in self.document.quotation_spans:
            if open_ <= start and end <= close and self._is_speech(open_, close):
                return "quote"
        return "outlet"

    def sentence_voice(self, sentence: Sentence) -> Voice:
        """``quote`` when quoted speech makes up a third of the sentence or more: a
        sentence-wide (model) finding there most likely comes from the speaker's words."""
        spans = [(quote.start, quote.end) for quote in self.people.quotes if quote.kind == "direct"]
        spans += [span for span in self.document.quotation_spans if self._is_speech(*span)]
        covered = set()
        for start, end in spans:
            covered.update(range(max(start, sentence.start), min(end, sentence.end)))
        return "quote" if 3 * len(covered) >= sentence.end - sentence.start else "outlet"

    def _is_speech(self, open_: int, close: int) -> bool:
        if len(self.folded[open_:close].split()) >= _SPEECH_MIN_WORDS:
            return True
        sentence = self.document.sentence_at(open_)
        if sentence is None:
            return False
        return bool(self._speech_verbs.search(self.folded[sentence.start:sentence.end]))
