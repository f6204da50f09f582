"""From what `published` holds to what each page shows: one Jinja2 environment, one context per page.

Missing values are shown as "-" (the environment's finalize), never as Python's None or nan;
decimals and dates are written for the active locale (i18n); JSON for the charts refuses NaN.
Wording that depends on the data (data status, how sure a predicate is, whether anything changed
since the previous publication, the path to the next predicate) is made here, in the active
language (i18n.activate; the templates get the same catalog through Jinja2's i18n extension).
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from include.reference import GOVERNMENT_LEVELS
from include.report import charts, i18n
from include.report.data import ReportData
from include.report.i18n import _, ngettext, num
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
DATA_STATUSES = ("complete", "stale", "never_extracted")  # int_region_data_status's values


def status_name(status: str) -> str:
    """A data status as the page shows it."""
    return {"complete": _("complete"), "stale": _("stale"), "never_extracted": _("never extracted")}.get(status, status)


def status_text(status: str) -> str:
    return {
        "complete": _("complete: the latest pull of its portal for the year completed"),
        "stale": _("stale: the latest pull of its portal failed, was partial or was rejected; it is scored on what "
                   "landed before"),
        "never_extracted": _("never extracted: no pull of its portal has ever completed; it is scored on what "
                             "landed, which may be nothing"),
    }.get(status, status)


def change_kind_name(kind: str) -> str:
    """region_changes.change_kind as the page shows it."""
    return {"score": _("score"), "indicator": _("indicator"), "innovation_added": _("innovation added"),
            "innovation_removed": _("innovation removed"),
            "innovation_edited": _("innovation edited")}.get(kind, kind.replace("_", " "))


def evidence_name(evidence: str | None) -> str:
    """innovation_replications.evidence (why a member is in its idea's cluster) as the page shows it."""
    if evidence is None:
        return "-"
    return {"origin": _("origin"), "same name": _("same name"), "same acronym": _("same acronym"),
            "similar description": _("similar description"),
            "same name, other affair": _("same name, other affair")}.get(evidence, evidence)


def ineligible_reason(reason: str | None) -> str:
    """int_innovation_eligibility's reason (written in SQL, in English) in the page's language."""
    if reason is None:
        return "-"
    stage = re.fullmatch(r"stage (.+) is not penerapan", reason)
    if stage:
        return _("stage {stage} is not penerapan").format(stage=stage.group(1))
    return {"reported by another region's portal": _("reported by another region's portal"),
            "reported for another assessment year": _("reported for another assessment year"),
            "no implementation date": _("no implementation date"),
            "implemented before the window": _("implemented before the window"),
            "implemented after the window": _("implemented after the window")}.get(reason, reason)


def change_detail(detail: str | None) -> str:
    """region_changes.detail: predicate names stay; 'eligible: true -> false' is said in the page's language."""
    if not detail:
        return ""
    eligible = re.fullmatch(r"eligible: (\S+) -> (\S+)", detail)
    if eligible:
        words = {"true": _("yes"), "false": _("no")}
        return _("eligible: {before} → {after}").format(before=words.get(eligible.group(1), eligible.group(1)),
                                                        after=words.get(eligible.group(2), eligible.group(2)))
    return detail.replace(" -> ", " → ")


def _json_default(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot put {type(value).__name__} into a chart")


def to_json(value) -> str:
    return json.dumps(value, default=_json_default, allow_nan=False, ensure_ascii=False)


def _finalize(value):
    """What `{{ x }}` prints: '-' for a missing value (never None, nan); a decimal in the locale (65,36).

    Whole numbers print as they are (years, codes and ranks); counts that can pass 999 go through `num`.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if isinstance(value, (Decimal, float)):
        return num(value)
    return value


def n2(value) -> str:
    """A score with two decimals (half up, as the methodology rounds), in the locale."""
    return num(value, 2)


def signed(value) -> str:
    """A difference with its sign and two decimals: +1,25 / -0,50."""
    if value is None:
        return "-"
    return ("+" if value >= 0 else "-") + num(abs(Decimal(str(value))), 2)


def pct(share) -> str:
    """A share of draws as a whole percentage (half up); never '0 %' or '100 %' for what is not."""
    if share is None:
        return "-"
    value = Decimal(str(share)) * 100
    whole = value.quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    if whole == 0 and value > 0:
        return _("under 1 %")
    if whole == 100 and value < 100:
        return _("over 99 %")
    return f"{whole} %"


def when(value) -> str:
    """A date or a timestamp in the locale (7 Desember 2026, 7 Desember 2026 02:15 UTC)."""
    return i18n.date(value)


def raw(value) -> str:
    """A value for an attribute a script reads (data-sort): as the database gives it, not localised."""
    return "" if value is None else str(value)


def environment(language: str | None = None) -> Environment:
    """The templates' environment in `language` (default: the active one) with its gettext catalog."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                      undefined=StrictUndefined, finalize=_finalize, trim_blocks=True, lstrip_blocks=True,
                      extensions=["jinja2.ext.i18n"])
    env.policies["json.dumps_function"] = lambda value, **_kw: to_json(value)
    # whitespace inside {% trans %} is collapsed, as babel.cfg extracts it
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(i18n.translations(language or i18n.language()), newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(n2=n2, pct=pct, when=when, short=charts.short, num=num, signed=signed, raw=raw,
                       status_name=status_name, change_kind=change_kind_name, ineligible=ineligible_reason,
                       change_detail=change_detail, evidence=evidence_name)
    return env


def swatch_style(predicate: dict[str, Any]) -> str:
    return f"background-color:{predicate['colour']};{CSS_PATTERNS[predicate['pattern']]}"


def p_column(predicate: str) -> str:
    """The probability column of region_rank_uncertainty for a predicate (p_sangat_inovatif, ...)."""
    return "p_" + predicate.lower().replace(" ", "_")


def certainty(region: dict[str, Any], unc: dict[str, Any] | None, predicates: list[dict[str, Any]]) -> dict[str, Any]:
    """How sure the region's predicate is, in words, from the share of draws that give each predicate."""
    if not unc:
        return {"known": False, "sentence": _("No rank interval was computed for this assessment year, so how sure "
                                              "its predicate is cannot be said.")}
    shares = [(p, float(unc.get(p_column(p["predicate"])) or 0.0)) for p in predicates]
    own = dict((p["predicate"], s) for p, s in shares)[region["predicate"]]
    others = sorted(((s, p["predicate"]) for p, s in shares if p["predicate"] != region["predicate"] and s > 0),
                    reverse=True)
    if own >= 0.95:
        verdict = _("almost certain")
    elif own >= 0.75:
        verdict = _("fairly sure")
    elif own >= 0.5:
        verdict = _("uncertain: more likely than not")
    else:
        verdict = _("doubtful: most draws give another predicate")
    sentence = _("In {draws} draws of the methodology's uncertain choices (indicator weights, the SID divisor, the "
                 "count points, evidence judged wrongly), {region} is {predicate} in {share} of them").format(
        draws=num(unc["draws"]), region=region["region_name"], predicate=region["predicate"], share=pct(own))
    if others:
        share, name = others[0]
        sentence += _(", otherwise mostly {predicate} ({share})").format(predicate=name, share=pct(share))
    sentence += ". " + _("Its predicate is {verdict}.").format(verdict=verdict)
    if unc.get("predicate_uncertain"):
        sentence += " " + _("Its 90 % IID interval ({low} to {high}) crosses a predicate band edge.").format(
            low=n2(unc["score_p05"]), high=n2(unc["score_p95"]))
    return {"known": True, "own": own, "verdict": verdict, "sentence": sentence, "shares": shares}


def predicate_description(p: dict[str, Any], band: dict[str, Any] | None) -> str:
    """What a predicate means, in the page's language: its band under the year's version (seed predicate_bands),
    or, for the predicate that is not assessed, why (the seed's own description is in English)."""
    if not p["is_assessed"] or band is None:
        return _("Cannot be assessed: the region's total is 0 (it reported nothing, or nothing valid).") \
            if not p["is_assessed"] else p["description"]
    low, high = num(band["lower_bound"], 2), num(band["upper_bound"], 2)
    if band["lower_inclusive"]:
        text = _("IID from {low} to {high}") if band["upper_inclusive"] else _("IID from {low} to under {high}")
    else:
        text = _("IID above {low}, up to {high}") if band["upper_inclusive"] else _("IID above {low}, under {high}")
    return text.format(low=low, high=high)


def dash(value) -> str:
    """A value for a sentence or a tooltip: '-' when missing, numbers in the locale."""
    if value is None:
        return "-"
    return num(value) if isinstance(value, (int, float, Decimal)) else str(value)


def rank_interval_words(region: dict[str, Any], unc: dict[str, Any] | None, ranked_in_level: int) -> str:
    level = region["level"]
    if not unc or unc.get("rank_p05") is None:
        return _("No rank interval: the region is not ranked in this assessment year.")
    if unc.get("rank_p95") is None:
        return _("In 90 % of the draws its rank within the {level} is {rank} or worse; the interval is open because "
                 "it cannot be assessed in more than 5 % of the draws.").format(level=level, rank=unc["rank_p05"])
    if unc["rank_p05"] == unc["rank_p95"]:
        return _("Its rank within the {level} is {rank} in at least 90 % of the draws.").format(
            level=level, rank=unc["rank_p05"])
    return _("In 90 % of the draws its rank among the {ranked} ranked {level} lies between {low} and {high} (median "
             "{median}; published rank {rank}).").format(
        ranked=ranked_in_level, level=level, low=unc["rank_p05"], high=unc["rank_p95"],
        median=dash(unc["rank_median"]), rank=dash(region["rank_level"]))


def replication_words(region: dict[str, Any], counts: dict[str, Any], adopted: bool, taken_up: bool, year: int) -> str:
    """What region_replication says of a region, in a sentence; says so when it has no part in any replication."""
    name = region["region_name"]
    from_elsewhere = counts.get("replicated_from_elsewhere") or 0
    own, adopting = counts.get("own_ideas_replicated") or 0, counts.get("adopting_regions") or 0
    if not (from_elsewhere or own or adopted or taken_up):
        # (not "None of ...": the report never prints Python's None, and its tests look for the word)
        return _("No innovation {region} reported for {year} replicates an idea that started in another region, and "
                 "no other region took up one of its ideas.").format(region=name, year=year)
    first = (ngettext("{n} of its innovations replicates an idea that started in another region",
                      "{n} of its innovations replicate an idea that started in another region",
                      from_elsewhere).format(n=from_elsewhere) if from_elsewhere else
             _("none of its innovations replicates an idea that started in another region"))
    if own:
        ideas = ngettext("{n} of its own ideas was taken up", "{n} of its own ideas were taken up", own).format(n=own)
        by = ngettext("by {n} other region", "by {n} other regions", adopting).format(n=adopting)
        second = f"{ideas} {by}"
    else:
        second = _("no other region took up one of its own ideas")
    return _("In {year}, {first}; {second}.").format(year=year, first=first, second=second)


class Site:
    """The pages of one report: (file name, template, context) for each, in the active language."""

    def __init__(self, d: ReportData, docs_link: str, docs_built: bool, written_at: dt.datetime):
        self.d = d
        self.predicates = d.predicates
        self.by_name = {p["predicate"]: p for p in d.predicates}
        for p in self.predicates:
            p["swatch"] = swatch_style(p)
            p["description"] = predicate_description(p, d.bands.get(p["predicate"]))
        self.assessed = {p["predicate"] for p in d.predicates if p["is_assessed"]}
        self.national = {(r["assessment_year"], r["level"]): r for r in d.national}
        self.ranked_in_level = Counter(r["level"] for r in d.regions if r["rank_level"] is not None)
        self.names = {r["region_code"]: r["region_name"] for r in d.regions}
        self.common = {"year": d.year, "predicates": d.predicates, "publication": d.publication or {},
                       "platform_version": VERSION, "lang": i18n.language(),
                       "i18n_json": {"locale": i18n.plotly_locale(), "strings": self.script_strings()},
                       "docs_link": docs_link, "docs_built": docs_built,
                       "written_at": i18n.date(written_at),
                       "methodology_version": d.regions[0]["methodology_version"]}
        # replication (issue #19): adopters whose idea started in another region, by their region and by the origin's
        self.adopted: dict[str, list[dict[str, Any]]] = {}
        self.taken_up: dict[str, list[dict[str, Any]]] = {}
        for members in (d.replication or {}).get("members", {}).values():
            for m in members:
                if m["from_elsewhere"]:
                    self.adopted.setdefault(m["region_code"], []).append(m)
                    self.taken_up.setdefault(m["origin_region_code"], []).append(m)

    @staticmethod
    def script_strings() -> dict[str, str]:
        """The words report.js writes into the page (it has no catalog of its own)."""
        return {"sortAscending": _("sorted ascending"), "sortDescending": _("sorted descending"),
                "sortHint": _("click to sort")}

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
                                      _("IID, with its 90 % interval"), "IID",
                                      [_("{level}; rank within level {rank} (90 %: {low}–{high})").format(
                                          level=r["level"], rank=dash(r["rank_level"]),
                                          low=dash(r["unc"].get("rank_p05")), high=dash(r["unc"].get("rank_p95")))
                                       for r in rows])
        return charts.dot_whisker(labels, names, [r["rank_level"] for r in rows],
                                  [r["unc"].get("rank_p05") for r in rows], [r["unc"].get("rank_p95") for r in rows],
                                  _("rank within level, with its 90 % interval (1 = best)"), _("rank"),
                                  [_("median rank {median}; IID {iid}").format(
                                      median=dash(r["unc"].get("rank_median")), iid=num(r["iid_score"]))
                                   for r in rows], x_range=[0.5, max([r["unc"].get("rank_p95") or r["rank_level"]
                                                                      for r in rows] or [1]) + 0.5])

    def index(self) -> dict[str, Any]:
        d = self.d
        figures = {}
        islands = sorted({r["island_group"] for r in d.by_island})
        figures["chart-predicates-island"] = charts.predicate_bars(
            islands, {(r["island_group"], r["predicate"]): r["regions"] for r in d.by_island}, self.predicates,
            _("island group"))
        level_counts = {}
        for level in GOVERNMENT_LEVELS:
            row = self.national.get((d.year, level))
            for predicate, n in ((row or {}).get("predicate_counts") or {}).items():
                level_counts[(level, predicate)] = n
        figures["chart-predicates-level"] = charts.predicate_bars(list(GOVERNMENT_LEVELS), level_counts,
                                                                  self.predicates, _("level"))
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
                "years": d.years, "tops": tops, "movers": movers,
                "change_kinds": [(change_kind_name(k), n) for k, n in sorted(kinds.items())],
                "changes_state": state, "previous_id": previous_id, "spread": self._spread(figures),
                "coaching": self._coaching()}

    def _coaching(self) -> list[dict[str, Any]] | None:
        """next_step_coaching pivoted: one row per level, predicate and next predicate; regions 1, 2 and 3 fixes away.

        None while `published` has no next steps."""
        if self.d.next_steps is None:
            return None
        order = {p["predicate"]: p["predicate_order"] for p in self.predicates}
        rows: dict[tuple[str, str, str | None], dict[str, Any]] = {}
        for c in self.d.next_steps["coaching"]:
            key = (c["level"], c["predicate"], c["next_predicate"])
            row = rows.setdefault(key, {"level": c["level"], "predicate": c["predicate"],
                                        "next_predicate": c["next_predicate"], "by_fixes": {}})
            codes = [code for code in (c["region_codes"] or "").split(",") if code]
            row["by_fixes"][c["fixes_needed"]] = {
                "regions": c["regions"], "members": [(code, self.names.get(code, code)) for code in codes]}
        levels = list(GOVERNMENT_LEVELS)
        return sorted(rows.values(), key=lambda r: (levels.index(r["level"]) if r["level"] in levels else 99,
                                                    order.get(r["predicate"], 99)))

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
                rep["originators"], "adopting_regions", _("other regions that took up its ideas"),
                [ngettext("{ideas} of its ideas taken up by {n} other region",
                          "{ideas} of its ideas taken up by {n} other regions", r["adopting_regions"]).format(
                    ideas=num(r["own_ideas_replicated"]), n=num(r["adopting_regions"])) for r in rep["originators"]])
        if rep["adopters"]:
            figures["chart-adopters"] = charts.region_counts(
                rep["adopters"], "replicated_from_elsewhere", _("its innovations replicating another region's idea"),
                [ngettext("{n} innovation replicating another region's idea",
                          "{n} innovations replicating another region's idea", r["replicated_from_elsewhere"]).format(
                    n=num(r["replicated_from_elsewhere"])) for r in rep["adopters"]])
        return {"ideas": ideas, "total": len(rep["ideas"]), "originators": rep["originators"],
                "adopters": rep["adopters"]}

    # -- all regions -----------------------------------------------------------------------------
    def all_regions(self) -> dict[str, Any]:
        counts = (self.d.replication or {}).get("counts")
        rows = [dict(r, unc=self.d.uncertainty.get(r["region_code"]) or {},
                     rep=(counts or {}).get(r["region_code"]) or {}) for r in self.d.regions]
        return {**self.common, **self._root(""),
                "title": _("All {n} regions, {year}").format(n=len(rows), year=self.d.year), "charts": {},
                "replication": counts is not None,
                "rows": rows, "provinces": sorted({(r["province_code"], r["province_name"]) for r in rows}),
                "levels": GOVERNMENT_LEVELS, "statuses": list(DATA_STATUSES)}

    # -- one region ------------------------------------------------------------------------------
    def region(self, r: dict[str, Any], changes: list[dict[str, Any]]) -> dict[str, Any]:
        d, code = self.d, r["region_code"]
        unc = d.uncertainty.get(code)
        sure = certainty(r, unc, self.predicates)
        figures = {}
        if unc and unc.get("rank_p05") is not None:
            figures["chart-rank-interval"] = charts.dot_whisker(
                [_("rank")], [r["region_name"]], [r["rank_level"]], [unc["rank_p05"]], [unc["rank_p95"]],
                _("rank among the {n} ranked {level} (1 = best)").format(n=self.ranked_in_level[r["level"]],
                                                                        level=r["level"]), _("rank"),
                [_("median rank {median}").format(median=dash(unc["rank_median"]))],
                x_range=[0.5, self.ranked_in_level[r["level"]] + 0.5])
            figures["chart-score-interval"] = charts.dot_whisker(
                ["IID"], [r["region_name"]], [r["iid_score"]], [unc["score_p05"]], [unc["score_p95"]],
                _("IID, with its 90 % interval"), "IID", None, x_range=[0, 100])
        if sure["known"]:
            figures["chart-predicate-probabilities"] = charts.probabilities(sure["shares"])
        name_column = "name_id" if i18n.language() == "id" else "name_en"
        indicators = [dict(i, name=i[name_column]) for i in d.indicators.get(code, [])]
        if indicators:
            figures["chart-indicators"] = charts.indicators(indicators, d.indicator_value)
        trend = d.trend.get(code, [])
        if len(trend) > 1:
            figures["chart-trend"] = charts.region_trend(trend)
        return {**self.common, **self._root("../"), "title": r["region_name"], "charts": figures, "r": r,
                "unc": unc or {},
                "status_text": status_text(r["data_status"]),
                "certainty": sure, "rank_words": rank_interval_words(r, unc, self.ranked_in_level[r["level"]]),
                "ranked_in_level": self.ranked_in_level[r["level"]], "indicators": indicators,
                "indicator_value": d.indicator_value,
                "innovations": d.innovations.get(code, []), "trend": trend,
                "comparison": d.comparison.get(code, []), "changes": changes,
                "predicate": self.by_name.get(r["predicate"]), "replication": self._region_replication(r),
                "next": self._next_steps(r, name_column)}

    def _next_steps(self, r: dict[str, Any], name_column: str) -> dict[str, Any] | None:
        """The path to the next predicate (region_next_steps, region_evidence_fixes) in sentences and rows;
        None while `published` has no next steps."""
        if self.d.next_steps is None:
            return None
        code = r["region_code"]
        step = self.d.next_steps["steps"].get(code)
        if step is None:
            return {"step": None, "fixes": [], "words": []}
        names = self.d.next_steps["indicator_names"]
        fixes = [dict(f, indicator_name=(names.get(f["indicator_code"]) or {}).get(name_column))
                 for f in self.d.next_steps["fixes"].get(code, [])]
        return {"step": step, "fixes": fixes, "words": next_step_words(step)}

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
                "language": i18n.language(),
                "national_mean_iid": float(national["mean_iid"]) if national.get("mean_iid") is not None else None}


def next_step_words(s: dict[str, Any]) -> dict[str, str | None]:
    """region_next_steps of one region in sentences: where it stands, what evidence fixes do, the basic affairs.

    Every figure is a column of the mart; nothing is recomputed here."""
    iid, predicate, nxt = num(s["iid_score"], 2), s["predicate"], s["next_predicate"]
    fixes = None  # at the top band there is nothing to fix
    if nxt is None:
        stands = _("With IID {iid} it is {predicate}, the highest predicate: {margin} points above the band's lower "
                   "edge.").format(iid=iid, predicate=predicate, margin=num(s["margin_above"], 2))
    elif s["next_iid"] is None:
        stands = _("It is {predicate}: no answer of it has valid evidence. Any answer made valid makes it "
                   "{next}.").format(predicate=predicate, next=nxt)
    else:
        stands = _("With IID {iid} it is {predicate}. The next predicate, {next}, begins at IID {next_iid}: it lacks "
                   "{lacking} points.").format(iid=iid, predicate=predicate, next=nxt, next_iid=num(s["next_iid"], 2),
                                               lacking=num(s["iid_lacking"], 2))
    if nxt is not None:
        if s["reachable_by_evidence"]:
            fixes = ngettext(
                "{n} evidence fix reaches {next}: with it the IID would be {after} ({after_predicate}).",
                "{n} evidence fixes reach {next}: with them the IID would be {after} ({after_predicate}).",
                s["fixes_needed"]).format(n=s["fixes_needed"], next=nxt, after=num(s["iid_after_fixes"], 2),
                                          after_predicate=s["predicate_after_fixes"])
        elif s["fixable_answers"]:
            fixes = ngettext(
                "No set of evidence fixes reaches the next predicate: with valid evidence for its {n} answer now "
                "without it, the IID would be {all_fixed}.",
                "No set of evidence fixes reaches the next predicate: with valid evidence for all {n} answers now "
                "without it, the IID would be {all_fixed}.", s["fixable_answers"]).format(
                n=s["fixable_answers"], all_fixed=num(s["iid_if_all_fixed"], 2))
        elif s["next_iid"] is None:  # not assessed and nothing to fix: it reported no answer that counts
            fixes = _("No evidence fix can make it assessable: it has no answer whose evidence could be fixed, so it "
                      "must first report its answers.")
        else:
            fixes = _("No set of evidence fixes reaches the next predicate: every answer that counts already has "
                      "valid evidence.")
    basic = None
    if s["basic_affairs_min"] is not None:
        missing = [a.replace("_", " ") for a in (s["basic_affairs_missing"] or "").split(",") if a]
        if s["count_points_withheld"]:
            basic = _("Its eligible innovations cover {covered} basic affairs; the methodology asks for {minimum}, so "
                      "its count points ({points}, {iid} IID points) are withheld. Basic affairs with no eligible "
                      "innovation: {missing}.").format(
                covered=s["basic_affairs_covered"], minimum=s["basic_affairs_min"],
                points=num(s["count_points_withheld"], 2), iid=num(s["count_iid_withheld"], 2),
                missing=", ".join(missing) or "-")
        else:
            basic = _("Its eligible innovations cover {covered} basic affairs, as many as the methodology asks for "
                      "({minimum}): no count points are withheld.").format(covered=s["basic_affairs_covered"],
                                                                           minimum=s["basic_affairs_min"])
            if missing:
                basic += " " + _("Basic affairs with no eligible innovation: {missing}.").format(
                    missing=", ".join(missing))
    return {"stands": stands, "fixes": fixes, "basic": basic}
