"""The one rule for web addresses a person may store: http or https, a host, no
spaces or control characters. Every door that stores a link (the register's form,
API, importer and demo, and any other app's link fields) asks this module, because
a stored address is later shown as ``<a href>`` to anyone, including the public, and
``javascript:``, ``data:`` or ``vbscript:`` there runs in the reader's browser.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

MESSAGE = "Source must be a web address starting http:// or https://"

_django_rule = URLValidator(schemes=["http", "https"])


def web_address_problem(url: str) -> str | None:
    """Why ``url`` may not be stored as a link, or None when it may."""
    if url != url.strip() or any(ord(ch) < 32 or ord(ch) == 127 or ch.isspace() for ch in url):
        return MESSAGE
    try:
        parts = urlsplit(url)
    except ValueError:
        return MESSAGE
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return MESSAGE
    try:
        _django_rule(url)
    except ValidationError:
        return MESSAGE
    return None


def validate_web_address(url: str) -> None:
    """The same rule as a Django validator, for model and form fields."""
    if url and (problem := web_address_problem(url)):
        raise ValidationError(problem, code="invalid")


class WebAddressField(forms.URLField):
    """A form field for a link: Django's URL field (which adds ``https://`` to a bare
    host) held to this module's rule instead of Django's wider one (ftp, ftps)."""

    default_validators = [validate_web_address]
    default_error_messages = {"invalid": MESSAGE}
