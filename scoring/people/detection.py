"""Where people are named: runs of capitalised syllables and what stands before them.

A person in Vietnamese news is named by a run of capitalised syllables ("Nguyễn Thị Lan",
"Kim Sung-ho", "T.V.H."), nearly always introduced by a form of address ("bà Lan"), a title
("Giám đốc Sở Y tế Trần Thị Mai", "PGS.TS Lê Minh Tuấn", "tiền đạo Nguyễn Tiến Linh"), or
standing bare ("Nguyễn Văn Toàn dứt điểm"). Capitalised runs also name organisations and
places, which follow a head word ("tỉnh Quảng Ngãi", "Trường THPT Phan Bội Châu") or are
known places ("Hà Nội", "Mỹ"); some honorific-looking phrases are places or deities ("Bà
Rịa", "Bà Chúa Xứ").

For each sentence this module marks titles, forms of address and blocked phrases, cuts the
capitalised runs, strips leading place names ("Tổng thống Mỹ Donald Trump"), and classifies
each run by its left context:

* after a form of address or a title (possibly with an organisation in between): a person;
* right after an organisation or place head: not a person;
* bare: a candidate. underthesea's CRF NER is run on the sentence only when it holds a bare
  multi-syllable candidate; a PER tag (or an unmistakable Vietnamese name shape: family
  name, "Văn"/"Thị", given name) makes it a person. Other bare runs become people only when
  coreference links them to someone already found ("Hải" to "Nguyễn Quang Hải").

Bylines and photo credits ("Thu Trang", "Ảnh: Hoàng Hà") are skipped: they are the outlet's
staff, not people in the news.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property

from scoring.document import Document
from scoring.folding import fold
from scoring.people.lexicon import Title
from scoring.people.names import is_vietnamese_syllable
from scoring.people.ner import CRFRecogniser
from scoring.people.phrases import PhraseMatch
from scoring.people.tokens import Token
from scoring.people.vocabulary import Vocabulary

# Punctuation after which a capitalised honorific still opens a clause ("“Bà Mai ...").
# Not a comma: after one, honorifics are written in lower case, and a capital is a name or a
# place ("Con Cuông, Anh Sơn, Quỳ Châu").
_CLAUSE_OPENERS = frozenset(":(“\"'‘«–-—…")
# How far left of a name a title may stand, with an organisation between ("Giám đốc Sở Y tế X"),
# and how many lower-case words that organisation may have ("Bộ Nông nghiệp và Phát triển
# nông thôn" has five).
_TITLE_REACH = 12
_TITLE_LOWER_WORDS = 5
# Words that may stand between a place/organisation head and its proper name ("Trường THPT
# chuyên Lê Quý Đôn", "Bệnh viện Đa khoa tỉnh").
_HEAD_MODIFIERS = frozenset({"chuyên", "số", "quốc", "tế", "dân", "lập", "tư", "thục", "cấp"})
# Prefixes that make a title "former" or gendered: "nguyên Viện trưởng", "nữ ca sĩ".
_TITLE_PREFIXES = frozenset({"nguyên", "cựu", "tân"})
# Prepositions and verb markers never found inside "title + organisation" before a name.
_TITLE_STOPS = frozenset(
    {
        "ở",
        "tại",
        "của",
        "cho",
        "với",
        "từ",
        "đến",
        "khi",
        "là",
        "đã",
        "đang",
        "sẽ",
        "vừa",
        "được",
        "bị",
        "thì",
        "mà",
        "nhưng",
    }
)
# A credit line ("Ảnh: Hoàng Hà", "Theo TTXVN") is short; a sentence starting "Theo ông X," is not.
_CREDIT_WORDS = 8


@dataclass(frozen=True)
class GenderWord:
    """A word next to a name that reveals gender: "bà", "nữ", "Hoa hậu", "cô dâu"."""

    surface: str
    gender: str
    kind: str  # "honorific", "explicit" or "kinship"


@dataclass
class Mention:
    """One naming of a person: the name span in ``Document.text`` and its left context."""

    start: int
    end: int
    syllables: tuple[str, ...]
    sentence: int
    first_token: int
    origin: str  # "address", "title", "kinship", "ner", "shape" or "linked"
    address: str | None = None
    title: str | None = None
    title_info: Title | None = None
    gender_words: list[GenderWord] = field(default_factory=list)

    @property
    def name(self) -> str:
        return " ".join(self.syllables)

    @cached_property
    def key(self) -> tuple[str, ...]:
        """Folded syllables without initials' dots: what coreference compares."""
        return tuple(fold(syllable).rstrip(".") for syllable in self.syllables)


@dataclass
class Detection:
    """What the detector found: anchored mentions and bare runs waiting to be linked."""

    tokens: list[Token]
    sentence_tokens: list[tuple[int, int]]
    mentions: list[Mention]
    candidates: list[Mention]
    skipped_lines: list[tuple[int, int]]
    ner_sentences: int = 0


@dataclass
class _Marks:
    """Titles, forms of address and phrases of one sentence, by token index."""

    title_ends: dict[int, PhraseMatch[Title]] = field(default_factory=dict)
    title_genders: dict[int, GenderWord] = field(default_factory=dict)
    academic: dict[int, Title] = field(default_factory=dict)
    addresses: dict[int, PhraseMatch[str | None]] = field(default_factory=dict)
    kinship: dict[int, PhraseMatch[str | None]] = field(default_factory=dict)
    family_nouns: dict[int, PhraseMatch[str]] = field(default_factory=dict)
    gendered_nouns: dict[int, PhraseMatch[str]] = field(default_factory=dict)
    covered: set[int] = field(default_factory=set)
    descriptors: set[int] = field(default_factory=set)
    names: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class _Run:
    """A capitalised run after place stripping; ``weak`` when it follows a place, a unit
    or a body word and names a person only if a title stands before it."""

    start: int
    end: int
    weak: bool = False


class Detector:
    """Finds name mentions sentence by sentence (see the module docstring)."""

    def __init__(self, vocabulary: Vocabulary, recogniser: CRFRecogniser) -> None:
        self.vocabulary = vocabulary
        self.recogniser = recogniser

    def detect(self, document: Document, tokens: list[Token]) -> Detection:
        skipped = self._byline_lines(document)
        starts = [token.start for token in tokens]
        sentence_tokens: list[tuple[int, int]] = []
        mentions: list[Mention] = []
        candidates: list[Mention] = []
        ner_sentences = 0
        for index, sentence in enumerate(document.sentences):
            first = bisect_left(starts, sentence.start)
            last = bisect_left(starts, sentence.end)
            sentence_tokens.append((first, last))
            if any(start <= sentence.start < end for start, end in skipped):
                continue
            found, bare = self._sentence(tokens, first, last, index)
            shaped, needs_ner = self._triage(bare)
            found.extend(shaped)
            if needs_ner:
                ner_sentences += 1
                found.extend(self._confirm(document, sentence.start, needs_ner))
            mentions.extend(found)
            candidates.extend(run for run in bare if run.origin == "bare")
        return Detection(tokens, sentence_tokens, mentions, candidates, skipped, ner_sentences)

    # -- sentence -------------------------------------------------------------------------

    def _sentence(
        self, tokens: list[Token], first: int, last: int, sentence: int
    ) -> tuple[list[Mention], list[Mention]]:
        marks = self._marks(tokens, first, last)
        runs = []
        for run_start, run_end in self._runs(tokens, first, last, marks):
            run = self._name_part(tokens, first, run_start, run_end, marks)
            name_start = run.start if run else run_end
            marks.descriptors.update(range(run_start, name_start))
            if run is not None:
                runs.append(run)
                if (
                    self._looks_like_name(tokens, run.start, run.end)
                    or run.start in marks.addresses
                ):
                    marks.names.update(range(run.start, run.end))
        found: list[Mention] = []
        bare: list[Mention] = []
        for run in runs:
            mention = self._classify(tokens, first, run, marks, sentence)
            if mention is None:
                continue
            if mention.origin == "bare":
                bare.append(mention)
            else:
                found.append(mention)
                marks.names.update(
                    range(mention.first_token, mention.first_token + len(mention.syllables))
                )
        return found, bare

    def _marks(self, tokens: list[Token], first: int, last: int) -> _Marks:
        vocabulary = self.vocabulary
        marks = _Marks()
        for match in vocabulary.not_people.all_in(tokens, first, last):
            if tokens[match.end - 1].is_capitalised:
                marks.covered.update(range(match.start, match.end))
        for match in vocabulary.titles.all_in(tokens, first, last):
            self._mark_title(tokens, first, match, marks)
        for index in range(first, last):
            title = vocabulary.academic_title(tokens[index])
            if title is not None:
                marks.academic[index] = title
                marks.covered.add(index)
        for table, target in (
            (vocabulary.family_nouns, marks.family_nouns),
            (vocabulary.kinship, marks.kinship),
            (vocabulary.gendered_nouns, marks.gendered_nouns),
            (vocabulary.honorifics, marks.addresses),
        ):
            for match in table.all_in(tokens, first, last):
                if self._opens_address(tokens, first, match.start) and not (
                    set(range(match.start, match.end)) & marks.covered
                ):
                    target[match.end] = match
                    marks.covered.update(range(match.start, match.end))
        return marks

    def _mark_title(
        self, tokens: list[Token], first: int, match: PhraseMatch[Title], marks: _Marks
    ) -> None:
        start = match.start
        prefix = tokens[start - 1].folded if start > first else ""
        if prefix in ("nữ", "nam"):
            start -= 1
            marks.title_genders[match.end] = GenderWord(
                f"{tokens[start].text} {match.phrase}",
                "female" if prefix == "nữ" else "male",
                "explicit",
            )
        elif prefix in _TITLE_PREFIXES:
            start -= 1
        surface = " ".join(token.text for token in tokens[match.start : match.end])
        after = tokens[match.end].folded if match.end < len(tokens) else ""
        if after in ("nữ", "nam"):  # "vận động viên nữ Nguyễn Thị X"
            marks.title_genders[match.end] = GenderWord(
                f"{surface} {tokens[match.end].text}",
                "female" if after == "nữ" else "male",
                "explicit",
            )
        if match.value.gender:
            marks.title_genders[match.end] = GenderWord(surface, match.value.gender, "explicit")
        honorific = self.vocabulary.honorifics.get(
            match.phrase
        ) or self.vocabulary.gendered_nouns.get(match.phrase)
        if honorific:
            marks.title_genders.setdefault(match.end, GenderWord(surface, honorific, "honorific"))
        extended = PhraseMatch(start, match.end, match.phrase, match.value)
        marks.title_ends[match.end] = extended
        marks.covered.update(range(start, match.end))

    @staticmethod
    def _opens_address(tokens: list[Token], first: int, index: int) -> bool:
        """A form of address counts in lower case, or capitalised where a clause starts."""
        token = tokens[index]
        if not token.is_capitalised:
            return True
        return index == first or (
            not tokens[index - 1].is_word and tokens[index - 1].text in _CLAUSE_OPENERS
        )

    def _runs(
        self, tokens: list[Token], first: int, last: int, marks: _Marks
    ) -> list[tuple[int, int]]:
        particles = self.vocabulary.names.particles
        runs: list[tuple[int, int]] = []
        index = first
        while index < last:
            if not self._name_token(tokens[index], index, marks):
                index += 1
                continue
            end = index + 1
            while end < last:
                if self._name_token(tokens[end], end, marks):
                    end += 1
                    continue
                after = end
                while after < last and tokens[after].folded in particles:
                    after += 1
                if after > end and after < last and self._name_token(tokens[after], after, marks):
                    end = after + 1
                    continue
                break
            runs.append((index, end))
            index = end
        return runs

    @staticmethod
    def _name_token(token: Token, index: int, marks: _Marks) -> bool:
        return token.is_name_syllable and index not in marks.covered

    def _name_part(
        self, tokens: list[Token], first: int, start: int, end: int, marks: _Marks
    ) -> _Run | None:
        """The part of a run that can name a person, or None when the run names no one.

        Leading known places are stripped ("Mỹ Donald Trump", "châu Âu Ursula ..."); a
        sentence-initial word that is no name is dropped ("Hiện T."). Organisation runs
        ("Sở Y", "Bệnh viện ...") and runs right after a place or organisation head name no
        one, unless a name with "Văn"/"Thị" follows a place inside the run ("huyện Mường La
        Lò Văn A", "Thành ủy Hà Nội Bùi Thị Minh Hoài"), or a title stands before and the rest
        follows a known place, a party or state body, or a unit word and starts with a family
        name (``weak``: "Bí thư Tỉnh ủy Lâm Đồng Y Thanh Hà Niê Kđăm", "Phó Bí thư Tỉnh ủy Y
        Sao", "Chủ tịch HĐND tỉnh Hồ Quốc Dũng").
        """
        vocabulary = self.vocabulary
        ethnic = vocabulary.ethnic_groups.at(tokens, start, end)
        if ethnic is not None and ethnic.end == end:
            return None  # "nữ sinh Khmer", "cô gái Mông"
        if start in marks.addresses or (
            end - start == 1 and (start in marks.title_ends or start - 1 in marks.academic)
        ):
            return _Run(start, end)  # "bà Mai", "GS Đức": never a place, whatever the word
        if start - 2 >= first and tokens[start - 1].text == "," and start - 2 in marks.descriptors:
            return None  # "các thôn Lìm Mông, La Pán Tẩn, Dế Xu Phình": a list of places
        if vocabulary.locatives.ending_at(tokens, start, first) is not None:
            return None  # "tại Dung Quất", "ở Ba Chẽ"
        stripped = self._strip_places(tokens, start, end)
        if stripped >= end or self._ends_with_place(tokens, stripped, end):
            return None
        if (
            stripped == start == first
            and end - start >= 2
            and not self._name_like_word(tokens[start])
            and (
                tokens[end - 1].kind == "initials" or self._looks_like_name(tokens, start + 1, end)
            )
        ):
            stripped += (
                1  # "Hiện T. đã bị bắt", "Theo Võ Thanh Bình, ...": the capital is the sentence's
            )
        org = vocabulary.heads.at(tokens, stripped) is not None and not self._looks_like_name(
            tokens, stripped, end
        )
        head = self._head_before(tokens, first, start, marks)
        if not org and head is None:
            return _Run(stripped, end)
        if head == "after_title" and self._looks_like_name(tokens, stripped, end):
            return _Run(stripped, end, weak=True)  # "Giám đốc sở Trần Ngọc Hằng"
        split = self._surname_split(tokens, stripped, end, need_middle=True)
        if split is not None and split != start:
            return _Run(split, end)
        for offset in range(stripped + 1, end - 1):
            if self._name_shaped(tuple(token.folded for token in tokens[offset:end])):
                return _Run(offset, end, weak=True)  # "Sở Công Thương Trương Thanh Phong"
        if (
            stripped != start
            or head == "body"
            or (
                head == "unit"
                and self._looks_like_name(tokens, stripped, end)
                and end - stripped >= 3
            )
        ):
            return _Run(stripped, end, weak=True)
        return None

    def _ends_with_place(self, tokens: list[Token], start: int, end: int) -> bool:
        """ "Sông Lam Nghệ An", "Hồng Lĩnh Hà Tĩnh": a club or company named after its
        province. A name that starts with a family name may end like a province ("Nguyễn
        Hải Dương"), so only runs without one are judged by their ending."""
        names = self.vocabulary.names
        if names.surname_length([token.folded for token in tokens[start:end]]):
            return False
        for cut in range(start + 1, end - 1):
            place = self.vocabulary.places.at(tokens, cut, end)
            if place is not None and place.end == end:
                return True
        return False

    def _unit_follows(self, tokens: list[Token], end: int) -> bool:
        """ ", xã Tả Phìn" after a run: the run was a place inside a larger unit."""
        return (
            end + 1 < len(tokens)
            and tokens[end].text == ","
            and self.vocabulary.unit_heads.at(tokens, end + 1) is not None
        )

    def _name_like_word(self, token: Token) -> bool:
        names = self.vocabulary.names
        return (
            token.kind == "initials"
            or names.is_surname(token.folded)
            or names.is_given_syllable(token.folded)
        )

    def _looks_like_name(self, tokens: list[Token], start: int, end: int) -> bool:
        """Family name first and two to five syllables: "Hồ Quốc Dũng", not "Hà Tĩnh"."""
        folded = [token.folded for token in tokens[start:end]]
        return self.vocabulary.names.surname_length(folded) > 0 and 2 <= len(folded) <= 5

    # -- one run ----------------------------------------------------------------------------

    def _classify(
        self, tokens: list[Token], first: int, run: _Run, marks: _Marks, sentence: int
    ) -> Mention | None:
        mention = self._mention(tokens, run.start, run.end, sentence, "bare")
        address = marks.addresses.get(run.start)
        if address is None and self._looks_like_name(tokens, run.start, run.end):
            address = marks.gendered_nouns.get(
                run.start
            )  # "nữ sinh Trương Mỹ Lan", not "nữ sinh Tiên Yên"
        if address is not None:
            return self._addressed(mention, tokens, address, marks)
        title = self._title_before(tokens, first, run.start, marks)
        if (
            title is not None
            and title.value.place_follows
            and not self._looks_like_name(tokens, run.start, run.end)
            and self._unit_follows(tokens, run.end)
        ):
            return None  # "Trưởng thôn Phìn Hồ, xã Tả Phìn": the village's name follows the title
        if title is not None:
            split = self._surname_split(tokens, run.start, run.end, need_middle=False)
            if split is not None and split != run.start:
                mention = self._mention(tokens, split, run.end, sentence, "bare")
            if len(mention.syllables) == 1:
                return mention  # "Trưởng khoa Tiêu hóa": a short form counts only once linked
            if title.value.role == "ordinary" and not (
                self._looks_like_name(tokens, run.start, run.end) and run.end - run.start >= 3
            ):
                return mention  # "nông dân Lý Sơn" are the farmers of a place: NER decides
            return self._titled(mention, tokens, title, marks)
        if run.weak:
            return None
        family = marks.family_nouns.get(run.start)
        if family is not None:
            mention.gender_words.append(
                GenderWord(
                    " ".join(token.text for token in tokens[family.start : family.end]),
                    family.value,
                    "kinship",
                )
            )
            mention.origin = "kinship"
        return mention

    def _mention(
        self, tokens: list[Token], start: int, end: int, sentence: int, origin: str
    ) -> Mention:
        return Mention(
            start=tokens[start].start,
            end=tokens[end - 1].end,
            syllables=tuple(token.text for token in tokens[start:end]),
            sentence=sentence,
            first_token=start,
            origin=origin,
        )

    def _strip_places(self, tokens: list[Token], start: int, end: int) -> int:
        """Skip leading known places: "Mỹ Donald Trump" names Donald Trump, and so does
        "châu Âu Ursula von der Leyen" (a place that starts in lower case before the run)."""
        if start > 0 and not tokens[start - 1].is_capitalised:
            place = self.vocabulary.places.at(tokens, start - 1, end)
            if place is not None and place.end > start:
                start = place.end
        while start < end:
            place = self.vocabulary.places.at(tokens, start, end)
            if place is None or not tokens[start].is_capitalised or end - place.end == 1:
                return start
            start = place.end
        return start

    def _surname_split(
        self, tokens: list[Token], start: int, end: int, need_middle: bool
    ) -> int | None:
        """Where a Vietnamese name starts inside a longer run ("Mường La Lò Văn A").

        A family name followed by a gendered middle name ("Lò Văn", "Trần Thị") is the
        surest start; without one, the run itself when it starts with a family name, else
        the first family name that leaves two to four syllables.
        """
        names = self.vocabulary.names
        folded = [token.folded for token in tokens[start:end]]
        size = len(folded)
        for offset in range(size - 2):
            if names.is_surname(folded[offset]) and names.middle_name_cue(
                folded[offset : offset + 3]
            ):
                return start + offset
        if need_middle:
            return None
        if names.surname_length(folded) and size <= 4:
            return start
        for offset in range(1, size - 1):
            if names.is_surname(folded[offset]) and 2 <= size - offset <= 4:
                return start + offset
        return start

    def _addressed(
        self, mention: Mention, tokens: list[Token], address: PhraseMatch[str | None], marks: _Marks
    ) -> Mention:
        surface = " ".join(token.text for token in tokens[address.start : address.end])
        mention.origin = "address"
        mention.address = surface
        if address.value:
            mention.gender_words.append(GenderWord(surface, address.value, "honorific"))
        title = marks.title_ends.get(address.start)
        if title is not None:
            self._attach_title(mention, tokens, title, address.start, marks)
        return mention

    def _titled(
        self, mention: Mention, tokens: list[Token], title: PhraseMatch[Title], marks: _Marks
    ) -> Mention:
        mention.origin = "title"
        self._attach_title(mention, tokens, title, mention.first_token, marks)
        address = marks.addresses.get(title.start)
        if address is not None:
            mention.address = " ".join(token.text for token in tokens[address.start : address.end])
            if address.value:
                mention.gender_words.append(GenderWord(mention.address, address.value, "honorific"))
        return mention

    def _attach_title(
        self,
        mention: Mention,
        tokens: list[Token],
        title: PhraseMatch[Title],
        name_start: int,
        marks: _Marks,
    ) -> None:
        text = " ".join(token.text for token in tokens[title.start : name_start])
        mention.title = text.strip(" ,.")
        mention.title_info = title.value
        gender_word = marks.title_genders.get(title.end)
        if gender_word is not None:
            mention.gender_words.append(gender_word)

    def _title_before(
        self, tokens: list[Token], first: int, run_start: int, marks: _Marks
    ) -> PhraseMatch[Title] | None:
        """The title standing before a name, directly or across an organisation name.

        The walk left crosses lower-case words and capitalised organisation words; it stops
        at punctuation, a reporting verb, a form of address or another person's name. A title
        in apposition ("Nguyễn Văn A, Giám đốc Công ty Thành Đạt") describes the name before
        it, so the capitalised words after it are its organisation, not a new person.
        """
        floor = max(first, run_start - _TITLE_REACH)
        index = run_start
        lower_case = 0
        while index > floor:
            title = marks.title_ends.get(index)
            if title is not None:
                appositive = (
                    title.start - 2 >= first
                    and tokens[title.start - 1].text in ",("
                    and (title.start - 2 in marks.names or tokens[title.start - 2].text == ")")
                )
                return None if appositive else title
            academic = marks.academic.get(index - 1)
            if academic is not None:
                return PhraseMatch(index - 1, index, tokens[index - 1].text, academic)
            if index - 2 >= first and tokens[index - 1].text == "." and index - 2 in marks.academic:
                index -= 1  # "BS. Nguyễn Văn A": the abbreviation's own full stop
                continue
            previous = tokens[index - 1]
            lower_case += not previous.is_capitalised
            if (
                not previous.is_word
                or index in marks.addresses
                or index - 1 in marks.names
                or previous.folded in _TITLE_STOPS
                or lower_case > _TITLE_LOWER_WORDS
                or self.vocabulary.speech_verbs.ending_at(tokens, index) is not None
            ):
                return None
            index -= 1
        return None

    def _head_before(
        self, tokens: list[Token], first: int, run_start: int, marks: _Marks
    ) -> str | None:
        """What stands right before the run: "unit" (an administrative unit: "tỉnh Quảng
        Ngãi"), "body" (a party or state body: "Tỉnh ủy"), "after_title" (an organisation word
        right after a title: "Giám đốc sở Trần Ngọc Hằng"), "head" (any other place or
        organisation word: "Trường THPT chuyên Lê Quý Đôn"), or None."""
        index = run_start
        for _ in range(3):
            if index <= first or index - 1 in marks.covered:
                return None
            if self.vocabulary.unit_heads.ending_at(tokens, index, first) is not None:
                return "unit"
            if self.vocabulary.body_heads.ending_at(tokens, index, first) is not None:
                return "body"
            head = self.vocabulary.heads.ending_at(tokens, index, first)
            if head is not None:
                return (
                    "after_title"
                    if head.start in marks.title_ends and head.end == run_start
                    else "head"
                )
            previous = tokens[index - 1]
            if not (previous.is_acronym or previous.folded in _HEAD_MODIFIERS):
                return None
            index -= 1
        return None

    # -- NER confirmation -----------------------------------------------------------------

    def _triage(self, bare: list[Mention]) -> tuple[list[Mention], list[Mention]]:
        """Split bare multi-syllable runs into names by shape alone and runs the CRF must
        judge; the rest can name no one without a title or a form of address.

        * a family name followed by known given-name syllables ("Nguyễn Thùy Linh", "Bùi
          Thanh Sơn") is a name: no place, brand or club reads so;
        * a run with a word no Vietnamese syllable looks like ("Alan Grafite", "Kim Min-jun"),
          or one that starts with a family name but is not name-shaped ("Hồ Gươm"), goes to
          the CRF;
        * a run of Vietnamese syllables without a family name is left for coreference: bare,
          it is a place or a brand far more often than a person ("Vân Đồn", "Thanh Chương",
          "Chè Hồng Thái Tân Cương"), and the CRF tags many of those PER.
        """
        names = self.vocabulary.names
        shaped, to_tag = [], []
        for run in bare:
            if len(run.syllables) < 2:
                continue
            if self._name_shaped(run.key):
                run.origin = "shape"
                shaped.append(run)
            elif names.surname_length(list(run.key)) or not all(
                is_vietnamese_syllable(syllable) for syllable in run.syllables
            ):
                to_tag.append(run)
        return shaped, to_tag

    def _confirm(
        self, document: Document, sentence_start: int, runs: list[Mention]
    ) -> list[Mention]:
        """The runs the CRF tags PER."""
        text = document.sentences[runs[0].sentence].text
        persons = [
            (sentence_start + start, sentence_start + end)
            for start, end in self.recogniser.person_spans(text)
        ]
        confirmed = []
        for run in runs:
            if any(start < run.end and run.start < end for start, end in persons):
                run.origin = "ner"
                confirmed.append(run)
        return confirmed

    def _name_shaped(self, key: tuple[str, ...]) -> bool:
        """A family name followed by two or three syllables that are all known given-name
        syllables ("Nguyễn Thùy Linh", "Bùi Thanh Sơn"): no place or company reads so."""
        names = self.vocabulary.names
        surname = names.surname_length(list(key))
        rest = key[surname:]
        return (
            surname > 0
            and 2 <= len(rest) <= 3
            and all(
                names.is_given_syllable(part) or names.middle_name_cue(["", part, ""])
                for part in rest
            )
        )

    # -- bylines --------------------------------------------------------------------------

    def _byline_lines(self, document: Document) -> list[tuple[int, int]]:
        """Line spans that credit the outlet's staff: "Ảnh: ...", "Theo TTXVN", a bare name
        on the last line."""
        lines = []
        text = document.text
        position = 0
        raw_lines = text.split("\n")
        for number, line in enumerate(raw_lines):
            stripped = line.strip()
            lowered = stripped.lower()
            is_credit = len(stripped.split()) <= _CREDIT_WORDS and any(
                lowered.startswith(prefix) for prefix in self.vocabulary.byline_prefixes
            )
            is_last = number == len(raw_lines) - 1 or not any(
                rest.strip() for rest in raw_lines[number + 1 :]
            )
            if stripped and (
                is_credit or (is_last and number > 0 and _looks_like_byline(stripped))
            ):
                lines.append((position, position + len(line)))
            position += len(line) + 1
        return lines


def _looks_like_byline(line: str) -> bool:
    """A short line of capitalised words without a sentence end: an author credit."""
    words = line.replace(",", " ").split()
    if not 1 <= len(words) <= 5 or line.endswith((".", "!", "?", ":")):
        return False
    return all(word[0].isupper() for word in words if word[0].isalpha())
