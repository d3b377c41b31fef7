"""Every product page as an address, filled in from the demo data: the walk the
plain-words and reflow tests take. New pages join the walk by themselves; a page
whose address needs a value this module cannot fill fails ``test_the_walk_*``."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

from sharedservices.cases.models import BusinessCase

# Django's admin and the API have their own machinery; the sign-out answers POST only.
SKIPPED = ("admin:", "api:", "accounts:sign-out")


def walk(patterns, prefix="", route=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            namespace = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from walk(p.url_patterns, namespace, route + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield f"{prefix}{p.name}", route + str(p.pattern)


def _values(case: BusinessCase) -> dict[str, dict[str, object]]:
    """What each keyword means, by namespace."""
    from sharedservices.cases.models import OptionLine

    line = OptionLine.objects.filter(option__case=case).order_by("pk").first()
    option = line.option if line else case.options.order_by("pk").first()
    evidence = case.evidence.order_by("pk").first()
    common = {
        "code": case.lead_council_id,
        "option_id": option and option.pk,
        "line_id": line and line.pk,
        "baseline_id": (b := case.baselines.order_by("pk").first()) and b.pk,
        "criterion_id": evidence and evidence.criterion_id,
        "part": "strategic",
        "meeting": "executive",  # committee reports
        "kind": "financial",  # a report's implication
    }
    return common


def page_urls(*, case: BusinessCase, ids: dict[str, int]) -> tuple[list[str], list[str]]:
    """(addresses, names that could not be filled). ``ids`` gives the ``pk`` of each
    namespace that needs one (registry, jobs, programme); cases use ``case``."""
    import re

    values = _values(case)
    risk = case.risks.order_by("pk").first()
    consultation = case.consultation.order_by("pk").first()
    urls, unfilled = [], []
    for name, route in walk(get_resolver().url_patterns):
        if name.startswith(SKIPPED):
            continue
        namespace = name.split(":")[0]
        kw = dict(values)
        kw["pk"] = case.pk if namespace == "cases" else ids.get(namespace)
        kw["record_id"] = (
            consultation and consultation.pk if "consultation" in name else risk and risk.pk
        )
        missing = False

        def fill(match, kw=kw):
            nonlocal missing
            value = kw.get(match.group(2))
            if value is None:
                missing = True
                return ""
            return str(value)

        url = "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route).replace("^", "")
        if missing:
            unfilled.append(name)
        else:
            urls.append(url)
    return urls, unfilled
