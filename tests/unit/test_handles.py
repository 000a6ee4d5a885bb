"""One form per handle kind (``kith.core.handles``) and how names relate
(``kith.core.names``): the rules imports and ``person duplicates`` rely on."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kith.core.errors import ValidationError
from kith.core.handles import handle_user, kind_of_profile_url, normalize_handle, profile_url
from kith.core.names import compare_names

SAME_ACCOUNT = {
    ("linkedin", "linkedin.com/in/hschmidt"): [
        "https://www.linkedin.com/in/hschmidt/", "http://linkedin.com/in/HSchmidt",
        "linkedin.com/in/hschmidt", "in/hschmidt", "hschmidt", "@hschmidt",
        "https://de.linkedin.com/in/hschmidt?trk=public_profile_browsemap"],
    ("x", "ann_lee"): ["@Ann_Lee", "ann_lee", "x.com/ann_lee", "https://twitter.com/Ann_Lee/",
                       "https://x.com/ann_lee/status/123", "mobile.twitter.com/ann_lee"],
    ("mastodon", "@ann@hachyderm.io"): ["@ann@hachyderm.io", "ann@Hachyderm.io",
                                        "https://hachyderm.io/@ann",
                                        "https://hachyderm.io/users/ann"],
    ("email", "ann@x.org"): ["Ann@X.org", "mailto:ANN@x.org"],
    ("phone", "+35315550102"): ["+353 1 555 0102", "+353 (1) 555-0102", "tel:+353-1-555-0102"],
    ("facebook", "facebook.com/ann.lee"): ["https://www.facebook.com/ann.lee/", "ann.lee",
                                           "fb.com/ann.lee", "m.facebook.com/ann.lee"],
    ("github", "annlee"): ["@annlee", "https://github.com/AnnLee"],
}


@pytest.mark.parametrize(("kind", "canonical", "typed"), [
    (kind, canonical, typed) for (kind, canonical), forms in SAME_ACCOUNT.items()
    for typed in forms])
def test_every_form_of_one_account_is_one_handle(kind: str, canonical: str, typed: str) -> None:
    assert normalize_handle(kind, typed) == (kind, canonical)


def test_twitter_is_x_and_bad_emails_and_phones_are_refused() -> None:
    assert normalize_handle("twitter", "@Ann") == ("x", "ann")
    for kind, value in (("email", "nope"), ("phone", "12"), ("x", "")):
        with pytest.raises(ValidationError):
            normalize_handle(kind, value)


@pytest.mark.parametrize(("kind", "value", "user", "url"), [
    ("linkedin", "linkedin.com/in/hschmidt", "hschmidt", "https://www.linkedin.com/in/hschmidt/"),
    ("x", "ann", "ann", "https://x.com/ann"),
    ("mastodon", "@ann@hachyderm.io", "ann@hachyderm.io", "https://hachyderm.io/@ann"),
    ("mastodon", "@ann", "ann", None),
    ("linkedin", "urn:li:member:42", "urn:li:member:42", None),
])
def test_exported_forms(kind: str, value: str, user: str, url: str | None) -> None:
    assert (handle_user(kind, value), profile_url(kind, value)) == (user, url)
    if url:
        assert kind_of_profile_url(url) == kind
        assert normalize_handle(kind, url) == (kind, value)  # what a reader gets back


@given(st.sampled_from(["x", "mastodon", "linkedin", "facebook", "github", "url", "telegram"]),
       st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1,
               max_size=40))
def test_normalising_twice_changes_nothing(kind: str, value: str) -> None:
    try:
        once = normalize_handle(kind, value)
    except ValidationError:
        return
    assert normalize_handle(*once) == once


@pytest.mark.parametrize(("name", "other", "kind"), [
    ("Dan", "Dan Murphy", "short"), ("Dan", "Daniel Murphy", "short"),
    ("Bob", "Robert Jones", "short"), ("D. Murphy", "Daniel Murphy", "short"),
    ("Bob Jones", "Robert Jones", "short"), ("Murphy, Dan", "Dan Murphy", "same"),
    ("Ann Lee-Park", "Ann Lee", "surname"), ("Ivan Rossi", "Maria Rossi", "different"),
    ("Max Weber", "Maxine Weber", "different"), ("+353 1 555", "Ann Lee", "unknown"),
])
def test_how_names_relate(name: str, other: str, kind: str) -> None:
    assert compare_names(name, other).kind == kind


@pytest.mark.parametrize(("kind", "value"), [("facebook", "#"), ("facebook", "https://"),
                                             ("linkedin", "#")])
def test_a_handle_with_nothing_left_once_read_is_refused(kind: str, value: str) -> None:
    # found by hypothesis: "#" normalised to "" and the empty handle was then refused
    with pytest.raises(ValidationError):
        normalize_handle(kind, value)
