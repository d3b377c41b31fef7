"""How django-axes tells one account from another when counting failures.

E-mail addresses are case-insensitive here (the user manager matches them with
``iexact``), so failures for ``Officer@x`` and ``officer@x`` count together;
otherwise changing the case would give an attacker five more tries. Also: the
client's address behind reverse proxies, and a limit per client across accounts.
"""

from __future__ import annotations

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def username_for_lockout(request, credentials=None) -> str | None:
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = getattr(request, "POST", {}).get("username")
    return value.strip().lower() if isinstance(value, str) else None


def client_ip(request) -> str | None:
    """The client's address, seen through ``TRUSTED_PROXY_COUNT`` reverse proxies.

    Each proxy appends the address it received the request from to
    ``X-Forwarded-For``, so with N trusted proxies the client is the N-th entry from
    the right; anything left of it was written by the client and is ignored. With no
    proxies (the default) the header is ignored entirely: otherwise anyone could
    claim any address, and lock anyone else out. Too few entries (a request that
    bypassed the proxies) falls back to the connecting address.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    entries = [e.strip() for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    entries = [e for e in entries if e]
    if len(entries) < count:
        return remote
    candidate = entries[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class ClientAwareHandler(AxesDatabaseHandler):
    """django-axes' database handler plus a limit per client across accounts.

    Axes counts failures per (address, client), so 60 guesses spread over 15
    accounts from one client were never stopped. Here a client is also locked once
    its failures over every account reach ``AXES_CLIENT_FAILURE_LIMIT`` within the
    cool-off time (30 minutes), using the attempts axes already records.
    """

    def client_failures(self, request) -> int:
        ip = getattr(request, "axes_ip_address", None) or client_ip(request)
        since = timezone.now() - settings.AXES_COOLOFF_TIME
        total = AccessAttempt.objects.filter(ip_address=ip, attempt_time__gte=since).aggregate(
            n=Sum("failures_since_start")
        )["n"]
        return total or 0

    def client_locked(self, request) -> bool:
        return self.client_failures(request) >= settings.AXES_CLIENT_FAILURE_LIMIT

    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or self.client_locked(request)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        already = request is None or getattr(request, "axes_locked_out", False)
        if not already and self.client_locked(request):
            request.axes_locked_out = True
            request.axes_credentials = credentials
