"""A finished partner search, arranged for its page: one table row per
council, grouped by partnership, with names in place of codes."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from sharedservices.jobs.models import AnalysisJob
from sharedservices.jobs.selectors import council_names, council_postcodes


def coalitions_table(job: AnalysisJob) -> dict:
    result = job.result or {}
    inputs = {c.get("code"): c for c in (job.input or {}).get("councils", [])}
    entries = result.get("coalitions", [])
    names = council_names([code for e in entries for code in e["members"]])
    postcodes = council_postcodes(names)
    shared = sorted(
        (e for e in entries if len(e["members"]) > 1), key=lambda e: (-e["saving"], e["members"])
    )
    alone = [e for e in entries if len(e["members"]) == 1]
    partnerships, map_groups = [], {}
    for number, entry in enumerate(shared, 1):
        rows = []
        for code in sorted(entry["members"], key=lambda c: names.get(c, c)):
            baseline = inputs.get(code, {}).get("baseline_cost")
            size = inputs.get(code, {}).get("workload")
            share = entry["shares"].get(code, 0.0)
            rows.append(
                {
                    "code": code,
                    "name": names.get(code, code),
                    "hub": code == entry["hub"],
                    "size": size,
                    # The user's household count, or the postcode proxy (jobs/partners.py).
                    "size_is_postcodes": size is not None and size == postcodes.get(code),
                    "baseline_cost": baseline,
                    "share": share,
                    "share_pct": (100 * share / baseline) if baseline else None,
                }
            )
            map_groups[code] = number
        # The next step: the programme's "Record an opportunity", its partners filled in.
        query = [("council", code) for code in entry["members"]]
        query.append(("title", f"{job.title or 'Partner search'}: partnership {number}"[:200]))
        partnerships.append(
            {
                "start_opportunity": reverse("programme:opportunity-create")
                + "?"
                + urlencode(query),
                "number": number,
                "hub_name": names.get(entry["hub"], entry["hub"]),
                "saving": entry["saving"],
                "rows": rows,
            }
        )
    standing_alone = sorted(
        (
            {"code": e["members"][0], "name": names.get(e["members"][0], e["members"][0])}
            for e in alone
        ),
        key=lambda r: r["name"],
    )
    for row in standing_alone:
        map_groups[row["code"]] = 0
    together = (job.input or {}).get("constraints", {}).get("together") or []
    kept = council_names({code for pair in together for code in pair})
    return {
        "kept_together": [(kept.get(a, a), kept.get(b, b)) for a, b in together],
        "partnerships": partnerships,
        "alone": standing_alone,
        "total_saving": result.get("total_saving", 0.0),
        "optimal": bool(result.get("optimal")),
        "gap_pct": 100 * float(result.get("gap") or 0.0),
        "seconds": result.get("seconds"),
        "map_groups": map_groups,
        "names": names,
    }
