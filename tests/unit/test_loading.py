"""include/loading.py: the pure judging of one pull (PullBuffer), canonical JSON and content hashes.

Written from PORTAL_API.md (v2 is a change log; duplicates; v1 absences) and the rules the lead
decided (tests/conformance/RULES.md). Nothing here touches a database: land_pull is not covered.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from include.loading import SAMPLE_CHARS, Bad, PullBuffer, Version, _sample, canonical, content_hash

UTC = dt.UTC
T1 = dt.datetime(2025, 7, 2, 10, 0, tzinfo=UTC)
T2 = dt.datetime(2025, 7, 3, 10, 0, tzinfo=UTC)
T3 = dt.datetime(2025, 7, 4, 10, 0, tzinfo=UTC)
FAST = settings(max_examples=150, deadline=None)


def version(rid: str, at: dt.datetime, text: str = "", deleted: bool = False) -> Version:
    text = text or f'{{"id":"{rid}","at":"{at.isoformat()}","deleted":{str(deleted).lower()}}}'
    return Version(rid, at, deleted, text, "h:" + text)  # the hash only has to differ when the text does


# --- v2: a change log -----------------------------------------------------------------------------

def test_v2_versions_of_one_id_are_versions_not_duplicates_and_come_out_oldest_first():
    """PORTAL_API.md: "an earlier version and its edit or tombstone can arrive in the same pull, even
    on the same page: they are versions, not duplicates, and the latest `updated_at` wins." Landing
    takes them in order, so the latest must come last, whatever order they arrived in."""
    pull = PullBuffer("v2")
    tombstone, edit, first = version("a", T3, deleted=True), version("a", T2), version("a", T1)
    for v in (tombstone, first, edit):
        pull.add(v)
    assert pull.accepted() == [first, edit, tombstone]
    assert pull.bad == []


def test_v2_accepted_orders_by_updated_at_then_id():
    """loading.PullBuffer.accepted: "The versions to land, oldest first"; Records come ordered by
    (`updated_at`, `id`) in the feed (PORTAL_API.md), and the buffer keeps that order."""
    pull = PullBuffer("v2")
    b1, a2, a1 = version("b", T1), version("a", T2), version("a", T1)
    for v in (b1, a2, a1):
        pull.add(v)
    assert pull.accepted() == [a1, b1, a2]


def test_v2_same_id_same_updated_at_identical_is_quarantined_once_and_the_first_kept():
    """PORTAL_API.md: "the same `id` twice in one pull **with the same `updated_at`** (v2) ... each
    record is quarantined with its reason; the rest of the page is kept." PullBuffer: "an identical
    repeat is quarantined and the first copy kept"."""
    pull = PullBuffer("v2")
    original, repeat = version("a", T1), version("a", T1)
    other = version("b", T1)
    for v in (original, repeat, other):
        pull.add(v)
    assert pull.accepted() == [original, other]
    assert len(pull.bad) == 1
    bad = pull.bad[0]
    assert (bad.entity, bad.record_id, bad.text) == ("innovation", "a", repeat.text)
    assert "same id twice in one pull" in bad.reason and "same updated_at" in bad.reason


def test_v2_same_id_same_updated_at_different_content_quarantines_every_copy():
    """PullBuffer: "copies that differ leave no way to tell the right one, so every copy is
    quarantined"."""
    pull = PullBuffer("v2")
    one, two = version("a", T1, '{"title":"one"}'), version("a", T1, '{"title":"two"}')
    keep = version("b", T2)
    for v in (one, two, keep):
        pull.add(v)
    assert pull.accepted() == [keep]
    assert sorted(b.text for b in pull.bad) == [one.text, two.text]
    assert all(b.record_id == "a" and "different content" in b.reason for b in pull.bad)


def test_accepted_empties_the_buffer_and_does_not_quarantine_twice():
    pull = PullBuffer("v2")
    for v in (version("a", T1, "x"), version("a", T1, "y")):
        pull.add(v)
    assert pull.accepted() == []
    assert len(pull.bad) == 2
    assert pull.accepted() == []
    assert len(pull.bad) == 2


# --- v1: no versions ------------------------------------------------------------------------------

def test_v1_same_id_twice_is_a_duplicate_even_with_another_time():
    """PORTAL_API.md: the same id "twice in one pull at all (v1, which has no versions): each record
    is quarantined with its reason". Two copies with different content: both quarantined."""
    pull = PullBuffer("v1")
    early, late = version("11-2025-0001", T1), version("11-2025-0001", T2)
    kept = version("11-2025-0002", T1)
    for v in (early, late, kept):
        pull.add(v)
    assert pull.accepted() == [kept]
    assert sorted(b.text for b in pull.bad) == sorted([early.text, late.text])
    assert all("v1 has no versions" in b.reason for b in pull.bad)


def test_v1_identical_repeat_keeps_the_first_copy():
    pull = PullBuffer("v1")
    first, repeat = version("11-2025-0001", T1), version("11-2025-0001", T1)
    pull.add(first)
    pull.add(repeat)
    assert pull.accepted() == [first]
    assert [b.record_id for b in pull.bad] == ["11-2025-0001"]


def test_v1_quarantined_records_are_present_so_a_complete_pull_does_not_delete_them():
    """PORTAL_API.md: "an innovation that is absent from a **complete** pull has been deleted". A
    record that came but was quarantined is not absent; a broken page names no record."""
    pull = PullBuffer("v1")
    pull.add(version("11-2025-0001", T1))
    pull.reject(Bad("innovation", "11-2025-0002", "field 'nama' is null", "{}"), "11-2025-0002")
    pull.reject(Bad("page", None, "body is not JSON", "<html>"))
    for v in (version("11-2025-0003", T1, "x"), version("11-2025-0003", T1, "y")):  # both copies quarantined
        pull.add(v)
    pull.accepted()
    assert pull.present == {"11-2025-0001", "11-2025-0002", "11-2025-0003"}
    assert [b.entity for b in pull.bad][:2] == ["innovation", "page"]


def test_newest_is_the_latest_updated_at_or_none():
    pull = PullBuffer("v2")
    assert pull.newest([]) is None
    assert pull.newest([version("a", T2), version("b", T3), version("c", T1)]) == T3


@FAST
@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from([T1, T2, T3]), st.sampled_from("xyz")),
                max_size=12),
       st.sampled_from(["v1", "v2"]))
def test_every_record_is_either_landed_or_quarantined_never_both_never_lost(arrivals, api):
    """PORTAL_API.md: anything that breaks the contract "is kept (quarantined, with the reason), never
    silently dropped". Whatever the arrivals, each one ends up landed or quarantined, exactly once,
    and each landing key (id and updated_at in v2, id in v1) is landed at most once."""
    pull = PullBuffer(api)
    added = [Version(rid, at, False, f"{rid}|{at}|{body}", f"{rid}|{at}|{body}") for rid, at, body in arrivals]
    for v in added:
        pull.add(v)
    landed = pull.accepted()
    assert len(landed) + len(pull.bad) == len(added)
    keys = [(v.record_id, v.updated_at) if api == "v2" else v.record_id for v in landed]
    assert len(keys) == len(set(keys))
    assert landed == sorted(landed, key=lambda v: (v.updated_at, v.record_id))
    assert pull.present == {rid for rid, _, _ in arrivals}


# --- canonical JSON and content hashes ------------------------------------------------------------

def test_canonical_is_compact_sorted_and_keeps_non_ascii():
    assert canonical({"b": 1, "a": ["é", None, True]}) == '{"a":["é",null,true],"b":1}'


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=15)


@FAST
@given(st.dictionaries(st.text(max_size=6), json_values, max_size=6))
def test_canonical_is_lossless_and_ignores_key_order(record):
    """loading: "a version equal to the latest one stored is skipped, so rerunning a night stores
    nothing twice" needs one text per record, whatever order the portal sent its keys in."""
    reordered = dict(reversed(list(record.items())))
    assert canonical(reordered) == canonical(record)
    assert json.loads(canonical(record)) == record


def test_content_hash_is_the_sha256_hex_of_the_utf8_text():
    """quarantine.records.raw_sha256 (migration V006): 'sha256 of the whole text', computed there as
    encode(sha256(convert_to(raw_text, 'UTF8')), 'hex'): the Python hash must be the same."""
    assert content_hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert content_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert content_hash("é") == hashlib.sha256(b"\xc3\xa9").hexdigest()


def test_content_hash_accepts_lone_surrogates_and_tells_them_apart():
    """A hostile body may hold lone surrogates; it is still quarantined, so it must still be hashed."""
    assert content_hash("\ud800") != content_hash("\udc00")
    assert len(content_hash("x\udfffy")) == 64


# --- the quarantine sample ------------------------------------------------------------------------

def test_sample_keeps_short_storable_text_unchanged():
    assert _sample("plain text é") == "plain text é"


def test_sample_makes_nul_and_lone_surrogates_storable():
    """loading._sample: "storable text (no NUL, no lone surrogates)"."""
    out = _sample("a\x00b\ud800c")
    assert "\x00" not in out
    out.encode("utf-8")  # raises if a lone surrogate is left


@FAST
@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(["\x00"]), max_size=SAMPLE_CHARS + 50))
def test_sample_is_at_most_the_first_sample_chars_of_storable_text(text):
    out = _sample(text)
    assert "\x00" not in out
    if "\x00" not in text:
        assert out == text[:SAMPLE_CHARS]


def test_sample_never_exceeds_sample_chars_even_when_escaped():
    """tests/conformance/RULES.md (decided): "a stored `raw_text` is a sample of at most 8192
    characters"."""
    assert len(_sample("\x00" * SAMPLE_CHARS)) <= SAMPLE_CHARS
    assert len(_sample("\ud800" * SAMPLE_CHARS)) <= SAMPLE_CHARS
