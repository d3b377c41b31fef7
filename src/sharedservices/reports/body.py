"""The body of a report, written from its case: purpose, recommendations, background,
options, this council's share, consultation, risks, implications and the rest.

Nothing here invents prose. Where the case or the report does not hold something yet,
the block is a ``Draft`` saying what is missing and where officers fill it in; the
recommendations are sentences built only from the state of the case.
"""

from __future__ import annotations

from string import ascii_uppercase

from sharedservices.analysis.money import format_pounds
from sharedservices.cases.models import ConsultationGroup, Risk
from sharedservices.reports.content import Block, Draft, Items, Para, Section, Table
from sharedservices.reports.models import SIGNATORY, ImplicationKind, implication_heading
from sharedservices.reports.sources import STRATEGIC, Sources

MAIN_RISKS = 5


def option_letters(src: Sources) -> dict[str, str]:
    return {o.name: ascii_uppercase[i % 26] for i, o in enumerate(src.options)}


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _partners(src: Sources) -> str:
    return _and([c.name for c in src.partners]) if src.partners else "its partners"


def purpose(src: Sources) -> Section:
    title = src.case.title
    if src.executive:
        text = (
            f"To ask {src.decision_body} to decide whether {src.council.name} should go ahead"
            f" with the {title} with {_partners(src)}, and on which option."
        )
    else:
        text = (
            f"To ask the {src.scrutiny_body} to scrutinise the business case for the {title}"
            f" with {_partners(src)} before {src.decision_body} decides."
        )
    return Section("purpose", "Purpose of the report", (Para(text=text),))


def recommendations(src: Sources) -> Section:
    case, letters = src.case, option_letters(src)
    preferred = case.preferred_option
    if preferred is None:
        blocks: tuple[Block, ...] = (
            Draft(
                text="The case has no preferred option yet. Choose one on the case's"
                " appraisal page; the recommendations are then drafted from it."
            ),
        )
        return Section("recommendations", "Recommendations", blocks)
    option = f"option {letters.get(preferred.name, '')}, {preferred.name}"
    if not src.executive:
        items = [
            f"That the {src.scrutiny_body} considers the business case for the {case.title}"
            f" and the officers' preferred {option}.",
            f"That the {src.scrutiny_body} makes any recommendations it wishes to"
            f" {src.decision_body} before the decision is taken.",
        ]
        return Section(
            "recommendations", "Recommendations", (Items(items=tuple(items), numbered=True),)
        )
    items = [f"That {src.decision_body} approves {option}, for the {case.title}."]
    if src.share is not None:
        items.append(
            f"That {src.decision_body} notes {src.council.name}'s share of the costs and"
            f" savings in section 5: a net present value of {format_pounds(src.share['net'])} over"
            f" the {case.horizon_years} years appraised."
        )
    blocks = [Items(items=tuple(items), numbered=True)]
    if src.report.delegate_to:
        blocks = [
            Items(
                items=(
                    *items,
                    f"That {src.decision_body} delegates authority to {src.report.delegate_to}"
                    f" to agree the final terms with {_partners(src)} and to implement the"
                    " decision.",
                ),
                numbered=True,
            )
        ]
    else:
        blocks.append(
            Draft(text="Name the officer to whom implementing the decision is delegated.")
        )
    return Section("recommendations", "Recommendations", tuple(blocks))


def background(src: Sources) -> Section:
    text = src.sections.get(STRATEGIC)
    if not text:
        block: Block = Draft(text="The strategic case of the business case is not written yet.")
        return Section("background", "Background", (block,))
    paras = tuple(Para(text=p.strip()) for p in text.split("\n\n") if p.strip())
    return Section("background", "Background", paras)


def options(src: Sources) -> Section:
    case, letters = src.case, option_letters(src)
    figures = {o["name"]: o for o in (src.appraisal or {}).get("options", [])}
    rows = []
    for option in src.options:
        f = figures.get(option.name, {})
        rows.append(
            (
                letters[option.name],
                option.name,
                option.description,
                format_pounds(f.get("pv_costs")),
                format_pounds(f.get("pv_benefits")),
                format_pounds(f.get("npsv")),
            )
        )
    blocks: list[Block] = [
        Table(
            key="options-table",
            caption=f"The options, with present values in {case.price_base_year} prices",
            header=(
                "Option",
                "Name",
                "What it is",
                "Costs",
                "Benefits",
                "Net present social value",
            ),
            rows=tuple(rows),
            numeric=(3, 4, 5),
        )
    ]
    if not figures:
        blocks.append(Draft(text="The appraisal cannot be worked out yet: see the case's options."))
    preferred = case.preferred_option
    if preferred:
        blocks.append(
            Para(
                text=f"The officers' preferred option is option {letters.get(preferred.name, '')},"
                f" {preferred.name}."
            )
        )
        if case.preferred_reasons:
            blocks.append(Para(text=f"Why: {case.preferred_reasons}"))
        else:
            blocks.append(Draft(text="The case does not yet say why this option is preferred."))
    else:
        blocks.append(Draft(text="The case has no preferred option yet."))
    return Section("options", "Options and the preferred option", tuple(blocks))


def share(src: Sources) -> Section:
    title = f"{src.council.name}'s share of the costs and savings"
    if src.share is None:
        return Section(
            "share", title, (Draft(text="The case has no sharing agreement for this council yet."),)
        )
    s = src.share
    rows = (
        ("Shared costs", format_pounds(s["shared_costs"])),
        ("Shared savings", format_pounds(s["shared_savings"])),
        (f"{src.council.name}'s own costs", format_pounds(s["own_costs"])),
        (f"{src.council.name}'s own savings", format_pounds(s["own_savings"])),
        ("Net present value to the council", format_pounds(s["net"])),
    )
    return Section(
        "share",
        title,
        (
            Para(
                text=f"From the sharing agreement for {src.agreement_option}, over the"
                f" {src.case.horizon_years} years appraised, in present values."
            ),
            Table(
                key="share-table",
                caption=f"{src.council.name}'s share",
                header=("", "Amount"),
                rows=rows,
                numeric=(1,),
            ),
        ),
    )


def consultation(src: Sources) -> Section:
    entries = list(src.case.consultation.all())
    if not entries:
        return Section(
            "consultation", "Consultation", (Draft(text="The consultation log is empty."),)
        )
    groups = dict(ConsultationGroup.choices)
    counts = {}
    for e in entries:
        counts[groups[e.group]] = counts.get(groups[e.group], 0) + 1
    summary = "; ".join(f"{label.lower()}: {n}" for label, n in counts.items())
    rows = tuple(
        (f"{e.date:%-d %B %Y}", groups[e.group], e.who, e.what_was_said, e.response)
        for e in entries
    )
    staff = {ConsultationGroup.STAFF, ConsultationGroup.UNIONS} & {e.group for e in entries}
    blocks: list[Block] = [
        Para(text=f"{len(entries)} consultation entries are logged ({summary})."),
        Table(
            key="consultation-table",
            caption="The consultation log",
            header=("Date", "With", "Who", "What was said", "Response"),
            rows=rows,
        ),
    ]
    if not staff:
        blocks.append(Draft(text="Staff and the trade unions have not been consulted yet."))
    return Section("consultation", "Consultation, with staff and unions", tuple(blocks))


def risks(src: Sources) -> Section:
    ranked = sorted(Risk.objects.filter(case=src.case), key=lambda r: (-r.score, r.pk))
    if not ranked:
        return Section("risks", "Main risks", (Draft(text="The risk register is empty."),))
    rows = tuple(
        (r.description, str(r.score), r.mitigation, str(r.residual_score), r.get_status_display())
        for r in ranked[:MAIN_RISKS]
    )
    return Section(
        "risks",
        "Main risks",
        (
            Table(
                key="risks-table",
                caption=f"The {len(rows)} highest-scoring risks (likelihood × impact, out of 25)",
                header=("Risk", "Score", "Mitigation", "Residual score", "Status"),
                rows=rows,
                numeric=(1, 3),
            ),
        ),
    )


def _case_facts(src: Sources, kind: str) -> list[Block]:
    """What the case itself holds on an implication, quoted as the case's."""
    case = src.case
    if kind == ImplicationKind.STAFFING and case.staffing_implications:
        facts = [f"The business case says: {case.staffing_implications}"]
        if case.job_protection:
            facts.append(f"Job protection: {case.job_protection}")
        return [Para(text=t) for t in facts]
    return []


def implications(src: Sources) -> list[Section]:
    sections = [Section("implications", "Implications", ())]
    for kind in ImplicationKind.values:
        done = src.implications.get(kind)
        title = implication_heading(kind)
        who = SIGNATORY.get(kind, "responsible officer")
        if done is None:
            blocks = [
                *_case_facts(src, kind),
                Draft(
                    text=f"Not signed off yet: to be written and signed off by the {who.lower()}."
                ),
            ]
        else:
            blocks = [Para(text=p.strip()) for p in done.text.split("\n\n") if p.strip()]
            if done.officer_comments:
                blocks.append(Para(text=f"Comments of the {who.lower()}: {done.officer_comments}"))
            if done.is_signed:
                blocks.append(
                    Para(
                        key=f"signed-{kind}",
                        text=f"Signed off by {done.signed_off_by}, {done.signed_off_role},"
                        f" on {done.signed_off_at:%-d %B %Y}.",
                    )
                )
            else:
                blocks.append(
                    Draft(text=f"Not signed off yet: to be signed off by the {who.lower()}.")
                )
        sections.append(Section(f"implication-{kind}", title, tuple(blocks), level=2))
    return sections


def closing(src: Sources) -> list[Section]:
    r = src.report
    conclusions = (
        tuple(Para(text=p.strip()) for p in r.conclusions.split("\n\n") if p.strip())
        if r.conclusions.strip()
        else (Draft(text="The conclusions are not written yet."),)
    )
    papers = (
        Para(
            text="Background papers (section 100D of the Local Government Act 1972): "
            + r.background_papers
        )
        if r.background_papers.strip()
        else Draft(
            text="List the background papers (section 100D of the Local Government Act 1972)."
        )
    )
    if r.contact_name and (r.contact_phone or r.contact_email):
        contact: Block = Items(
            items=tuple(
                x
                for x in (
                    r.contact_name,
                    r.contact_phone and f"Telephone: {r.contact_phone}",
                    r.contact_email and f"E-mail: {r.contact_email}",
                )
                if x
            )
        )
    else:
        contact = Draft(text="Give the contact officer's name, telephone and e-mail.")
    return [
        Section("conclusions", "Conclusions", conclusions),
        Section("background-papers", "Background papers", (papers,)),
        Section("contact", "Contact officer", (contact,)),
    ]
