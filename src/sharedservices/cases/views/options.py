from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from sharedservices.base.access import council_owned
from sharedservices.cases import charts, services
from sharedservices.cases.forms import LineForm, OptionForm, PreferredOptionForm
from sharedservices.cases.models import Option, OptionLine
from sharedservices.cases.views.common import case_context, edit_page, get_case, require_draft


def _options_url(case):
    return reverse("cases:options", args=[case.pk])


@council_owned
def options(request, pk):
    case = get_case(request, pk)
    opts = list(case.options.prefetch_related("lines__partner"))
    return render(
        request,
        "cases/options.html",
        case_context(request, case, "options", options=opts, years=case.years),
    )


@council_owned
def option_edit(request, pk, option_id=None):
    case = get_case(request, pk)
    require_draft(request, case)
    option = get_object_or_404(Option, case=case, pk=option_id) if option_id else Option(case=case)
    form = OptionForm(request.POST or None, instance=option)

    def save(form):
        services.option_save(
            option=form.save(), user=request.user, expected_revision=form.cleaned_data["revision"]
        )

    return edit_page(
        request,
        case,
        form=form,
        save=save,
        page="options",
        title=f"Change {option.name}" if option_id else "Add an option",
        intro="Describe one way of delivering the service. You add its costs and benefits next.",
        success=f"Option {'saved' if option_id else 'added'}; the appraisal has been updated",
        next_url=_options_url(case),
        delete_url=(
            reverse("cases:option-delete", args=[case.pk, option.pk])
            if option_id and not option.is_do_nothing
            else None
        ),
    )


@council_owned
def option_delete(request, pk, option_id):
    case = get_case(request, pk)
    require_draft(request, case)
    option = get_object_or_404(Option, case=case, pk=option_id)
    if request.method == "POST":
        try:
            services.option_delete(option=option, user=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, f"Option {option.name} removed")
        return redirect(_options_url(case))
    return render(
        request,
        "cases/confirm_delete.html",
        case_context(
            request,
            case,
            "options",
            thing=f"the option ‘{option.name}’ and its lines",
            cancel_url=_options_url(case),
        ),
    )


@council_owned
def line_edit(request, pk, option_id, line_id=None):
    case = get_case(request, pk)
    require_draft(request, case)
    option = get_object_or_404(Option, case=case, pk=option_id)
    line = (
        get_object_or_404(OptionLine, option=option, pk=line_id)
        if line_id
        else OptionLine(option=option)
    )
    form = LineForm(request.POST or None, instance=line, case=case)

    def save(form):
        services.option_line_save(
            line=form.save(), user=request.user, expected_revision=form.cleaned_data["revision"]
        )

    return edit_page(
        request,
        case,
        form=form,
        save=save,
        page="options",
        title=f"Change {line.name}" if line_id else f"Add a cost or benefit to {option.name}",
        intro="Enter amounts in real terms. Record a fall in cost as a saving, not as a negative.",
        success="Line saved; the appraisal has been updated",
        next_url=_options_url(case) + f"#option-{option.pk}",
        delete_url=(
            reverse("cases:line-delete", args=[case.pk, option.pk, line.pk]) if line_id else None
        ),
    )


@council_owned
def line_delete(request, pk, option_id, line_id):
    case = get_case(request, pk)
    require_draft(request, case)
    line = get_object_or_404(OptionLine, option__case=case, option_id=option_id, pk=line_id)
    if request.method == "POST":
        services.option_line_delete(line=line, user=request.user)
        messages.success(request, f"{line.name} removed; the appraisal has been updated")
        return redirect(_options_url(case))
    return render(
        request,
        "cases/confirm_delete.html",
        case_context(
            request, case, "options", thing=f"the line ‘{line.name}’", cancel_url=_options_url(case)
        ),
    )


@council_owned
def appraisal(request, pk):
    case = get_case(request, pk)
    result = case.appraisal
    options_view = []
    if result:
        for i, figures in enumerate(result["options"], start=1):
            options_view.append(
                {
                    "ids": {"flows": f"flows-{i}", "tornado": f"tornado-{i}", "mc": f"mc-{i}"},
                    "figures": figures,
                    "has_flows": charts.has_flows(figures),
                    "cash_flows": charts.cash_flow_chart(figures),
                    "tornado": charts.tornado_chart(figures),
                    "distribution": charts.distribution_chart(
                        (result.get("monte_carlo") or {}).get(figures["name"])
                    ),
                    "monte_carlo": (result.get("monte_carlo") or {}).get(figures["name"]),
                }
            )
    return render(
        request,
        "cases/appraisal.html",
        case_context(
            request,
            case,
            "appraisal",
            result=result,
            options_view=options_view,
            summary_chart=charts.npsv_chart(result) if result else None,
        ),
    )


@council_owned
def preferred(request, pk):
    case = get_case(request, pk)
    require_draft(request, case)
    form = PreferredOptionForm(
        request.POST or None,
        case=case,
        initial={
            "option": case.preferred_option_id,
            "reasons": case.preferred_reasons,
            "revision": case.revision,
        },
    )

    def save(form):
        services.case_preferred_option_update(
            case=case,
            user=request.user,
            option=form.cleaned_data["option"],
            reasons=form.cleaned_data["reasons"],
            expected_revision=form.cleaned_data["revision"],
        )

    highest = (case.appraisal or {}).get("preferred_option")
    return edit_page(
        request,
        case,
        form=form,
        save=save,
        page="appraisal",
        title="The preferred option and the reasons",
        intro=(
            f"The appraisal ranks ‘{highest}’ highest on net present social value."
            if highest
            else "The appraisal has not ranked the options yet."
        ),
        success="Preferred option saved",
        next_url=reverse("cases:appraisal", args=[case.pk]),
    )
