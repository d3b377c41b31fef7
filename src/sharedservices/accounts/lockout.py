"""How django-axes tells one account from another when counting failures.

E-mail addresses are case-insensitive here (the user manager matches them with
``iexact``), so failures for ``Officer@x`` and ``officer@x`` count together;
otherwise changing the case would give an attacker five more tries.
"""


def username_for_lockout(request, credentials=None) -> str | None:
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = getattr(request, "POST", {}).get("username")
    return value.strip().lower() if isinstance(value, str) else None
