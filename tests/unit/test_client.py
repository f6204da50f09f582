"""include/portals/client.py without HTTP: the retry policy built from settings, origins, headers,
and the paging and status logic driven by an in-memory session (no socket is ever opened: the
session below hands back urllib3 responses built from bytes).
"""
from __future__ import annotations

import io
import json

import pytest
import requests
from urllib3.response import HTTPResponse
from urllib3.util.retry import RequestHistory, Retry

from include.config import HttpSettings, PortalEntry
from include.portals import client as client_mod
from include.portals.client import (
    AuthError,
    BrokenPage,
    ClientError,
    ContractBreach,
    Page,
    PortalClient,
    PortalError,
    RedirectRefused,
    make_session,
    origin,
)

TOKEN = "tok-3515-Zq9/x+y"
V2 = PortalEntry("35.15", "v2", "http://portal.example:8801/35.15", "IGA_TOKEN_3515")
V1 = PortalEntry("11", "v1", "https://portal.example/11", "IGA_TOKEN_11")


def retry_of(settings: HttpSettings) -> Retry:
    return make_session(settings).get_adapter("http://portal.example/").max_retries


# --- the retry policy -----------------------------------------------------------------------------

@pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
def test_429_and_5xx_are_retried(status):
    """PORTAL_API.md: "`429 Too Many Requests` with `Retry-After` (seconds): wait, then retry";
    "`500`, `502`, `503`, `504`, connection resets and read time-outs: retry with back-off, bounded"."""
    assert retry_of(HttpSettings()).is_retry("GET", status)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 200])
def test_credentials_problems_and_other_answers_are_not_retried(status):
    """PORTAL_API.md: "`401`/`403`: a credentials problem, reported at once, not retried"."""
    assert not retry_of(HttpSettings()).is_retry("GET", status)


def test_retries_are_bounded_by_the_settings_and_a_refused_connection_is_tried_once_more():
    """client.py: "a refused connection is retried once only, since that failure is certain"."""
    r = retry_of(HttpSettings(retries=7))
    assert (r.total, r.read, r.status, r.connect, r.other) == (7, 7, 7, 1, 0)
    assert retry_of(HttpSettings(retries=0)).connect == 0
    assert not r.redirect and not r.raise_on_redirect and not r.is_retry("POST", 503)


def test_back_off_grows_from_the_factor_and_stops_at_its_maximum():
    """Settings: IGA_HTTP_BACKOFF "back-off factor in seconds", IGA_HTTP_BACKOFF_MAX "longest back-off
    between two tries"; urllib3 sleeps factor x 2^(n-1) after n consecutive errors (none after the first)."""
    r = retry_of(HttpSettings(backoff=0.5, backoff_max=4.0))
    errors = [RequestHistory("GET", "/", None, 503, None)]
    assert [r.new(history=tuple(errors * n)).get_backoff_time() for n in (1, 2, 3, 4, 10)] == [0, 1.0, 2.0, 4.0, 4.0]


def test_retry_after_is_honoured_up_to_its_maximum():
    """Settings: IGA_HTTP_MAX_RETRY_AFTER "longest Retry-After honoured, in seconds"."""
    r = retry_of(HttpSettings(max_retry_after=30))
    assert r.respect_retry_after_header
    assert r.parse_retry_after("7") == 7
    assert r.parse_retry_after("3600") == 30


def test_the_session_takes_nothing_from_the_environment(monkeypatch):
    """client.py: "no proxy or netrc credentials from the environment"."""
    monkeypatch.setenv("HTTP_PROXY", "http://proxy.example:3128")
    session = make_session(HttpSettings())
    assert session.trust_env is False
    assert session.headers["User-Agent"] == "iga-platform-extractor/1"


@pytest.mark.parametrize("a, b, same", [
    ("http://portal.example/35.15", "http://PORTAL.example:80/other?x=1", True),
    ("https://portal.example/11", "https://portal.example:443/", True),
    ("http://portal.example/11", "https://portal.example/11", False),
    ("http://portal.example:8801/11", "http://portal.example:8802/11", False),
    ("http://portal.example/11", "http://portal.example.evil/11", False),
    ("http://portal.example/11", "http://evil.example/portal.example/11", False),
])
def test_origin_is_scheme_host_and_port(a, b, same):
    """client.py: "the token goes only to the registered `base_url`'s origin"."""
    assert (origin(a) == origin(b)) is same


# --- a client on an in-memory session ---------------------------------------------------------------

def response(status: int, body: bytes | str = b"", headers: dict | None = None, url: str = "") -> requests.Response:
    data = body.encode() if isinstance(body, str) else body
    resp = requests.Response()
    resp.status_code = status
    resp.headers.update(headers or {})
    resp.raw = HTTPResponse(body=io.BytesIO(data), status=status, preload_content=False, decode_content=False)
    resp.url = url
    return resp


class Session:
    """Records each request and answers from a script; never opens a socket."""

    def __init__(self, *answers):
        self.answers, self.requests = list(answers), []

    def get(self, url, params=None, headers=None, **kwargs):
        self.requests.append((url, params, dict(headers or {})))
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        return answer(url) if callable(answer) else answer


def make(entry=V2, *answers, **settings) -> tuple[PortalClient, Session]:
    session = Session(*answers)
    return PortalClient(session, entry, TOKEN, HttpSettings(**settings)), session


def test_v2_sends_a_bearer_token_and_v1_an_api_key():
    """PORTAL_API.md: "v2 (JSON, bearer token: `Authorization: Bearer <token>`)"; "v1 (legacy JSON, key
    header: `X-API-Key: <token>`)"."""
    v2, s2 = make(V2, response(200, '{"region_code": "35.15"}'))
    v1, s1 = make(V1, response(200, "{}"))
    assert v2.get("api/v2/profile", {"year": 2025}) == (200, {"region_code": "35.15"})
    v1.get("api/v1/profil", {"tahun": 2025})
    assert s2.requests == [("http://portal.example:8801/35.15/api/v2/profile", {"year": 2025},
                            {"Authorization": f"Bearer {TOKEN}"})]
    assert s1.requests == [("https://portal.example/11/api/v1/profil", {"tahun": 2025}, {"X-API-Key": TOKEN})]


def test_the_token_is_not_in_the_clients_repr():
    """PORTAL_API.md: "Tokens never appear in the registry, in logs, in task parameters"."""
    client, _ = make(V2, response(200, "{}"))
    assert TOKEN not in repr(client)


@pytest.mark.parametrize("status", [401, 403])
def test_credentials_refused_is_reported_at_once(status):
    """PORTAL_API.md: "`401`/`403`: a credentials problem, reported at once, not retried"."""
    client, session = make(V2, response(status, "nope"))
    with pytest.raises(AuthError, match="IGA_TOKEN_3515") as err:
        client.get("api/v2/profile", {"year": 2025})
    assert err.value.error_class == "auth" and len(session.requests) == 1


def test_404_is_no_profile_yet():
    """PORTAL_API.md: "`404` when the region has no profile for Y yet"."""
    client, _ = make(V2, response(404, "not found"))
    assert client.profile(2025) is None


def test_an_error_body_echoing_the_token_is_masked():
    """RULES.md (decided): "a token echoed by a portal appears nowhere ...; it reads `***`"."""
    client, _ = make(V2, response(400, f"bad header Authorization: Bearer {TOKEN}"))
    with pytest.raises(ClientError) as err:
        client.get("api/v2/profile", {"year": 2025})
    assert TOKEN not in str(err.value) and "***" in str(err.value)


def test_a_5xx_left_after_urllib3s_retries_fails_the_portal():
    client, _ = make(V2, response(503, "busy"))
    with pytest.raises(PortalError, match="HTTP 503"):
        client.get("api/v2/profile", {"year": 2025})


@pytest.mark.parametrize("body, reason", [("<html>proxy error</html>", "body is not JSON"),
                                          ('{"data": [{"id": "35.15-', "cut short"),
                                          (b"\xff\xfe{}", "not valid UTF-8")])
def test_a_body_that_is_not_json_is_fetched_again_then_handed_back_as_a_broken_page(body, reason):
    """PORTAL_API.md: "A body that is not JSON, a page cut short ...: each record is quarantined with its
    reason"; client.py: "fetched again a few times and then handed back as a `BrokenPage`"."""
    client, session = make(V2, lambda url: response(200, body, url=url), body_retries=2)
    status, page = client.get("api/v2/innovations", {"year": 2025})
    assert isinstance(page, BrokenPage) and reason in page.reason
    assert len(session.requests) == 3 and client.retries == 2


def test_a_body_announced_too_large_is_abandoned_unread():
    """RULES.md (decided): "`IGA_HTTP_MAX_BODY_BYTES` bounds a body (a 50 MB body is not downloaded
    whole, nor three times)"."""
    client, session = make(V2, response(200, b"{}", {"Content-Length": str(50 * 2**20)}), max_body_bytes=2**20)
    status, page = client.get("api/v2/innovations", {"year": 2025})
    assert isinstance(page, BrokenPage) and "larger than" in page.reason
    assert len(session.requests) == 1 and client.bytes_read == 0


def test_a_body_larger_than_announced_is_cut_off_at_the_bound():
    client, _ = make(V2, response(200, b"[" + b"1," * 4000 + b"1]"), max_body_bytes=1024)
    status, page = client.get("api/v2/innovations", {"year": 2025})
    assert isinstance(page, BrokenPage) and "abandoned" in page.reason
    assert client.bytes_read <= 1024 + client_mod.CHUNK


def test_a_redirect_to_another_origin_is_refused_and_the_token_stays_home():
    """RULES.md (decided): "a credential goes only to its `base_url`'s origin; redirects within it are
    followed, elsewhere the pull fails (`redirect`)"."""
    client, session = make(V2, response(302, "", {"Location": "http://evil.example/steal"},
                                        url="http://portal.example:8801/35.15/api/v2/profile"))
    with pytest.raises(RedirectRefused) as err:
        client.get("api/v2/profile", {"year": 2025})
    assert err.value.error_class == "redirect"
    assert [r[0] for r in session.requests] == ["http://portal.example:8801/35.15/api/v2/profile"]


def test_a_redirect_within_the_origin_is_followed_with_the_credential():
    here = "http://portal.example:8801/35.15/api/v2/profile"
    client, session = make(V2, response(301, "", {"Location": "/35.15/v2/profile?year=2025"}, url=here),
                           response(200, '{"ok": true}'))
    assert client.get("api/v2/profile", {"year": 2025}) == (200, {"ok": True})
    assert session.requests[1] == ("http://portal.example:8801/35.15/v2/profile?year=2025", None,
                                   {"Authorization": f"Bearer {TOKEN}"})


# --- paging (client.get replaced: only the page logic runs) ---------------------------------------

def paged(entry, bodies: list, **settings):
    client, _ = make(entry, response(200, "{}"), **settings)
    seen = []

    def get(path, params, etag=None, resource=None):
        seen.append(dict(params))
        body = bodies[len(seen) - 1]
        return 200, body
    client.get = get
    return client, seen


def test_v2_follows_next_cursor_until_null():
    """PORTAL_API.md: `next_cursor`: "opaque-string-or-null"."""
    client, seen = paged(V2, [{"data": [1], "next_cursor": "c1"}, {"data": [2], "next_cursor": "c2"},
                              {"data": [3], "next_cursor": None}])
    pages = list(client.innovation_pages(2025, since="2025-07-01T00:00:00Z"))
    assert [p.records for p in pages] == [[1], [2], [3]]
    assert [p.get("cursor") for p in seen] == [None, "c1", "c2"]
    assert all(p["updated_since"] == "2025-07-01T00:00:00Z" and p["limit"] <= 500 for p in seen)


def test_v2_a_cursor_seen_twice_breaks_the_pull():
    """RULES.md (decided): "A pull that breaks the contract's invariants is `rejected` ...: a v2 cursor
    seen twice"."""
    client, _ = paged(V2, [{"data": [], "next_cursor": "c1"}, {"data": [], "next_cursor": "c1"}])
    with pytest.raises(ContractBreach, match="same cursor twice"):
        list(client.innovation_pages(2025))


@pytest.mark.parametrize("body", [{"data": []}, {"next_cursor": None}, [], {"data": {}, "next_cursor": None}])
def test_v2_a_page_without_its_shape_ends_the_pull_as_a_broken_page(body):
    client, _ = paged(V2, [{"data": [1], "next_cursor": "c1"}, body, {"data": [2], "next_cursor": None}])
    pages = list(client.innovation_pages(2025))
    assert isinstance(pages[0], Page) and isinstance(pages[-1], BrokenPage) and len(pages) == 2
    assert json.loads(pages[-1].body) == body


def test_v2_a_cursor_that_is_not_a_string_keeps_the_page_and_ends_the_pull():
    client, seen = paged(V2, [{"data": [1], "next_cursor": 7}, {"data": [2], "next_cursor": None}])
    pages = list(client.innovation_pages(2025))
    assert pages[0].records == [1] and isinstance(pages[1], BrokenPage) and len(pages) == 2 and len(seen) == 1


def test_v1_reads_every_page_from_1_to_total_halaman():
    """PORTAL_API.md: "Pages start at 1; `per_halaman` is at most 200"."""
    client, seen = paged(V1, [{"halaman": n, "total_halaman": 3, "data": [n]} for n in (1, 2, 3)])
    assert [p.records for p in client.innovation_pages(2025)] == [[1], [2], [3]]
    assert [p["halaman"] for p in seen] == [1, 2, 3] and all(p["per_halaman"] <= 200 for p in seen)


def test_v1_a_changing_page_count_breaks_the_pull():
    """RULES.md (decided): "a v1 `total_halaman` that changes"."""
    client, _ = paged(V1, [{"halaman": 1, "total_halaman": 2, "data": []},
                           {"halaman": 2, "total_halaman": 3, "data": []}])
    with pytest.raises(ContractBreach, match="total_halaman changed"):
        list(client.innovation_pages(2025))


def test_v1_an_unreadable_page_1_is_skipped_and_page_2_gives_the_count():
    """client.innovation_pages: "every page carries total_halaman, so an unreadable page 1 is skipped
    and page 2 gives the count"."""
    broken = BrokenPage("u", "body is not JSON", "<html>")
    client, seen = paged(V1, [broken, {"halaman": 2, "total_halaman": 3, "data": [2]},
                              {"halaman": 3, "total_halaman": 3, "data": [3]}])
    pages = list(client.innovation_pages(2025))
    assert pages[0] is broken and [p.records for p in pages[1:]] == [[2], [3]]


def test_v1_a_portal_claiming_too_many_pages_is_refused_at_once():
    client, seen = paged(V1, [{"halaman": 1, "total_halaman": 10**6, "data": []}], max_pages=100)
    with pytest.raises(ContractBreach, match="claims 1000000 pages"):
        list(client.innovation_pages(2025))
    assert len(seen) == 1


# -- conditional requests (PORTAL_API.md, 2026-12-07) --------------------------------------------

def v1_page(total: int = 2, records: int = 1) -> str:
    return json.dumps({"halaman": 1, "total_halaman": total, "data": [{"id_inovasi": f"r{i}"} for i in range(records)]})


def test_a_known_etag_is_sent_as_if_none_match_and_a_304_ends_the_pull_unchanged():
    """"A client that sends `If-None-Match` with the ETag of its last complete pull gets `304 Not Modified` with
    no body when nothing has changed: that pull is complete, lands nothing and deletes nothing."""
    client, session = make(V1, response(304, headers={"ETag": '"v7"'}))
    client.known_etags = {"inovasi": '"v7"', "profil": '"p3"'}
    assert list(client.innovation_pages(2025)) == [client_mod.NOT_MODIFIED]
    assert client.profile(2025) is client_mod.NOT_MODIFIED
    assert [r[2].get("If-None-Match") for r in session.requests] == ['"v7"', '"p3"']
    assert len(session.requests) == 2, "no page after a 304"


def test_only_page_1_and_the_profile_carry_if_none_match_and_their_etags_are_kept():
    """"send an `ETag` header with `profil` and with page 1 of `inovasi`"."""
    client, session = make(V1, response(200, v1_page(2), {"ETag": '"new"'}), response(200, v1_page(2)))
    client.known_etags = {"inovasi": '"old"'}
    pages = list(client.innovation_pages(2025))
    assert len(pages) == 2 and all(isinstance(p, Page) for p in pages)
    assert [r[2].get("If-None-Match") for r in session.requests] == ['"old"', None]
    assert client.etags == {"inovasi": '"new"'}


def test_a_page_without_etag_forgets_it_and_nothing_is_sent_without_one():
    """"Portals that send no ETag are read in full every night; a portal may stop sending one at any time.\""""
    client, session = make(V1, response(200, v1_page(1)))
    list(client.innovation_pages(2025))
    assert "If-None-Match" not in session.requests[0][2] and client.etags == {"inovasi": None}


@pytest.mark.parametrize("etag", ['"' + "x" * 10_000 + '"', '"a\nb"', '"tab\there"', "", '"é"', '"a b"',
                                  "unquoted", '"in"side"'])
def test_an_etag_no_portal_should_send_is_not_kept(etag):
    client, _ = make(V1, response(200, v1_page(1), {"ETag": etag} if etag.isascii() else {}))
    if not etag.isascii():  # requests keeps headers as latin-1 text: set it as the portal would send it
        client, _ = make(V1, response(200, v1_page(1)))
        client.session.answers[0].headers["ETag"] = etag
    list(client.innovation_pages(2025))
    assert client.etags == {"inovasi": None}


@pytest.mark.parametrize("etag", ['"v7"', 'W/"v7"', '""', '"a-b_c.d:e/f"'])
def test_a_well_formed_etag_is_kept(etag):
    client, _ = make(V1, response(200, v1_page(1), {"ETag": etag}))
    list(client.innovation_pages(2025))
    assert client.etags == {"inovasi": etag}


def test_a_304_to_a_request_that_named_no_etag_is_a_broken_page_not_unchanged():
    """"Any other answer is read as above": only our If-None-Match makes a 304 mean unchanged."""
    client, _ = make(V1, response(304), response(304))
    pages = list(client.innovation_pages(2025))
    assert pages and all(isinstance(p, BrokenPage) for p in pages)
    assert client.profile(2025) != client_mod.NOT_MODIFIED


def test_v2_never_sends_if_none_match():
    client, session = make(V2, response(200, '{"data": [], "next_cursor": null}'))
    client.known_etags = {"inovasi": '"v7"'}
    list(client.innovation_pages(2025))
    assert "If-None-Match" not in session.requests[0][2]
