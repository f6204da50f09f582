"""A conformance world: portals (cases) with feeds night by night, run through the platform,
and what the specs say the platform should have made of them.

A `Case` is one registered portal (usually one region, one rule or fault). `World.run`
serves tonight's feeds and runs one night of extraction through the harness. `World.expected`
replays the same nights through the reference (`reference.Ledger`, `reference.score_regions`):
it reads the pages the portal served from the portal's own paging (with the `updated_since`
and page size the extractor asked for, taken from the server's request log), and classifies
each pull from the feed's scripted faults, as the contract says:
- a portal that cannot be read at all (down, 401/403, dead port, a redirect elsewhere, an echo
  of an error, a drip past the deadline) fails: nothing of tonight lands;
- a page that stays unreadable (not JSON, cut short, not UTF-8, too big) is broken: the pull
  is partial (v2 stops there; v1 reads its other pages; nothing is deleted);
- a pull that breaks the contract's invariants (a page count that changes, a cursor seen
  twice, more records than IGA_PULL_MAX_RECORDS) is rejected: it feeds nothing.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlsplit

from tests.conformance import harness
from tests.conformance import reference as ref
from tests.conformance.portals import Fault, Feed, PortalServer, RawJSON, dead_port, parse_since, v1_pages, v2_pages

FAILING = ("status", "reset", "echo")
BREAKING = ("not_json", "cut_short", "cut_connection", "big")
REJECTING = ("grow_pages", "cursor_loop")


@dataclass
class Case:
    code: str
    version: str
    feeds: dict[int, Feed]
    token: str
    dead: bool = False
    token_mode: str = "same"  # same | unset | wrong
    note: str = ""

    @property
    def key(self) -> str:
        return next(iter(self.feeds.values())).key


@dataclass
class World:
    platform: harness.Platform
    name: str
    server: PortalServer = field(default_factory=PortalServer)
    elsewhere: PortalServer = field(default_factory=PortalServer)   # another origin
    cases: dict[str, Case] = field(default_factory=dict)
    runs: dict[tuple[int, int], harness.Night] = field(default_factory=dict)
    dead_ports: dict[str, int] = field(default_factory=dict)
    elsewhere_feeds: dict[str, Feed] = field(default_factory=dict)   # what the other origin serves
    _expected: dict = field(default_factory=dict)

    def close(self) -> None:
        self.server.close()
        self.elsewhere.close()

    # -- declaring cases -------------------------------------------------------------------
    def add(self, code: str, version: str, feeds: Feed | dict[int, Feed], **kw) -> Case:
        assert code not in self.cases, f"{code} is used twice in {self.name}"
        feeds = feeds if isinstance(feeds, dict) else {1: feeds}
        case = Case(code, version, feeds, token=next(iter(feeds.values())).token, **kw)
        self.cases[code] = case
        return case

    def feed(self, case: Case, night: int) -> Feed:
        """The case's feed on a night: the latest one defined on or before it."""
        return case.feeds[max(n for n in case.feeds if n <= night)]

    def run_id(self, night: int, year: int) -> str:
        return f"{self.name}-n{night}-{year}"

    # -- running ---------------------------------------------------------------------------
    def run(self, night: int, year: int) -> harness.Night:
        self.server.serve({c.key: self.feed(c, night) for c in self.cases.values()}, night)
        self.elsewhere.serve(self.elsewhere_feeds, night)
        portals = []
        for c in self.cases.values():
            if c.dead:
                port = self.dead_ports.setdefault(c.code, dead_port())
                base = f"http://127.0.0.1:{port}/{c.key}"
            else:
                base = self.server.base_url(c.key)
            token = {"same": c.token, "unset": None, "wrong": c.token + "-wrong"}[c.token_mode]
            portals.append(harness.Registered(c.code, c.version, base, token))
        result = self.platform.night(portals, self.run_id(night, year), year)
        self.runs[(night, year)] = result
        self._expected.clear()
        return result

    # -- the reference -------------------------------------------------------------------------
    def ledgers(self, year: int, upto: int | None = None) -> dict[str, ref.Ledger]:
        nights = sorted(n for (n, y) in self.runs if y == year and (upto is None or n <= upto))
        out = {}
        for case in self.cases.values():
            ledger = ref.Ledger(case.code, case.version)
            for n in nights:
                outcome, profile, pages = self.pull_model(case, n, year, ledger)
                ledger.pull(n, outcome, profile, pages, now=self.runs[(n, year)].started)
            out[case.code] = ledger
        return out

    def expected(self, year: int, upto: int | None = None) -> dict[str, ref.RegionScore]:
        if (year, upto) not in self._expected:
            ledgers = self.ledgers(year, upto)
            self._expected[(year, upto)] = ref.score_regions(
                year, {c: l for c, l in ledgers.items() if c in ref.scored_regions()})
        return self._expected[(year, upto)]

    def pull_model(self, case: Case, night: int, year: int, ledger: ref.Ledger):
        feed = self.feed(case, night)
        if case.dead or case.token_mode != "same":
            return "failed", None, None
        for f in feed.faults:
            if f.page is not None or not self._fails(f):
                continue
            if f.on in ("*", "profile"):
                return "failed", None, None
            raise NotImplementedError("a failing fault on innovations only: use on='*' in conformance cases")
        if any(f.kind in REJECTING for f in feed.faults):
            return "rejected", None, None
        profile = feed.profiles.get(year)
        if isinstance(profile, RawJSON):
            profile = _decode(profile.body)
            profile = None if profile is ref.BROKEN else profile
        hits = [h for h in self.server.requests(case.key, night, "innovations")
                if h.params.get("year" if case.version == "v2" else "tahun") == str(year)]
        if case.version == "v2":
            # the pages served for the updated_since the extractor sent, unless that was later
            # than the contract allows (it would skip versions): then for the contract's own
            since = hits[0].params.get("updated_since") if hits else None
            since = parse_since(since) if since else None
            if since is not None and (ledger.watermark is None or since > ledger.watermark):
                since = ledger.watermark
            limit = int(hits[0].params.get("limit", 500)) if hits else 500
            raw_pages = v2_pages(feed, year, since, limit)
        else:
            per_page = int(hits[0].params.get("per_halaman", 200)) if hits else 200
            raw_pages = v1_pages(feed, year, per_page)
        if sum(len(p) for p in raw_pages) > int(harness.LIMITS["IGA_PULL_MAX_RECORDS"]):
            return "rejected", None, None
        broken = {f.page for f in feed.faults if f.persistent and f.on in ("*", "innovations")
                  and (f.kind in BREAKING or (f.kind == "echo" and f.status < 400))}
        pages = []
        for k, page in enumerate(raw_pages, start=1):
            if k in broken or (None in broken):
                pages.append(ref.BROKEN)
                continue
            decoded = [(_decode(r.body) if isinstance(r, RawJSON) else r) for r in page]
            pages.append(ref.BROKEN if any(d is ref.BROKEN for d in decoded) else decoded)
        return "read", profile, pages

    def _fails(self, f: Fault) -> bool:
        """A fault that keeps the portal from being read (retries cannot help)."""
        lasting = f.persistent or f.times > harness.RETRIES
        if f.kind == "echo" and f.status < 400:
            return False  # a 200 whose body is not JSON: a broken page
        if f.kind in FAILING:
            return lasting
        if f.kind == "redirect":
            target = urlsplit(f.location or "")
            return bool(target.netloc) and target.netloc != urlsplit(self.server.origin).netloc
        if f.kind == "drip":
            return f.seconds >= self.platform.portal_seconds
        return False

    def scores(self, candidate: str, year: int) -> Scores:
        """region_index of the build, read when a test first looks (a failed build fails that test)."""
        def load():
            build = getattr(self, "build", None)
            assert build is not None and build.ok, "dbt build failed, so nothing was scored:\n" + \
                "\n".join(build.failures if build else []) + (build.output[-2000:] if build else "")
            return self.platform.region_index(candidate, year)
        return Scores(load)

    # -- comparing -----------------------------------------------------------------------------
    def mismatches(self, actual: dict[str, dict], expected: dict[str, ref.RegionScore],
                   codes=None, ranks: bool = True) -> list[tuple]:
        """Differences from the reference; ranks=False leaves out the ranks (which one wrong
        region elsewhere shifts)."""
        return [m for code in (codes if codes is not None else expected)
                for m in compare_region(code, actual.get(code), expected[code])
                if ranks or not m[1].startswith("rank_")]


class Scores(Mapping):
    """region_code -> region_index row, loaded lazily."""

    def __init__(self, load) -> None:
        self._load, self._data = load, None

    def _rows(self) -> dict:
        if self._data is None:
            self._data = self._load()
        return self._data

    def __getitem__(self, code: str) -> dict:
        return self._rows()[code]

    def __iter__(self):
        return iter(self._rows())

    def __len__(self) -> int:
        return len(self._rows())


def _decode(body: bytes):
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return ref.BROKEN


def q4(value) -> Decimal:
    if isinstance(value, Decimal):
        return value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    return ref.half_up(value, 4)


def compare_region(code: str, got: dict | None, exp: ref.RegionScore) -> list[tuple]:
    """(code, column, platform's value, reference's value) for every column that differs."""
    if got is None:
        return [(code, "row", None, "a region_index row")]
    r = exp.region
    want = {
        "region_name": r.name, "level": r.level, "province_code": r.province_code,
        "province_name": r.province_name, "island_group": r.island_group, "is_tertinggal": r.tertinggal,
        "is_papua": r.papua, "methodology_version": exp.version.name,
        "spd_score": q4(exp.spd), "sid_quality": q4(exp.sid_quality), "sid_count": q4(exp.sid_count),
        "sid_score": q4(exp.sid), "total_score": q4(exp.total), "iid_score": exp.iid,
        "predicate": exp.predicate, "n_reported": exp.n_reported, "n_eligible": exp.n_eligible,
        "basic_affairs_covered": exp.basic_affairs_covered, **exp.ranks,
    }
    out = []
    for column, value in want.items():
        have = got.get(column, "<missing column>")
        if column == "island_group" and isinstance(have, str):
            have = have.replace("\u2013", "-")
        if column in ("spd_score", "sid_quality", "sid_count", "sid_score", "total_score") \
                and isinstance(have, Decimal):
            have = q4(have)
        if have != value:
            out.append((code, column, have, value))
    return out


def within(t: dt.datetime | None, night: harness.Night) -> bool:
    return t is not None and night.started - dt.timedelta(seconds=1) <= t <= night.finished + dt.timedelta(seconds=1)
