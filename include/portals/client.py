"""HTTP access to one portal: pooled session, urllib3 Retry, and hard bounds on everything.

- Back-off: urllib3's `Retry` for 429 (honouring `Retry-After`, capped), 5xx, resets and
  time-outs; a refused connection is retried once only, since that failure is certain.
- Time: a pull has one deadline (`portal_seconds`), checked between requests *and* while a
  body streams in, so a portal that drips one byte a second is cut off on time.
- Size: a body larger than `max_body_bytes` is abandoned, not downloaded whole, and not
  fetched again.
- Credentials: the token goes only to the registered `base_url`'s origin. Redirects are
  followed by hand, within that origin only; `requests` would strip `Authorization` on
  another host but keep `X-API-Key`.
- Secrets: every error text the client builds passes through the redactor first.

Conditional requests (PORTAL_API.md, 2026-12-07): a v1 portal may send an `ETag` with its
profile and page 1 of its innovations. The client sends `If-None-Match` with the ETag of the
last complete pull (`known_etags`, kept by the extraction) and a `304 Not Modified` comes back
as `NOT_MODIFIED`; the ETags a pull received are in `etags` (None where the portal sent none,
or one no sane portal sends: too long, or not printable ASCII).

Pages are yielded one at a time; a body that is not JSON (a proxy's page, a body cut short,
bytes that are not UTF-8) is fetched again a few times and then handed back as a
`BrokenPage` for quarantine, and the pull is marked incomplete.
"""
from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from include.config import HttpSettings, PortalEntry
from include.secrets import Redactor

RETRY_STATUSES = (429, 500, 502, 503, 504)
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
MAX_ETAG_CHARS = 256


class PortalError(Exception):
    """The pull of one portal failed; `error_class` says how (for ops.portal_health)."""

    error_class = "unavailable"


class AuthError(PortalError):
    error_class = "auth"


class DeadlineExceeded(PortalError):
    error_class = "timeout"


class ClientError(PortalError):
    error_class = "client_error"


class RedirectRefused(PortalError):
    error_class = "redirect"


class BodyInterrupted(PortalError):
    """The connection broke while the body came in (a reset, a read time-out)."""


class ContractBreach(PortalError):
    """The pull broke an invariant of the contract (paging, cursors, volume): nothing of it is scored."""

    error_class = "contract_invariant"


@dataclass
class BrokenPage:
    url: str
    reason: str
    body: str


@dataclass
class Page:
    records: list[Any]


class NotModified:
    """A 304 to our If-None-Match: nothing changed since the last complete pull."""

    def __repr__(self) -> str:
        return "NOT_MODIFIED"


NOT_MODIFIED = NotModified()


# RFC 9110 §8.8.3: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E (obs-text refused too)
ETAG = re.compile(r'(?:W/)?"[\x21\x23-\x7e]*"')


def usable_etag(value: str | None) -> str | None:
    """An ETag worth keeping and sending back: well formed (no space, no control character: a header folded over
    two lines arrives joined by a space) and bounded."""
    if not value or len(value) > MAX_ETAG_CHARS or not ETAG.fullmatch(value):
        return None
    return value




def make_session(settings: HttpSettings, pool_size: int = 16) -> requests.Session:
    retry = Retry(
        total=settings.retries,
        connect=min(1, settings.retries),  # refused or unresolvable: retrying longer only wastes the night
        read=settings.retries,
        status=settings.retries,
        other=0,
        redirect=False,  # redirects are followed by PortalClient, within the portal's origin only
        backoff_factor=settings.backoff,
        backoff_max=settings.backoff_max,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET"}),
        respect_retry_after_header=True,
        retry_after_max=settings.max_retry_after,
        raise_on_status=False,
        raise_on_redirect=False,
    )
    session = requests.Session()
    adapter = HTTPAdapter(pool_connections=pool_size, pool_maxsize=pool_size, max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = "iga-platform-extractor/1"
    session.trust_env = False  # no proxy or netrc credentials from the environment
    return session


def origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port


@dataclass
class PortalClient:
    session: requests.Session
    entry: PortalEntry
    token: str = field(repr=False)
    settings: HttpSettings
    redactor: Redactor = field(default_factory=Redactor, repr=False)
    retries: int = 0
    bytes_read: int = 0
    deadline: float = 0.0
    known_etags: dict[str, str] = field(default_factory=dict)       # resource -> ETag of the last complete pull
    etags: dict[str, str | None] = field(default_factory=dict)      # resource -> ETag this pull received

    def __post_init__(self) -> None:
        self.deadline = time.monotonic() + self.settings.portal_seconds
        self.redactor = self.redactor.with_secret(self.token)

    def _headers(self) -> dict[str, str]:
        if self.entry.api_version == "v2":
            return {"Authorization": f"Bearer {self.token}"}
        return {"X-API-Key": self.token}

    def _remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise DeadlineExceeded(f"the pull took longer than {self.settings.portal_seconds:g} s")
        return left

    def _send(self, url: str, params: dict[str, Any] | None, etag: str | None = None) -> requests.Response:
        """One GET, following redirects only within the registered origin."""
        home = origin(self.entry.base_url)
        headers = self._headers() | ({"If-None-Match": etag} if etag else {})
        for _ in range(MAX_REDIRECTS + 1):
            timeout = (min(self.settings.connect_timeout, self._remaining()),
                       min(self.settings.read_timeout, self._remaining()))
            try:
                resp = self.session.get(url, params=params, headers=headers, timeout=timeout,
                                        stream=True, allow_redirects=False)
            except requests.exceptions.RetryError as err:
                raise PortalError(self._clean(f"gave up after {self.settings.retries} retries: {err}")) from None
            except requests.exceptions.RequestException as err:
                raise PortalError(self._clean(f"{type(err).__name__}: {err}")) from None
            history = getattr(getattr(resp.raw, "retries", None), "history", ()) or ()
            self.retries += len(history)
            if resp.status_code not in REDIRECT_STATUSES:
                return resp
            target = urljoin(resp.url, resp.headers.get("Location", ""))
            resp.close()
            if origin(target) != home:
                raise RedirectRefused(self._clean(
                    f"HTTP {resp.status_code} redirects to another origin ({urlsplit(target).netloc}); "
                    "the portal's credential is never sent outside its registered base_url"))
            url, params = target, None  # the Location carries its own query
        raise RedirectRefused(f"more than {MAX_REDIRECTS} redirects")

    def _body(self, resp: requests.Response) -> bytes | BrokenPage:
        """The whole body, read chunk by chunk under the deadline and the size bound."""
        announced = resp.headers.get("Content-Length", "")
        if announced.isdigit() and int(announced) > self.settings.max_body_bytes:
            resp.close()  # not a byte of it is read
            return BrokenPage(resp.url, f"body of {announced} bytes is larger than {self.settings.max_body_bytes} "
                                        "bytes; abandoned", "")
        chunks: list[bytes] = []
        size = 0
        try:
            while True:
                self._remaining()
                chunk = resp.raw.read1(CHUNK, decode_content=True)
                if not chunk:
                    break
                size += len(chunk)
                self.bytes_read += len(chunk)
                if size > self.settings.max_body_bytes:
                    return BrokenPage(resp.url, f"body larger than {self.settings.max_body_bytes} bytes; abandoned",
                                      self._clean(b"".join(chunks).decode("utf-8", "replace"))[:8192])
                chunks.append(chunk)
        except DeadlineExceeded:
            raise DeadlineExceeded(f"the pull took longer than {self.settings.portal_seconds:g} s "
                                   f"(inside a response, after {size} bytes)") from None
        except requests.exceptions.RequestException as err:  # pragma: no cover - urllib3 raises its own
            raise PortalError(self._clean(f"{type(err).__name__} while reading: {err}")) from None
        except Exception as err:  # urllib3's ProtocolError, ReadTimeoutError, DecodeError
            raise BodyInterrupted(self._clean(f"{type(err).__name__} while reading the body: {err}")) from None
        finally:
            resp.close()
        return b"".join(chunks)

    def get(self, path: str, params: dict[str, Any], etag: str | None = None,
            resource: str | None = None) -> tuple[int, dict[str, Any] | list[Any] | BrokenPage | NotModified | None]:
        """GET one resource: (status, parsed JSON) or a BrokenPage if the body stays unreadable.

        With `etag`, asks If-None-Match and returns NOT_MODIFIED on a 304; with `resource`, keeps
        the ETag a 200 carries in `etags[resource]`."""
        url = f"{self.entry.base_url.rstrip('/')}/{path}"
        for attempt in range(self.settings.body_retries + 1):
            resp = self._send(url, params, etag)
            status = resp.status_code
            if status in (304, 401, 403, 404):
                return status, self._without_body(resp, etag)
            if resource is not None and 200 <= status < 300:
                self.etags[resource] = usable_etag(resp.headers.get("ETag"))
            try:
                body = self._body(resp)
            except BodyInterrupted:  # the connection broke mid-body: fetch the page again
                if attempt < self.settings.body_retries:
                    self.retries += 1
                    continue
                raise
            if isinstance(body, BrokenPage):
                return status, body  # too large: fetching it again would only repeat that
            if status in RETRY_STATUSES:
                raise PortalError(f"HTTP {status} after {self.settings.retries} retries")
            if status >= 400 or status < 200:  # masked whole, then shortened: a cut secret is still a secret
                raise ClientError(f"HTTP {status}: " + self._clean(body.decode("utf-8", "replace"))[:200])
            try:
                text = body.decode("utf-8")
                return status, json.loads(text)
            except UnicodeDecodeError:
                broken = BrokenPage(resp.url, "body is not valid UTF-8", self._clean(body.decode("utf-8", "replace")))
            except ValueError:
                broken = BrokenPage(resp.url, _body_reason(text), self._clean(text))
            if attempt < self.settings.body_retries:
                self.retries += 1
                continue
            return status, broken
        raise AssertionError("unreachable")

    def _without_body(self, resp: requests.Response, etag: str | None) -> BrokenPage | NotModified | None:
        """The answers read from the status alone: 304 (NOT_MODIFIED, or broken when no ETag was sent), 404 (None),
        401/403 (AuthError)."""
        resp.close()
        if resp.status_code in (401, 403):
            raise AuthError(f"HTTP {resp.status_code}: the portal rejected the credentials in {self.entry.token_env}")
        if resp.status_code == 404:
            return None
        if etag is None:  # nothing was asked: a 304 says nothing about this pull
            return BrokenPage(resp.url, "HTTP 304 Not Modified to a request that named no ETag", "")
        return NOT_MODIFIED

    def _clean(self, text: str) -> str:
        return self.redactor.redact(text)

    # -- profiles ------------------------------------------------------------------
    def profile(self, year: int) -> dict[str, Any] | list[Any] | BrokenPage | NotModified | None:
        """The profile's JSON as sent (the contract checks judge its shape), a BrokenPage, None (404), or
        NOT_MODIFIED (a v1 portal's 304)."""
        if self.entry.api_version == "v2":
            return self.get("api/v2/profile", {"year": year})[1]
        return self.get("api/v1/profil", {"tahun": year}, self.known_etags.get("profil"), "profil")[1]

    # -- innovations ---------------------------------------------------------------
    def innovation_pages(self, year: int, since: str | None = None) -> Iterator[Page | BrokenPage | NotModified]:
        """Every page of the pull; a BrokenPage ends a v2 pull (there is no cursor to go on). A v1
        pull reads its other pages: every page carries total_halaman, so an unreadable page 1
        is skipped and page 2 gives the count."""
        if self.entry.api_version == "v2":
            yield from self._v2_pages(year, since)
        else:
            yield from self._v1_pages(year)

    def _v2_pages(self, year: int, since: str | None) -> Iterator[Page | BrokenPage]:
        params: dict[str, Any] = {"year": year, "limit": self.settings.v2_limit}
        if since:
            params["updated_since"] = since
        cursors: set[str] = set()
        for _ in range(self.settings.max_pages):
            _, body = self.get("api/v2/innovations", params)
            if isinstance(body, BrokenPage):
                yield body
                return
            if not isinstance(body, dict) or not isinstance(body.get("data"), list) or "next_cursor" not in body:
                yield BrokenPage(self.entry.base_url, "page lacks data or next_cursor", _sample(body))
                return
            yield Page(body["data"])
            cursor = body["next_cursor"]
            if not cursor:
                return
            if not isinstance(cursor, str):
                yield BrokenPage(self.entry.base_url, "next_cursor is not a string", _sample(body))
                return
            if cursor in cursors:
                raise ContractBreach("the portal sent the same cursor twice in one pull (a loop)")
            cursors.add(cursor)
            params["cursor"] = cursor
        raise ContractBreach(f"more than {self.settings.max_pages} pages in one pull")

    def _v1_pages(self, year: int) -> Iterator[Page | BrokenPage | NotModified]:
        page, total = 1, None
        while total is None or page <= total:
            first = page == 1  # page 1's ETag names the whole year's collection
            _, body = self.get("api/v1/inovasi", {"tahun": year, "halaman": page,
                                                  "per_halaman": self.settings.v1_per_page},
                               self.known_etags.get("inovasi") if first else None, "inovasi" if first else None)
            if isinstance(body, NotModified):
                yield body
                return
            if isinstance(body, BrokenPage):
                yield body
                if total is None and page > 1:
                    return  # neither page 1 nor page 2 gave a page count to go on
            elif not isinstance(body, dict) or not isinstance(body.get("data"), list) \
                    or not _is_count(body.get("total_halaman")):
                yield BrokenPage(self.entry.base_url, "page lacks data or total_halaman", _sample(body))
                if total is None and page > 1:
                    return
            else:
                if total is not None and body["total_halaman"] != total:
                    raise ContractBreach(f"total_halaman changed from {total} to {body['total_halaman']} "
                                         "during the pull")
                if body["total_halaman"] > self.settings.max_pages:
                    raise ContractBreach(f"the portal claims {body['total_halaman']} pages; at most "
                                         f"{self.settings.max_pages} are read in one pull")
                total = body["total_halaman"]
                yield Page(body["data"])
            page += 1


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _sample(body: object) -> str:
    return json.dumps(body, ensure_ascii=True)[:8192]


def _body_reason(text: str) -> str:
    stripped = text.lstrip()
    if stripped.startswith("{") or stripped.startswith("["):
        return "body is cut short (truncated JSON)"
    return "body is not JSON"
