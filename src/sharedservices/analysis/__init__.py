"""The numbers behind Shared Services Hub, with no Django in sight.

Everything here is plain Python and numpy so that the same functions serve the
web app, the JSON API and ``python -m sharedservices.analysis`` alike, and can be
tested without a database. Each public entry point takes and returns plain
JSON-able data; bad input raises :class:`InputError` naming every bad field.
"""

from sharedservices.analysis.errors import InputError

__all__ = ["InputError"]
