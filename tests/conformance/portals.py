"""Portal servers written from PORTAL_API.md alone, serving feeds a test defines as data.

One `PortalServer` (stdlib ThreadingHTTPServer on 127.0.0.1, port 0, in a thread) serves
many portals, each under `/<key>`: `GET /<key>/api/v2/profile?year=Y`,
`/<key>/api/v2/innovations?year=Y&limit=L[&updated_since=T][&cursor=C]`,
`/<key>/api/v1/profil?tahun=Y`, `/<key>/api/v1/inovasi?tahun=Y&halaman=P&per_halaman=S`.
A `Feed` is plain data: the records per year (a v2 change log, or a v1 full list), the
profile per year, the server's own page size or explicit page splits, and scripted
`Fault`s. Every request is logged (`Hit`) so tests can see what the extractor asked for,
with which headers, and how many bytes left the server.

Conditional requests (PORTAL_API.md, v1, "optional, added 2026-12-07"): a Feed with
`etag="strong"` sends an `ETag` with `profil` and with page 1 of `inovasi`. Page 1's ETag
names the whole year's collection (every record, in order) and the page size, so it changes
when any innovation of the year is added, edited or deleted and when `per_halaman` differs;
the profile's names the year's profile. An `If-None-Match` naming the current ETag gets
`304 Not Modified` with no body. `etag_until` stops the ETags after that night (the portal then
ignores If-None-Match, as one without the feature does); the hostile styles send ETags a client
must not send back (10,000 characters, control characters, NUL, a folded line); the fault
`not_modified` answers 304 whatever was asked (a broken portal). A v2 feed may send ETags too
(outside its contract), but never answers 304 to them.

Every loop is bounded: faults stop after their count, slow bodies after their seconds,
big bodies at their size, growing page counts at MAX_PAGES.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

MAX_PAGES = 500         # a growing page count stops here (a pull should stop long before)
REQUEST_BUDGET = 2_000  # requests one portal answers in one night; then 410 Gone, so a looping client ends
V2_LIMIT_MAX = 500      # "limit is at most 500"
V1_PER_PAGE_MAX = 200   # "per_halaman is at most 200"


@dataclass(frozen=True)
class RawJSON:
    """A record served verbatim (bytes that may not even be UTF-8)."""

    body: bytes


@dataclass(frozen=True)
class Fault:
    """A scripted misbehaviour. `on`: profile | innovations | * ; `times`: the first N
    matching requests of the night (None: every one); `page`: only that page (1-based)."""

    kind: str   # status | reset | slow | not_json | cut_short | cut_connection | drip | big | echo | redirect
    #             | grow_pages (v1) | cursor_loop (v2) | not_modified (304, no body, whatever was asked)
    on: str = "*"
    times: int | None = None
    page: int | None = None
    status: int = 503
    retry_after: float | None = None
    seconds: float = 0.0       # slow: delay; drip: bytes sent one a second
    size: int = 50_000_000     # big: body bytes
    location: str | None = None  # redirect: absolute base URL, or a path on this server

    @property
    def persistent(self) -> bool:
        return self.times is None


@dataclass
class Feed:
    key: str                  # the path segment after the host: usually the region code
    version: str              # v1 | v2
    token: str
    records: dict[int, list] = field(default_factory=dict)    # year -> records (dicts or RawJSON)
    profiles: dict[int, dict | RawJSON | None] = field(default_factory=dict)  # year -> profile; missing: 404
    page_size: int | None = None        # the server's own page size (<= the client's)
    splits: list[int] | None = None     # explicit page sizes (the rest, if any, in a last page)
    faults: list[Fault] = field(default_factory=list)
    open: bool = False                  # serve without checking credentials (another host's data)
    etag: str | None = None             # None (no ETag) | strong | long | control | nul | newline (see etag_header)
    etag_until: int | None = None       # the last night ETags are sent (None: every night)

    def etags_tonight(self, night: int) -> bool:
        return self.etag is not None and (self.etag_until is None or night <= self.etag_until)


@dataclass
class Hit:
    night: int
    key: str
    endpoint: str               # profile | innovations | other
    params: dict[str, str]
    headers: dict[str, str]
    status: int = 0
    fault: str | None = None
    page: int | None = None     # the page index served (1-based), innovations only
    records: int = 0
    bytes_sent: int = 0
    started: float = 0.0
    finished: float = 0.0
    via_alias: bool = False
    etag: str | None = None     # the ETag header the portal sent with this answer


# -- paging, shared with the reference so both see the same pages ---------------------------------
def slices(n: int, size: int, splits: list[int] | None = None) -> list[tuple[int, int]]:
    """Page boundaries over n records: explicit splits (each capped at `size`), else `size`."""
    out, start = [], 0
    for s in splits or []:
        if start >= n:
            break
        s = max(1, min(s, size))
        out.append((start, min(n, start + s)))
        start = out[-1][1]
    while start < n:
        out.append((start, min(n, start + size)))
        start = out[-1][1]
    return out or [(0, 0)]


def parse_since(value: str) -> dt.datetime:
    value = value.strip()
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    t = dt.datetime.fromisoformat(value)
    if t.tzinfo is None:
        raise ValueError("updated_since needs a time zone")
    return t


def since_filter(records: list, since: dt.datetime | None) -> list:
    """`updated_since` returns records with updated_at >= T (records whose updated_at cannot
    be read are always served: this is the portal's data, bad or not)."""
    if since is None:
        return list(records)
    out = []
    for r in records:
        try:
            t = parse_since(r["updated_at"])
        except Exception:
            out.append(r)
            continue
        if t >= since:
            out.append(r)
    return out


def v2_pages(feed: Feed, year: int, since: dt.datetime | None, limit: int) -> list[list]:
    recs = since_filter(feed.records.get(year, []), since)
    return [recs[a:b] for a, b in slices(len(recs), min(limit, feed.page_size or limit), feed.splits)]


def v1_pages(feed: Feed, year: int, per_page: int) -> list[list]:
    recs = feed.records.get(year, [])
    return [recs[a:b] for a, b in slices(len(recs), min(per_page, feed.page_size or per_page), feed.splits)]


def encode_cursor(index: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"page": index}).encode()).decode()


def decode_cursor(cursor: str) -> int:
    return int(json.loads(base64.urlsafe_b64decode(cursor.encode()))["page"])


def page_body(records: list, extra: dict) -> bytes:
    """A page's JSON body; RawJSON records are spliced in verbatim."""
    head = json.dumps(extra)[:-1].encode()
    parts = [r.body if isinstance(r, RawJSON) else json.dumps(r).encode() for r in records]
    return head + b', "data": [' + b", ".join(parts) + b"]}"


# -- conditional requests (v1) ---------------------------------------------------------------------
ETAG_STYLES = ("strong", "long", "control", "nul", "newline")
LONG_ETAG = 10_000   # characters of the `long` style, quotes included


def _digest(*parts) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p if isinstance(p, bytes) else json.dumps(p, sort_keys=True).encode())
        h.update(b"\x1e")
    return h.hexdigest()


def collection_version(feed: Feed, year: int, per_page: int) -> str:
    """Page 1's version: every record of the year as served (order included) and the paging."""
    recs = [r.body if isinstance(r, RawJSON) else r for r in feed.records.get(year, [])]
    return _digest(feed.key, year, per_page, feed.page_size, feed.splits, *recs)


def profile_version(feed: Feed, year: int) -> str:
    profile = feed.profiles.get(year)
    return _digest(feed.key, year, profile.body if isinstance(profile, RawJSON) else profile)


def etag_header(style: str, version: str) -> str:
    """The ETag header value for a version, in a style: `strong` is RFC 9110's strong entity tag;
    the others are what a hostile portal sends instead."""
    tag = version[:20]
    if style == "strong":
        return f'"{tag}"'
    if style == "long":
        return '"' + (tag * (LONG_ETAG // len(tag) + 1))[: LONG_ETAG - 2] + '"'
    if style == "control":
        return f'"{tag[:10]}\x01\x1b[31m\x7f{tag[10:]}"'
    if style == "nul":
        return f'"{tag[:10]}\x00{tag[10:]}"'
    if style == "newline":
        return f'"{tag[:10]}\r\n {tag[10:]}"'   # a folded (obs-fold) header line
    raise ValueError(f"unknown ETag style {style!r}")


def entity_tags(if_none_match: str | None) -> list[str]:
    """The entity tags of an If-None-Match header, in order (our ETags hold no commas)."""
    if if_none_match is None:
        return []
    return [t.strip() for t in if_none_match.split(",") if t.strip()]


def weak_match(if_none_match: str | None, etag: str) -> bool:
    """RFC 9110 13.1.2: If-None-Match uses the weak comparison; `*` matches any current version."""
    def opaque(t: str) -> str:
        return t[2:] if t.startswith("W/") else t
    return any(t == "*" or opaque(t) == opaque(etag) for t in entity_tags(if_none_match))


def header(hit: Hit, name: str) -> str | None:
    """A request header of a hit, whatever its case."""
    return next((v for k, v in hit.headers.items() if k.lower() == name.lower()), None)


# -- the server ------------------------------------------------------------------------------------
class PortalServer:
    def __init__(self) -> None:
        self.feeds: dict[str, Feed] = {}
        self.aliases: dict[str, str] = {}
        self.night = 1
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        self._counts: dict[tuple, int] = {}
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        self._thread.start()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def base_url(self, key: str) -> str:
        return f"{self.origin}/{key}"

    def serve(self, feeds: dict[str, Feed], night: int) -> None:
        """Tonight's feeds (keyed by path key); fault counters start again."""
        with self._lock:
            self.feeds, self.night, self._counts = dict(feeds), night, {}

    def forget_requests(self) -> None:
        with self._lock:
            self.hits = []

    def requests(self, key: str | None = None, night: int | None = None, endpoint: str | None = None) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if (key is None or h.key == key) and (night is None or h.night == night)
                    and (endpoint is None or h.endpoint == endpoint)]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # fault bookkeeping
    def fault_for(self, feed: Feed, endpoint: str, page: int | None) -> Fault | None:
        with self._lock:
            for n, f in enumerate(feed.faults):
                if f.on not in ("*", endpoint):
                    continue
                if f.page is not None and (endpoint != "innovations" or page != f.page):
                    continue
                key = (feed.key, n)
                used = self._counts.get(key, 0)
                if f.times is not None and used >= f.times:
                    continue
                self._counts[key] = used + 1
                return f
        return None


def dead_port() -> int:
    """A port on 127.0.0.1 with nothing listening (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _handler(server: PortalServer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802
            parts = urlsplit(self.path)
            params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
            segs = parts.path.strip("/").split("/")
            key = segs[0] if segs else ""
            via_alias = key in server.aliases
            key = server.aliases.get(key, key)
            rest = "/".join(segs[1:])
            endpoint = {"api/v2/profile": "profile", "api/v1/profil": "profile",
                        "api/v2/innovations": "innovations", "api/v1/inovasi": "innovations"}.get(rest, "other")
            hit = Hit(server.night, key, endpoint, params, {k: v for k, v in self.headers.items()},
                      started=time.monotonic(), via_alias=via_alias)
            with server._lock:
                server.hits.append(hit)
                feed = server.feeds.get(key)
                spent = sum(1 for h in server.hits if h.key == key and h.night == server.night)
            if spent > REQUEST_BUDGET:
                hit.finished = time.monotonic()
                return self._json(hit, 410, {"error": "request budget of this test portal exhausted"})
            try:
                self._serve(feed, rest, endpoint, params, hit)
            except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
                self.close_connection = True
            finally:
                hit.finished = time.monotonic()

        # -- responses -----------------------------------------------------------------
        def _send(self, hit: Hit, status: int, body: bytes, ctype: str = "application/json",
                  headers: dict | None = None, length: int | None = None) -> None:
            hit.status = status
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body) if length is None else length))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)
            hit.bytes_sent += len(body)

        def _json(self, hit: Hit, status: int, payload) -> None:
            self._send(hit, status, json.dumps(payload).encode())

        def _serve(self, feed: Feed | None, rest: str, endpoint: str, params: dict, hit: Hit) -> None:
            if feed is None or endpoint == "other" or not rest.startswith(f"api/{feed.version}/"):
                return self._json(hit, 404, {"error": "not found"})
            page = self._page_index(feed, endpoint, params)
            hit.page = page
            fault = None if hit.via_alias else server.fault_for(feed, endpoint, page)
            if fault is not None:
                hit.fault = fault.kind
                if self._fault_before(fault, hit):
                    return
            expected = f"Bearer {feed.token}" if feed.version == "v2" else feed.token
            header = "Authorization" if feed.version == "v2" else "X-API-Key"
            if not feed.open and self.headers.get(header) != expected:
                return self._json(hit, 401, {"error": "unauthorized"})
            try:
                etag = self._etag(feed, endpoint, params, hit)
                if etag is not None and feed.version == "v1" and weak_match(self.headers.get("If-None-Match"), etag):
                    return self._not_modified(hit, etag)
                body = self._body(feed, endpoint, params, hit, fault)
            except (KeyError, ValueError) as err:
                return self._json(hit, 400, {"error": f"bad request: {err}"})
            if body is None:
                return self._json(hit, 404, {"error": "no profile for this year"})
            self._deliver(body, hit, fault, {"ETag": etag} if etag is not None else {})

        def _etag(self, feed: Feed, endpoint: str, params: dict, hit: Hit) -> str | None:
            """The ETag tonight's answer carries: with the profile and page 1 only."""
            if feed.etag is None or not feed.etags_tonight(server.night):
                return None
            year = int(params["year" if feed.version == "v2" else "tahun"])
            if endpoint == "profile":
                if feed.profiles.get(year) is None:
                    return None  # a 404 names no version
                return etag_header(feed.etag, profile_version(feed, year))
            if hit.page != 1:
                return None
            per_page = int(params["per_halaman"] if feed.version == "v1" else params["limit"])
            return etag_header(feed.etag, collection_version(feed, year, per_page))

        def _not_modified(self, hit: Hit, etag: str | None) -> None:
            """304: no body, no Content-Length (RFC 9110 15.4.5); the ETag is sent again."""
            hit.status, hit.etag = 304, etag
            self.send_response(304)
            if etag is not None:
                self.send_header("ETag", etag)
            self.end_headers()

        def _page_index(self, feed: Feed, endpoint: str, params: dict) -> int | None:
            if endpoint != "innovations":
                return None
            try:
                if feed.version == "v1":
                    return int(params.get("halaman", "1"))
                return decode_cursor(params["cursor"]) + 1 if params.get("cursor") else 1
            except Exception:
                return None

        def _fault_before(self, f: Fault, hit: Hit) -> bool:
            """Faults that replace the response; True when the response is done."""
            if f.kind == "status":
                headers = {"Retry-After": str(int(f.retry_after))} if f.retry_after is not None else {}
                self._send(hit, f.status, json.dumps({"error": f"HTTP {f.status}"}).encode(), headers=headers)
                return True
            if f.kind == "reset":
                hit.status = -1
                self.close_connection = True
                try:
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                except OSError:
                    pass
                return True
            if f.kind == "slow":
                time.sleep(f.seconds)
                return False
            if f.kind == "echo":
                echoed = "".join(f"{k}: {v}\n" for k, v in self.headers.items())
                self._send(hit, f.status, f"bad request; you sent:\n{echoed}".encode(), ctype="text/plain")
                return True
            if f.kind == "not_modified":
                self._not_modified(hit, None)
                return True
            if f.kind == "redirect":
                target = f.location.rstrip("/") + "/" + self.path.split("/", 2)[2]
                self._send(hit, f.status if f.status in (301, 302, 303, 307, 308) else 302, b"",
                           headers={"Location": target})
                return True
            return False

        def _body(self, feed: Feed, endpoint: str, params: dict, hit: Hit, fault: Fault | None) -> bytes | None:
            if endpoint == "profile":
                year = int(params["year" if feed.version == "v2" else "tahun"])
                profile = feed.profiles.get(year)
                if profile is None:
                    return None
                return profile.body if isinstance(profile, RawJSON) else json.dumps(profile).encode()
            if feed.version == "v2":
                year, limit = int(params["year"]), int(params["limit"])
                if not 1 <= limit <= V2_LIMIT_MAX:
                    raise ValueError("limit must be 1 to 500")
                since = parse_since(params["updated_since"]) if params.get("updated_since") else None
                pages = v2_pages(feed, year, since, limit)
                index = hit.page - 1
                if not 0 <= index < len(pages):
                    raise ValueError("unknown cursor")
                nxt = encode_cursor(index + 1) if index + 1 < len(pages) else None
                if fault is not None and fault.kind == "cursor_loop" and nxt is None:
                    nxt = encode_cursor(1 if len(pages) > 1 else 0)  # back to a cursor already given
                hit.records = len(pages[index])
                return page_body(pages[index], {"next_cursor": nxt})
            year, per_page, page = int(params["tahun"]), int(params["per_halaman"]), int(params["halaman"])
            if not 1 <= per_page <= V1_PER_PAGE_MAX or not 1 <= page <= MAX_PAGES:
                raise ValueError("per_halaman must be 1 to 200 and halaman at least 1")
            pages = v1_pages(feed, year, per_page)
            total = len(pages)
            if fault is not None and fault.kind == "grow_pages":
                total = page + 1  # the page count grows with every page asked for
                data = pages[page - 1] if page <= len(pages) else grown_records(feed, year, page)
            else:
                data = pages[page - 1] if page <= total else []
            hit.records = len(data)
            return page_body(data, {"halaman": page, "total_halaman": total})

        def _deliver(self, body: bytes, hit: Hit, f: Fault | None, headers: dict | None = None) -> None:
            kind = f.kind if f is not None else None
            if kind == "not_json":
                return self._send(hit, 200, b"<html><body>502 Bad Gateway (proxy)</body></html>", ctype="text/html")
            if kind == "cut_short":
                return self._send(hit, 200, body[: max(1, len(body) // 2)])
            if kind == "cut_connection":
                self.close_connection = True
                return self._send(hit, 200, body[: max(1, len(body) // 2)], length=len(body))
            if kind == "drip":
                pad = int(f.seconds)
                hit.status = 200
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(pad + len(body)))
                self.end_headers()
                for _ in range(pad):  # JSON may start with whitespace: one byte a second
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    hit.bytes_sent += 1
                    time.sleep(1.0)
                self.wfile.write(body)
                hit.bytes_sent += len(body)
                return None
            if kind == "big":
                hit.status = 200
                self.close_connection = True
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(f.size))
                self.end_headers()
                head = b'{"next_cursor": null, "halaman": 1, "total_halaman": 1, "data": [{"title": "'
                self.wfile.write(head)
                hit.bytes_sent += len(head)
                chunk = b"x" * 65536
                left = f.size - len(head)
                while left > 0:
                    piece = chunk[: min(left, len(chunk))]
                    self.wfile.write(piece)
                    hit.bytes_sent += len(piece)
                    left -= len(piece)
                return None
            hit.etag = (headers or {}).get("ETag")
            return self._send(hit, 200, body, headers=headers)

    return Handler


def grown_records(feed: Feed, year: int, page: int) -> list:
    """Fresh, valid-looking records for a page beyond the feed's own (a growing page count)."""
    template = next((r for r in feed.records.get(year, []) if isinstance(r, dict)), None)
    if template is None:
        return []
    out = []
    for k in range(3):
        rec = dict(template)
        rec["id_inovasi"] = f"{template['id_inovasi']}-grown-{page}-{k}"
        out.append(rec)
    return out
