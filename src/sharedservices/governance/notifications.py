"""E-mail the people who must act next. Every message holds a link to the case and the
name of what waits, never the case's content: the content stays behind the sign-in.

Sent after the transaction commits (a refused or rolled-back move sends nothing),
through Django's mail framework (the console backend in the demo).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse

from sharedservices.accounts.roles import Role

WHO = {
    "scrutinise": (Role.SCRUTINY_MEMBER, "record your council's scrutiny findings"),
    "decide": (Role.EXECUTIVE_MEMBER, "record your council's decision"),
    "resolve_call_in": (Role.SCRUTINY_MEMBER, "resolve a call-in"),
    "confirm": (Role.DIRECTOR, "confirm the decisions"),
    "implement": (Role.LEAD_OFFICER, "start implementation"),
}


def site_url() -> str:
    return getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/")


def notify_next(records, step: str, *, councils=None) -> int:
    """Queue one e-mail to each user who acts next; returns how many were queued."""
    from sharedservices.accounts.models import User

    role, doing = WHO[step]
    if councils is None:
        councils = (
            [records.case.lead_council] if step in ("confirm", "implement") else (records.active)
        )
    link = site_url() + reverse("governance:case", args=[records.case.pk])
    recipients = list(
        User.objects.filter(
            is_active=True, council__in=[c.pk for c in councils], groups__name=role
        ).values_list("email", flat=True)
    )
    if not recipients:
        return 0
    subject = "Shared Services Hub: a business case waits for you"
    body = (
        f"A shared-services business case is waiting for you to {doing}.\n\n"
        f"Sign in to see it: {link}\n"
    )
    sender = getattr(settings, "DEFAULT_FROM_EMAIL", "noreply@localhost")
    messages = [(subject, body, sender, [email]) for email in recipients]
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))
    return len(messages)
