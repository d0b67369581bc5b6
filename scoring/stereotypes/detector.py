"""Rules and model combined into findings with calibrated confidence.

Precision comes first (a false flag costs an outlet's trust), so a finding needs one of:

* a *strong* lexicon hit that no context rule cancelled;
* a *weak* lexicon hit (a cue that is often innocent) and the model agreeing at least
  ``thresholds.weak_rule``;
* no lexicon hit at all and a very confident model (``thresholds.model_only``), in a
  sentence where no context rule (critique, campaign, statistics ...) fired.

Both thresholds and the Platt calibration of the confidence are fitted on the dev split by
``genderwatch train``. The transformer only sees sentences that can matter: no strong lexicon
hit (that decides on its own), and either a weak hit or a gender term, no cancelled hit and
a cheap prefilter score (hashed character n-grams) above its dev-set threshold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from scoring.contract import FindingResult, PeopleReport, StereotypeReport, Voice
from scoring.document import Document, Sentence
from scoring.cues import compile_cues
from scoring.stereotypes.context import Context
from scoring.stereotypes.lexicon import Lexicon
from scoring.stereotypes.model import ModelStage, SentencePrediction
from scoring.stereotypes.rules import RuleHit, find_rule_hits
from scoring.stereotypes.topics import detect_topics, women_central

# Confidence of a strong rule hit when no model is loaded (rules-only runs, e.g. bootstrapping
# the training data's candidates before any head exists).
RULES_ONLY_CONFIDENCE = 0.9
_LOGIT_LIMIT = 12.0

_MODEL_ONLY_EXPLANATION = (
    "Bộ phân loại nhận thấy câu văn mang khuôn mẫu giới thuộc nhóm \"{category}\" "
    "dù không chứa cụm từ nào trong danh mục; cần người đọc kiểm tra lại."
)
CATEGORY_NAMES_VI = {
    "appearance": "ngoại hình", "objectifying_metaphor": "ẩn dụ vật hóa",
    "family_identity": "danh tính qua gia đình", "domestic_role": "vai trò nội trợ",
    "weak_emotional": "yếu đuối, cảm tính", "competence_surprise": "nghi ngờ năng lực",
    "derogatory_label": "nhãn miệt thị", "age_marital": "tuổi tác, hôn nhân",
    "gbv_framing": "đưa tin bạo lực giới lệch lạc", "male_norms": "chuẩn mực nam giới",
    "gender_marking": "đánh dấu giới không cần thiết", "occupation_norms": "nghề nghiệp theo giới",
    "ad_gender_roles": "vai trò giới trong quảng cáo",
}


@dataclass
class Candidate:
    """A sentence that could carry a finding, with all the evidence about it."""

    sentence: Sentence
    hits: list[RuleHit]
    cancelled: bool
    voice: Voice
    cheap: float | None = None  # the prefilter's probability
    prediction: SentencePrediction | None = None  # the transformer's, when it ran

    @property
    def strong(self) -> bool:
        return any(hit.entry.strength == "strong" for hit in self.hits)

    @property
    def weak(self) -> bool:
        return bool(self.hits) and not self.strong

    def features(self) -> list[float]:
        """Calibration features: strong hit, weak hit, the prefilter's logit, the
        transformer's logit and whether the transformer ran (it skips strong hits)."""
        if self.cheap is None:
            raise ValueError("calibration features need the prefilter's score")
        ran = self.prediction is not None
        model = _logit(self.prediction.probability) if self.prediction is not None else 0.0
        return [float(self.strong), float(self.weak), _logit(self.cheap), model, float(ran)]


def _logit(probability: float) -> float:
    probability = min(max(probability, 1e-6), 1 - 1e-6)
    return max(-_LOGIT_LIMIT, min(_LOGIT_LIMIT, math.log(probability / (1 - probability))))


class StereotypeDetector:
    """Finds stereotype findings in prepared documents."""

    def __init__(self, lexicon: Lexicon, model: ModelStage | None = None) -> None:
        self.lexicon = lexicon
        self.model = model
        self._gender_terms = compile_cues(lexicon.context.gender_terms)

    def candidates(self, document: Document, people: PeopleReport,
                   run_model: bool = True) -> tuple[Context, list[Candidate]]:
        """Every sentence with an active hit, or worth showing the model: it has a gender
        term, no cancelled hit and (with a model) passes the cheap prefilter. The
        transformer scores them unless ``run_model`` is false."""
        folded = document.folded
        context = Context(document=document, folded=folded, cues=self.lexicon.context,
                          people=people)
        by_sentence: dict[int, list[RuleHit]] = {}
        for hit in find_rule_hits(self.lexicon, context):
            by_sentence.setdefault(hit.sentence.start, []).append(hit)
        candidates = []
        for sentence in document.sentences:
            hits = by_sentence.get(sentence.start, [])
            active = [hit for hit in hits if hit.active]
            cancelled = len(active) < len(hits)
            gendered = bool(self._gender_terms.search(folded, sentence.start, sentence.end))
            if active or (gendered and not cancelled):
                candidates.append(Candidate(sentence=sentence, hits=active, cancelled=cancelled,
                                            voice=context.sentence_voice(sentence)))
        if self.model is None:
            return context, candidates
        prefilter = self.model.head.prefilter
        scores = prefilter.probability([folded[c.sentence.start:c.sentence.end] for c in candidates])
        for candidate, score in zip(candidates, scores):
            candidate.cheap = float(score)
        candidates = [c for c in candidates if c.hits or c.cheap >= prefilter.threshold]
        if run_model:
            needing = self.model_inputs(candidates)
            for candidate, prediction in zip(needing, self.model.predict(
                    [candidate.sentence.text for candidate in needing])):
                candidate.prediction = prediction
        return context, candidates

    @staticmethod
    def model_inputs(candidates: list[Candidate]) -> list[Candidate]:
        """The candidates the transformer must see: a strong lexicon hit decides on its own,
        so only weak-hit and cue-less sentences are worth its time."""
        return [candidate for candidate in candidates if not candidate.strong]

    def detect(self, document: Document, people: PeopleReport) -> StereotypeReport:
        context, candidates = self.candidates(document, people)
        confidences = self._confidences(candidates)
        findings: list[FindingResult] = []
        outlet_scores: list[float] = []
        for candidate, confidence in zip(candidates, confidences):
            new = self._findings(document, context, candidate, confidence)
            findings.extend(new)
            if any(finding.voice == "outlet" for finding in new) or (
                    not new and candidate.voice == "outlet"
                    and all(hit.voice == "outlet" for hit in candidate.hits)):
                outlet_scores.append(confidence)
        return StereotypeReport(
            findings=findings,
            stereotype_score=max(outlet_scores, default=0.0),
            topics=detect_topics(context.folded, self.lexicon.context),
            women_central=women_central(document, context.folded, people, self.lexicon.context),
        )

    def _confidences(self, candidates: list[Candidate]) -> list[float]:
        if self.model is None:
            return [RULES_ONLY_CONFIDENCE if candidate.strong else 0.0 for candidate in candidates]
        if not candidates:
            return []
        features = np.array([candidate.features() for candidate in candidates])
        return [float(value) for value in self.model.head.calibration.probability(features)]

    def _model_only_allowed(self, context: Context, candidate: Candidate, category: str) -> bool:
        """The model's sentence-wide finding respects the hard-negative context rules."""
        rules = self.lexicon.context.model_only
        for rule in (rules.get("all"), rules.get(category)):
            if rule is None:
                continue
            if not all(context.holds(condition, candidate.sentence) for condition in rule.requires):
                return False
            if any(context.holds(condition, candidate.sentence) for condition in rule.unless):
                return False
        return True

    def _findings(self, document: Document, context: Context, candidate: Candidate,
                  confidence: float) -> list[FindingResult]:
        prediction = candidate.prediction
        probability = prediction.probability if prediction else None
        thresholds = self.model.head.thresholds if self.model else None
        if candidate.strong:
            return [self._rule_finding(document, hit, confidence, "rule")
                    for hit in candidate.hits if hit.entry.strength == "strong"]
        if thresholds is None or probability is None:
            return []
        if candidate.hits:
            if probability < thresholds.weak_rule:
                return []
            return [self._rule_finding(document, hit, confidence, "rule+model")
                    for hit in candidate.hits]
        if (candidate.cancelled or probability < thresholds.model_only
                or not self._model_only_allowed(context, candidate, prediction.category)):
            return []
        sentence = candidate.sentence
        return [FindingResult(
            category=prediction.category, severity=prediction.severity,  # type: ignore[arg-type]
            voice=candidate.voice, evidence=document.text[sentence.start:sentence.end],
            start=sentence.start, end=sentence.end, sentence=sentence.text,
            confidence=confidence, source="model",
            explanation=_MODEL_ONLY_EXPLANATION.format(
                category=CATEGORY_NAMES_VI[prediction.category]),
            suggestion=None,
        )]

    @staticmethod
    def _rule_finding(document: Document, hit: RuleHit, confidence: float,
                      source: str) -> FindingResult:
        return FindingResult(
            category=hit.category, severity=hit.entry.severity,  # type: ignore[arg-type]
            voice=hit.voice,  # type: ignore[arg-type]
            evidence=document.text[hit.start:hit.end], start=hit.start, end=hit.end,
            sentence=hit.sentence.text, confidence=confidence, source=source,  # type: ignore[arg-type]
            explanation=hit.entry.explanation, suggestion=hit.entry.suggestion,
        )
