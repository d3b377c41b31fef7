"""Versions of a case: a flat snapshot after every save, and the comparison of two.

A snapshot is a list of ``[key, label, text]`` rows, one per thing a reader would call a
field ("Economic case", "Option: Shared service / ICT integration / 2027"). Keys are
stable ids so a renamed option is a change, not a removal and an addition.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from sharedservices.analysis.money import format_pounds
from sharedservices.cases.models import BusinessCase
from sharedservices.cases.models.agreement import SharingAgreement


def case_snapshot(case: BusinessCase) -> list[list[str]]:
    rows: list[list[str]] = []

    def add(key, label, value):
        rows.append([key, label, "" if value is None else str(value)])

    add("title", "Title", case.title)
    add("stage", "Stage", case.get_stage_display())
    add("summary", "Summary", case.summary)
    add("partners", "Partner councils", ", ".join(c.name for c in case.councils[1:]))
    add(
        "organisations",
        "Partner organisations",
        ", ".join(o.name for o in case.partner_organisations.all()),
    )
    add("service_areas", "Service areas", ", ".join(s.name for s in case.service_areas.all()))
    add("arrangement", "Linked arrangement", case.arrangement or "")
    add("opportunity", "Linked opportunity", case.opportunity or "")
    add(
        "period",
        "Appraisal period",
        f"{case.horizon_years} years from {case.start_year}, {case.price_base_year} prices",
    )
    add("monte_carlo", "Monte Carlo iterations", f"{case.monte_carlo_iterations:,}")
    add("shared", "Shared with partners", "Yes" if case.shared_with_partners else "No")
    for section in case.sections.all():
        add(f"section:{section.part}", section.get_part_display(), section.body)
    for option in case.options.prefetch_related("lines__partner"):
        k = f"option:{option.pk}"
        add(f"{k}:name", f"Option {option.name}: name", option.name)
        add(f"{k}:description", f"Option {option.name}: description", option.description)
        add(f"{k}:model", f"Option {option.name}: delivery model", option.delivery_model)
        add(
            f"{k}:ob",
            f"Option {option.name}: optimism bias",
            f"capital {option.optimism_bias_capital}, transition"
            f" {option.optimism_bias_transition}, running {option.optimism_bias_running}",
        )
        for line in option.lines.all():
            lk = f"{k}:line:{line.pk}"
            label = f"Option {option.name}: {line.name}"
            add(
                f"{lk}:what",
                f"{label} (line)",
                f"{line.name}: {line.get_category_display()}"
                + (f", {line.partner.name}" if line.partner_id else ""),
            )
            for year, amount in sorted(line.values.items()):
                add(f"{lk}:{year}", f"{label}, {year}", format_pounds(amount))
            if line.distribution:
                add(
                    f"{lk}:uncertainty",
                    f"{label}, uncertainty",
                    f"{line.distribution} low {line.low} mode {line.mode} high {line.high}"
                    f" sd {line.sd}",
                )
    # The sharing agreement is saved as a version of its own: it must show in a comparison.
    agreement = SharingAgreement.objects.filter(case=case).select_related("option").first()
    if agreement is not None:
        add("agreement:option", "Sharing agreement: option", agreement.option or "")
        for line_name, basis in sorted((agreement.bases or {}).items()):
            add(f"agreement:basis:{line_name}", f"Sharing agreement: {line_name}", str(basis))
        for key, pct in sorted((agreement.custom_pct or {}).items()):
            add(f"agreement:pct:{key}", f"Sharing agreement: agreed split {key}", str(pct))
    add("preferred", "Preferred option", case.preferred_option or "")
    add("preferred_reasons", "Reasons for the preferred option", case.preferred_reasons)
    for e in case.evidence.select_related("criterion", "council"):
        add(
            f"evidence:{e.criterion_id}",
            f"Evidence for {e.council.name}: {e.criterion}",
            f"[{e.get_status_display()}] {e.evidence}"
            + (f" (shown in the {e.get_where_shown_display()})" if e.where_shown else ""),
        )
    for b in case.baselines.select_related("council"):
        add(
            f"baseline:{b.pk}",
            f"Baseline for {b.council.name}: {b.measure}",
            f"{b.value} {b.unit} at {b.as_at:%d %B %Y} ({b.get_kind_display()}; {b.source})",
        )
    for r in case.risks.all():
        add(
            f"risk:{r.pk}",
            f"Risk: {r.description[:80]}",
            f"{r.get_status_display()}; score {r.score} (likelihood {r.likelihood} × impact"
            f" {r.impact}), residual {r.residual_score}; owner {r.owner or 'none'};"
            f" cause: {r.cause}; mitigation: {r.mitigation}",
        )
    for c in case.consultation.all():
        add(
            f"consultation:{c.pk}",
            f"Consultation {c.date:%d %B %Y} with {c.who}",
            f"{c.get_group_display()}: {c.what_was_said} Response: {c.response}",
        )
    add("posts_affected", "Posts affected", case.posts_affected)
    add("staffing", "Staffing implications", case.staffing_implications)
    add("job_protection", "Job protection arrangements", case.job_protection)
    return rows


@dataclass(frozen=True)
class Difference:
    label: str
    change: str  # "added", "removed" or "changed"
    before: str
    after: str

    def words(self) -> list[tuple[str, str]]:
        """The text as (op, words) runs: op is "", "-" (removed) or "+" (added)."""
        a, b = self.before.split(" "), self.after.split(" ")
        runs: list[tuple[str, str]] = []
        matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                runs.append(("", " ".join(a[i1:i2])))
                continue
            if i2 > i1:
                runs.append(("-", " ".join(a[i1:i2])))
            if j2 > j1:
                runs.append(("+", " ".join(b[j1:j2])))
        return runs


def compare_snapshots(before: list[list[str]], after: list[list[str]]) -> list[Difference]:
    """Every row that differs, in the order of the later snapshot, then removed rows."""
    old = {key: (label, text) for key, label, text in before}
    new = {key: (label, text) for key, label, text in after}
    differences: list[Difference] = []
    for key, label, text in after:
        was = old.get(key, ("", ""))[1]
        if was == text:
            continue
        change = "added" if not was else "removed" if not text else "changed"
        differences.append(Difference(label, change, was, text))
    for key, label, text in before:
        if key not in new and text:
            differences.append(Difference(label, "removed", text, ""))
    return differences
