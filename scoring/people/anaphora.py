"""Who a pronoun, a bare title or a gendered noun refers to.

Vietnamese news refers back to a person named earlier with a pronoun ("Ông cho biết",
"Theo bà, ..."), with the title alone ("Thủ tướng nhấn mạnh", "bác sĩ khuyến cáo") or with a
gendered noun ("Nữ sinh cho biết", "Chú rể chia sẻ"). The resolver finds such a reference
at a subject position and links it to:

* a person named earlier in the same sentence (the last one), else
* the first person named in the nearest earlier sentence that names someone (the subject
  of that sentence), looking back at most eight sentences;

skipping anyone whose known gender contradicts the pronoun, and anyone named only as the
anchor of a kinship word ("Vợ cố nhạc sĩ X": the pronoun is about the wife). A title refers
to the last person who carried the same title (or a title of the same GMMP group), and
otherwise is resolved like a pronoun ("..., võ sĩ 22 tuổi nói").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from scoring.folding import fold
from scoring.people.coreference import Person
from scoring.people.detection import Detection, Mention
from scoring.people.lexicon import Title
from scoring.people.phrases import PhraseMatch
from scoring.people.tokens import Token
from scoring.people.vocabulary import Vocabulary

# How many sentences back a pronoun may reach: profiles keep saying "anh" for paragraphs
# after the name, and the search stops at the first sentence that names anyone.
_LOOK_BACK = 8
# How far before a name a kinship word makes it a possessor ("Vợ cố nhạc sĩ X").
_POSSESSOR_REACH = 4


@dataclass(frozen=True)
class Reference:
    """A pronoun or noun phrase at ``tokens[start:end]`` that refers to a person."""

    start: int
    end: int
    surface: str
    gender: str | None
    kind: str  # "pronoun", "title" or "gendered"


class Resolver:
    """Maps token positions to the people named there, and references to people."""

    def __init__(self, vocabulary: Vocabulary, detection: Detection, persons: list[Person]) -> None:
        self.vocabulary = vocabulary
        self.tokens = detection.tokens
        self.sentence_tokens = detection.sentence_tokens
        self._mentions: list[tuple[Mention, Person]] = sorted(
            ((mention, person) for person in persons for mention in person.mentions),
            key=lambda item: item[0].start,
        )
        self._starts = [mention.start for mention, _ in self._mentions]
        self._token_starts = [token.start for token in self.tokens]
        self._sentence_starts = [first for first, _ in self.sentence_tokens]
        self.known_gender: dict[int, str] = {}
        self._possessors = {
            id(mention) for mention, _ in self._mentions if self._after_kinship(mention)
        }

    def mentions_between(self, start: int, end: int) -> list[tuple[Mention, Person]]:
        """Mentions starting in character range [start, end)."""
        low = bisect_right(self._starts, start - 1)
        high = bisect_right(self._starts, end - 1)
        return self._mentions[low:high]

    def _after_kinship(self, mention: Mention) -> bool:
        """ "Vợ cố nhạc sĩ Đinh Quang Hòa", "mẹ bé Na": the name is someone's relative's
        anchor, not the one a later pronoun is about."""
        index = mention.first_token
        for _ in range(_POSSESSOR_REACH):
            if index <= 0 or not self.tokens[index - 1].is_word:
                return False
            if self.vocabulary.kinship.ending_at(self.tokens, index) is not None:
                return True
            index -= 1
        return False

    def sentence_of(self, token_index: int) -> int:
        """Index of the sentence holding token ``token_index``."""
        return max(bisect_right(self._sentence_starts, token_index) - 1, 0)

    def token_index(self, position: int) -> int:
        """Index of the first token starting at or after character ``position``."""
        return bisect_left(self._token_starts, position)

    # -- references -------------------------------------------------------------------------

    def reference_at(self, index: int, stop: int) -> Reference | None:
        """A pronoun, bare title or gendered noun starting at token ``index`` (before ``stop``)
        that is not followed by a name: "Ông cho biết", "Thủ tướng nhấn mạnh"."""
        tokens = self.tokens
        vocabulary = self.vocabulary
        if index >= stop or not tokens[index].is_word:
            return None
        if vocabulary.group_words.at(tokens, index, stop) is not None:
            return None
        for table, kind in (
            (vocabulary.family_nouns, "gendered"),
            (vocabulary.gendered_nouns, "gendered"),
            (vocabulary.honorifics, "gendered"),
            (vocabulary.pronouns, "pronoun"),
        ):
            match = table.at(tokens, index, stop)
            if match is None or self.names_follow(match.end, stop):
                continue
            if kind == "gendered" and (
                match.value is None or fold(match.phrase) in vocabulary.pronoun_words
            ):
                continue
            return Reference(index, match.end, _surface(tokens, match), match.value, kind)
        title = self._title_at(index, stop)
        if title is not None and not self.names_follow(title.end, stop):
            return Reference(index, title.end, _surface(tokens, title), title.value.gender, "title")
        return None

    def _title_at(self, index: int, stop: int) -> PhraseMatch[Title] | None:
        tokens = self.tokens
        start = index
        gender = None
        if tokens[index].folded in ("nữ", "nam") and index + 1 < stop:
            gender = "female" if tokens[index].folded == "nữ" else "male"
            index += 1
        match = self.vocabulary.titles.at(tokens, index, stop)
        if match is None:
            return None
        if match.end < stop and tokens[match.end].folded in ("nữ", "nam"):
            gender = "female" if tokens[match.end].folded == "nữ" else "male"
        value = match.value if gender is None else match.value.model_copy(update={"gender": gender})
        return PhraseMatch(start, match.end, match.phrase, value)

    def names_follow(self, index: int, stop: int) -> bool:
        """A person's name (or another title) follows: "ông Hùng" is a mention, not a pronoun;
        "Bí thư Tỉnh ủy" is a bare title, since no one is named at "Tỉnh"."""
        if index >= stop:
            return False
        token = self.tokens[index]
        return (
            bool(self.mentions_between(token.start, token.end))
            or self.vocabulary.academic_title(token) is not None
        )

    def sentence_subjects(self) -> list[tuple[Reference, Person]]:
        """References that open a sentence ("Anh về đích ...", "Theo bà, ...") and whom they
        refer to: each is gender evidence for that person."""
        found = []
        for first, last in self.sentence_tokens:
            index = first
            while index < last and self.tokens[index].folded in ("theo", "cũng", "còn"):
                index += 1
            reference = self.reference_at(index, last)
            if reference is None or reference.gender is None:
                continue
            person = self.resolve(reference)
            if person is not None:
                found.append((reference, person))
        return found

    def resolve(self, reference: Reference) -> Person | None:
        """The person ``reference`` points back to (see the module docstring)."""
        position = self.tokens[reference.start].start
        if reference.kind == "title":
            titled = self._by_title(reference, position)
            if titled is not None:
                return titled
        sentence = self.sentence_of(reference.start)
        same = [
            person
            for mention, person in self._before_in_sentence(sentence, position)
            if id(mention) not in self._possessors
        ]
        for person in reversed(same):
            if self._compatible(person, reference.gender):
                return person
        for earlier in range(sentence - 1, max(sentence - 1 - _LOOK_BACK, -1), -1):
            named = self._in_sentence(earlier)
            for person in named:
                if self._compatible(person, reference.gender):
                    return person
            if named:
                return None
        return None

    def _before_in_sentence(self, sentence: int, position: int) -> list[tuple[Mention, Person]]:
        first, _ = self.sentence_tokens[sentence]
        start = self.tokens[first].start if first < len(self.tokens) else position
        return self.mentions_between(start, position)

    def _in_sentence(self, sentence: int) -> list[Person]:
        first, last = self.sentence_tokens[sentence]
        if first >= last:
            return []
        people: list[Person] = []
        for mention, person in self.mentions_between(
            self.tokens[first].start, self.tokens[last - 1].end
        ):
            if id(mention) not in self._possessors and all(person is not other for other in people):
                people.append(person)
        return people

    def _compatible(self, person: Person, gender: str | None) -> bool:
        known = self.known_gender.get(id(person))
        return gender is None or known is None or known == gender

    def _by_title(self, reference: Reference, position: int) -> Person | None:
        key = reference.surface.lower()
        earlier = [
            (mention, person)
            for mention, person in self._mentions
            if mention.start < position and mention.title
        ]
        for mention, person in reversed(earlier):
            if mention.title.lower().startswith(key) or key.startswith(mention.title.lower()):
                return person
        title = self.vocabulary.titles.get(
            reference.surface.removeprefix("nữ ").removeprefix("Nữ ")
        )
        if title is None:
            return None
        for mention, person in reversed(earlier):
            if mention.title_info is not None and mention.title_info.group == title.group:
                return person
        return None


def _surface(tokens: list[Token], match: PhraseMatch[object]) -> str:
    return " ".join(token.text for token in tokens[match.start : match.end])
