"""The bridge of kinds of help (issue 28): a need and an offer that read as the same kind
of help meet though the sentence model alone ranks them apart; the shipped centroids
are the catalogue's, and a damaged or stale file is never used.

The file's checks need only numpy; the stories and the comparison with the model run
where the ``meaning`` extra is installed (marked ``meaning``).
"""

from __future__ import annotations

import importlib.util
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kith.core.model import Opportunity, Person
from kith.domain.serendipity import Matcher, bridge, meaning, merge
from kith.domain.serendipity.kinds import KINDS, LABELS, NOT_HELP, label

NUMPY = importlib.util.find_spec("numpy") is not None
MODEL = NUMPY and meaning.model_dir() is not None
needs_numpy = pytest.mark.skipif(not NUMPY, reason="numpy (the meaning extra) is not installed")
needs_model = pytest.mark.skipif(not MODEL, reason="the meaning extra is not installed")
WHEN = datetime(2026, 3, 2, 10, tzinfo=UTC)


def test_the_catalogue_is_well_formed() -> None:
    assert len(KINDS) >= 200
    for name, (asks, offers) in KINDS.items():
        assert name == name.strip().lower() and " " not in name, name
        assert len(asks) >= 6 and len(offers) >= 4, name
        assert all(line.strip() == line and line for line in (*asks, *offers)), name
    assert set(NOT_HELP) <= set(KINDS)
    assert set(LABELS) <= set(KINDS)
    assert label("heating_engineer") == "heating engineer"
    assert label("sen_advice") == "SEN advice"


@needs_numpy
def test_the_shipped_centroids_are_the_catalogues() -> None:
    found = bridge.read(bridge.CENTROIDS)
    assert found is not None, ("kinds-minilm.bin is missing, damaged or stale: rebuild it "
                               "with python -m kith.domain.serendipity.bridge")
    assert found.names == list(KINDS)
    assert found.asks.shape == found.offers.shape == (len(KINDS), meaning.DIM)


def _random_kinds(seed: int = 7) -> tuple[list[str], Any, Any]:
    import numpy as np

    generator = np.random.default_rng(seed)
    rows = generator.normal(size=(2 * len(KINDS), meaning.DIM)).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    return list(KINDS), rows[:len(KINDS)], rows[len(KINDS):]


@needs_numpy
def test_a_damaged_or_stale_file_is_not_used(tmp_path: Path) -> None:
    names, asks, offers = _random_kinds()
    good = tmp_path / "kinds.bin"
    bridge.write(good, names, asks, offers)
    assert bridge.read(good) is not None
    raw = good.read_bytes()
    head_end = raw.index(b"\n", len(bridge.MAGIC))
    head = json.loads(raw[len(bridge.MAGIC):head_end])
    body = raw[head_end + 1:]

    def variant(new_head: object, new_body: bytes = body, magic: bytes = bridge.MAGIC) -> bytes:
        text = new_head if isinstance(new_head, str) else json.dumps(new_head)
        return magic + text.encode("ascii") + b"\n" + new_body

    import numpy as np

    not_finite = np.frombuffer(body, dtype="<f2").copy()
    not_finite[5] = np.nan
    not_unit = np.frombuffer(body, dtype="<f2").copy()
    not_unit[:meaning.DIM] *= 2
    damaged = {
        "cut short": raw[:-10],
        "another magic": variant(head, magic=b"KITH-KINDS-0\n"),
        "another catalogue": variant({**head, "digest": "0" * 32}),
        "another dimension": variant({**head, "dim": 768}),
        "a kind less": variant({**head, "names": names[:-1]}),
        "not json": variant("{digest"),
        "not a number": variant(head, not_finite.tobytes()),
        "not unit length": variant(head, not_unit.tobytes()),
        "empty": b"",
        # hostile headers: each once crashed the reader instead of being ignored
        "an infinite dimension": variant(json.dumps(head).replace('"dim": 384',
                                                                  '"dim": Infinity')),
        "nested past the recursion limit": variant("[" * 100_000),
        "no kinds at all": variant({**head, "names": []}, b""),
        "a name that is not text": variant({**head, "names": [7, *names[1:]]}),
        "the kinds in another order": variant({**head, "names": names[::-1]}),
    }
    for why, content in damaged.items():
        path = tmp_path / "bad.bin"
        path.write_bytes(content)
        assert bridge.read(path) is None, why
    assert bridge.read(tmp_path / "missing.bin") is None
    assert bridge.read(tmp_path) is None  # a folder where the file should be


@needs_numpy
def test_alike_shares_are_alike_however_spread_and_a_text_not_read_lands_nowhere() -> None:
    import numpy as np

    kinds = bridge.Kinds(*_random_kinds())
    count = len(kinds.names)
    spread = np.zeros((1, count))
    spread[0, :4] = 0.25
    sharp = np.zeros((1, count))
    sharp[0, 0] = 1.0
    other = np.zeros((1, count))
    other[0, 9] = 1.0
    assert kinds.affinity(spread, spread, 1.0, 0.0)[0, 0] == pytest.approx(1.0)
    assert kinds.affinity(sharp, sharp, 1.0, 0.0)[0, 0] == pytest.approx(1.0)
    assert kinds.affinity(sharp, other, 1.0, 0.0)[0, 0] == pytest.approx(0.0)
    assert kinds.affinity(spread, sharp, 1.0, 0.0)[0, 0] == pytest.approx(0.5)
    vectors = np.zeros((2, meaning.DIM), dtype=np.float32)
    vectors[1] = kinds.asks[3]
    shares = kinds.need_shares(vectors)
    assert not shares[0].any()  # no vector yet: no kind, no affinity
    assert shares[1].sum() == pytest.approx(1.0) and shares[1].argmax() == 3


@needs_numpy
def test_an_offer_that_is_not_help_loses_unless_the_need_reads_so_too() -> None:
    import numpy as np

    kinds = bridge.Kinds(*_random_kinds())
    count = len(kinds.names)
    selling = np.zeros((1, count))
    selling[0, kinds.names.index("selling_something")] = 1.0
    plumber = np.zeros((1, count))
    plumber[0, kinds.names.index("plumber")] = 1.0
    assert kinds.affinity(plumber, selling, 0.5, 0.3)[0, 0] == pytest.approx(-0.3)
    assert kinds.affinity(selling, selling, 0.5, 0.3)[0, 0] == pytest.approx(0.5)
    unread = np.zeros((1, count))  # a need the model has not read yet loses nothing
    assert kinds.affinity(unread, selling, 0.5, 0.3)[0, 0] == pytest.approx(0.0)
    assert kinds.named(plumber[0], plumber[0]) == "plumber"
    assert kinds.named(plumber[0], selling[0]) is None
    assert kinds.named(selling[0], selling[0]) is None  # "kind of help: selling" says nothing


def test_switched_off_there_is_no_bridge(monkeypatch: pytest.MonkeyPatch) -> None:
    bridge.shipped.cache_clear()
    monkeypatch.setenv("KITH_KINDS", "off")
    try:
        assert bridge.shipped() is None
    finally:
        bridge.shipped.cache_clear()


def _ranked(need: str, *offers: str, kinds: object = "shipped"
            ) -> tuple[list[int], list[str], dict[str, Any]]:
    """The offers' places in kith's ranking for ``need`` (0 is the first offer given),
    and the first suggestion's evidence, in words and as data (``--json``)."""
    asker = Person.create("Asker", networks={"street": None})
    givers = [Person.create(f"Giver {n}", networks={"church": None}) for n in range(len(offers))]
    opportunities = [Opportunity.create(person=asker.id, type="need", text=need, when=WHEN)]
    opportunities += [Opportunity.create(person=g.id, type="offer", text=t, when=WHEN)
                      for g, t in zip(givers, offers, strict=True)]
    vectors = meaning.prepare(None, [o.text for o in opportunities])
    found = merge(Matcher([asker, *givers], opportunities, vectors, kinds=kinds).suggest())
    order = [o.id for o in opportunities[1:]]
    return ([order.index(s.opportunities[1]) for s in found],
            found[0].evidence if found else [], found[0].details if found else {})


@pytest.mark.meaning
@needs_model
def test_the_centroids_are_the_models() -> None:
    from kith.domain.serendipity.encoder import Encoder

    folder = meaning.model_dir()
    assert folder is not None
    encoder = Encoder(folder)
    shipped = bridge.read(bridge.CENTROIDS)
    assert shipped is not None
    names = list(KINDS)
    import numpy as np

    for name in ("plumber", "sen_advice", "selling_something"):
        row = names.index(name)
        asks = encoder.embed(list(KINDS[name][0])).mean(axis=0)
        offers = encoder.embed(list(KINDS[name][1])).mean(axis=0)
        assert np.allclose(shipped.asks[row], asks / np.linalg.norm(asks), atol=2e-3), name
        assert np.allclose(shipped.offers[row], offers / np.linalg.norm(offers), atol=2e-3)


@pytest.mark.meaning
@needs_model
def test_the_same_kind_of_help_outranks_the_same_words() -> None:
    """A dead boiler in the church hall, the playgroup due on Monday: the heating
    engineer, not the playgroup leader who shares "playgroup" and "Monday"."""
    need = "The boiler in our church hall has died and the playgroup starts on Monday"
    engineer = "Gas Safe engineer, twenty years servicing and replacing boilers"
    leader = "Playgroup leader with space for two more toddlers on Monday mornings"
    without, _, _ = _ranked(need, engineer, leader, kinds=None)
    assert without[0] == 1  # the model and the words alone put the playgroup first
    found, evidence, details = _ranked(need, engineer, leader)
    assert found[0] == 0
    assert "kind of help: heating engineer" in evidence[0]
    assert details["meaning"]["kind"] == details["kind"] == "heating engineer"


@pytest.mark.meaning
@needs_model
def test_a_story_meets_the_helper_who_names_the_kind() -> None:
    need = "Our landlord is keeping the whole deposit over a few scuffs on the skirting"
    adviser = "I volunteer at the tenants' advice clinic: deposits, repairs, notices"
    decorator = "Decorator, skirting boards and woodwork glossed, free quotes"
    found, evidence, _ = _ranked(need, decorator, adviser)
    assert found[0] == 1
    assert "kind of help: housing law" in evidence[0]


@pytest.mark.meaning
@needs_model
def test_where_the_words_said_why_the_kind_is_a_reason_of_its_own() -> None:
    need = ("A brown stain is spreading across the ceiling under our bathroom and it drips "
            "when anyone showers")
    pipes = "Forty years fitting pipes, cisterns and radiators; I still do the odd job"
    sparky = "Qualified electrician: ceiling lights, extractor fans, sockets"
    found, evidence, details = _ranked(need, sparky, pipes)
    assert found[0] == 1
    assert evidence[0].startswith("matched: ") and "(plumbing)" in evidence[0]
    assert evidence[0].endswith("; kind of help: plumber")
    assert details["kind"] == "plumber"  # --json names it whether or not it quotes


@needs_numpy
def test_the_gate_reads_the_affinity_alone_from_the_bridges_part_of_the_cosines() -> None:
    """``Matcher._alike`` takes the not-help part back out of what the bridge added to the
    cosines: what is left is the plain affinity, for any needs and offers."""
    import numpy as np

    from kith.domain.serendipity.matching import KIND_WEIGHT, NOT_HELP_WEIGHT, Similarities

    kinds = bridge.Kinds(*_random_kinds())
    rng = np.random.default_rng(3)
    need_shares = rng.dirichlet(np.ones(len(kinds.names)) * 0.1, size=6).astype(np.float32)
    offer_shares = rng.dirichlet(np.ones(len(kinds.names)) * 0.1, size=9).astype(np.float32)
    need_shares[2] = 0.0  # a need not read yet
    offer_shares[4] = 0.0
    offer_shares[4, kinds.names.index("selling_something")] = 1.0
    left, right = kinds.factors(need_shares, offer_shares, KIND_WEIGHT, NOT_HELP_WEIGHT)
    similar = Similarities(None, {}, None, (need_shares, offer_shares), left @ right.T)
    matcher = Matcher([], [], kinds=kinds)
    rows, cols = np.repeat(np.arange(6), 9), np.tile(np.arange(9), 6)
    expected = kinds.affinity(need_shares, offer_shares, 1.0, 0.0)[rows, cols]
    assert np.allclose(matcher._alike(similar, rows, cols), expected, atol=1e-5)
