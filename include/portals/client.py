"""HTTP access to one portal: pooled session, urllib3 Retry, time-outs, a deadline.

Pages are yielded one at a time so memory stays flat however large a portal is.
A page whose body is not JSON (a proxy's error page, a body cut short) is fetched
again a few times; if it stays broken it is handed back as a `BrokenPage` for
quarantine and the pull is marked incomplete.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from typing import Iterator

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from include.config import PortalEntry

RETRY_STATUSES = (429, 500, 502, 503, 504)


class PortalError(Exception):
    """The pull of one portal failed; `error_class` says how (for portal_health)."""

    error_class = "unavailable"


class AuthError(PortalError):
    error_class = "auth"


class DeadlineExceeded(PortalError):
    error_class = "timeout"


class ClientError(PortalError):
    error_class = "client_error"


@dataclass
class BrokenPage:
    url: str
    reason: str
    body: str


@dataclass
class Page:
    records: list


@dataclass
class ClientSettings:
    # 0.5 + 1 + 2 + 4 s: rides out rate limits and 5xx bursts; a portal still down after
    # 7.5 s is recorded as failed and pulled again next night (its watermark stays put)
    retries: int = int(os.environ.get("IGA_HTTP_RETRIES", 4))
    backoff: float = float(os.environ.get("IGA_HTTP_BACKOFF", 0.5))
    backoff_max: float = float(os.environ.get("IGA_HTTP_BACKOFF_MAX", 4))
    connect_timeout: float = float(os.environ.get("IGA_HTTP_CONNECT_TIMEOUT", 5))
    read_timeout: float = float(os.environ.get("IGA_HTTP_READ_TIMEOUT", 30))
    portal_seconds: float = float(os.environ.get("IGA_PORTAL_MAX_SECONDS", 300))
    body_retries: int = 2
    v2_limit: int = 500
    v1_per_page: int = 200


def make_session(settings: ClientSettings, pool_size: int = 16) -> requests.Session:
    retry = Retry(
        total=settings.retries,
        connect=settings.retries,
        read=settings.retries,
        status=settings.retries,
        backoff_factor=settings.backoff,
        backoff_max=settings.backoff_max,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET"}),
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    session = requests.Session()
    adapter = HTTPAdapter(pool_connections=pool_size, pool_maxsize=pool_size, max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = "iga-platform-extractor/1"
    return session


@dataclass
class PortalClient:
    session: requests.Session
    entry: PortalEntry
    token: str = field(repr=False)
    settings: ClientSettings
    retries: int = 0
    deadline: float = 0.0

    def __post_init__(self) -> None:
        self.deadline = time.monotonic() + self.settings.portal_seconds

    def _headers(self) -> dict[str, str]:
        if self.entry.api_version == "v2":
            return {"Authorization": f"Bearer {self.token}"}
        return {"X-API-Key": self.token}

    def get(self, path: str, params: dict) -> tuple[int, dict | BrokenPage | None]:
        """GET one resource: (status, parsed JSON) or a BrokenPage if the body stays unreadable."""
        url = f"{self.entry.base_url.rstrip('/')}/{path}"
        for attempt in range(self.settings.body_retries + 1):
            if time.monotonic() > self.deadline:
                raise DeadlineExceeded(f"portal took longer than {self.settings.portal_seconds:.0f} s")
            try:
                resp = self.session.get(url, params=params, headers=self._headers(),
                                        timeout=(self.settings.connect_timeout, self.settings.read_timeout))
            except requests.exceptions.RetryError as err:
                raise PortalError(f"gave up after {self.settings.retries} retries: {_short(err)}") from None
            except requests.exceptions.RequestException as err:
                raise PortalError(f"{type(err).__name__}: {_short(err)}") from None
            history = getattr(getattr(resp.raw, "retries", None), "history", ()) or ()
            self.retries += len(history)
            if resp.status_code in (401, 403):
                raise AuthError(f"HTTP {resp.status_code}: the portal rejected the credentials in {self.entry.token_env}")
            if resp.status_code in RETRY_STATUSES:
                raise PortalError(f"HTTP {resp.status_code} after {len(history)} retries")
            if resp.status_code == 404:
                return 404, None
            if resp.status_code >= 400:
                raise ClientError(f"HTTP {resp.status_code}: {resp.text[:200]}")
            try:
                return resp.status_code, resp.json()
            except ValueError:
                broken = BrokenPage(resp.url, _body_reason(resp.text), resp.text)
                if attempt < self.settings.body_retries:
                    self.retries += 1
                    continue
                return resp.status_code, broken
        raise AssertionError("unreachable")

    # -- profiles ------------------------------------------------------------------
    def profile(self, year: int) -> dict | BrokenPage | None:
        if self.entry.api_version == "v2":
            return self.get("api/v2/profile", {"year": year})[1]
        return self.get("api/v1/profil", {"tahun": year})[1]

    # -- innovations ---------------------------------------------------------------
    def innovation_pages(self, year: int, since: str | None = None) -> Iterator[Page | BrokenPage]:
        """Yield every page of the pull; a BrokenPage ends a v2 pull (no cursor to go on)."""
        if self.entry.api_version == "v2":
            yield from self._v2_pages(year, since)
        else:
            yield from self._v1_pages(year)

    def _v2_pages(self, year: int, since: str | None) -> Iterator[Page | BrokenPage]:
        params: dict = {"year": year, "limit": self.settings.v2_limit}
        if since:
            params["updated_since"] = since
        while True:
            _, body = self.get("api/v2/innovations", params)
            if isinstance(body, BrokenPage):
                yield body
                return
            if not isinstance(body, dict) or not isinstance(body.get("data"), list) or "next_cursor" not in body:
                yield BrokenPage(self.entry.base_url, "page lacks data or next_cursor", json.dumps(body)[:100_000])
                return
            yield Page(body["data"])
            if not body["next_cursor"]:
                return
            params["cursor"] = body["next_cursor"]

    def _v1_pages(self, year: int) -> Iterator[Page | BrokenPage]:
        page, total = 1, 1
        while page <= total:
            _, body = self.get("api/v1/inovasi", {"tahun": year, "halaman": page, "per_halaman": self.settings.v1_per_page})
            if isinstance(body, BrokenPage):
                yield body
            elif not isinstance(body, dict) or not isinstance(body.get("data"), list) \
                    or not isinstance(body.get("total_halaman"), int):
                yield BrokenPage(self.entry.base_url, "page lacks data or total_halaman", json.dumps(body)[:100_000])
            else:
                total = body["total_halaman"]
                yield Page(body["data"])
            page += 1


def _short(err: Exception) -> str:
    text = str(err)
    return text if len(text) < 200 else text[:200] + "..."


def _body_reason(text: str) -> str:
    stripped = text.lstrip()
    if stripped.startswith("{") or stripped.startswith("["):
        return "body is cut short (truncated JSON)"
    return "body is not JSON"
