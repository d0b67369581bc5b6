"""Article-level topic keys: the GMMP major topic and three judged story codes.

* Major topics (``politics`` … ``culture_sport``): a scored keyword model. Every cue phrase
  of a topic found in the text adds its weight (strong or ordinary), at most ``repeat_cap``
  times per phrase, multiplied in the headline; the outlet's section adds its weight. The
  best topic is true from ``min_score`` on, others when they also reach ``relative`` × the
  best score, so a story is filed under one topic, or two when both carry it.
* ``law_policy_reference``, ``highlights_inequality``, ``challenges_stereotypes`` (GMMP Q5,
  Q7, Q8): true when one of the key's rules holds, a rule being cue groups that all occur in
  one sentence (or all in the headline). ``challenges_stereotypes`` also holds for a story
  centred on a woman whose occupation is one women rarely hold, and never for a story whose
  own words stereotype.

The judged keys are written for every analysed text: false means "no explicit cue", the way
a GMMP coder answers "disagree" for a story that does not clearly do it. The indicator
method notes (``config/indicators.yaml``) say that the rates are therefore lower bounds.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field

from scoring.contract import PeopleReport, StereotypeReport
from scoring.cues import PhraseIndex, compile_cues
from scoring.document import Document
from scoring.folding import fold
from scoring.topics.lexicon import JUDGED_KEYS, MAJOR_TOPICS, Rule, TopicLexicon

# Keys of the analyser contract's ``topics`` this stage writes, in this order.
KEYS = (*MAJOR_TOPICS, *JUDGED_KEYS)
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class _MajorCue:
    topic: str
    phrase: str
    weight: float


@dataclass
class TopicReport:
    """The keys' values, and what made each true key true (cue rules or the topic score)."""

    flags: dict[str, bool]
    scores: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class _GroupHits:
    """Where each cue group matched: the sentences (by index) and whether in the headline."""

    sentences: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    headline: set[str] = field(default_factory=set)

    def add(self, group: str, sentence: int, in_headline: bool) -> None:
        self.sentences[group].add(sentence)
        if in_headline:
            self.headline.add(group)

    def holds(self, rule: Rule) -> bool:
        if rule.scope == "headline":
            return all(group in self.headline for group in rule.all)
        return bool(self.sentences_where(rule))

    def sentences_where(self, rule: Rule) -> set[int]:
        """Indexes of the sentences in which every group of a sentence-scope rule matched
        (none for a headline rule)."""
        if rule.scope == "headline":
            return set()
        common = set(self.sentences.get(rule.all[0], ()))
        for group in rule.all[1:]:
            common &= self.sentences.get(group, set())
        return common


class TopicDetector:
    """Topic keys for prepared documents, from one validated lexicon."""

    def __init__(self, lexicon: TopicLexicon) -> None:
        self.lexicon = lexicon
        scoring = lexicon.scoring
        entries: list[tuple[str, _MajorCue | str]] = []
        for topic, cues in lexicon.major_topics.items():
            entries += [(phrase, _MajorCue(topic, phrase, scoring.strong_weight))
                        for phrase in cues.strong]
            entries += [(phrase, _MajorCue(topic, phrase, scoring.cue_weight))
                        for phrase in cues.cues]
        for group, cues in lexicon.groups.items():
            entries += [(cue, group) for cue in cues if not cue.startswith("re:")]
        self._phrases: PhraseIndex[_MajorCue | str] = PhraseIndex(entries)
        self._regexes = {group: compile_cues(regexes) for group, cues in lexicon.groups.items()
                         if (regexes := tuple(cue for cue in cues if cue.startswith("re:")))}
        self._sections = PhraseIndex((phrase, topic)
                                     for topic, cues in lexicon.major_topics.items()
                                     for phrase in cues.sections)
        challenge = lexicon.challenges_stereotypes
        self._rare_role = compile_cues(lexicon.groups[challenge.rare_role_group])

    def detect(self, document: Document, people: PeopleReport, stereotypes: StereotypeReport,
               section: str | None = None) -> TopicReport:
        """Every key of :data:`KEYS` for ``document``; ``section`` is the outlet's section
        name when known."""
        folded = document.folded
        headline_end = _headline_end(folded)
        major: list[tuple[_MajorCue, int, int]] = []
        groups = _GroupHits()
        starts = [sentence.start for sentence in document.sentences]
        for value, start, end in self._phrases.find(folded):
            if isinstance(value, _MajorCue):
                major.append((value, start, end))
            else:
                groups.add(value, bisect.bisect_right(starts, start) - 1, start < headline_end)
        for group, regex in self._regexes.items():
            for match in regex.finditer(folded):
                groups.add(group, bisect.bisect_right(starts, match.start()) - 1,
                           match.start() < headline_end)
        scores = self._major_scores(major, headline_end, section)
        report = TopicReport(flags={}, scores=scores)
        self._decide_major(scores, report)
        for key in JUDGED_KEYS:
            fired = [rule.id for rule in self.lexicon.judged(key).rules if groups.holds(rule)]
            report.flags[key] = bool(fired)
            report.evidence[key] = fired
        self._check_challenge(document, people, stereotypes, groups, report)
        if report.flags["highlights_inequality"] and not stereotypes.topics.get("gender_equality"):
            # Inequality between women and men is a gender-equality story (GMMP topic 50).
            report.flags["gender_equality"] = True
            report.evidence["gender_equality"] = ["highlights_inequality"]
        return report

    def _major_scores(self, matches: list[tuple[_MajorCue, int, int]], headline_end: int,
                      section: str | None) -> dict[str, float]:
        """Topic scores from the longest non-overlapping cue matches of each topic."""
        scoring = self.lexicon.scoring
        by_topic: dict[str, list[tuple[_MajorCue, int, int]]] = defaultdict(list)
        for match in matches:
            by_topic[match[0].topic].append(match)
        scores = dict.fromkeys(MAJOR_TOPICS, 0.0)
        for topic, found in by_topic.items():
            weights: dict[str, list[float]] = defaultdict(list)
            for cue, start, _end in _longest_first(found):
                factor = scoring.headline_factor if start < headline_end else 1.0
                weights[cue.phrase].append(cue.weight * factor)
            scores[topic] = sum(sum(sorted(values, reverse=True)[:scoring.repeat_cap])
                                for values in weights.values())
        for topic in self.section_topics(section):
            scores[topic] += scoring.section_weight
        return scores

    def section_topics(self, section: str | None) -> set[str]:
        """The major topics the lexicon files an outlet section under ("Phụ nữ – Gia đình"
        under social_legal, "Thời sự" under none)."""
        if not section:
            return set()
        words = " ".join(_WORD.findall(fold(section)))
        return {topic for topic, _start, _end in self._sections.find(words)}

    def _decide_major(self, scores: dict[str, float], report: TopicReport) -> None:
        scoring = self.lexicon.scoring
        best = max(scores.values())
        for topic, score in scores.items():
            report.flags[topic] = score >= scoring.min_score and (
                score == best or score >= scoring.relative * best)
            if report.flags[topic]:
                report.evidence[topic] = [f"score {score:g} of best {best:g}"]

    def _check_challenge(self, document: Document, people: PeopleReport,
                         stereotypes: StereotypeReport, groups: _GroupHits,
                         report: TopicReport) -> None:
        """A central woman in a rare role also challenges. Stereotyped wording in the outlet's
        voice cancels what role-based rules found, except in a sentence that itself counters
        a stereotype (there the stereotype is named in order to be rejected); explicit
        counter-statements stand (rules with ``cancelled_by_stereotypes: false``). Only
        findings backed by a lexicon cue cancel: a sentence-wide finding of the model alone
        is uncertain (its explanation asks the reader to check), and counter-stereotype
        sentences are exactly where the model errs."""
        key = "challenges_stereotypes"
        challenge = self.lexicon.challenges_stereotypes
        if stereotypes.women_central and any(
                person.gender == "female" and person.occupation
                and self._rare_role.search(fold(person.occupation))
                for person in people.people):
            report.evidence[key].append("central_woman_in_rare_role")
        standing = {rule.id for rule in challenge.rules if not rule.cancelled_by_stereotypes}
        if not report.evidence[key] or standing & set(report.evidence[key]):
            report.flags[key] = bool(report.evidence[key])
            return
        countering = set().union(*(groups.sentences_where(rule) for rule in challenge.rules))
        starts = [sentence.start for sentence in document.sentences]
        vetoes = [finding.category for finding in stereotypes.findings
                  if finding.voice == "outlet" and finding.source != "model"
                  and finding.category not in challenge.compatible_findings
                  and bisect.bisect_right(starts, finding.start) - 1 not in countering]
        report.flags[key] = not vetoes
        if vetoes:
            report.evidence[key] = [f"cancelled by stereotype finding '{vetoes[0]}'"]


def _headline_end(folded: str) -> int:
    end = folded.find("\n")
    return len(folded) if end < 0 else end


def _longest_first(matches: list[tuple[_MajorCue, int, int]]) -> list[tuple[_MajorCue, int, int]]:
    """Leftmost-longest matches without overlaps: "đại biểu quốc hội" hides the "quốc hội"
    inside it, so one mention counts once."""
    kept: list[tuple[_MajorCue, int, int]] = []
    end = -1
    for match in sorted(matches, key=lambda match: (match[1], match[1] - match[2])):
        if match[1] >= end:
            kept.append(match)
            end = match[2]
    return kept
