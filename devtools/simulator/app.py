"""The portal simulator: every scored region's portal, v1 or v2, behind one HTTP server."""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import time
from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.responses import Response

from devtools.simulator.faults import FaultPlan
from devtools.simulator.world import World, v1_innovation, v1_profile, v2_innovation, v2_profile

V2_MAX_LIMIT, V1_MAX_PER_PAGE = 500, 200


def _json(body: object, status: int = 200) -> Response:
    return Response(json.dumps(body, separators=(",", ":")), status_code=status, media_type="application/json")


def _error(status: int, message: str, headers: dict | None = None) -> Response:
    return Response(json.dumps({"error": message}), status_code=status, media_type="application/json",
                    headers=headers)


def _etag(*parts: object) -> str:
    """A strong ETag naming the content that was (or would be) sent."""
    digest = hashlib.sha256(json.dumps(parts, separators=(",", ":"), default=str).encode()).hexdigest()
    return f'"{digest[:32]}"'


def _conditional(request: Request, etag: str | None, render: Callable[[], Response]) -> Response:
    """PORTAL_API.md's conditional request: 304 with no body when If-None-Match names the ETag."""
    if etag is None:
        return render()
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    response = render()
    response.headers["ETag"] = etag
    return response


def _encode_cursor(updated_at: str, ident: str) -> str:
    return base64.urlsafe_b64encode(f"{updated_at}|{ident}".encode()).decode()


def _decode_cursor(cursor: str) -> tuple[str, str]:
    updated_at, _, ident = base64.urlsafe_b64decode(cursor.encode()).decode().partition("|")
    return updated_at, ident


def _year(raw: str | None) -> int | None:
    try:
        return int(raw) if raw is not None else None
    except ValueError:
        return None


class Simulator:
    def __init__(self, world: World, faults: FaultPlan, tokens: dict[str, str]):
        self.world, self.faults, self.tokens = world, faults, tokens
        self.planned_faults = faults  # what /_admin/faults?on=true puts back
        self.requests = 0

    # -- fault and auth gate -----------------------------------------------------
    def _gate(self, request: Request, code: str, version: str) -> Response | None:
        if code not in self.world.regions:
            return _error(404, f"no portal {code}")
        if self.world.api_version[code] != version:
            return _error(404, f"portal {code} serves {self.world.api_version[code]}")
        if code in self.faults.down:
            return _error(503, "portal under maintenance")
        sent = request.headers.get("authorization", "").removeprefix("Bearer ") if version == "v2" \
            else request.headers.get("x-api-key", "")
        if code in self.faults.bad_token or not hmac.compare_digest(sent, self.tokens.get(code, "\0")):
            return _error(401, "invalid credentials")
        return None

    def _transport(self, request: Request, body: Callable[[], Response]) -> Response:
        key = f"{request.url.path}?{sorted(request.query_params.multi_items())}"
        attempt = self.faults.attempt(key)
        fault = self.faults.transport_fault(key, attempt)
        if fault == "rate_limit":
            return _error(429, "too many requests", {"Retry-After": str(self.faults.retry_after)})
        if fault == "server_error":
            return _error(self.faults.server_error_status(key, attempt), "upstream error")
        if fault == "slow":
            time.sleep(self.faults.slow_seconds)
        response = body()
        if response.status_code == 304:
            return response  # no body to break
        if fault == "not_json":
            return Response("<html><body>502 Bad Gateway (proxy)</body></html>", status_code=200,
                            media_type="application/json")
        if fault == "cut_short":
            return Response(response.body[: max(1, len(response.body) // 2)], status_code=200,
                            media_type="application/json")
        return response

    def _records(self, code: str, year: int, render: Callable[[object], dict], live_only: bool) -> list[dict]:
        """The records a pull returns, with record faults applied (stable per record).

        v1 (live_only) serves each live innovation as it is now; v2 serves its change log:
        every version of every innovation, tombstones included.
        """
        out: list[dict] = []
        codes = sorted(self.world.regions)
        for current in self.world.innovations(code, year):
            for inn in ([current] if live_only else current.versions()):
                if live_only and inn.deleted:
                    continue
                out.extend(self._faulty(render(inn), inn.id, code, codes))
        return out

    def _faulty(self, record: dict, ident: str, code: str, codes: list[str]) -> list[dict]:
        """A rendered record as the portal sends it: broken, foreign or twice, by its fault."""
        fault = self.faults.record_fault(ident)
        if fault == "bad_record":
            record = self.faults.break_record(record, ident)
        elif fault == "foreign_region":
            other = codes[(codes.index(code) + 1) % len(codes)]
            record = dict(record, **({"region_code": other} if "region_code" in record else {"kode_wilayah": other}))
        return [record, record] if fault == "duplicate" else [record]

    # -- v2 ----------------------------------------------------------------------
    def v2_profile(self, request: Request, code: str) -> Response:
        year = _year(request.query_params.get("year"))
        if year is None:
            return _error(400, "year is required")
        profile = self.world.profile(code, year)
        return _json(v2_profile(profile)) if profile else _error(404, "no profile for this year")

    def v2_innovations(self, request: Request, code: str) -> Response:
        q = request.query_params
        year = _year(q.get("year"))
        try:
            limit = int(q.get("limit", "100"))
        except ValueError:
            return _error(400, "limit must be a number")
        if year is None or not 1 <= limit <= V2_MAX_LIMIT:
            return _error(400, f"year is required and limit must be 1..{V2_MAX_LIMIT}")
        records = self._records(code, year, v2_innovation, live_only=False)
        records.sort(key=lambda r: (str(r.get("updated_at")), str(r.get("id"))))
        since = q.get("updated_since")
        if since:
            records = [r for r in records if str(r.get("updated_at")) >= since]
        if q.get("cursor"):
            try:
                after = _decode_cursor(q["cursor"])
            except ValueError:
                return _error(400, "bad cursor")
            records = [r for r in records if (str(r.get("updated_at")), str(r.get("id"))) > after]
        page = records[:limit]
        more = len(records) > limit
        cursor = _encode_cursor(str(page[-1].get("updated_at")), str(page[-1].get("id"))) if more else None
        return _json({"data": page, "next_cursor": cursor})

    # -- v1 ----------------------------------------------------------------------
    def v1_profile(self, request: Request, code: str) -> Response:
        year = _year(request.query_params.get("tahun"))
        if year is None:
            return _error(400, "tahun wajib diisi")
        profile = self.world.profile(code, year)
        if not profile:
            return _error(404, "profil tidak ditemukan")
        body = v1_profile(profile)
        return _conditional(request, _etag("profil", body) if code in self.world.sends_etag else None,
                            lambda: _json(body))

    def v1_innovations(self, request: Request, code: str) -> Response:
        q = request.query_params
        year = _year(q.get("tahun"))
        try:
            page, size = int(q.get("halaman", "1")), int(q.get("per_halaman", "50"))
        except ValueError:
            return _error(400, "halaman dan per_halaman harus angka")
        if year is None or page < 1 or not 1 <= size <= V1_MAX_PER_PAGE:
            return _error(400, f"tahun wajib; per_halaman 1..{V1_MAX_PER_PAGE}")
        records = self._records(code, year, v1_innovation, live_only=True)
        records.sort(key=lambda r: str(r.get("id_inovasi")))
        pages = max(1, -(-len(records) // size))
        # page 1's ETag names the whole year's collection (and the page size), as PORTAL_API.md says
        etag = _etag("inovasi", size, records) if page == 1 and code in self.world.sends_etag else None
        return _conditional(request, etag, lambda: _json(
            {"halaman": page, "total_halaman": pages, "data": records[(page - 1) * size: page * size]}))


def create_app(sim: Simulator) -> FastAPI:
    app = FastAPI(title="IGA portal simulator", docs_url=None, redoc_url=None)
    routes = {
        ("v2", "profile"): sim.v2_profile,
        ("v2", "innovations"): sim.v2_innovations,
        ("v1", "profil"): sim.v1_profile,
        ("v1", "inovasi"): sim.v1_innovations,
    }

    @app.get("/{code}/api/{version}/{entity}")
    def portal(code: str, version: str, entity: str, request: Request) -> Response:
        sim.requests += 1
        handler = routes.get((version, entity))
        if handler is None:
            return _error(404, "no such endpoint")
        return sim._gate(request, code, version) or sim._transport(request, lambda: handler(request, code))

    @app.post("/_admin/advance")
    def advance(nights: int = 1) -> Response:
        """Move every portal on by `nights` nights: edits, additions, deletions."""
        sim.world.night += nights
        return _json({"night": sim.world.night})

    @app.post("/_admin/faults")
    def faults(on: bool = True) -> Response:
        """Switch every fault off (no rate limits, errors, slow or broken pages, portal down), or back on."""
        sim.faults = sim.planned_faults if on else FaultPlan(seed=sim.planned_faults.seed)
        return _json({"faults": on, "down": sorted(sim.faults.down)})

    @app.get("/_admin/state")
    def state() -> Response:
        return _json({"night": sim.world.night, "seed": sim.world.seed, "scale": sim.world.scale,
                      "requests": sim.requests, "now": dt.datetime.now(dt.UTC).isoformat()})

    return app
