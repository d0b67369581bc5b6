"""The people lexicon compiled into matchers, built once per process."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from scoring.folding import fold
from scoring.people.lexicon import PeopleLexicon, Title, load_people_lexicon
from scoring.people.names import NameBook
from scoring.people.phrases import PhraseMatch, PhraseTable
from scoring.people.tokens import Token


# GMMP groups of artisans (13) and artists (18): their titles (NSND, NNƯT) make a subject.
_PERFORMER_GROUPS = frozenset({13, 18})


class Vocabulary:
    """Phrase tables for every list of the people lexicon, plus the name book."""

    def __init__(self, lexicon: PeopleLexicon) -> None:
        forms, titles, speech = lexicon.forms, lexicon.titles, lexicon.speech
        self.lexicon = lexicon
        self.honorifics = PhraseTable(forms.honorifics)
        self.gendered_nouns = PhraseTable(forms.gendered_nouns)
        self.kinship = PhraseTable(forms.kinship)
        self.family_nouns = PhraseTable(forms.family_nouns)
        self.group_words = PhraseTable(forms.group_words)
        self.pronouns = PhraseTable(forms.pronouns)
        self.pronoun_words = frozenset(fold(word) for word in forms.pronouns)
        self.not_people = PhraseTable(forms.not_people)
        self.titles = PhraseTable(titles.titles)
        self.organisation_groups = PhraseTable(titles.organisation_groups)
        parts = "|".join(
            sorted((re.escape(part) for part in titles.academic_parts), key=len, reverse=True)
        )
        self._academic = re.compile(rf"(?:{parts})(?:[.\-](?:{parts}))*\.?", re.IGNORECASE)
        self._academic_groups = {
            part.lower(): group for part, group in titles.academic_parts.items()
        }
        not_speech = PhraseTable(speech.not_speech)
        self.speech_verbs = VerbTable(PhraseTable(speech.speech_verbs), not_speech)
        self.attribution_verbs = VerbTable(
            PhraseTable((*speech.speech_verbs, *speech.manner_verbs)), not_speech
        )
        self.clause_openers = PhraseTable(speech.clause_openers)
        self.unnamed_speakers = PhraseTable(speech.unnamed_speakers)
        self.quotation_name_heads = PhraseTable(speech.quotation_name_heads)
        self.byline_prefixes = tuple(prefix.lower() for prefix in speech.byline_prefixes)
        self.heads = PhraseTable(lexicon.places.heads)
        self.unit_heads = PhraseTable(lexicon.places.unit_heads)
        self.body_heads = PhraseTable(lexicon.places.body_heads)
        self.locatives = PhraseTable(lexicon.places.locative_prepositions)
        self.ethnic_groups = PhraseTable(lexicon.places.ethnic_groups)
        self.places = PhraseTable(lexicon.places.places)
        self.names = NameBook(lexicon.names)
        flags = lexicon.flags
        self.appearance = PhraseTable(flags.appearance)
        self.victim = PhraseTable(flags.victim)
        self.survivor = PhraseTable(flags.survivor)
        self.eyewitness = PhraseTable(flags.eyewitness)
        self.popular_opinion = PhraseTable(flags.popular_opinion)

    def academic_title(self, token: Token) -> Title | None:
        """A dotted academic, medical or artistic title token ("PGS.TS", "BS.CK2", "NSND")
        as a title: its GMMP group, and the role that group implies (artists and artisans
        are subjects of their stories, the rest are experts)."""
        if not token.is_word or self._academic.fullmatch(token.text) is None:
            return None
        if not any(char.isupper() for char in token.text):
            return None
        parts = [part for part in re.split(r"[.\-]", token.text.rstrip(".").lower()) if part]
        groups = [self._academic_groups.get(part, 5) for part in parts]
        group = max(groups, key=lambda value: (value != 5, value))
        return Title(group=group, role="subject" if group in _PERFORMER_GROUPS else "expert")


class VerbTable:
    """Reporting verbs, except where their syllables belong to a compound that reports no
    speech ("khai" in "khai giảng", "kể" in "kể cả")."""

    def __init__(self, verbs: PhraseTable[None], exclusions: PhraseTable[None]) -> None:
        self._verbs = verbs
        self._exclusions = exclusions
        self._reach = 3

    def at(
        self, tokens: list[Token], index: int, stop: int | None = None
    ) -> PhraseMatch[None] | None:
        match = self._verbs.at(tokens, index, stop)
        return None if match is None or self._excluded(tokens, index) else match

    def ending_at(self, tokens: list[Token], end: int, floor: int = 0) -> PhraseMatch[None] | None:
        match = self._verbs.ending_at(tokens, end, floor)
        return None if match is None or self._excluded(tokens, match.start) else match

    def _excluded(self, tokens: list[Token], index: int) -> bool:
        for start in range(max(0, index - self._reach + 1), index + 1):
            compound = self._exclusions.at(tokens, start)
            if compound is not None and compound.end > index:
                return True
        return False


@lru_cache(maxsize=4)
def vocabulary_for(directory: Path) -> Vocabulary:
    """The compiled vocabulary of a lexicon directory (once per process)."""
    return Vocabulary(load_people_lexicon(directory))


def default_vocabulary() -> Vocabulary:
    """The vocabulary of the configured ``<config_dir>/lexicons/people``."""
    from genderwatch.settings import get_settings

    return vocabulary_for(get_settings().config_dir / "lexicons" / "people")
