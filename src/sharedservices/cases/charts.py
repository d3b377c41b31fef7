"""Server-drawn SVG charts of an appraisal: plain geometry, worked out here so that the
templates only draw it. Every chart is shown beside a table of the same figures."""

from __future__ import annotations

from dataclasses import dataclass, field

from sharedservices.analysis.money import format_pounds

WIDTH, HEIGHT, PAD = 640, 260, 40
LEFT = 76  # room for a signed amount such as "−£2.50m" left of the axis
CHAR = 6.6  # the width of an average character at 12 px, for laying out labels


@dataclass
class Bar:
    x: float
    y: float
    w: float
    h: float
    css: str
    title: str


@dataclass
class Chart:
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    zero: tuple[float, float, float, float] | None = None  # x1, y1, x2, y2 of the zero line
    labels: list[tuple[float, float, str, str]] = field(default_factory=list)  # x, y, anchor


def _scale(lo: float, hi: float, a: float, b: float):
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    span = (hi - lo) or 1.0
    return lambda v: a + (v - lo) / span * (b - a)


def has_flows(figures: dict) -> bool:
    """Whether an option has any cost or benefit (doing nothing often has none)."""
    return any(y["costs"] or y["benefits"] for y in figures["years"])


def cash_flow_chart(figures: dict) -> Chart | None:
    """Costs below the line and benefits above it, year by year."""
    if not has_flows(figures):
        return None
    years = figures["years"]
    chart = Chart(WIDTH, HEIGHT)
    top = max([y["benefits"] for y in years] + [1.0])
    bottom = -max([y["costs"] for y in years] + [1.0])
    ys = _scale(bottom, top, HEIGHT - PAD, 10)
    step = (WIDTH - LEFT - PAD) / max(len(years), 1)
    w = step * 0.35
    for i, y in enumerate(years):
        x = LEFT + i * step + step * 0.15
        if y["benefits"]:
            chart.bars.append(
                Bar(
                    x,
                    ys(y["benefits"]),
                    w,
                    ys(0) - ys(y["benefits"]),
                    "app-bar--benefit",
                    f"{y['year']} benefits {format_pounds(y['benefits'], short=True)}",
                )
            )
        if y["costs"]:
            chart.bars.append(
                Bar(
                    x + w,
                    ys(0),
                    w,
                    ys(-y["costs"]) - ys(0),
                    "app-bar--cost",
                    f"{y['year']} costs {format_pounds(y['costs'], short=True)}",
                )
            )
        if len(years) <= 15 or i % 5 == 0:
            chart.labels.append((x + w, HEIGHT - PAD + 16, "middle", str(y["year"])))
    chart.zero = (LEFT, ys(0), WIDTH - PAD, ys(0))
    chart.labels += [
        (LEFT - 4, 16, "end", format_pounds(top, short=True)),
        (LEFT - 4, HEIGHT - PAD, "end", format_pounds(bottom, short=True)),
    ]
    return chart


def _horizontal(
    rows: list[tuple[str, float, float, str]],
    base: float | None = None,
    include_zero: bool = True,
) -> Chart:
    """One bar per row from ``lo`` to ``hi`` on a shared scale. Labels are never
    cut: the label column is as wide as the longest label. A tornado leaves zero
    out of its scale (``include_zero=False``) so its bars are not slivers."""
    label_width = min(max([len(r[0]) for r in rows] + [8]) * CHAR + 12, 360)
    width = int(label_width + 460)
    height = max(60, 28 * len(rows) + 30)
    chart = Chart(width, height)
    lo = min(r[1] for r in rows) if rows else 0.0
    hi = max(r[2] for r in rows) if rows else 0.0
    if include_zero or lo == hi:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    else:
        margin = (hi - lo) * 0.05
        lo, hi = lo - margin, hi + margin
    xs = _scale_exact(lo, hi, label_width, width - 20)
    for i, (label, a, b, css) in enumerate(rows):
        y = 10 + i * 28
        chart.bars.append(Bar(xs(a), y, max(xs(b) - xs(a), 1), 20, css, label))
        chart.labels.append((label_width - 6, y + 15, "end", label))
    mark = 0.0 if base is None else base
    if lo <= mark <= hi:
        chart.zero = (xs(mark), 4, xs(mark), height - 20)
    chart.labels += [
        (label_width, height - 4, "start", format_pounds(lo, short=True)),
        (width - 20, height - 4, "end", format_pounds(hi, short=True)),
    ]
    return chart


def _scale_exact(lo: float, hi: float, a: float, b: float):
    span = (hi - lo) or 1.0
    return lambda v: a + (v - lo) / span * (b - a)


def npsv_chart(result: dict) -> Chart:
    rows = []
    for o in result["options"]:
        v = o["npsv"]
        rows.append(
            (o["name"], min(v, 0.0), max(v, 0.0), "app-bar--benefit" if v >= 0 else "app-bar--cost")
        )
    return _horizontal(rows)


def tornado_chart(figures: dict) -> Chart | None:
    if not figures["tornado"] or not has_flows(figures):
        return None
    rows = [
        (
            r["line"],
            min(r["npsv_if_lower"], r["npsv_if_higher"]),
            max(r["npsv_if_lower"], r["npsv_if_higher"]),
            "app-bar--swing",
        )
        for r in figures["tornado"]
    ]
    return _horizontal(rows, base=figures["npsv"], include_zero=False)


def distribution_chart(monte_carlo: dict | None) -> Chart | None:
    if not monte_carlo:
        return None
    edges, counts = monte_carlo["histogram"]["edges"], monte_carlo["histogram"]["counts"]
    if not counts or edges[0] == edges[-1]:
        return None
    chart = Chart(WIDTH, HEIGHT)
    xs = _scale(edges[0], edges[-1], PAD, WIDTH - PAD)
    top = max(counts) or 1
    for i, count in enumerate(counts):
        h = (HEIGHT - PAD - 10) * count / top
        css = "app-bar--cost" if edges[i + 1] <= 0 else "app-bar--benefit"
        chart.bars.append(
            Bar(
                xs(edges[i]),
                HEIGHT - PAD - h,
                max(xs(edges[i + 1]) - xs(edges[i]) - 1, 1),
                h,
                css,
                f"{format_pounds(edges[i], short=True)} to "
                f"{format_pounds(edges[i + 1], short=True)}: {count}",
            )
        )
    if edges[0] < 0 < edges[-1]:
        chart.zero = (xs(0), 6, xs(0), HEIGHT - PAD)
    chart.labels += [
        (PAD, HEIGHT - PAD + 16, "start", format_pounds(edges[0], short=True)),
        (WIDTH - PAD, HEIGHT - PAD + 16, "end", format_pounds(edges[-1], short=True)),
    ]
    return chart


def agreement_chart(result: dict) -> Chart | None:
    """Each council's costs (left of zero) and benefits (right), shared and its own, under
    the agreement's bases; the partners table beside it gives the same figures."""
    rows = []
    for p in result.get("partners", []):
        costs = p["shared_costs"] + p["own_costs"]
        benefits = p["shared_savings"] + p["own_savings"]
        rows.append((f"{p['name']}: costs", -costs, 0.0, "app-bar--cost"))
        rows.append((f"{p['name']}: benefits", 0.0, benefits, "app-bar--benefit"))
    if not any(r[1] or r[2] for r in rows):
        return None
    return _horizontal(rows)
