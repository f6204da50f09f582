"""From what `published` holds to what each page shows: one Jinja2 environment, one context per page.

Missing values are shown as "-" (the environment's finalize), never as Python's None or nan;
JSON for the charts refuses NaN. Wording that depends on the data (data status, how sure a
predicate is, whether anything changed since the previous publication) is made here.
"""
from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from include.reference import GOVERNMENT_LEVELS
from include.report import charts
from include.report.data import ReportData
from include.version import VERSION

TEMPLATES = Path(__file__).parent / "templates"
# seed pattern name -> CSS for a swatch that stays readable in greyscale (white marks over the colour)
CSS_PATTERNS = {
    "solid": "",
    "diagonal": "background-image:repeating-linear-gradient(45deg,#fff 0 1.5px,transparent 1.5px 6px)",
    "dots": "background-image:radial-gradient(circle,#fff 1.3px,transparent 1.7px);background-size:5px 5px",
    "cross": "background-image:repeating-linear-gradient(45deg,#fff 0 1.2px,transparent 1.2px 6px),"
             "repeating-linear-gradient(-45deg,#fff 0 1.2px,transparent 1.2px 6px)",
}
STATUS_TEXT = {
    "complete": "complete: the latest pull of its portal for the year completed",
    "stale": "stale: the latest pull of its portal failed, was partial or was rejected; it is scored on what "
             "landed before",
    "never_extracted": "never extracted: no pull of its portal has ever completed; it is scored on what landed, "
                       "which may be nothing",
}


def _json_default(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot put {type(value).__name__} into a chart")


def to_json(value) -> str:
    return json.dumps(value, default=_json_default, allow_nan=False, ensure_ascii=False)


def _finalize(value):
    """What `{{ x }}` prints: '-' for a missing value (never None, nan)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return value


def n2(value) -> str:
    """A score with two decimals (half up, as the methodology rounds)."""
    if value is None:
        return "-"
    return str(Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def pct(share) -> str:
    """A share of draws as a whole percentage (half up); never '0 %' or '100 %' for what is not."""
    if share is None:
        return "-"
    value = Decimal(str(share)) * 100
    whole = value.quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    if whole == 0 and value > 0:
        return "under 1 %"
    if whole == 100 and value < 100:
        return "over 99 %"
    return f"{whole} %"


def when(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                      undefined=StrictUndefined, finalize=_finalize, trim_blocks=True, lstrip_blocks=True)
    env.policies["json.dumps_function"] = lambda value, **_: to_json(value)
    env.filters.update(n2=n2, pct=pct, when=when, short=charts.short)
    return env


def swatch_style(predicate: dict[str, Any]) -> str:
    return f"background-color:{predicate['colour']};{CSS_PATTERNS[predicate['pattern']]}"


def p_column(predicate: str) -> str:
    """The probability column of region_rank_uncertainty for a predicate (p_sangat_inovatif, ...)."""
    return "p_" + predicate.lower().replace(" ", "_")


def certainty(region: dict[str, Any], unc: dict[str, Any] | None, predicates: list[dict[str, Any]]) -> dict[str, Any]:
    """How sure the region's predicate is, in words, from the share of draws that give each predicate."""
    if not unc:
        return {"known": False, "sentence": "No rank interval was computed for this assessment year, so how sure "
                                            "its predicate is cannot be said."}
    shares = [(p, float(unc.get(p_column(p["predicate"])) or 0.0)) for p in predicates]
    own = dict((p["predicate"], s) for p, s in shares)[region["predicate"]]
    others = sorted(((s, p["predicate"]) for p, s in shares if p["predicate"] != region["predicate"] and s > 0),
                    reverse=True)
    if own >= 0.95:
        verdict = "almost certain"
    elif own >= 0.75:
        verdict = "fairly sure"
    elif own >= 0.5:
        verdict = "uncertain: more likely than not"
    else:
        verdict = "doubtful: most draws give another predicate"
    sentence = (f"In {unc['draws']:,} draws of the methodology's uncertain choices (indicator weights, the SID "
                f"divisor, the count points, evidence judged wrongly), {region['region_name']} is "
                f"{region['predicate']} in {pct(own)} of them")
    if others:
        share, name = others[0]
        sentence += f", otherwise mostly {name} ({pct(share)})"
    sentence += f". Its predicate is {verdict}."
    if unc.get("predicate_uncertain"):
        sentence += (f" Its 90 % IID interval ({n2(unc['score_p05'])} to {n2(unc['score_p95'])}) crosses a "
                     "predicate band edge.")
    return {"known": True, "own": own, "verdict": verdict, "sentence": sentence, "shares": shares}


def dash(value) -> str:
    """A value for a sentence or a tooltip: '-' when missing."""
    return "-" if value is None else str(value)


def rank_interval_words(region: dict[str, Any], unc: dict[str, Any] | None, ranked_in_level: int) -> str:
    if not unc or unc.get("rank_p05") is None:
        return "No rank interval: the region is not ranked in this assessment year."
    if unc.get("rank_p95") is None:
        return (f"In 90 % of the draws its rank within the {region['level']} is {unc['rank_p05']} or worse; the "
                "interval is open because it cannot be assessed in more than 5 % of the draws.")
    if unc["rank_p05"] == unc["rank_p95"]:
        return f"Its rank within the {region['level']} is {unc['rank_p05']} in at least 90 % of the draws."
    return (f"In 90 % of the draws its rank among the {ranked_in_level} ranked {region['level']} lies between "
            f"{unc['rank_p05']} and {unc['rank_p95']} (median {dash(unc['rank_median'])}; published rank "
            f"{dash(region['rank_level'])}).")


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def replication_words(region: dict[str, Any], counts: dict[str, Any], adopted: bool, taken_up: bool, year: int) -> str:
    """What region_replication says of a region, in a sentence; says so when it has no part in any replication."""
    name = region["region_name"]
    from_elsewhere = counts.get("replicated_from_elsewhere") or 0
    own, adopting = counts.get("own_ideas_replicated") or 0, counts.get("adopting_regions") or 0
    if not (from_elsewhere or own or adopted or taken_up):
        # (not "None of ...": the report never prints Python's None, and its tests look for the word)
        return (f"No innovation {name} reported for {year} replicates an idea that started in another region, and "
                "no other region took up one of its ideas.")
    first = (f"{plural(from_elsewhere, 'of its innovations replicates', 'of its innovations replicate')} an idea that "
             "started in another region" if from_elsewhere else
             "none of its innovations replicates an idea that started in another region")
    second = (f"{plural(own, 'of its own ideas was', 'of its own ideas were')} taken up by "
              f"{plural(adopting, 'other region')}" if own else "no other region took up one of its own ideas")
    return f"In {year}, {first}; {second}."


class Site:
    """The pages of one report: (file name, template, context) for each."""

    def __init__(self, d: ReportData, docs_link: str, docs_built: bool, written_at: dt.datetime):
        self.d = d
        self.predicates = d.predicates
        self.by_name = {p["predicate"]: p for p in d.predicates}
        for p in self.predicates:
            p["swatch"] = swatch_style(p)
        self.assessed = {p["predicate"] for p in d.predicates if p["is_assessed"]}
        self.national = {(r["assessment_year"], r["level"]): r for r in d.national}
        self.ranked_in_level = Counter(r["level"] for r in d.regions if r["rank_level"] is not None)
        self.common = {"year": d.year, "predicates": d.predicates, "publication": d.publication or {},
                       "platform_version": VERSION,
                       "docs_link": docs_link, "docs_built": docs_built,
                       "written_at": written_at.strftime("%Y-%m-%d %H:%M UTC"),
                       "methodology_version": d.regions[0]["methodology_version"]}
        # replication (issue #19): adopters whose idea started in another region, by their region and by the origin's
        self.adopted: dict[str, list[dict[str, Any]]] = {}
        self.taken_up: dict[str, list[dict[str, Any]]] = {}
        for members in (d.replication or {}).get("members", {}).values():
            for m in members:
                if m["from_elsewhere"]:
                    self.adopted.setdefault(m["region_code"], []).append(m)
                    self.taken_up.setdefault(m["origin_region_code"], []).append(m)

    def _root(self, root: str) -> dict[str, Any]:
        link = self.common["docs_link"]
        return {"root": root, "docs_href": link if ":" in link else root + link}

    # -- index ---------------------------------------------------------------------------------
    def _top(self, members: list[dict[str, Any]], rank: str) -> list[dict[str, Any]]:
        ranked = sorted((r for r in members if r[rank] is not None), key=lambda r: (r[rank], r["region_code"]))
        return [dict(r, unc=self.d.uncertainty.get(r["region_code"]) or {}, shown_rank=r[rank]) for r in ranked[:10]]

    def _top_chart(self, rows: list[dict[str, Any]], by_score: bool) -> dict[str, Any]:
        labels = [f"{r['shown_rank']}. {charts.short(r['region_name'], 24)}" for r in rows]
        names = [r["region_name"] for r in rows]
        if by_score:
            return charts.dot_whisker(labels, names, [r["iid_score"] for r in rows],
                                      [r["unc"].get("score_p05") for r in rows],
                                      [r["unc"].get("score_p95") for r in rows],
                                      "IID, with its 90 % interval", "IID",
                                      [f"{r['level']}; rank within level {dash(r['rank_level'])} (90 %: "
                                       f"{dash(r['unc'].get('rank_p05'))}–{dash(r['unc'].get('rank_p95'))})"
                                       for r in rows])
        return charts.dot_whisker(labels, names, [r["rank_level"] for r in rows],
                                  [r["unc"].get("rank_p05") for r in rows], [r["unc"].get("rank_p95") for r in rows],
                                  "rank within level, with its 90 % interval (1 = best)", "rank",
                                  [f"median rank {dash(r['unc'].get('rank_median'))}; IID {r['iid_score']}"
                                   for r in rows], x_range=[0.5, max([r["unc"].get("rank_p95") or r["rank_level"]
                                                                      for r in rows] or [1]) + 0.5])

    def index(self) -> dict[str, Any]:
        d = self.d
        figures = {}
        islands = sorted({r["island_group"] for r in d.by_island})
        figures["chart-predicates-island"] = charts.predicate_bars(
            islands, {(r["island_group"], r["predicate"]): r["regions"] for r in d.by_island}, self.predicates,
            "island group")
        level_counts = {}
        for level in GOVERNMENT_LEVELS:
            row = self.national.get((d.year, level))
            for predicate, n in ((row or {}).get("predicate_counts") or {}).items():
                level_counts[(level, predicate)] = n
        figures["chart-predicates-level"] = charts.predicate_bars(list(GOVERNMENT_LEVELS), level_counts,
                                                                  self.predicates, "level")
        for level in GOVERNMENT_LEVELS:
            bins = {r["bin_from"]: r["regions"] for r in d.distribution if r["level"] == level}
            figures[f"chart-distribution-{level}"] = charts.distribution(bins, level)
        figures["chart-national-trend"] = charts.national_trend(d.national)

        tops: list[dict[str, Any]] = []
        for level in GOVERNMENT_LEVELS:
            rows = self._top([r for r in d.regions if r["level"] == level], "rank_level")
            tops.append({"key": level, "title": f"{level}", "rows": rows, "by_score": False})
        tops.append({"key": "daerah-tertinggal", "title": "daerah tertinggal", "by_score": True,
                     "rows": self._top([r for r in d.regions if r["is_tertinggal"]], "rank_tertinggal")})
        tops.append({"key": "papua", "title": "papua", "by_score": True,
                     "rows": self._top([r for r in d.regions if r["is_papua"]], "rank_papua")})
        for top in tops:
            if top["rows"]:
                figures[f"chart-top-{top['key']}"] = self._top_chart(top["rows"], top["by_score"])

        level_of = {r["region_code"]: r["level"] for r in d.regions}
        movers = [dict(c, level=level_of.get(c["region_code"])) for c in d.changes if c["change_kind"] == "score"][:15]
        kinds = Counter(c["change_kind"] for c in d.changes)
        if d.changes:
            state, previous_id = "changes", d.changes[0]["previous_publication_id"]
        elif d.previous:
            state, previous_id = "unchanged", d.previous["publication_id"]
        else:
            state, previous_id = "first", None
        return {**self.common, **self._root(""), "title": f"Indeks Inovasi Daerah {d.year}", "charts": figures,
                "regions_count": len(d.regions), "national": self.national.get((d.year, "all")) or {},
                "national_levels": [self.national.get((d.year, lv)) or {"level": lv} for lv in GOVERNMENT_LEVELS],
                "years": d.years, "tops": tops, "movers": movers, "change_kinds": sorted(kinds.items()),
                "changes_state": state, "previous_id": previous_id, "spread": self._spread(figures)}

    def _spread(self, figures: dict[str, Any]) -> dict[str, Any] | None:
        """Ideas that spread, who originates and who adopts; None when nothing about replication is published."""
        rep = self.d.replication
        if rep is None:
            return None
        ideas = rep["ideas"][:10]
        if ideas:
            figures["chart-ideas-spread"] = charts.spread_timeline(ideas, rep["members"])
        if rep["originators"]:
            figures["chart-originators"] = charts.region_counts(
                rep["originators"], "adopting_regions", "other regions that took up its ideas",
                [f"{r['own_ideas_replicated']} of its ideas taken up by {r['adopting_regions']} other region"
                 f"{'s' if r['adopting_regions'] != 1 else ''}" for r in rep["originators"]])
        if rep["adopters"]:
            figures["chart-adopters"] = charts.region_counts(
                rep["adopters"], "replicated_from_elsewhere", "its innovations replicating another region's idea",
                [f"{r['replicated_from_elsewhere']} innovation{'s' if r['replicated_from_elsewhere'] != 1 else ''} "
                 "replicating another region's idea" for r in rep["adopters"]])
        return {"ideas": ideas, "total": len(rep["ideas"]), "originators": rep["originators"],
                "adopters": rep["adopters"]}

    # -- all regions -----------------------------------------------------------------------------
    def all_regions(self) -> dict[str, Any]:
        counts = (self.d.replication or {}).get("counts")
        rows = [dict(r, unc=self.d.uncertainty.get(r["region_code"]) or {},
                     rep=(counts or {}).get(r["region_code"]) or {}) for r in self.d.regions]
        return {**self.common, **self._root(""), "title": f"All {len(rows)} regions, {self.d.year}", "charts": {},
                "replication": counts is not None,
                "rows": rows, "provinces": sorted({(r["province_code"], r["province_name"]) for r in rows}),
                "levels": GOVERNMENT_LEVELS, "statuses": list(STATUS_TEXT)}

    # -- one region ------------------------------------------------------------------------------
    def region(self, r: dict[str, Any], changes: list[dict[str, Any]]) -> dict[str, Any]:
        d, code = self.d, r["region_code"]
        unc = d.uncertainty.get(code)
        sure = certainty(r, unc, self.predicates)
        figures = {}
        if unc and unc.get("rank_p05") is not None:
            figures["chart-rank-interval"] = charts.dot_whisker(
                ["rank"], [r["region_name"]], [r["rank_level"]], [unc["rank_p05"]], [unc["rank_p95"]],
                f"rank among the {self.ranked_in_level[r['level']]} ranked {r['level']} (1 = best)", "rank",
                [f"median rank {dash(unc['rank_median'])}"], x_range=[0.5, self.ranked_in_level[r["level"]] + 0.5])
            figures["chart-score-interval"] = charts.dot_whisker(
                ["IID"], [r["region_name"]], [r["iid_score"]], [unc["score_p05"]], [unc["score_p95"]],
                "IID, with its 90 % interval", "IID", None, x_range=[0, 100])
        if sure["known"]:
            figures["chart-predicate-probabilities"] = charts.probabilities(sure["shares"])
        indicators = d.indicators.get(code, [])
        if indicators:
            figures["chart-indicators"] = charts.indicators(indicators)
        trend = d.trend.get(code, [])
        if len(trend) > 1:
            figures["chart-trend"] = charts.region_trend(trend)
        return {**self.common, **self._root("../"), "title": r["region_name"], "charts": figures, "r": r,
                "unc": unc or {},
                "status_text": STATUS_TEXT.get(r["data_status"], r["data_status"]),
                "certainty": sure, "rank_words": rank_interval_words(r, unc, self.ranked_in_level[r["level"]]),
                "ranked_in_level": self.ranked_in_level[r["level"]], "indicators": indicators,
                "innovations": d.innovations.get(code, []), "trend": trend,
                "comparison": d.comparison.get(code, []), "changes": changes,
                "predicate": self.by_name.get(r["predicate"]), "replication": self._region_replication(r)}

    def _region_replication(self, r: dict[str, Any]) -> dict[str, Any] | None:
        """Its innovations that replicate another region's idea, its own ideas others took up, and in words."""
        rep = self.d.replication
        if rep is None:
            return None
        code = r["region_code"]
        counts = rep["counts"].get(code) or {}
        adopted, taken_up = self.adopted.get(code, []), self.taken_up.get(code, [])
        return {"adopted": adopted, "taken_up": taken_up,
                "words": replication_words(r, counts, bool(adopted), bool(taken_up), self.d.year)}

    def pages(self):
        yield "index.html", "index.html.j2", self.index()
        yield "regions.html", "regions.html.j2", self.all_regions()
        changes_by_region: dict[str, list[dict[str, Any]]] = {}
        for c in self.d.changes:
            changes_by_region.setdefault(c["region_code"], []).append(c)
        for r in self.d.regions:
            yield (f"regions/{r['region_code']}.html", "region.html.j2",
                   self.region(r, changes_by_region.get(r["region_code"], [])))

    def summary(self) -> dict[str, Any]:
        national = self.national.get((self.d.year, "all")) or {}
        return {"year": self.d.year, "publication_id": (self.d.publication or {}).get("publication_id")
                or self.d.regions[0].get("publication_id"), "regions": len(self.d.regions),
                "national_mean_iid": float(national["mean_iid"]) if national.get("mean_iid") is not None else None}
