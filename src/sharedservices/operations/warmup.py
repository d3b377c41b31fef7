"""Do once, before serving, the work every process would otherwise do on its first pages.

A web process pays on its first request for each page: importing every view, building
the URL resolver's reverse tables (the first ``{% url %}``), compiling each template
(Django's cached template loader keeps compiled templates per process) and the form
renderer's widget templates. On two cores that was
seconds of CPU per fresh worker, landing exactly when a deployment's first users
arrive. ``wsgi.py`` calls :func:`warm_up` when it loads; gunicorn's ``preload_app``
runs it once in the master, and every forked worker inherits the result.

Nothing here opens a database, cache or broker connection, so no connection is
shared between forked processes; nothing changes what any page shows.
"""

from __future__ import annotations

import contextlib
import sys
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import get_hashers
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.forms.renderers import get_default_renderer
from django.template import TemplateSyntaxError, engines
from django.urls import NoReverseMatch, get_resolver, reverse
from django.utils import formats
from django.utils.module_loading import import_string


def warm_up() -> dict[str, int]:
    """Load views, URL tables and templates; say how many of each."""
    return {
        "url_patterns": _resolve_urls(),
        "templates": _compile_templates(),
        "form_templates": _compile_form_templates(),
        "request_modules": _import_request_machinery(),
    }


def _resolve_urls() -> int:
    """Import every view (and the API's schema) and build the reverse tables that
    ``reverse()`` and ``{% url %}`` read: the root's, and for each namespace the
    table Django builds on its first reverse under that namespace."""
    root = get_resolver()
    count = len(root.url_patterns)
    root.reverse_dict  # noqa: B018 (built on first access)
    pending = [("", root)]
    while pending:
        path, resolver = pending.pop()
        for namespace, (_, sub) in resolver.namespace_dict.items():
            qualified = f"{path}{namespace}:"
            count += len(sub.url_patterns)
            name = next((n for n in sub.reverse_dict if isinstance(n, str)), None)
            if name is not None:
                # Most names need arguments: the table is built before that is found out.
                with contextlib.suppress(NoReverseMatch):
                    reverse(qualified + name)
            pending.append((qualified, sub))
    return count


def _template_names(directories) -> list[str]:
    names = set()
    for directory in directories:
        root = Path(directory)
        if root.is_dir():
            names.update(
                path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()
            )
    return sorted(names)


def _compile(engine, names) -> int:
    compiled = 0
    for name in names:
        try:
            engine.get_template(name)
        except (TemplateSyntaxError, UnicodeDecodeError):
            # Not a template this engine can read (a third-party file for another
            # engine, or one needing a library that is not installed): the page that
            # uses it, if any, meets the same error it always would.
            continue
        compiled += 1
    return compiled


def _compile_templates() -> int:
    """Every template of every template folder, through the engine's cached loader."""
    compiled = 0
    for engine in engines.all():
        if hasattr(engine, "engine"):  # a Django-language engine
            compiled += _compile(engine, _template_names(engine.template_dirs))
    return compiled


def _compile_form_templates() -> int:
    """The form renderer has an engine (and cache) of its own for widget templates:
    its own folder (Django's widgets) is compiled, not the apps' folders again."""
    engine = getattr(get_default_renderer(), "engine", None)
    if engine is None or not hasattr(engine, "engine"):
        return 0
    return _compile(engine, _template_names(engine.dirs))


def _import_request_machinery() -> int:
    """The modules Django imports on first use inside a request: context processors,
    the language's date formats, the session and message stores, the sign-in lock-out
    handler, the cache client (Redis's took half a second here) and the password
    hashers' libraries (Argon2's). Says how many modules that imported."""
    before = len(sys.modules)
    engines["django"].engine.template_context_processors  # noqa: B018 (imported on access)
    formats.get_format("DATE_FORMAT")
    import_module(settings.SESSION_ENGINE)
    for name in ("SESSION_SERIALIZER", "MESSAGE_STORAGE", "AXES_HANDLER"):
        if getattr(settings, name, None):
            import_string(getattr(settings, name))
    if any(isinstance(caches[alias], RedisCache) for alias in settings.CACHES):
        import_module("redis")  # what Django's Redis client imports when first used
    for hasher in get_hashers():
        if getattr(hasher, "library", None):
            hasher._load_library()
    return len(sys.modules) - before
