"""The report's appendices: the council's policy criteria with the evidence for each, and
the full appraisal with its chart and table."""

from __future__ import annotations

from sharedservices.analysis.money import format_pounds
from sharedservices.cases.models import Criterion, CriterionEvidence
from sharedservices.reports.body import option_letters
from sharedservices.reports.charts import bar_chart
from sharedservices.reports.content import Block, Chart, Draft, Para, Section, Table
from sharedservices.reports.sources import Sources


def criteria(src: Sources) -> Section:
    title = f"Appendix A: {src.council.name}'s policy criteria and the evidence"
    if src.policy is None:
        return Section(
            "appendix-criteria",
            title,
            (Draft(text=f"{src.council.name} has no shared services policy in the product yet."),),
            appendix=True,
        )
    evidence = {
        e.criterion_id: e
        for e in CriterionEvidence.objects.filter(case=src.case, council=src.council)
    }
    rows = []
    for c in Criterion.objects.filter(version=src.policy).order_by("order", "pk"):
        e = evidence.get(c.pk)
        shown = e.evidence if e and e.counts else "Not evidenced yet"
        rows.append((c.reference or str(c.order), c.title, c.text, shown))
    return Section(
        "appendix-criteria",
        title,
        (
            Table(
                key="criteria-table",
                caption="Each criterion of the council's policy, and where the case meets it",
                header=("Reference", "Criterion", "What it asks", "Evidence"),
                rows=tuple(rows),
            ),
        ),
        appendix=True,
    )


def appraisal(src: Sources) -> Section:
    title = "Appendix B: the appraisal"
    result = src.appraisal
    if not result:
        return Section(
            "appendix-appraisal",
            title,
            (Draft(text="The appraisal cannot be worked out yet: see the case's options."),),
            appendix=True,
        )
    letters = option_letters(src)
    options = result["options"]
    intro = Para(
        text=f"Green Book appraisal over {result['horizon_years']} years"
        f" ({result['start_year']} to {result['end_year']}), in {result['price_base_year']}"
        f" prices, discounted at the {result['discount']['label'].lower()}. Costs include"
        " optimism bias."
    )
    bars = [
        (f"{letters.get(o['name'], '')}: {o['name']}", o["npsv"], format_pounds(o["npsv"]))
        for o in options
    ]
    alt = "Bar chart of the net present social value of each option: " + "; ".join(
        f"{label} {text}" for label, _, text in bars
    )
    rows = tuple(
        (
            f"{letters.get(o['name'], '')}: {o['name']}",
            format_pounds(o["pv_costs"]),
            format_pounds(o["pv_benefits"]),
            format_pounds(o["npsv"]),
            format_pounds(o["npsv_vs_do_nothing"]),
            "–" if o.get("bcr") is None else f"{o['bcr']:.2f}",
        )
        for o in options
    )
    blocks: list[Block] = [
        intro,
        Chart(
            key="appraisal-chart",
            title="Net present social value of each option",
            alt=alt,
            png=bar_chart(bars),
        ),
        Table(
            key="appraisal-table",
            caption="The figures of the chart: present values of each option",
            header=(
                "Option",
                "Costs",
                "Benefits",
                "Net present social value",
                "Compared with doing nothing",
                "Benefit-cost ratio",
            ),
            rows=rows,
            numeric=(1, 2, 3, 4, 5),
        ),
    ]
    mc = result.get("monte_carlo")
    if mc:
        iterations = (result.get("monte_carlo_settings") or {}).get("iterations", 0)
        blocks.append(
            Table(
                key="monte-carlo-table",
                caption=f"Uncertainty: {iterations:,} simulated outcomes of each option",
                header=(
                    "Option",
                    "5th percentile",
                    "Median",
                    "95th percentile",
                    "Chance below zero",
                ),
                rows=tuple(
                    (
                        f"{letters.get(name, '')}: {name}",
                        format_pounds(s["p5"]),
                        format_pounds(s["p50"]),
                        format_pounds(s["p95"]),
                        f"{s['prob_negative']:.0%}",
                    )
                    for name, s in mc.items()
                ),
                numeric=(1, 2, 3, 4),
            )
        )
    return Section("appendix-appraisal", title, tuple(blocks), appendix=True)
