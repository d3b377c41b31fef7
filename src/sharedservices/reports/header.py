"""The report's front sheet: the fields every council report opens with (Lancaster City
Council, Cabinet, 2009), from the council, the case, the forward plan and the report."""

from __future__ import annotations

from sharedservices.reports.sources import Sources

TO_FILL = "To be completed"


def _date(value) -> str:
    return f"{value:%-d %B %Y}" if value else TO_FILL


def _key_decision(src: Sources) -> str:
    return src.key_decision.line


def _exempt(src: Sources, has_exempt: bool) -> str:
    if not has_exempt:
        return "Public"
    paragraphs = sorted(set(src.report.exempt.values()))
    listed = ", ".join(str(p) for p in paragraphs)
    word = "paragraph" if len(paragraphs) == 1 else "paragraphs"
    return (
        f"Public, with exempt information under {word} {listed} of Schedule 12A to the"
        " Local Government Act 1972"
    )


def front_sheet(src: Sources, *, has_exempt: bool) -> tuple[tuple[str, str], ...]:
    report = src.report
    framework = dict(report._meta.get_field("budget_framework").choices)
    return (
        ("Council", src.council.name),
        ("Meeting", src.meeting_name),
        ("Date of meeting", _date(src.meeting_date)),
        ("Report title", src.case.title),
        ("Report of", report.report_of or getattr(src.policy, "lead_officer", "") or TO_FILL),
        (
            "Cabinet member or portfolio",
            report.portfolio or getattr(src.policy, "lead_member", "") or TO_FILL,
        ),
        ("Key decision", _key_decision(src)),
        ("Public or exempt", _exempt(src, has_exempt)),
        ("Wards affected", report.wards or TO_FILL),
        ("Link to corporate plan themes", report.corporate_plan or TO_FILL),
        (
            "Within the budget and policy framework",
            framework.get(report.budget_framework, TO_FILL),
        ),
    )
