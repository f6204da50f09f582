"""Fixtures of the conformance suite: a world per module (one extraction, one dbt build)."""
from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

import pytest

from tests.conformance import feeds as fd
from tests.conformance import harness
from tests.conformance import reference as ref
from tests.conformance.portals import Feed
from tests.conformance.world import World

YEARS = (2024, 2025, 2026)
# hypothesis keeps its caches with the rest of the local state, not in the checkout's root
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY",
                      str(Path(__file__).resolve().parents[2] / ".iga" / "hypothesis"))


def token(code: str) -> str:
    """A distinctive token, so a leak is found by searching for it."""
    return f"tok-{code.replace('.', '')}-{secrets.token_hex(12)}"


def feed(code: str, version: str, year: int, innovations=(), profile: fd.Profile | None = None,
         records: list | None = None, **kw) -> Feed:
    """A portal's feed for one year; v1 portals also serve an empty profile for the other years
    (the v1 contract has no 404 for a missing profile)."""
    rendered = [i.render(version) for i in innovations] if records is None else records
    profiles = {year: profile.render(version) if profile else None}
    if version == "v1":
        for y in YEARS:
            if profiles.get(y) is None:
                profiles[y] = fd.Profile(code, y, fd.at(f"{y}-01-02 00:00")).v1()
    profiles = {y: p for y, p in profiles.items() if p is not None}
    return Feed(key=code, version=version, token=kw.pop("token", None) or token(code),
                records={year: rendered}, profiles=profiles, **kw)


def innovations(code: str, year: int, sums, affairs=ref.BASIC_AFFAIRS, prefix: str = "", **kw) -> list[fd.Innovation]:
    """Eligible innovations (penerapan, implemented mid-window), one per SID sum, affairs in turn."""
    when = kw.pop("updated_at", fd.at(f"{min(year, 2026)}-05-01 08:00"))
    return [fd.Innovation(f"{code}-{year}-{prefix}{k:04d}", code, year, when, affair=affairs[k % len(affairs)],
                          answers=fd.sid_answers(s), **kw) for k, s in enumerate(sums)]


def profile(code: str, year: int, spd, when: str | None = None) -> fd.Profile:
    return fd.Profile(code, year, fd.at(when or f"{min(year, 2026)}-04-01 08:00"), fd.spd_answers(spd))


class Timer:
    def __init__(self, label: str):
        self.label, self.t0 = label, time.monotonic()

    def done(self, what: str) -> None:
        print(f"[conformance] {self.label}: {what} in {time.monotonic() - self.t0:.1f} s", flush=True)
        self.t0 = time.monotonic()


@pytest.fixture(scope="module")
def platform_factory(pg_server, tmp_path_factory):
    made: list[harness.Platform] = []

    def make(name: str, **kw) -> harness.Platform:
        p = harness.Platform(pg_server, tmp_path_factory.mktemp(name), **kw)
        made.append(p)
        return p

    yield make
    for p in made:
        p.close()


def new_world(platform_factory, name: str, **kw) -> World:
    return World(platform_factory(name, **kw), name)
