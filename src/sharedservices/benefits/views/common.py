"""What every benefits page needs: the arrangement, if the user may see it."""

from __future__ import annotations

from django.http import Http404

from sharedservices.registry.models import Arrangement, ArrangementStatus


def arrangement_or_404(user, pk: int) -> Arrangement:
    """A live or ended arrangement the user can see (benefits start at going live)."""
    arrangement = (
        Arrangement.objects.visible_to(user)
        .filter(pk=pk, status__in=(ArrangementStatus.LIVE, ArrangementStatus.ENDED))
        .first()
    )
    if arrangement is None:
        raise Http404("No live arrangement you can see has that number")
    return arrangement


def partner_councils(arrangement):
    return sorted(
        (p.council for p in arrangement.partners.select_related("council") if p.council_id),
        key=lambda c: c.name,
    )
