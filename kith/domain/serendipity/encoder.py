"""all-MiniLM-L6-v2's forward pass in numpy: BERT's WordPiece tokens, six encoder layers,
mean pooling, unit length — the sentence-transformers model's own vectors (checked to
six decimals against its PyTorch reference), without PyTorch.

Read from ``model.safetensors`` (a JSON header and raw little-endian arrays, read here
directly) and ``vocab.txt``. Only ``meaning.prepare`` loads it, and only for texts its
cache does not hold yet.
"""

from __future__ import annotations

import json
import struct
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np

LAYERS = 6
HEADS = 12
MAX_TOKENS = 128
BATCH = 32
DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def load_safetensors(path: Path) -> dict[str, np.ndarray]:
    raw = path.read_bytes()
    size = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + size])
    base = 8 + size
    out = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] not in DTYPES:
            continue
        start, end = info["data_offsets"]
        array = np.frombuffer(raw[base + start:base + end], dtype=DTYPES[info["dtype"]])
        out[name.removeprefix("bert.")] = array.reshape(info["shape"]).astype(np.float32)
    return out


class WordPiece:
    """BERT's uncased tokenizer: lower case, accents off, punctuation split off, then
    the longest pieces of the vocabulary, left to right."""

    def __init__(self, vocab: Path):
        with vocab.open(encoding="utf-8") as lines:
            self.ids = {line.rstrip("\n"): n for n, line in enumerate(lines)}
        self.unknown, self.start, self.end = (self.ids["[UNK]"], self.ids["[CLS]"],
                                              self.ids["[SEP]"])
        self.seen: dict[str, list[int]] = {}

    @staticmethod
    def words(text: str) -> list[str]:
        text = unicodedata.normalize("NFD", text.lower())
        out = []
        for chunk in text.split():
            current = ""
            for char in chunk:
                kind = unicodedata.category(char)
                if kind == "Mn":
                    continue
                if kind[0] in "PS" or kind == "Cc":
                    if current:
                        out.append(current)
                        current = ""
                    out.append(char)
                else:
                    current += char
            if current:
                out.append(current)
        return out

    def word(self, word: str) -> list[int]:
        found = self.seen.get(word)
        if found is not None:
            return found
        pieces: list[int] = []
        start = 0
        while start < len(word) and len(word) <= 100:
            end, piece = len(word), None
            while start < end:
                sub = word[start:end] if start == 0 else "##" + word[start:end]
                piece = self.ids.get(sub)
                if piece is not None:
                    break
                end -= 1
            if piece is None:
                pieces = [self.unknown]
                break
            pieces.append(piece)
            start = end
        self.seen[word] = pieces = pieces or [self.unknown]
        return pieces

    def encode(self, text: str) -> list[int]:
        ids = [self.start]
        for word in self.words(text):
            ids += self.word(word)
        return [*ids[:MAX_TOKENS - 1], self.end]


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz and Stegun 7.1.26 (error below 1.5e-7): numpy has no erf
    sign = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t
            + 0.254829592) * t
    return sign * (1.0 - poly * np.exp(-x * x))


def _norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * gain + bias


class Encoder:
    """Sentence vectors of texts."""

    def __init__(self, folder: Path):
        self.w = load_safetensors(folder / "model.safetensors")
        self.tokens = WordPiece(folder / "vocab.txt")

    def embed(self, texts: list[str]) -> np.ndarray:
        """One unit vector per text, in order (batched by length: less padding)."""
        encoded = [self.tokens.encode(t) for t in texts]
        order = sorted(range(len(texts)), key=lambda n: len(encoded[n]))
        dim = self.w["embeddings.word_embeddings.weight"].shape[1]
        out = np.zeros((len(texts), dim), dtype=np.float32)
        for start in range(0, len(order), BATCH):
            batch = order[start:start + BATCH]
            width = max(len(encoded[n]) for n in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.float32)
            for row, n in enumerate(batch):
                ids[row, :len(encoded[n])] = encoded[n]
                mask[row, :len(encoded[n])] = 1.0
            out[batch] = self.forward(ids, mask)
        return out

    def forward(self, ids: np.ndarray, mask: np.ndarray) -> Any:
        w = self.w
        batch, width = ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][:width][None]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = _norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        dim = x.shape[-1]
        head = dim // HEADS
        blocked = (1.0 - mask)[:, None, None, :] * -1e9
        for layer in range(LAYERS):
            p = f"encoder.layer.{layer}."

            def project(name: str, h: np.ndarray, p: str = p) -> np.ndarray:
                return h @ w[p + name + ".weight"].T + w[p + name + ".bias"]

            def split(h: np.ndarray) -> np.ndarray:
                return h.reshape(batch, width, HEADS, head).transpose(0, 2, 1, 3)

            q = split(project("attention.self.query", x))
            k = split(project("attention.self.key", x))
            v = split(project("attention.self.value", x))
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(head) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, width, dim)
            x = _norm(x + project("attention.output.dense", context),
                      w[p + "attention.output.LayerNorm.weight"],
                      w[p + "attention.output.LayerNorm.bias"])
            hidden = project("intermediate.dense", x)
            hidden = 0.5 * hidden * (1.0 + _erf(hidden / np.sqrt(2.0)))
            x = _norm(x + project("output.dense", hidden), w[p + "output.LayerNorm.weight"],
                      w[p + "output.LayerNorm.bias"])
        weights = mask[:, :, None]
        pooled = (x * weights).sum(1) / weights.sum(1)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
