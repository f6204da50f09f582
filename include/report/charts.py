"""The report's charts as Plotly figures (plain dicts: data, layout), drawn in the page by plotly.js.

Every chart has axis titles, its counts written on the marks, and a tooltip per mark.
Predicate colours, greyscale patterns and order come from the seed `reference.predicates`
(passed in as `predicates`); only the vocabulary of pattern names is mapped here. Every text is
in the active language (i18n.activate), numbers in tooltips too; tick labels follow the locale
through layout.separators.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from include.reference import GOVERNMENT_LEVELS
from include.report.i18n import _, ngettext, num, plotly_separators
from include.report.i18n import date as fmt_date

# seed pattern name -> plotly bar pattern shape (drawn in white over the predicate's colour)
PLOTLY_PATTERNS = {"solid": "", "diagonal": "/", "dots": ".", "cross": "x"}
CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["select2d", "lasso2d"],
          "toImageButtonOptions": {"format": "png", "scale": 2}}
FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 12, "color": "#222"}
INK = "#2b4c7e"


def short(name: str, limit: int = 26) -> str:
    """A label that fits an axis; the full name is in the tooltip."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def flt(value) -> float | None:
    return None if value is None else float(value)


def _layout(height: int, **extra) -> dict[str, Any]:
    layout = {"height": height, "font": FONT, "separators": plotly_separators(), "paper_bgcolor": "white",
              "plot_bgcolor": "white",
              "margin": {"l": 10, "r": 20, "t": 10, "b": 45}, "hoverlabel": {"align": "left"},
              "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "traceorder": "normal"}}
    layout.update(extra)
    return layout


def _axis(title: str, **extra) -> dict[str, Any]:
    axis = {"title": {"text": title}, "automargin": True, "gridcolor": "#e5e5e5", "zeroline": False,
            "linecolor": "#888", "showline": True, "ticks": "outside"}
    axis.update(extra)
    return axis


def predicate_marker(p: dict[str, Any]) -> dict[str, Any]:
    if p["pattern"] not in PLOTLY_PATTERNS:
        raise ValueError(f"reference.predicates: pattern {p['pattern']!r} of {p['predicate']} is not one of "
                         f"{sorted(PLOTLY_PATTERNS)}")
    return {"color": p["colour"], "line": {"color": "#222", "width": 0.6},
            "pattern": {"shape": PLOTLY_PATTERNS[p["pattern"]], "fillmode": "overlay", "fgcolor": "#ffffff",
                        "size": 7, "solidity": 0.35}}


def predicate_bars(groups: list[str], counts: dict[tuple[str, str], int], predicates: list[dict[str, Any]],
                   group_title: str) -> dict[str, Any]:
    """Horizontal stacked bars: one bar per group, one segment per predicate, totals at the end."""
    data = []
    for p in predicates:
        xs = [counts.get((g, p["predicate"]), 0) for g in groups]
        data.append({"type": "bar", "orientation": "h", "name": p["predicate"], "y": groups, "x": xs,
                     "marker": predicate_marker(p), "text": [n if n else "" for n in xs],
                     "textposition": "inside", "insidetextanchor": "middle", "textfont": {"color": "#111"},
                     "hovertext": [ngettext("{group}: {n} region {predicate}", "{group}: {n} regions {predicate}", n)
                                   .format(group=g, n=num(n), predicate=p["predicate"])
                                   for g, n in zip(groups, xs, strict=True)],
                     "hoverinfo": "text"})
    totals = [sum(counts.get((g, p["predicate"]), 0) for p in predicates) for g in groups]
    data.append({"type": "scatter", "mode": "text", "x": totals, "y": groups, "text": [f" {t}" for t in totals],
                 "textposition": "middle right", "showlegend": False, "hoverinfo": "skip", "name": _("total")})
    return {"data": data, "layout": _layout(
        70 + 34 * len(groups), barmode="stack", bargap=0.25,
        xaxis=_axis(_("regions"), range=[0, max(totals or [1]) * 1.12]),
        yaxis=_axis(group_title, autorange="reversed", showgrid=False))}


def distribution(bins: dict[int, int], level: str) -> dict[str, Any]:
    """Assessed regions of a level per 5-point IID bin (the bins are counted in SQL)."""
    froms = list(range(0, 100, 5))
    counts = [bins.get(f, 0) for f in froms]
    return {"data": [{"type": "bar", "x": [f + 2.5 for f in froms], "y": counts, "width": 4.6,
                      "customdata": [[f, f + 5] for f in froms], "marker": {"color": INK}, "name": level,
                      "text": [c if c else "" for c in counts], "textposition": "outside", "cliponaxis": False,
                      "hovertext": [ngettext("IID {low} to under {high}: {n} region",
                                             "IID {low} to under {high}: {n} regions", c).format(low=f, high=f + 5, n=c)
                                    for f, c in zip(froms, counts, strict=True)],
                      "hoverinfo": "text"}],
            "layout": _layout(230, showlegend=False, margin={"l": 10, "r": 10, "t": 22, "b": 45},
                              xaxis=_axis(_("IID (5-point bins)"), range=[0, 100], dtick=10),
                              yaxis=_axis(_("regions"), rangemode="tozero"))}


def national_trend(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean IID of the assessed regions per assessment year, per level and for all levels."""
    order = ["all", *GOVERNMENT_LEVELS]
    dashes = dict(zip(order, ("solid", "dot", "dash", "dashdot", "longdash"), strict=False))
    data = []
    years = sorted({r["assessment_year"] for r in rows})
    for level in order:
        mine = [r for r in rows if r["level"] == level]
        if not mine:
            continue
        # the mean written on the "all" line; the levels' means are in their tooltips (labels would collide)
        data.append({"type": "scatter", "mode": "lines+markers+text" if level == "all" else "lines+markers",
                     "name": _("all levels") if level == "all" else level,
                     "x": [str(r["assessment_year"]) for r in mine], "y": [flt(r["mean_iid"]) for r in mine],
                     "text": [num(r["mean_iid"], 2) if r["mean_iid"] is not None else "" for r in mine],
                     "textposition": "top center", "line": {"dash": dashes[level], "width": 3 if level == "all" else 2},
                     "hovertext": [_("{level} {year}: mean IID {mean}<br>{assessed} of {regions} regions assessed<br>"
                                     "methodology {version}").format(
                         level=_("all levels") if level == "all" else level, year=r["assessment_year"],
                         mean=num(r["mean_iid"], 2), assessed=num(r["assessed"]), regions=num(r["regions"]),
                         version=r["methodology_version"]) for r in mine],
                     "hoverinfo": "text"})
    return {"data": data, "layout": _layout(300, xaxis=_axis(_("assessment year"), type="category",
                                                              categoryarray=[str(y) for y in years]),
                                            yaxis=_axis(_("mean IID of assessed regions"), rangemode="tozero"))}


def dot_whisker(labels: list[str], names: list[str], dots: list[Any], lows: list[Any], highs: list[Any],
                axis_title: str, what: str, extra_hover: list[str] | None = None,
                x_range: list[Any] | None = None) -> dict[str, Any]:
    """Each row: a dot and the whisker of its 90 % interval (lows..highs); open ends have no whisker."""
    d = [flt(v) for v in dots]
    plus = [float(h) - x if h is not None and x is not None else None for h, x in zip(highs, d, strict=True)]
    minus = [x - float(lo) if lo is not None and x is not None else None for lo, x in zip(lows, d, strict=True)]
    interval = [f"{_fmt(lo)}–{_fmt(hi)}" if lo is not None and hi is not None else _("open (not always assessed)")
                for lo, hi in zip(lows, highs, strict=True)]
    hover = [_("{name}<br>{what} {value}; 90 % interval {interval}").format(name=n, what=what, value=_fmt(x),
                                                                           interval=i) + (f"<br>{e}" if e else "")
             for n, x, i, e in zip(names, dots, interval, extra_hover or [""] * len(names), strict=False)]
    return {"data": [{"type": "scatter", "mode": "markers", "name": what, "y": labels, "x": d,
                      "marker": {"size": 9, "color": INK, "line": {"color": "white", "width": 1}},
                      "error_x": {"type": "data", "symmetric": False,
                                  "array": [p if p is not None else 0 for p in plus],
                                  "arrayminus": [m if m is not None else 0 for m in minus],
                                  "color": INK, "thickness": 2, "width": 5},
                      "customdata": [[flt(lo), flt(hi)] for lo, hi in zip(lows, highs, strict=True)],
                      "hovertext": hover, "hoverinfo": "text", "showlegend": False}],
            "layout": _layout(max(110, 60 + 26 * len(labels)), margin={"l": 10, "r": 20, "t": 10, "b": 45},
                              xaxis=_axis(axis_title, **({"range": x_range} if x_range else {})),
                              yaxis=_axis("", autorange="reversed", showgrid=False, ticks=""))}


def _fmt(value) -> str:
    """A figure on a mark or in a tooltip: two places at most, no trailing zeros, in the locale."""
    if value is None:
        return "-"
    if isinstance(value, (Decimal, float)):
        if float(value) == int(value):
            return num(int(value))
        return num(Decimal(f"{float(value):.2f}").normalize())
    return num(value) if isinstance(value, int) else str(value)


def probabilities(shares: list[tuple[dict[str, Any], float]]) -> dict[str, Any]:
    """One 100 % bar: the share of the draws in which the region gets each predicate."""
    data = [{"type": "bar", "orientation": "h", "name": p["predicate"], "y": [_("draws")], "x": [round(share * 100, 1)],
             "marker": predicate_marker(p), "text": [f"{num(round(share * 100))} %" if share >= 0.04 else ""],
             "textposition": "inside", "insidetextanchor": "middle", "textfont": {"color": "#111"},
             "hovertext": [_("{predicate}: {share} % of the draws").format(predicate=p["predicate"],
                                                                          share=num(share * 100, 1))],
             "hoverinfo": "text"}
            for p, share in shares]
    return {"data": data, "layout": _layout(110, barmode="stack", showlegend=False,
                                            margin={"l": 10, "r": 20, "t": 10, "b": 45},
                                            xaxis=_axis(_("share of the draws (%)"), range=[0, 100], dtick=10),
                                            yaxis=_axis("", showticklabels=False, showgrid=False, ticks=""))}


def indicators(rows: list[dict[str, Any]], value: str = "iid_points") -> dict[str, Any]:
    """Each indicator's contribution to the IID, in IID points (SPD and the eligible innovations' SID
    on one scale: indicator_scores.iid_points summed in SQL), one bar each. `value="score"` draws the raw
    scores instead, for a publication that predates iid_points."""
    colours = {"SPD": "#7b3294", "SID": INK}
    unit = _("IID points") if value == "iid_points" else _("score")
    data = []
    for aspect in ("SPD", "SID"):
        mine = [r for r in rows if r["aspect"] == aspect]
        if not mine:
            continue
        data.append({"type": "bar", "orientation": "h", "name": aspect,
                     "y": [r["indicator_code"] for r in mine], "x": [flt(r[value]) for r in mine],
                     "marker": {"color": colours[aspect]},
                     "text": [_fmt(r[value]) for r in mine], "textposition": "outside", "cliponaxis": False,
                     "hovertext": [ngettext("{code} {name}<br>{unit} {value} from {n} answer, {invalid} without valid "
                                            "evidence",
                                            "{code} {name}<br>{unit} {value} from {n} answers, {invalid} without valid "
                                            "evidence", r["answers"]).format(
                         code=r["indicator_code"], name=r["name"], unit=unit, value=num(r[value]), n=num(r["answers"]),
                         invalid=num(r["not_valid"])) for r in mine],
                     "hoverinfo": "text"})
    codes = [r["indicator_code"] for r in rows]
    top = max([flt(r[value]) or 0 for r in rows] or [1])
    return {"data": data, "layout": _layout(80 + 17 * len(codes), barmode="group", bargap=0.2,
                                            xaxis=_axis(unit, range=[0, top * 1.15 or 1]),
                                            yaxis=_axis(_("indicator"), autorange="reversed", type="category",
                                                        categoryarray=codes, showgrid=False, tickfont={"size": 10}))}


def region_trend(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A region's IID in every published assessment year, under each year's own methodology."""
    return {"data": [{"type": "scatter", "mode": "lines+markers+text", "name": "IID",
                      "x": [str(r["assessment_year"]) for r in rows], "y": [flt(r["iid_score"]) for r in rows],
                      "text": [_fmt(r["iid_score"]) for r in rows], "textposition": "top center",
                      "line": {"color": INK, "width": 2}, "marker": {"size": 8, "color": INK},
                      "hovertext": [_("{year}: IID {iid}, {predicate}<br>rank {rank} in level; methodology {version}")
                                    .format(year=r["assessment_year"], iid=_fmt(r["iid_score"]),
                                            predicate=r["predicate"], rank=num(r["rank_level"]),
                                            version=r["methodology_version"])
                                    for r in rows],
                      "hoverinfo": "text"}],
            "layout": _layout(240, showlegend=False, xaxis=_axis(_("assessment year"), type="category"),
                              yaxis=_axis("IID", range=[0, 105]))}


ORIGIN = "#b35806"  # the origin's diamond; adopters are INK circles (shape tells them apart in greyscale too)


def spread_timeline(ideas: list[dict[str, Any]], members: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """When each idea was taken up: one row per idea, the origin a diamond, each adopting region a circle.

    A date is the implementation date, or the trial's start while on trial (as days_after_origin counts).
    """
    labels = [ngettext("{i}. {idea} ({n} region)", "{i}. {idea} ({n} regions)", c["regions"]).format(
        i=i, idea=short(c["idea"], 30), n=num(c["regions"])) for i, c in enumerate(ideas, 1)]
    origin_x, origin_y, origin_hover, adopt_x, adopt_y, adopt_hover, lines_x, lines_y = [], [], [], [], [], [], [], []
    for label, c in zip(labels, ideas, strict=True):
        for m in members.get(c["cluster_id"], []):
            if m["taken_up"] is None:
                continue
            on = m["taken_up"].isoformat()
            how = (_("implemented {date}") if m["implementation_date"] is not None else
                   _("on trial since {date}")).format(date=fmt_date(m["taken_up"]))
            if m["is_origin"]:
                origin_x.append(on)
                origin_y.append(label)
                origin_hover.append(_("{idea}<br>started in {region}: {how}").format(
                    idea=c["idea"], region=m["region_name"], how=how))
            else:
                adopt_x.append(on)
                adopt_y.append(label)
                adopt_hover.append(ngettext("{idea}<br>{region}: {how}, {days} day after the origin",
                                            "{idea}<br>{region}: {how}, {days} days after the origin",
                                            abs(m["days_after_origin"] or 0)).format(
                    idea=c["idea"], region=m["region_name"], how=how, days=num(m["days_after_origin"])))
        lines_x += [c["first_implemented"].isoformat(), c["last_implemented"].isoformat(), None]
        lines_y += [label, label, None]
    data = [{"type": "scatter", "mode": "lines", "x": lines_x, "y": lines_y, "name": _("first to last"),
             "line": {"color": "#b9c4d6", "width": 6}, "hoverinfo": "skip", "showlegend": False},
            {"type": "scatter", "mode": "markers", "x": adopt_x, "y": adopt_y, "name": _("a region took it up"),
             "marker": {"symbol": "circle", "size": 9, "color": INK, "line": {"color": "white", "width": 1}},
             "hovertext": adopt_hover, "hoverinfo": "text"},
            {"type": "scatter", "mode": "markers", "x": origin_x, "y": origin_y, "name": _("where it started"),
             "marker": {"symbol": "diamond", "size": 12, "color": ORIGIN, "line": {"color": "#222", "width": 1}},
             "hovertext": origin_hover, "hoverinfo": "text"}]
    return {"data": data, "layout": _layout(90 + 30 * len(ideas),
                                            xaxis=_axis(_("implemented (or trial begun)"), type="date"),
                                            yaxis=_axis("", autorange="reversed", showgrid=False, ticks="",
                                                        type="category", categoryarray=labels))}


def region_counts(rows: list[dict[str, Any]], column: str, axis_title: str, hover: list[str]) -> dict[str, Any]:
    """One horizontal bar per region (rows in the order given), its count written at the end."""
    labels = [f"{i}. {short(r['region_name'], 24)}" for i, r in enumerate(rows, 1)]
    counts = [r[column] for r in rows]
    return {"data": [{"type": "bar", "orientation": "h", "y": labels, "x": counts, "name": axis_title,
                      "marker": {"color": INK}, "text": [num(c) for c in counts], "textposition": "outside",
                      "cliponaxis": False,
                      "hovertext": [f"{r['region_name']}<br>{h}" for r, h in zip(rows, hover, strict=True)],
                      "hoverinfo": "text"}],
            "layout": _layout(70 + 26 * len(rows), showlegend=False, bargap=0.3,
                              xaxis=_axis(axis_title, range=[0, max(counts or [1]) * 1.15], rangemode="tozero"),
                              yaxis=_axis("", autorange="reversed", showgrid=False, ticks="", type="category",
                                          categoryarray=labels))}
