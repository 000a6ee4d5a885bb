"""A bridge of kinds of help between a need and an offer: "water's been dripping through
the kitchen ceiling" and "thirty-odd years fitting radiators, soil stacks and combi
boilers" share no word and, to the sentence model, little meaning; but the first reads
like the asks of a plumber and the second like a plumber's (or a heating engineer's)
offers.

Every text's vector (``meaning``) is compared with the centroid of each kind's asks (for
a need) or offers (for an offer) in ``kinds``; a softmax at ``TEMPERATURE`` turns the
cosines into a share over kinds, and the bridge's affinity of a need and an offer is how
alike their shares are (the Bhattacharyya coefficient: 1 for the same shares, however
spread; a plain dot product would favour a text that reads as one kind sharply over one
that reads as two, and a place or an occasion in the text, which the kinds know nothing
of, would then lose to that sharpness). It is added to the model's cosine
(``matching.KIND_WEIGHT``), and the kind both land on is named in the evidence
("kind of help: plumber").

Why centroids, computed ahead: the catalogue's 4,359 lines would cost a first
``intro suggest`` about a minute to embed, and the centroids (two per kind) rank as well
as the best of the lines on the sets tried. They are shipped beside this module
(``kinds-minilm.bin``, float16, 470 KB), with the digest of the catalogue they were
computed from; when the two differ (the catalogue was edited and not rebuilt) or the file
is damaged, the bridge is off and the matcher works as before. ``python -m
kith.domain.serendipity.bridge`` rebuilds the file from the catalogue and the model.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kith.domain.serendipity.kinds import NOT_HELP, label
from kith.domain.serendipity.meaning import DIM, MODEL_ID

if TYPE_CHECKING:
    import numpy as np

CENTROIDS = Path(__file__).with_name("kinds-minilm.bin")
MAGIC = b"KITH-KINDS-1\n"
TEMPERATURE = 0.03
"""How sharply a text's cosines with the kinds are turned into shares: 0.02 and 0.03
rank alike on the sets seen; 0.05 spreads a text over too many kinds."""
NAMED = 0.15
"""The least chance of landing on the same kind for the evidence to name it."""


def digest() -> str:
    """What the shipped centroids must have been computed from: the catalogue and the
    model."""
    from kith.domain.serendipity.kinds import KINDS

    text = json.dumps([MODEL_ID, KINDS], sort_keys=True, ensure_ascii=True)
    return hashlib.blake2b(text.encode("ascii"), digest_size=16).hexdigest()


class Kinds:
    """The kinds' names and their asks' and offers' centroids (unit rows)."""

    def __init__(self, names: list[str], asks: np.ndarray, offers: np.ndarray):
        self.names = names
        self.asks = asks
        self.offers = offers

    @staticmethod
    def _shares(vectors: np.ndarray, centroids: np.ndarray) -> np.ndarray:
        """Each text's share over the kinds; zeros for a text with no vector yet (the
        meaning layer's time budget left it for a later run)."""
        import numpy as np

        cosines = vectors @ centroids.T
        cosines -= cosines.max(axis=1, keepdims=True)
        np.divide(cosines, TEMPERATURE, out=cosines)
        np.exp(cosines, out=cosines)
        cosines /= cosines.sum(axis=1, keepdims=True)
        cosines[~np.any(vectors, axis=1)] = 0.0
        return cosines

    def need_shares(self, vectors: np.ndarray) -> np.ndarray:
        return self._shares(vectors, self.asks)

    def offer_shares(self, vectors: np.ndarray) -> np.ndarray:
        return self._shares(vectors, self.offers)

    def affinity(self, need_shares: np.ndarray, offer_shares: np.ndarray, weight: float,
                 not_help: float) -> np.ndarray:
        """Every need's affinity with every offer, times ``weight``, less ``not_help``
        times the chance the offer is not help (``kinds.NOT_HELP``: selling, giving
        away, a thank-you) while the need does not read that way."""
        left, right = self.factors(need_shares, offer_shares, weight, not_help)
        found: np.ndarray = left @ right.T
        return found

    def factors(self, need_shares: np.ndarray, offer_shares: np.ndarray, weight: float,
                not_help: float) -> tuple[np.ndarray, np.ndarray]:
        """``affinity`` as two factors, ``left @ right.T``: the matcher appends them to
        the texts' vectors, so that one matrix product gives the cosine and the
        affinity together (two products and a sum of 2,500 × 2,500 cost a third more)."""
        import numpy as np

        left = [np.sqrt(need_shares) * np.float32(weight)]
        right = [np.sqrt(offer_shares)]
        if not_help:
            losing, offering = self.not_help_factors(need_shares, offer_shares, not_help)
            left.append(losing)
            right.append(offering)
        return (np.hstack(left).astype(np.float32, copy=False),
                np.hstack(right).astype(np.float32, copy=False))

    def not_help_factors(self, need_shares: np.ndarray, offer_shares: np.ndarray,
                         not_help: float) -> tuple[np.ndarray, np.ndarray]:
        """The not-help part of ``affinity`` as two columns, ``left * right.T``: minus
        ``not_help`` times the chance a need does not read as not-help, and the chance an
        offer does."""
        import numpy as np

        columns = [self.names.index(name) for name in NOT_HELP if name in self.names]
        # a need not read yet (no shares) reads as no kind: it loses nothing either
        read = need_shares.any(axis=1, keepdims=True)
        losing = np.float32(-not_help) * read \
            * (1.0 - need_shares[:, columns].sum(axis=1, keepdims=True))
        offering = offer_shares[:, columns].sum(axis=1, keepdims=True)
        return losing.astype(np.float32, copy=False), offering.astype(np.float32, copy=False)

    def named(self, need_share: np.ndarray, offer_share: np.ndarray) -> str | None:
        """The kind a need and an offer most likely both land on, in words, when likely
        enough to be a reason a person reads."""
        both = need_share * offer_share
        best = int(both.argmax())
        if float(both[best]) < NAMED or self.names[best] in NOT_HELP:
            return None  # "kind of help: selling" is no reason a person reads
        return label(self.names[best])


def read(path: Path) -> Kinds | None:
    """The centroids in ``path``, or None when missing, damaged, or computed from
    another catalogue or model than this kith's."""
    import numpy as np

    try:
        raw = path.read_bytes()
    except OSError:
        return None
    head_end = raw.find(b"\n", len(MAGIC))
    if not raw.startswith(MAGIC) or head_end < 0:
        return None
    from kith.domain.serendipity.kinds import KINDS

    try:
        head = json.loads(raw[len(MAGIC):head_end].decode("ascii"))
        names, dim, found = list(head["names"]), int(head["dim"]), str(head["digest"])
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, OverflowError,
            RecursionError):
        return None
    body = raw[head_end + 1:]
    # the names must be the catalogue's, in its order: the digest covers the catalogue,
    # not the file's own list, and a wrong list would name the wrong kind
    if names != list(KINDS) or dim != DIM or found != digest() \
            or len(body) != 2 * len(names) * DIM * 2:
        return None
    matrix = np.frombuffer(body, dtype="<f2").reshape(2 * len(names), DIM).astype(np.float32)
    norms = np.linalg.norm(matrix, axis=1)
    if not np.all(np.isfinite(norms)) or np.any(np.abs(norms - 1.0) > 0.01):
        return None
    return Kinds(names, matrix[:len(names)], matrix[len(names):])


@functools.cache
def shipped() -> Kinds | None:
    """The centroids shipped with kith (read once a process), or None where they cannot
    be used (``KITH_KINDS=off`` switches the bridge off, for comparison)."""
    if os.environ.get("KITH_KINDS", "").lower() in ("0", "off", "no", "false"):
        return None
    return read(CENTROIDS)


def centroids(embed: Any) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Every kind's asks' and offers' centroids, by ``embed`` (texts to unit vectors)."""
    import numpy as np

    from kith.domain.serendipity.kinds import KINDS

    names = list(KINDS)
    rows = []
    for side in (0, 1):
        for name in names:
            centre = embed(list(KINDS[name][side])).mean(axis=0)
            rows.append(centre / np.linalg.norm(centre))
    matrix = np.stack(rows).astype(np.float32)
    return names, matrix[:len(names)], matrix[len(names):]


def build(path: Path = CENTROIDS) -> int:
    """Compute the centroids with the model and write them to ``path`` (through a
    temporary file); the number of kinds."""
    from kith.domain.serendipity.encoder import Encoder
    from kith.domain.serendipity.meaning import model_dir

    folder = model_dir()
    if folder is None:
        raise SystemExit("bridge: the meaning layer's model is not installed")
    names, asks, offers = centroids(Encoder(folder).embed)
    write(path, names, asks, offers)
    return len(names)


def write(path: Path, names: list[str], asks: np.ndarray, offers: np.ndarray) -> None:
    """The centroids as ``read`` reads them: a header line (the catalogue's digest, the
    dimension, the names), then the asks' and the offers' rows as float16."""
    import numpy as np

    head = json.dumps({"digest": digest(), "dim": DIM, "names": names},
                      ensure_ascii=True, separators=(",", ":"))
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(MAGIC + head.encode("ascii") + b"\n"
                          + np.concatenate([asks, offers]).astype("<f2").tobytes())
    os.replace(temporary, path)


if __name__ == "__main__":
    count = build(Path(sys.argv[1]) if len(sys.argv) > 1 else CENTROIDS)
    print(f"{count} kinds written")
