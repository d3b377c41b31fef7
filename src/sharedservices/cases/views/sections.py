from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from sharedservices.base.access import council_owned
from sharedservices.cases import services
from sharedservices.cases.forms import SectionForm
from sharedservices.cases.guidance import SECTION_GUIDANCE
from sharedservices.cases.models import CaseSection, SectionPart
from sharedservices.cases.views.common import case_context, edit_page, get_case, require_draft


@council_owned
def sections(request, pk):
    case = get_case(request, pk)
    by_part = {s.part: s for s in case.sections.select_related("updated_by")}
    parts = [
        {"part": part, "section": by_part.get(part), "guidance": SECTION_GUIDANCE[part]}
        for part in SectionPart
    ]
    return render(
        request, "cases/sections.html", case_context(request, case, "sections", parts=parts)
    )


@council_owned
def section_edit(request, pk, part):
    case = get_case(request, pk)
    require_draft(request, case)
    if part not in SectionPart.values:
        raise Http404
    section = get_object_or_404(CaseSection, case=case, part=part)
    form = SectionForm(
        request.POST or None,
        label=section.get_part_display(),
        initial={"body": section.body, "revision": section.revision},
    )

    def save(form):
        services.case_section_update(
            section=section,
            user=request.user,
            body=form.cleaned_data["body"],
            expected_revision=form.cleaned_data["revision"],
        )

    return edit_page(
        request,
        case,
        form=form,
        save=save,
        page="sections",
        title=f"Write the {section.get_part_display().lower()}",
        success=f"{section.get_part_display()} saved",
        next_url=case.get_absolute_url() + "sections/#" + part,
        guidance=SECTION_GUIDANCE[part],
    )
