"""Overdue returns e-mailed once: each (indicator, council, period) that is overdue gets an
``OverdueNotice`` row and one e-mail to the council's officers and lead officers, as
governance e-mails who acts next: a link and what is owed, never the figures."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from sharedservices.accounts.roles import Role
from sharedservices.benefits.models import Indicator, OverdueNotice
from sharedservices.benefits.selectors import indicator_views
from sharedservices.governance.notifications import site_url
from sharedservices.registry.models import ArrangementStatus


def overdue_notify(*, today: datetime.date | None = None) -> int:
    """E-mail every overdue return not e-mailed before; returns how many e-mails."""
    from sharedservices.accounts.models import User

    indicators = Indicator.objects.filter(
        arrangement__status=ArrangementStatus.LIVE
    ).prefetch_related("councils", "baselines__council")
    sender = getattr(settings, "DEFAULT_FROM_EMAIL", "noreply@localhost")
    messages = []
    for view in indicator_views(indicators, today=today, rows=False):
        ind = view.indicator
        for council, period in view.overdue:
            try:
                with transaction.atomic():
                    OverdueNotice.objects.create(indicator=ind, council=council, period=str(period))
            except IntegrityError:
                continue  # e-mailed already
            link = site_url() + reverse("benefits:enter", args=[ind.arrangement_id])
            body = (
                f"{council.name}'s return of '{ind.name}' for {period.label} is overdue.\n\n"
                f"Sign in to enter it: {link}?indicator={ind.pk}\n"
            )
            for email in (
                User.objects.filter(
                    is_active=True,
                    council=council,
                    groups__name__in=[Role.OFFICER, Role.LEAD_OFFICER],
                )
                .values_list("email", flat=True)
                .distinct()
            ):
                messages.append(("Shared Services Hub: a return is overdue", body, sender, [email]))
    if messages:
        send_mass_mail(messages, fail_silently=True)
    return len(messages)
