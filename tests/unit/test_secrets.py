"""include/secrets.py: the Redactor and the logging filter, on in-memory text only.

PORTAL_API.md: "Tokens never appear in the registry, in logs, in task parameters, or in the
warehouse." RULES.md (decided): "a token echoed by a portal appears nowhere ...; it reads `***`".
"""
from __future__ import annotations

import logging
from urllib.parse import quote

from hypothesis import given, settings
from hypothesis import strategies as st

from include.secrets import MASK, MIN_SECRET, RedactingFilter, Redactor

FAST = settings(max_examples=200, deadline=None)
TOKEN = "tok-3515/Ab+c d=="

# Secrets never hold the mask's own character: a secret such as "x***" could be re-formed from the
# mask and the text before it, which no real token risks.
secrets_ = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="*"), min_size=MIN_SECRET, max_size=24)
texts = st.text(max_size=40)


def test_a_token_in_text_reads_mask():
    """RULES.md (decided): "a token echoed by a portal appears nowhere ...; it reads `***`"."""
    r = Redactor().with_secret(TOKEN)
    assert r.redact(f"401: bad X-API-Key {TOKEN} for 35.15") == "401: bad X-API-Key *** for 35.15"
    assert MASK == "***"


def test_url_encoded_forms_of_a_token_are_masked_too():
    """Redactor.with_secret keeps a secret with its percent-encoded forms (with and without '/' safe)."""
    r = Redactor().with_secret(TOKEN)
    assert r.redact("GET /x?k=tok-3515%2FAb%2Bc%20d%3D%3D") == "GET /x?k=***"
    assert r.redact("GET /x/tok-3515/Ab%2Bc%20d%3D%3D/y") == "GET /x/***/y"


def test_values_shorter_than_the_minimum_and_none_are_not_secrets():
    """secrets.MIN_SECRET: "shorter values would mask ordinary words"."""
    r = Redactor().with_secret("abc", None, "", "abcd")
    assert r.redact("abc abcd") == "abc ***"


def test_the_longest_secret_is_masked_first_so_no_partial_secret_is_left():
    """Redactor.with_secret: "longest first: no partial masks"."""
    r = Redactor().with_secret("abcd").with_secret("abcdefgh")
    assert r.redact("x abcdefgh y abcd") == "x *** y ***"


def test_redact_leaves_empty_and_none_alone():
    r = Redactor().with_secret(TOKEN)
    assert r.redact(None) is None
    assert r.redact("") == ""
    assert Redactor().redact(f"no secrets known {TOKEN}") == f"no secrets known {TOKEN}"


def test_merged_keeps_both_sets_without_quoting_them_again():
    """Redactor.merged: "Both sets of secrets, already in their variants (with_secret would quote them
    again)"."""
    a, b = Redactor().with_secret("a/b c"), Redactor().with_secret("pass%word")
    merged = a.merged(b)
    assert set(merged.secrets) == {"a/b c", "a%2Fb%20c", "a/b%20c", "pass%word", "pass%25word"}
    assert [len(s) for s in merged.secrets] == sorted((len(s) for s in merged.secrets), reverse=True)
    assert merged.redact("a%2Fb%20c and pass%word") == "*** and ***"


def test_redact_obj_masks_every_string_inside_and_keeps_the_shape():
    """Redactor.redact_obj: "Redact every string inside a JSON-like value (for XCom and summaries)"."""
    r = Redactor().with_secret(TOKEN)
    value = {"line": f"failed {TOKEN}", "n": 3, "ok": True, "none": None,
             "failed": [{"error": f"echo {quote(TOKEN, safe='')}"}, (TOKEN, 1.5)]}
    assert r.redact_obj(value) == {"line": "failed ***", "n": 3, "ok": True, "none": None,
                                   "failed": [{"error": "echo ***"}, ("***", 1.5)]}
    assert isinstance(r.redact_obj(value)["failed"][1], tuple)


@FAST
@given(secrets_, texts, texts, st.sampled_from(["plain", "quoted", "quoted_slash"]))
def test_no_secret_survives_whatever_text_surrounds_it(secret, before, after, form):
    """secrets.py: "a secret never travels further than the request that needed it"."""
    shown = {"plain": secret, "quoted": quote(secret, safe=""), "quoted_slash": quote(secret)}[form]
    out = Redactor().with_secret(secret).redact(before + shown + after)
    assert secret not in out
    assert shown not in out
    assert MASK in out


@FAST
@given(st.lists(secrets_, min_size=1, max_size=4), st.lists(st.tuples(texts, st.integers(0, 3)), max_size=5))
def test_no_secret_survives_among_several(secrets, pieces):
    r = Redactor().with_secret(*secrets[:2]).merged(Redactor().with_secret(*secrets[2:]))
    text = "".join(t + secrets[i % len(secrets)] for t, i in pieces)
    out = r.redact(text)
    for secret in secrets:
        assert secret not in out


@FAST
@given(texts)
def test_text_without_a_secret_is_unchanged(text):
    secret = "S3CR3T-" + "q" * 8
    if secret in text or quote(secret, safe="") in text:
        return
    assert Redactor().with_secret(secret).redact(text) == text


# --- the logging filter ----------------------------------------------------------------------------

def _record(msg, args=()):
    return logging.LogRecord("iga.test", logging.ERROR, __file__, 1, msg, args, None)


def test_the_filter_masks_a_secret_in_a_formatted_message():
    """RedactingFilter: "masks known secrets in every record's message"; it never drops a record."""
    f = RedactingFilter(Redactor().with_secret(TOKEN))
    record = _record("portal %s answered %r", ("35.15", f"bad key {TOKEN}"))
    assert f.filter(record) is True
    assert TOKEN not in record.getMessage()
    assert record.getMessage() == "portal 35.15 answered 'bad key ***'"


def test_the_filter_leaves_a_clean_record_as_it_was():
    f = RedactingFilter(Redactor().with_secret(TOKEN))
    record = _record("portal %s: %d records", ("35.15", 7))
    assert f.filter(record) is True
    assert (record.msg, record.args) == ("portal %s: %d records", ("35.15", 7))


def test_the_filter_masks_through_a_real_handler():
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(self.format(record))

    logger = logging.getLogger("iga.unit.secrets")
    handler = Collect()
    handler.addFilter(RedactingFilter(Redactor().with_secret(TOKEN)))
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.error("token %s in url %s", TOKEN, "http://p/?t=" + quote(TOKEN, safe=""))
    finally:
        logger.removeHandler(handler)
    assert lines == ["token *** in url http://p/?t=***"]


@FAST
@given(secrets_, texts)
def test_the_filter_never_lets_a_secret_through(secret, text):
    f = RedactingFilter(Redactor().with_secret(secret))
    record = _record("%s" + text.replace("%", "%%") + "%s", (secret, secret))
    f.filter(record)
    assert secret not in record.getMessage()
