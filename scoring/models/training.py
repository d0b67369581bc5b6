"""``genderwatch train``: fit the stereotype head on train, calibrate and set thresholds on dev.

Reproducible by construction: inputs are read in file order, the regularisation strength is
chosen by seeded stratified cross-validation on train only, solvers are deterministic, and
coefficients are rounded before they are written, so re-running on the same data and encoder
writes the same file. The held-out test split is never read here.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score

from genderwatch.errors import GenderwatchError
from scoring.contract import PeopleReport
from scoring.document import Document, Sentence
from scoring.folding import fold
from scoring.models.encoder import SentenceEncoder
from scoring.models.head import (
    Calibration, LinearModel, Prefilter, StereotypeHead, Thresholds, prefilter_vectorizer,
)
from scoring.stereotypes.dataset import LabelledFinding, Record, load_records
from scoring.stereotypes.detector import Candidate, StereotypeDetector
from scoring.stereotypes.lexicon import Lexicon
from scoring.stereotypes.model import ModelStage

C_GRID = (0.25, 1.0, 4.0, 16.0, 64.0)
DIGITS = 6
# Precision a threshold must reach on dev before it may turn evidence into findings.
WEAK_RULE_PRECISION = 0.90
MODEL_ONLY_PRECISION = 0.95
MIN_THRESHOLD_SUPPORT = 5
NEVER = 1.01
PREFILTER_FEATURES = 2**18
PREFILTER_NGRAMS = (2, 4)
PREFILTER_RECALL = 0.90

PeopleFinder = Callable[[Document], PeopleReport]


@dataclass(frozen=True)
class SentenceExample:
    text: str
    stereotype: bool
    category: str | None
    severity: str | None


def _labelled_sentences(record: Record) -> Iterator[tuple[Sentence, LabelledFinding | None]]:
    """Each sentence of ``record`` with the finding whose evidence it contains, if any."""
    document = Document(record.text)
    spans = []
    for finding in record.findings:
        evidence = unicodedata.normalize("NFC", finding.evidence)
        start = document.text.find(evidence)
        if start >= 0:
            spans.append((start, start + len(evidence), finding))
    for sentence in document.sentences:
        inside = [finding for start, end, finding in spans
                  if start < sentence.end and sentence.start < end]
        yield sentence, inside[0] if inside else None


def sentence_examples(records: list[Record]) -> list[SentenceExample]:
    """Sentences labelled for the head: a sentence containing a finding's evidence is
    positive (any voice: the voice rule, not the model, decides voice); every other sentence
    is negative (annotators mark every finding of a record)."""
    return [SentenceExample(sentence.text, finding is not None,
                            finding.category if finding else None,
                            finding.severity if finding else None)
            for record in records for sentence, finding in _labelled_sentences(record)]


def positives_needing_the_model(records: list[Record], lexicon: Lexicon) -> list[str]:
    """Stereotyped sentences no strong lexicon entry catches: the ones the prefilter must
    let through to the transformer."""
    rules = StereotypeDetector(lexicon)
    texts = []
    for record in records:
        _, candidates = rules.candidates(Document(record.text), PeopleReport(), run_model=False)
        strong = {candidate.sentence.start for candidate in candidates if candidate.strong}
        texts += [sentence.text for sentence, finding in _labelled_sentences(record)
                  if finding is not None and sentence.start not in strong]
    return texts


def fit_prefilter(train: list[SentenceExample], dev_positives: list[str],
                  seed: int) -> Prefilter:
    """The cheap filter on hashed character n-grams; its threshold lets through
    ``PREFILTER_RECALL`` of the dev split's stereotyped sentences that need the model."""
    vectorizer = prefilter_vectorizer(PREFILTER_FEATURES, PREFILTER_NGRAMS)
    features = vectorizer.transform([fold(example.text) for example in train])
    labels = ["1" if example.stereotype else "0" for example in train]
    model, _ = fit_logistic(features, labels, seed)
    weights = np.asarray(model.coef[0])
    used = sorted(set(features.nonzero()[1].tolist()))
    draft = Prefilter(n_features=PREFILTER_FEATURES, ngram_range=list(PREFILTER_NGRAMS),
                      indices=used, weights=[round(float(weights[i]), DIGITS) for i in used],
                      intercept=model.intercept[0], threshold=0.0)
    if not dev_positives:
        raise GenderwatchError("the dev split has no stereotyped sentence to set the prefilter")
    scores = draft.probability([fold(text) for text in dev_positives])
    cut = float(np.quantile(scores, 1.0 - PREFILTER_RECALL))
    return replace(draft, threshold=round(cut, DIGITS))


def fit_logistic(features: np.ndarray, labels: list[str], seed: int) -> tuple[LinearModel, float]:
    """Logistic regression with C chosen by seeded 5-fold CV (macro F1) on these rows."""
    counts = Counter(labels)
    folds = min(5, min(counts.values()))
    best_c, best_score = C_GRID[0], -1.0
    if folds >= 2:
        splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
        for c in C_GRID:
            model = LogisticRegression(C=c, max_iter=5000)
            score = cross_val_score(model, features, labels, cv=splitter, scoring="f1_macro").mean()
            if score > best_score + 1e-9:
                best_c, best_score = c, score
    model = LogisticRegression(C=best_c, max_iter=5000).fit(features, labels)
    fitted = LinearModel.from_sklearn(model)
    return _rounded(fitted), best_c


def _rounded(model: LinearModel) -> LinearModel:
    return LinearModel(classes=model.classes,
                       coef=[[round(value, DIGITS) for value in row] for row in model.coef],
                       intercept=[round(value, DIGITS) for value in model.intercept])


def _label_candidates(record: Record, document: Document, candidates: list[Candidate]) -> list[int]:
    spans = []
    for finding in record.findings:
        start = document.text.find(unicodedata.normalize("NFC", finding.evidence))
        if start >= 0:
            spans.append((start, start + len(finding.evidence)))
    return [int(any(start < c.sentence.end and c.sentence.start < end for start, end in spans))
            for c in candidates]


def _threshold(probabilities: list[float], labels: list[int], precision: float) -> float:
    """Smallest probability cut whose dev precision reaches ``precision`` (with support)."""
    pairs = sorted(zip(probabilities, labels), reverse=True)
    best = NEVER
    true_positives = 0
    for rank, (probability, label) in enumerate(pairs, start=1):
        true_positives += label
        if rank >= MIN_THRESHOLD_SUPPORT and true_positives / rank >= precision:
            best = probability
    return round(best, DIGITS) if best < NEVER else NEVER


def train_head(train: list[Record], dev: list[Record], encoder: SentenceEncoder,
               lexicon: Lexicon, find_people: PeopleFinder, seed: int = 13,
               provenance: dict | None = None) -> StereotypeHead:
    """Fit the three heads on ``train``; calibration and thresholds on ``dev``."""
    examples = sentence_examples(train)
    positives = [example for example in examples if example.stereotype]
    if len(positives) < 10 or len(positives) == len(examples):
        raise GenderwatchError("training data needs at least 10 positive and some negative "
                               f"sentences (found {len(positives)} of {len(examples)})")
    prefilter = fit_prefilter(examples, positives_needing_the_model(dev, lexicon), seed)
    embeddings = encoder.embed([example.text for example in examples])
    positive_rows = np.array([example.stereotype for example in examples])
    binary, binary_c = fit_logistic(
        embeddings, ["1" if example.stereotype else "0" for example in examples], seed)
    category, category_c = fit_logistic(
        embeddings[positive_rows], [example.category for example in positives], seed)
    severity, severity_c = fit_logistic(
        embeddings[positive_rows], [example.severity for example in positives], seed)
    draft = StereotypeHead(encoder_fingerprint=encoder.fingerprint,
                           encoder_layers=encoder.layers, prefilter=prefilter,
                           binary=binary,
                           category=category, severity=severity,
                           calibration=Calibration(weights=[0.0] * 5, bias=0.0),
                           thresholds=Thresholds(weak_rule=NEVER, model_only=NEVER))
    calibration, thresholds, dev_summary = _fit_on_dev(
        dev, StereotypeDetector(lexicon, ModelStage(encoder, draft)), find_people)
    training = {
        "seed": seed, "sentences": len(examples), "positive_sentences": len(positives),
        "categories": dict(sorted(Counter(example.category for example in positives).items())),
        "C": {"binary": binary_c, "category": category_c, "severity": severity_c},
        "dev": dev_summary, "data": provenance or {},
    }
    return StereotypeHead(encoder_fingerprint=encoder.fingerprint,
                          encoder_layers=encoder.layers, prefilter=prefilter,
                          binary=binary,
                          category=category, severity=severity, calibration=calibration,
                          thresholds=thresholds, training=training)


def _fit_on_dev(dev: list[Record], detector: StereotypeDetector,
                find_people: PeopleFinder) -> tuple[Calibration, Thresholds, dict]:
    features, labels, weak, model_only = [], [], ([], []), ([], [])
    for record in dev:
        document = Document(record.text)
        _, candidates = detector.candidates(document, find_people(document))
        for candidate, label in zip(candidates, _label_candidates(record, document, candidates)):
            features.append(candidate.features())
            labels.append(label)
            model_alone = not candidate.hits and not candidate.cancelled
            group = weak if candidate.weak else model_only if model_alone else None
            if group is not None:
                group[0].append(candidate.prediction.probability)
                group[1].append(label)
    if len(set(labels)) < 2:
        raise GenderwatchError("dev split needs candidate sentences of both classes to calibrate")
    platt = LogisticRegression(C=1.0, max_iter=5000).fit(np.array(features), labels)
    calibration = Calibration(weights=[round(float(value), DIGITS) for value in platt.coef_[0]],
                              bias=round(float(platt.intercept_[0]), DIGITS))
    thresholds = Thresholds(weak_rule=_threshold(*weak, WEAK_RULE_PRECISION),
                            model_only=_threshold(*model_only, MODEL_ONLY_PRECISION))
    summary = {"candidates": len(labels), "positive_candidates": int(sum(labels)),
               "weak_rule_candidates": len(weak[0]), "model_only_candidates": len(model_only[0])}
    return calibration, thresholds, summary


def file_provenance(paths: list[Path]) -> dict[str, dict]:
    """Name, record count and SHA-256 of each data file (recorded in the head)."""
    result = {}
    for path in paths:
        data = path.read_bytes()
        result[path.name] = {"sha256": hashlib.sha256(data).hexdigest(),
                             "records": sum(1 for line in data.splitlines() if line.strip())}
    return result


def load_split(data_dir: Path, names: tuple[str, ...]) -> tuple[list[Record], list[Path]]:
    """Records of the named files that exist (at least the first must)."""
    paths = [data_dir / name for name in names if (data_dir / name).is_file() or name == names[0]]
    records = [record for path in paths for record in load_records(path)]
    return records, paths
