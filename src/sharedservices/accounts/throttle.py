"""Two limits django-axes does not give (issue 27, item 7).

**Sign-in per account, across clients.** Axes locks an address for 30 minutes after
``AXES_FAILURE_LIMIT`` failures from one client, so six clients could guess 24 times
and a seventh still try. Here, once an account has ``SIGN_IN_ACCOUNT_FREE_FAILURES``
failures from any clients within the cool-off time, each further attempt waits
2, 4, 8 ... seconds after the last failure, at most ``SIGN_IN_ACCOUNT_MAX_DELAY``.
A delay, not a lock: an attacker gets one guess per delay, and the real user waits
at most that long, however many guesses were made. An attempt refused for the delay
is not counted (the password is not even checked).

**Password-reset e-mails**, per address and per client in a fixed window
(``PASSWORD_RESET_LIMITS``); past either, the page says what it always says and no
e-mail is sent, so it neither floods an inbox nor tells which addresses exist.
"""

from __future__ import annotations

import math
import time

from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, Sum
from django.utils import timezone

PERIODS = {"minute": 60, "hour": 3600, "day": 86400}


def account_wait(username: str | None) -> int:
    """Seconds the account's next sign-in attempt must wait (0: none)."""
    if not username:
        return 0
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    seen = AccessAttempt.objects.filter(
        username=username.strip().lower(), attempt_time__gte=since
    ).aggregate(n=Sum("failures_since_start"), last=Max("attempt_time"))
    failures, last = seen["n"] or 0, seen["last"]
    free = settings.SIGN_IN_ACCOUNT_FREE_FAILURES
    if failures < free or last is None:
        return 0
    delay = min(2 ** (failures - free + 1), settings.SIGN_IN_ACCOUNT_MAX_DELAY)
    return max(0, math.ceil(delay - (timezone.now() - last).total_seconds()))


def within_limit(scope: str, key: str, rate: str) -> bool:
    """Count one event for ``key`` in ``scope``; False past ``rate`` ("3/hour")."""
    count, _, period = rate.partition("/")
    seconds = PERIODS[period.strip()]
    window = int(time.time() // seconds)
    name = f"throttle:{scope}:{key}:{window}"
    cache.add(name, 0, timeout=seconds + 5)
    try:
        used = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=seconds + 5)
        used = 1
    return used <= int(count)


def password_reset_allowed(*, email: str, client: str | None) -> bool:
    limits = settings.PASSWORD_RESET_LIMITS
    by_address = within_limit("reset-address", email.strip().lower(), limits["address"])
    by_client = within_limit("reset-client", client or "unknown", limits["client"])
    return by_address and by_client
