"""The night: what every stage of one run needs to know, typed, and passed explicitly.

The plan task makes it; the DAG hands it to each task (through XCom, as a plain dict, which
`Night.from_xcom` turns back into this). dbt receives its facts as vars: `DBT_VARS` and
`OPTIONAL_DBT_VARS` name them, `dbt_var_templates()` gives the Jinja that pulls them from the plan's XCom.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

# the night's facts dbt reads as vars; optional ones are '' when the night has none
DBT_VARS = ("year", "candidate_schema", "publication_id", "run_id", "code_version")
OPTIONAL_DBT_VARS = ("previous_schema", "previous_publication_id")


@dataclass(frozen=True)
class Night:
    run_id: str
    year: int
    publication_id: str
    candidate_schema: str
    started_at: str                   # ISO 8601, UTC
    shards: tuple[str, ...]
    portals: int                      # registered portals of scored regions (the coverage rule's base)
    previous_schema: str | None = None          # the publication this candidate would replace
    previous_publication_id: str | None = None
    code_version: str = "unknown"
    rebuilt: tuple[str, ...] = ()    # incremental models the plan dropped for a full rebuild, each with why

    @classmethod
    def new(cls, run_id: str, year: int, shards: list[str], portals: int, previous: tuple[str, str] | None,
            code_version: str, now: dt.datetime | None = None) -> Night:
        stamp = now or dt.datetime.now(dt.UTC)
        return cls(
            run_id=run_id,
            year=year,
            publication_id=f"{year}-{stamp:%Y%m%dT%H%M%S%f}"[:-3],
            candidate_schema=f"candidate_{year}_{stamp:%Y%m%d%H%M%S%f}"[:-3],
            started_at=stamp.isoformat(),
            shards=tuple(shards),
            portals=portals,
            previous_publication_id=previous[0] if previous else None,
            previous_schema=previous[1] if previous else None,
            code_version=code_version,
        )

    @classmethod
    def unplanned(cls, run_id: str, year: int) -> Night:
        """What the log records of a night whose plan failed (no candidate was ever named)."""
        return cls(run_id=run_id, year=year, publication_id=f"unplanned-{run_id}", candidate_schema="",
                   started_at=dt.datetime.now(dt.UTC).isoformat(), shards=(), portals=0)

    def to_xcom(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "shards": list(self.shards), "rebuilt": list(self.rebuilt)}

    @classmethod
    def from_xcom(cls, value: dict[str, Any] | Night) -> Night:
        if isinstance(value, Night):
            return value
        if not value:
            raise ValueError("the night was never planned (see the plan task)")
        known = {f.name for f in dataclasses.fields(cls)}
        data = {k: v for k, v in value.items() if k in known}
        data["shards"] = tuple(data.get("shards") or ())
        data["rebuilt"] = tuple(data.get("rebuilt") or ())
        return cls(**data)

    @staticmethod
    def dbt_var_templates(plan_task_id: str) -> dict[str, str]:
        """The vars as Jinja that Airflow renders from the plan task's XCom (Cosmos passes them to dbt)."""
        pulled = f"ti.xcom_pull(task_ids='{plan_task_id}')"
        return ({key: f"{{{{ {pulled}['{key}'] }}}}" for key in DBT_VARS}
                | {key: f"{{{{ {pulled}['{key}'] or '' }}}}" for key in OPTIONAL_DBT_VARS})
