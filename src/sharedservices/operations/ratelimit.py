"""Per-user rate limits for the expensive endpoints (Monte Carlo, coalitions, share).

Counted in Django's cache, so every web process shares one count when the cache
is Redis (production, CI) and the limit holds across gunicorn workers. A fixed
window per user and scope: ``RATE_LIMITS = {"share": "60/minute", ...}`` in
settings. Over the limit raises :class:`RateLimited`; the API answers it with 429,
a ``Retry-After`` header and its usual ``{"errors": [{"path", "message"}]}``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.text import slugify

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Rate:
        """``"20/minute"`` -> Rate(20, 60)."""
        count, _, period = text.partition("/")
        return cls(int(count), PERIODS[period.strip()])


class RateLimited(Exception):
    def __init__(self, scope: str, rate: Rate, retry_after: int):
        self.scope = scope
        self.rate = rate
        self.retry_after = retry_after
        super().__init__(self.message)

    @property
    def message(self) -> str:
        unit = {v: k for k, v in PERIODS.items()}.get(self.rate.seconds, f"{self.rate.seconds} s")
        return (
            f"too many requests: at most {self.rate.count} {self.scope} requests per {unit} "
            f"for each user; try again in {self.retry_after} seconds"
        )


def check(user, scope: str) -> None:
    """Count one request by ``user`` in ``scope``; raise :class:`RateLimited` past the limit."""
    configured = getattr(settings, "RATE_LIMITS", {}).get(scope)
    if not configured:
        return
    rate = Rate.parse(configured)
    now = time.time()
    window = int(now // rate.seconds)
    who = user.pk if getattr(user, "is_authenticated", False) else "anonymous"
    key = f"ratelimit:{slugify(scope)}:{who}:{window}"
    cache.add(key, 0, timeout=rate.seconds + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=rate.seconds + 5)
        count = 1
    if count > rate.count:
        retry_after = max(1, int((window + 1) * rate.seconds - now) + 1)
        raise RateLimited(scope, rate, retry_after)
