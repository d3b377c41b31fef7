"""Error reporting to Sentry, switched on by ``SENTRY_DSN`` (off when it is unset).

No personal data is sent (``send_default_pii=False``); each event carries the
request id and the environment named in ``SENTRY_ENVIRONMENT``.
"""

from __future__ import annotations

from collections.abc import Mapping


def init_sentry(environ: Mapping[str, str]) -> bool:
    """Start the SDK when a DSN is configured; say whether it started."""
    dsn = environ.get("SENTRY_DSN", "").strip()
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environ.get("SENTRY_ENVIRONMENT", "production"),
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        traces_sample_rate=float(environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
    return True
