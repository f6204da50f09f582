"""Faults a real portal shows (PORTAL_API.md), injected by seed and rate.

A spec string names each fault and its rate, e.g.
``rate_limit=0.02,server_error=0.02,down=2,slow=0.01,not_json=0.005``.
Transport faults (rate_limit, server_error, slow, not_json, cut_short) hit a request on
its first `persist` attempts and then clear, so a client that retries gets through;
with persist=0 they never clear. Record faults (bad_record, foreign_region, duplicate)
are properties of a record, the same on every pull. `down` and `bad_token` name how many
portals (chosen by seed) stay down or reject their token.
"""
from __future__ import annotations

import hashlib
import random
import threading
from dataclasses import dataclass, field

RATE_FAULTS = ("rate_limit", "server_error", "slow", "not_json", "cut_short",
               "bad_record", "foreign_region", "duplicate")
COUNT_FAULTS = ("down", "bad_token")


def _unit(*parts: object) -> float:
    """A stable number in [0, 1) from the parts (the same in every process)."""
    digest = hashlib.blake2b(":".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


@dataclass
class FaultPlan:
    seed: int = 0
    rates: dict[str, float] = field(default_factory=dict)
    down: set[str] = field(default_factory=set)
    bad_token: set[str] = field(default_factory=set)
    persist: int = 1            # attempts a transport fault lasts; 0 = forever
    burst: int = 2              # consecutive 5xx answers in a burst
    slow_seconds: float = 2.0
    retry_after: int = 1
    _attempts: dict[str, int] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def parse(cls, spec: str, seed: int, portals: list[str], **kwargs) -> FaultPlan:
        plan = cls(seed=seed, **kwargs)
        for item in filter(None, (s.strip() for s in (spec or "").split(","))):
            name, _, value = item.partition("=")
            if name in RATE_FAULTS:
                plan.rates[name] = float(value)
            elif name in COUNT_FAULTS:
                chosen = sorted(portals, key=lambda p: _unit(seed, name, p))
                # an explicit list (down=35.15;11) or a count (down=2)
                picks = value.split(";") if not value.isdigit() else chosen[: int(value)]
                getattr(plan, name).update(picks)
            elif name in ("persist", "burst", "retry_after"):
                setattr(plan, name, int(value))
            elif name == "slow_seconds":
                plan.slow_seconds = float(value)
            else:
                raise ValueError(f"unknown fault {name!r}; known: {RATE_FAULTS + COUNT_FAULTS}")
        overlap = plan.down & plan.bad_token
        plan.bad_token -= overlap
        return plan

    def _hit(self, name: str, key: str) -> bool:
        return _unit(self.seed, name, key) < self.rates.get(name, 0.0)

    def attempt(self, key: str) -> int:
        """Count this request's attempts (1 on the first)."""
        with self._lock:
            self._attempts[key] = self._attempts.get(key, 0) + 1
            return self._attempts[key]

    def transport_fault(self, key: str, attempt: int) -> str | None:
        """The transport fault this attempt of this request meets, if any."""
        for name in ("rate_limit", "slow", "not_json", "cut_short"):
            if self._hit(name, key) and (self.persist == 0 or attempt <= self.persist):
                return name
        if self._hit("server_error", key) and (self.persist == 0 or attempt <= self.burst * max(self.persist, 1)):
            return "server_error"
        return None

    def server_error_status(self, key: str, attempt: int) -> int:
        return (500, 502, 503, 504)[int(_unit(self.seed, "status", key, attempt) * 4)]

    def record_fault(self, record_id: str) -> str | None:
        for name in ("bad_record", "foreign_region", "duplicate"):
            if self._hit(name, record_id):
                return name
        return None

    def break_record(self, record: dict, record_id: str) -> dict:
        """Make a record break the contract in one of the ways real portals do."""
        rng = random.Random(f"{self.seed}:break:{record_id}")
        broken = dict(record)
        how = rng.choice(("missing_key", "bad_vocab", "null_required", "bad_level"))
        if how == "missing_key":
            broken.pop(rng.choice([k for k in broken if k not in ("id", "id_inovasi")]))
        elif how == "bad_vocab":
            key = "stage" if "stage" in broken else "tahapan"
            broken[key] = "selesai"
        elif how == "null_required":
            key = "title" if "title" in broken else "nama"
            broken[key] = None
        else:
            answers = broken.get("answers") or broken.get("jawaban")
            answers[0] = dict(answers[0])
            answers[0]["level" if "level" in answers[0] else "nilai"] = 7
        return broken
