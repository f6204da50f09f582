"""Property-based: random portal feeds, extracted by the platform and checked against the contract.

Each hypothesis example is one portal (a region from POOL, v1 or v2, scored or not) over one
to three nights: edits and tombstones in the same or a later pull, page splits anywhere,
records reordered within equal `updated_at`, identical and conflicting duplicates, absences
on complete and incomplete v1 pulls (a page that stays unreadable), records claiming another
region's code, records missing a field, and profiles that change or are missing.

- `test_random_feeds_land_as_the_contract_says`: per example, the platform's current
  innovations (raw, latest version, deletions applied) equal the reference ledger's, and
  every record the contract quarantines is in quarantine. Cheap (no dbt), so hypothesis can
  run and shrink many examples.
- `test_random_feeds_score_as_the_reference`: one dbt build over the last example of every
  region in POOL, all 546 regions compared with the reference scorer (ranks included), and
  no unscored region in the marts.

Examples are bounded (MAX_EXAMPLES, deadline off); counts and times are printed.
"""
from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.conformance import feeds as fd
from tests.conformance import reference as ref
from tests.conformance.conftest import feed, token
from tests.conformance.portals import Fault, PortalServer
from tests.conformance.world import World

YEAR = 2026
MAX_EXAMPLES = 40
MIN_REGIONS = 20   # the scoring check covers at least this many regions
CANDIDATE = "candidate_props"
FOREIGN = "35.15"
DATES = ("2023-12-31", "2024-01-01", "2025-06-15", "2025-12-31", "2026-01-01", None)
AFFAIRS = ("pendidikan", "kesehatan", "sosial", "perumahan", "pekerjaan_umum", "ketertiban_umum", "pangan")


def _pool() -> tuple[str, ...]:
    codes = fd.Codes(used={FOREIGN})
    picks = [codes.take("kabupaten") for _ in range(14)] + [codes.take("kota") for _ in range(8)]
    picks += [codes.take("provinsi") for _ in range(3)] + [codes.take(None, papua=True, tertinggal=None) for _ in range(4)]
    picks += [codes.take("kabupaten", tertinggal=True) for _ in range(3)]
    return tuple(picks) + ref.NOT_SCORED


POOL = _pool()


# -- what hypothesis draws ------------------------------------------------------------------------------
@dataclass(frozen=True)
class NightPlan:
    ops: tuple
    page_size: int
    broken_page: int | None
    profile: tuple | None
    seed: int


@dataclass(frozen=True)
class Script:
    version: str
    code: str
    nights: tuple[NightPlan, ...]


answers = st.lists(st.tuples(st.sampled_from(ref.SID_INDICATORS), st.sampled_from((1, 2, 3, None)),
                             st.sampled_from(ref.EVIDENCE)), max_size=4, unique_by=lambda a: a[0])
fields = st.fixed_dictionaries({"stage": st.sampled_from(ref.STAGES), "impl": st.sampled_from(DATES),
                                "affair": st.sampled_from(AFFAIRS), "answers": answers})
spd = st.lists(st.tuples(st.sampled_from(ref.SPD_INDICATORS), st.sampled_from((1, 2, 3, None)),
                         st.sampled_from(ref.EVIDENCE)), min_size=1, max_size=5, unique_by=lambda a: a[0])


@st.composite
def scripts(draw) -> Script:
    version = draw(st.sampled_from(("v2", "v1")))
    code = draw(st.sampled_from(POOL))
    ids = tuple(f"p{k}" for k in range(draw(st.integers(1, 4))))
    op = st.one_of(
        st.tuples(st.just("put"), st.sampled_from(ids), fields, st.integers(0, 2)),
        st.tuples(st.just("put"), st.sampled_from(ids), fields, st.integers(0, 2)),
        st.tuples(st.just("delete"), st.sampled_from(ids), st.integers(0, 2)),
        st.tuples(st.just("dup"), st.booleans()),
        st.tuples(st.just("foreign")),
        st.tuples(st.just("bad")),
    )
    nights = []
    for _ in range(draw(st.integers(1, 3))):
        nights.append(NightPlan(
            ops=tuple(draw(st.lists(op, max_size=10))),
            page_size=draw(st.integers(1, 4)),
            broken_page=draw(st.one_of(st.none(), st.none(), st.none(), st.integers(1, 3))),
            profile=draw(st.one_of(st.none(), spd)),
            seed=draw(st.integers(0, 2**16)),
        ))
    return Script(version, code, tuple(nights))


# -- turning a script into a portal's feeds, night by night ----------------------------------------------
def build_feeds(script: Script, tok: str) -> dict:
    code, version = script.code, script.version
    last: dict[str, fd.Innovation] = {}
    deleted: set[str] = set()
    present: dict[str, fd.Innovation] = {}   # v1: what tonight's full pull holds
    log: list[dict] = []                     # v2: the change log
    out = {}
    for n, plan in enumerate(script.nights, start=1):
        base = dt.datetime(YEAR, 1 + n, 1, tzinfo=dt.UTC)
        extras: list[dict] = []
        last_put: dict | None = None
        for k, o in enumerate(plan.ops):
            kind = o[0]
            if kind == "put":
                _, short, fl, slot = o
                rid = f"{code}-{YEAR}-{short}"
                if rid in deleted and version == "v2":
                    continue   # a tombstone is final in a change log
                t = base + dt.timedelta(hours=slot)
                if rid in last and last[rid].updated_at >= t:
                    t = last[rid].updated_at + dt.timedelta(minutes=1)
                inn = fd.Innovation(rid, code, YEAR, t, stage=fl["stage"], affair=fl["affair"],
                                    implementation_date=fl["impl"], no_implementation_date=fl["impl"] is None,
                                    answers=tuple(fd.Answer(i, lv, s) for i, lv, s in fl["answers"]))
                last[rid] = inn
                deleted.discard(rid)
                last_put = inn.render(version)
                if version == "v2":
                    log.append(last_put)
                else:
                    present[rid] = inn
            elif kind == "delete":
                _, short, slot = o
                rid = f"{code}-{YEAR}-{short}"
                if rid not in last or rid in deleted:
                    continue
                if version == "v2":
                    t = max(base + dt.timedelta(hours=slot), last[rid].updated_at + dt.timedelta(minutes=1))
                    tomb = last[rid].edit(updated_at=t, deleted=True)
                    last[rid] = tomb
                    log.append(tomb.v2())
                else:
                    present.pop(rid, None)
                deleted.add(rid)
            elif kind == "dup" and last_put is not None:
                copy = dict(last_put) if o[1] else {**last_put, ("title" if version == "v2" else "nama"): "Judul beda"}
                (log if version == "v2" else extras).append(copy)
            elif kind == "foreign":
                rec = fd.Innovation(f"{code}-{YEAR}-f{n}{k}", code, YEAR, base).render(version)
                rec[ref.REGION_KEY[version]] = FOREIGN
                (log if version == "v2" else extras).append(rec)
            elif kind == "bad":
                rec = fd.Innovation(f"{code}-{YEAR}-b{n}{k}", code, YEAR, base).render(version)
                del rec["title" if version == "v2" else "nama"]
                (log if version == "v2" else extras).append(rec)
        rng = random.Random(plan.seed)
        if version == "v2":
            # ordered by (updated_at, id), then shuffled within equal updated_at
            ordered = sorted(log, key=lambda r: r["updated_at"])
            groups: dict[str, list] = {}
            for r in ordered:
                groups.setdefault(r["updated_at"], []).append(r)
            records = []
            for ts in sorted(groups):
                g = groups[ts]
                rng.shuffle(g)
                records += g
        else:
            records = [i.v1() for i in present.values()] + extras
            rng.shuffle(records)
        profile = fd.Profile(code, YEAR, base, tuple(fd.Answer(i, lv, s) for i, lv, s in plan.profile)) \
            if plan.profile else None
        faults = [Fault("not_json", on="innovations", page=plan.broken_page)] if plan.broken_page else []
        out[n] = feed(code, version, YEAR, records=[dict(r) for r in records], profile=profile, token=tok,
                      page_size=plan.page_size, faults=faults)
    return out


# -- running examples ----------------------------------------------------------------------------------------
class Runs:
    """Examples run so far: the last one per region (what the warehouse holds), and counts."""

    def __init__(self, platform):
        self.platform = platform
        self.server, self.elsewhere = PortalServer(), PortalServer()
        self.last: dict[str, tuple[World, Script]] = {}
        self.examples = self.nights = self.records = 0
        self.seconds = 0.0
        self.last_run_id = None

    def close(self):
        self.server.close()
        self.elsewhere.close()

    def run(self, script: Script) -> World:
        t0 = time.monotonic()
        self.examples += 1
        self.platform.forget_portal(script.code)
        self.server.forget_requests()
        w = World(self.platform, f"prop{self.examples}", server=self.server, elsewhere=self.elsewhere)
        w.add(script.code, script.version, build_feeds(script, token(script.code)))
        for n in range(1, len(script.nights) + 1):
            w.run(n, YEAR)
            self.last_run_id = w.run_id(n, YEAR)
        w.ledgers_now = w.ledgers(YEAR)
        self.last[script.code] = (w, script)
        self.nights += len(script.nights)
        self.records += sum(len(f.records[YEAR]) for f in w.cases[script.code].feeds.values())
        self.seconds += time.monotonic() - t0
        return w

    def line(self) -> str:
        return (f"{self.examples} examples, {self.nights} nights, {self.records} records served, "
                f"{len(self.last)} regions, {self.seconds:.1f} s")


@pytest.fixture(scope="module")
def runs(platform_factory):
    r = Runs(platform_factory("props"))
    yield r
    r.close()


def check_landing(runs: Runs, script: Script, w: World) -> None:
    ledger = w.ledgers_now[script.code]
    got = {rid: ref.canonical(p) for rid, p in runs.platform.current_innovations(script.code, YEAR).items()}
    want = {rid: ref.canonical(c.record) for rid, c in ledger.current.items() if not c.deleted}
    assert got == want, f"current innovations differ from the contract's\nscript: {script}"
    quarantined = {q["record_id"] for q in runs.platform.quarantine(script.code)
                   if q["entity"] == "innovation" and q["record_id"]}
    assert ledger.quarantined_ids <= quarantined, f"not quarantined: {ledger.quarantined_ids - quarantined}"
    wrongly = quarantined - ledger.quarantined_ids
    assert not wrongly, f"quarantined though the contract keeps them: {wrongly}\nscript: {script}"


def explore(runs: Runs, check: bool) -> None:
    @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
              phases=(Phase.explicit, Phase.generate, Phase.shrink),
              suppress_health_check=(HealthCheck.too_slow, HealthCheck.data_too_large))
    @given(scripts())
    def example(script: Script) -> None:
        w = runs.run(script)
        if check:
            check_landing(runs, script, w)

    example()


def test_random_feeds_land_as_the_contract_says(runs):
    try:
        explore(runs, check=True)
    finally:
        print(f"\n[conformance] property (landing): {runs.line()}", flush=True)


def test_random_feeds_score_as_the_reference(runs):
    if len(runs.last) < MIN_REGIONS:  # alone, or after a landing failure shrank onto few regions
        explore(runs, check=False)
    t0 = time.monotonic()
    build = runs.platform.build(runs.last_run_id, YEAR, CANDIDATE)
    print(f"\n[conformance] property (scoring): dbt build over {len(runs.last)} regions in "
          f"{time.monotonic() - t0:.1f} s; {runs.line()}", flush=True)
    assert build.ok and not build.failures, "\n".join(build.failures) or build.output[-3000:]
    ledgers = {code: w.ledgers_now[code] for code, (w, _) in runs.last.items()}
    expected = ref.score_regions(YEAR, {c: l for c, l in ledgers.items() if c in ref.scored_regions()})
    actual = runs.platform.region_index(CANDIDATE, YEAR)
    assert len(actual) == 546 and not set(ref.NOT_SCORED) & set(actual)
    some = next(iter(runs.last.values()))[0]
    bad = some.mismatches(actual, expected)
    scripts_of = {code: s for code, (_, s) in runs.last.items()}
    assert bad == [], "\n".join(f"{m}  script: {scripts_of.get(m[0])}" for m in bad[:20])
