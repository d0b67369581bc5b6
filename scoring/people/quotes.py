"""Quotes and who said them.

Direct quotes are the words in quotation marks (“…”, "…", «…») or after a colon that
follows a reporting verb ("Ông A nói: Chúng tôi sẽ làm") or a speaker's name at the start of
an interview line ("Ông A: Khó nhất là vốn."). Indirect quotes are the clause after a
reporting verb ("cho biết", "khẳng định" ...: ``speech.yaml``), the clause after "Theo ông
X," and the clause before ", ông X nói." at the end of a sentence.

The speaker of a quote in marks is found, in order:

1. after it: "“…”, bà Mai nói." / "“…” – anh Tuấn kể.";
2. before it, in the clause that ends with a colon or a reporting verb: "Bà Mai nói: “…”";
3. in the same line, as the speaker of the quote before it (a quote continued after
   "anh Hậu nhớ lại.");
4. in the line before, when that line ends with a colon ("... cảnh báo:" then a quote line).

A speaker is a person named there, a pronoun or bare title referring back to one, or an
unnamed source ("một người dân", "đại diện Sở"): the quote counts, with no named speaker.
A short quotation with no reporting verb around it is a name or a scare quote ("giờ
vàng", chương trình “Áo ấm cho em”) and is not a quote. A clause attributed to an
organisation ("Theo cơ quan điều tra, ...") is not a person's quote either.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from scoring.document import Document
from scoring.people.anaphora import Reference, Resolver
from scoring.people.coreference import Person
from scoring.people.vocabulary import Vocabulary

# A quotation of fewer words, with no colon and no reporting verb next to it, is a name or
# a scare quote ("giờ vàng", “xanh”).
_MIN_BARE_QUOTE_WORDS = 6
# A quotation inside a reported clause is a quote of its own from this many words on
# ("cảnh báo EU sẽ đáp trả “một cách cứng rắn và tương xứng”").
_MIN_EMBEDDED_QUOTE_WORDS = 5
# Prepositions after a reporting verb introduce whom it was said to or what about, not what
# was said ("chia sẻ với phóng viên", "nói về dự án").
_NOT_CLAUSE_STARTS = frozenset({"với", "về", "cho", "đến", "tới", "bằng"})
# A reported clause has at least this many words: "đề nghị xử lý" reports no statement.
_MIN_CLAUSE_WORDS = 3
# How many tokens may separate a closing mark from the reporting verb after it.
_ATTRIBUTION_REACH = 14
_OPENING_MARKS = frozenset('“"«')
_DASHES = frozenset("–-—")
_TRAILING = " \t.,;:!?…"
_SPACES = " \t"
# "Đó là chia sẻ của ...", "Đây là lời khẳng định của ...": a sentence naming a quote's speaker.
_THAT_IS = frozenset({("đó", "là"), ("đây", "là")})
# Words that may open a subject before the pronoun or title itself ("Theo ông", "Cũng theo bà").
_SUBJECT_LEADS = frozenset({"theo", "cũng", "còn", "sau", "đó", "trong", "khi"})


@dataclass
class Quote:
    """A quote in ``Document.text`` coordinates, with its speaker if one is named."""

    kind: str
    start: int
    end: int
    speaker: Person | None


@dataclass(frozen=True)
class Speaker:
    """Who a clause attributes speech to: a person, or an unnamed human source."""

    person: Person | None
    reference: Reference | None = None


@dataclass(frozen=True)
class PronounEvidence:
    """A pronoun that refers to ``person`` ("anh" in "Bảo cho biết anh đã ...")."""

    person: Person
    surface: str
    gender: str


class QuoteFinder:
    """Finds direct and indirect quotes and attributes them (see the module docstring)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary

    def find(
        self, document: Document, resolver: Resolver
    ) -> tuple[list[Quote], list[PronounEvidence]]:
        self.document = document
        self.resolver = resolver
        self.tokens = resolver.tokens
        self.starts = [token.start for token in self.tokens]
        self.evidence: list[PronounEvidence] = []
        self.attribution_verbs: set[int] = set()
        direct = self._quotations() + self._colon_statements()
        indirect = [quote for quote in self._reported_clauses() if not _overlaps_any(quote, direct)]
        quotes = sorted(direct + indirect, key=lambda quote: quote.start)
        return quotes, self.evidence

    # -- quotation marks --------------------------------------------------------------------

    def _quotations(self) -> list[Quote]:
        quotes: list[Quote] = []
        for start, end in self.document.quotation_spans:
            content = self.document.text[start:end]
            words = len(content.split())
            if not words:
                continue
            attribution = self._attribution_after(end)
            introduced = self._introduced_before(start)
            embedded = self._speech_clause_before(start)
            if self._names_something(start) and attribution is None:
                continue
            speaker: Speaker | None = attribution or introduced
            if speaker is None and embedded is not None and words >= _MIN_EMBEDDED_QUOTE_WORDS:
                speaker = embedded
            if (
                speaker is None
                and words >= _MIN_BARE_QUOTE_WORDS
                and self._opens_sentence(start)
                and self._ends_sentence(end)
            ):
                speaker = (
                    self._continued(start, quotes)
                    or self._line_intro(start)
                    or self._named_after(end)
                    or Speaker(None)
                )
            if speaker is None:
                continue
            text_start, text_end = _trim(self.document.text, start, end, _SPACES)
            if text_end > text_start:
                quotes.append(Quote("direct", text_start, text_end, speaker.person))
        return quotes

    def _token_index(self, position: int) -> int:
        return bisect_left(self.starts, position)

    def _sentence_bounds(self, token_index: int) -> tuple[int, int]:
        return self.resolver.sentence_tokens[self.resolver.sentence_of(token_index)]

    def _attribution_after(self, end: int) -> Speaker | None:
        """ "“…”, ông Hùng nói." / "“…” – bà Mai chia sẻ.": the speaker after a closing mark."""
        tokens = self.tokens
        index = self._token_index(end + 1)
        first, last = self._sentence_bounds(max(index - 1, 0))
        while (
            index < last
            and not tokens[index].is_word
            and (tokens[index].text in ",." or tokens[index].text in _DASHES)
        ):
            if tokens[index].text == "." and index + 1 < last:
                return None
            index += 1
        for verb_at in range(index, min(last, index + _ATTRIBUTION_REACH)):
            if not tokens[verb_at].is_word:
                if tokens[verb_at].text in _OPENING_MARKS:
                    return None
                continue
            verb = self.vocabulary.attribution_verbs.at(tokens, verb_at, last)
            if verb is not None and verb_at > index:
                speaker = self._speaker(index, verb_at)
                if speaker is not None:
                    self.attribution_verbs.add(verb_at)
                return speaker
        return None

    def _introduced_before(self, start: int) -> Speaker | None:
        """ "Bà Mai nói: “…”" — a colon right before the opening mark, in this line or ending
        the line before."""
        text = self.document.text
        before = text[: start - 1].rstrip(" \t")
        if not before.endswith(":"):
            return None
        colon = self._token_index(len(before) - 1)
        return self._colon_speaker(colon)

    def _colon_speaker(self, colon: int) -> Speaker | None:
        """The speaker of "<speaker> <verb>:" ending at token ``colon``."""
        first, _ = self._sentence_bounds(colon)
        verb = self.vocabulary.attribution_verbs.ending_at(self.tokens, colon, first)
        return self._clause_speaker(first, verb.start if verb is not None else colon)

    def _speech_clause_before(self, start: int) -> Speaker | None:
        """The speaker of a reporting verb earlier in the same sentence ("cảnh báo EU ...“…”")."""
        tokens = self.tokens
        index = self._token_index(start) - 1
        first, _ = self._sentence_bounds(max(index, 0))
        for verb_at in range(index - 1, first - 1, -1):
            verb = self.vocabulary.speech_verbs.at(tokens, verb_at)
            if verb is not None and verb.end <= index:
                return self._clause_speaker(first, verb_at)
        return None

    def _names_something(self, start: int) -> bool:
        """The quotation is a name: "chương trình “Áo ấm cho em”", "tội “Lừa đảo ...”"."""
        index = self._token_index(start) - 1
        return (
            index > 0
            and self.vocabulary.quotation_name_heads.ending_at(self.tokens, index) is not None
        )

    def _opens_sentence(self, start: int) -> bool:
        index = self._token_index(start) - 1
        first, _ = self._sentence_bounds(max(index, 0))
        return index <= first

    def _ends_sentence(self, end: int) -> bool:
        """Nothing but punctuation follows the closing mark in its sentence: the quotation is
        a sentence of its own, not a saying cited in the outlet's sentence."""
        index = self._token_index(end + 1)
        _, last = self._sentence_bounds(max(index - 1, 0))
        return all(not token.is_word for token in self.tokens[index:last])

    def _named_after(self, end: int) -> Speaker | None:
        """ "“…”. Đó là chia sẻ của chị Lan.": the sentence after the quote names its speaker."""
        tokens = self.tokens
        index = self._token_index(end + 1)
        _, last = self._sentence_bounds(max(index - 1, 0))
        while last < len(tokens) and not tokens[last].is_word:
            last += 1
        if (
            last + 1 >= len(tokens)
            or (tokens[last].folded, tokens[last + 1].folded) not in _THAT_IS
        ):
            return None
        first, stop = self._sentence_bounds(last)
        of = next(
            (at for at in range(first + 2, min(stop, first + 7)) if tokens[at].folded == "của"),
            None,
        )
        return self._speaker(of + 1, stop) if of is not None else None

    def _continued(self, start: int, earlier: list[Quote]) -> Speaker | None:
        """A quote that opens a sentence continues the last quote of the same line."""
        line_start = self.document.text.rfind("\n", 0, start) + 1
        for quote in reversed(earlier):
            if quote.end < line_start:
                break
            if quote.speaker is not None:
                return Speaker(quote.speaker)
        return None

    def _line_intro(self, start: int) -> Speaker | None:
        """A quote line after a line that ends with a colon ("... cảnh báo:")."""
        line_start = self.document.text.rfind("\n", 0, start) + 1
        if line_start == 0:
            return None
        previous = self.document.text[: line_start - 1].rstrip()
        if not previous.endswith(":"):
            return None
        return self._colon_speaker(self._token_index(len(previous) - 1))

    # -- colon statements -------------------------------------------------------------------

    def _colon_statements(self) -> list[Quote]:
        """ "Ông A nói: Chúng tôi sẽ làm." and interview lines "Ông A: Khó nhất là vốn."."""
        quotes = []
        tokens = self.tokens
        text = self.document.text
        for index, token in enumerate(tokens):
            if (
                token.text != ":"
                or index + 1 >= len(tokens)
                or tokens[index + 1].text in _OPENING_MARKS
            ):
                continue
            first, last = self._sentence_bounds(index)
            if index + 1 >= last and not self._interview_line(first, index):
                continue
            if self.vocabulary.attribution_verbs.ending_at(tokens, index, first) is not None:
                speaker = self._colon_speaker(index)
                end = tokens[last - 1].end
            elif self._interview_line(first, index):
                speaker = self._speaker(first, index)
                end = self._line_end(token.end)
            else:
                continue
            if speaker is None:
                continue
            start, end = _trim(text, token.end, end)
            if end > start:
                quotes.append(Quote("direct", start, end, speaker.person))
        return quotes

    def _interview_line(self, first: int, colon: int) -> bool:
        """The line starts with a named person and a colon: an interview answer."""
        text = self.document.text
        line_start = text.rfind("\n", 0, self.tokens[colon].start) + 1
        if self.tokens[first].start != line_start:
            return False
        named = self.resolver.mentions_between(line_start, self.tokens[colon].start)
        return (
            bool(named)
            and named[-1][0].end == self.tokens[colon - 1].end
            and named[-1][0].origin in ("address", "title")
        )

    def _line_end(self, position: int) -> int:
        end = self.document.text.find("\n", position)
        return len(self.document.text) if end < 0 else end

    # -- reported clauses -------------------------------------------------------------------

    def _reported_clauses(self) -> list[Quote]:
        """Indirect quotes, sentence by sentence: "Theo X, ..." or after reporting verbs."""
        quotes: list[Quote] = []
        for first, last in self.resolver.sentence_tokens:
            if first >= last:
                continue
            according = self._according_to(first, last)
            if according is not None:
                quotes.append(according)
                continue
            quotes.extend(self._verb_clauses(first, last))
        return [quote for quote in quotes if quote.end > quote.start]

    def _according_to(self, first: int, last: int) -> Quote | None:
        """ "Theo ông X, <clause>." / "Cũng theo bà Mai, <clause>."."""
        tokens = self.tokens
        index = first
        if tokens[index].folded == "cũng":
            index += 1
        if index >= last or tokens[index].folded != "theo":
            return None
        comma = next((at for at in range(index + 1, last) if tokens[at].text == ","), None)
        if comma is None or comma + 1 >= last:
            return None
        clause_comma = self._appositive_end(index + 1, comma, last)
        speaker = self._speaker(index + 1, clause_comma)
        if speaker is None:
            return None
        self._note_pronoun(speaker, clause_comma + 1, last)
        start, end = _trim(self.document.text, tokens[clause_comma].end, tokens[last - 1].end)
        return Quote("indirect", start, end, speaker.person)

    def _appositive_end(self, start: int, comma: int, last: int) -> int:
        """ "Theo bà Trần Thị Mai, Giám đốc Sở ..., tổng thiệt hại ...": when a title follows
        the first comma, the clause starts after the second one."""
        tokens = self.tokens
        if comma + 1 < last and (
            self.vocabulary.titles.at(tokens, comma + 1, last) is not None
            or tokens[comma + 1].folded in ("nguyên", "cựu")
        ):
            second = next((at for at in range(comma + 1, last) if tokens[at].text == ","), None)
            if second is not None and second + 1 < last:
                return second
        return comma

    def _verb_clauses(self, first: int, last: int) -> list[Quote]:
        tokens = self.tokens
        quotes = []
        index = first
        clause_start = first
        while index < last:
            verb = self.vocabulary.speech_verbs.at(tokens, index, last)
            if (
                verb is None
                or index in self.attribution_verbs
                or self._inside_quotation(tokens[index].start)
            ):
                if tokens[index].text in ';“”"«»':
                    clause_start = index + 1
                index += 1
                continue
            manner = self.vocabulary.attribution_verbs.at(tokens, index, last)
            after = max(verb.end, manner.end if manner is not None else 0)
            while after < last and self.vocabulary.speech_verbs.at(tokens, after, last) is not None:
                after = self.vocabulary.speech_verbs.at(tokens, after, last).end  # type: ignore[union-attr]
            quote = self._clause_after(clause_start, index, after, last)
            if quote is None:
                quote = self._clause_before(clause_start, index, after, last)
            if quote is not None:
                quotes.append(quote)
                if quote.end >= tokens[last - 1].start:
                    break  # the reported clause runs to the end: its verbs are part of it
                clause_start = after
            index = after
        return quotes

    def _clause_after(self, clause_start: int, verb_at: int, after: int, last: int) -> Quote | None:
        """ "<speaker> <verb> [rằng] <clause>."."""
        tokens = self.tokens
        opener = self.vocabulary.clause_openers.at(tokens, after, last)
        body = opener.end if opener is not None else after
        while body < last and tokens[body].text == ",":
            body += 1
        if (body >= last or tokens[body].text in ':“"«' or verb_at <= clause_start
                or tokens[body].folded in _NOT_CLAUSE_STARTS):
            return None  # "nói với vợ về những ca làm việc": to whom or about what, no statement
        words = sum(1 for token in tokens[body:last] if token.is_word)
        if words < _MIN_CLAUSE_WORDS:
            return None
        speaker = self._clause_speaker(clause_start, verb_at)
        if speaker is None:
            return None
        self._note_pronoun(speaker, body, last)
        start, stop = _trim(self.document.text, tokens[body].start, tokens[last - 1].end)
        return Quote("indirect", start, stop, speaker.person)

    def _clause_before(
        self, clause_start: int, verb_at: int, after: int, last: int
    ) -> Quote | None:
        """ "<clause>, bác sĩ khuyến cáo." — the reporting verb ends the sentence."""
        tokens = self.tokens
        rest = [token for token in tokens[after:last] if token.is_word]
        if rest and not all(token.folded in ("thêm", "nói") for token in rest):
            return None
        comma = next(
            (at for at in range(verb_at - 1, clause_start, -1) if tokens[at].text == ","), None
        )
        if comma is None or comma - clause_start < 3:
            return None
        speaker = self._speaker(comma + 1, verb_at)
        if speaker is None:
            return None
        start, end = _trim(self.document.text, tokens[clause_start].start, tokens[comma - 1].end)
        return Quote("indirect", start, end, speaker.person)

    def _inside_quotation(self, position: int) -> bool:
        return any(start <= position < end for start, end in self.document.quotation_spans)

    # -- speakers -----------------------------------------------------------------------------

    def _clause_speaker(self, first: int, verb_at: int) -> Speaker | None:
        """The speaker of the clause ending at a reporting verb (or colon) at ``verb_at``."""
        tokens = self.tokens
        start = first
        for index in range(verb_at - 1, first - 1, -1):
            if tokens[index].text in ';“”"«»' or (
                index < verb_at - 1
                and self.vocabulary.speech_verbs.ending_at(tokens, index + 1, first)
            ):
                start = index + 1
                break
        return self._speaker(start, verb_at)

    def _speaker(self, start: int, stop: int) -> Speaker | None:
        """Who the noun phrase in ``tokens[start:stop]`` is: the first person named there,
        a reference back to one at the start of the phrase or of its last comma-separated
        part ("Phát biểu tại buổi gặp mặt, Thủ tướng nhấn mạnh"), or an unnamed source."""
        if start >= stop:
            return None
        tokens = self.tokens
        named = self.resolver.mentions_between(tokens[start].start, tokens[stop - 1].end)
        anchored = [person for mention, person in named if mention.origin != "linked"]
        if anchored or named:
            return Speaker((anchored or [person for _, person in named])[0])
        openings = [start] + [
            index + 1 for index in range(start, stop - 1) if tokens[index].text == ","
        ]
        for opening in reversed(openings):
            while opening < stop and tokens[opening].folded in _SUBJECT_LEADS:
                opening += 1
            reference = self.resolver.reference_at(opening, stop)
            if reference is not None:
                person = self.resolver.resolve(reference)
                if person is not None and reference.gender:
                    self.evidence.append(
                        PronounEvidence(person, reference.surface, reference.gender)
                    )
                return Speaker(person, reference)
        for opening in reversed(openings):
            while opening < stop and tokens[opening].folded in _SUBJECT_LEADS:
                opening += 1
            if self.vocabulary.unnamed_speakers.at(tokens, opening, stop) is not None:
                return Speaker(None)
        return None

    def _note_pronoun(self, speaker: Speaker, body: int, end: int) -> None:
        """ "Bảo cho biết anh đã tập ...": a pronoun opening the reported clause is the speaker."""
        if speaker.person is None or body >= end:
            return
        match = self.vocabulary.pronouns.at(self.tokens, body, end)
        if match is not None and match.value and not self.resolver.names_follow(match.end, end):
            surface = " ".join(token.text for token in self.tokens[match.start : match.end])
            self.evidence.append(PronounEvidence(speaker.person, surface, match.value))


def _trim(text: str, start: int, end: int, strip: str = _TRAILING) -> tuple[int, int]:
    """Strip spaces and (by default) sentence punctuation from both ends of a span; a
    quotation keeps its own final punctuation."""
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


def _overlaps_any(quote: Quote, others: list[Quote]) -> bool:
    return any(quote.start < other.end and other.start < quote.end for other in others)
