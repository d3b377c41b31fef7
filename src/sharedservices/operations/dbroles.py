"""Two PostgreSQL roles for production, so the application cannot rewrite history.

The audit trail is append-only by triggers (governance migrations 0002 and 0005), but
a table's owner may disable a trigger, ``ALTER`` the table or ``TRUNCATE`` it. So the
role that owns the tables (and runs ``migrate``) is not the role the application
connects as: the application's role owns nothing and holds only SELECT, INSERT,
UPDATE and DELETE on the tables (no TRUNCATE), and on the audit table only SELECT and
INSERT. ``manage.py postgres_roles`` applies it, run by a superuser after each
``migrate``; README "Production" says how.
"""

from __future__ import annotations

from psycopg import sql

AUDIT_TABLE = "governance_auditevent"


def create_statements(*, owner: str, app: str, passwords: dict[str, str]) -> list:
    """The two roles, made if missing, each able to sign in (with its password if
    given); the application's role with no special power."""
    out = []
    for role in (owner, app):
        out.append(
            sql.SQL(
                "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {name})"
                " THEN CREATE ROLE {role} LOGIN; END IF; END $$"
            ).format(name=sql.Literal(role), role=sql.Identifier(role))
        )
        if passwords.get(role):
            out.append(
                sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                    sql.Identifier(role), sql.Literal(passwords[role])
                )
            )
    out.append(
        sql.SQL(
            "ALTER ROLE {} NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
        ).format(sql.Identifier(app))
    )
    return out


def grant_statements(*, owner: str, app: str, database: str, owned: list[tuple[str, str]]):
    """``owned``: (kind, name) of every table, sequence, view and function in the
    public schema, as ``owned_objects`` reads them; each is given to ``owner``."""
    o, a = sql.Identifier(owner), sql.Identifier(app)
    out = [
        sql.SQL("ALTER DATABASE {} OWNER TO {}").format(sql.Identifier(database), o),
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), a),
        sql.SQL("ALTER SCHEMA public OWNER TO {}").format(o),
        sql.SQL("REVOKE CREATE ON SCHEMA public FROM PUBLIC"),
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(a),
    ]
    for kind, name in owned:
        target = sql.SQL(name) if kind == "FUNCTION" else sql.Identifier(name)
        out.append(sql.SQL(f"ALTER {kind} {{}} OWNER TO {{}}").format(target, o))
    out += [
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(
            a
        ),
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(a),
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA public"
            " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {}"
        ).format(o, a),
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA public"
            " GRANT USAGE, SELECT ON SEQUENCES TO {}"
        ).format(o, a),
        sql.SQL("REVOKE UPDATE, DELETE, TRUNCATE ON {} FROM {}").format(
            sql.Identifier(AUDIT_TABLE), a
        ),
    ]
    return out


OWNED_OBJECTS = """
    SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
           WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, c.relname
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
       AND NOT (c.relkind = 'S' AND EXISTS (
           SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
    UNION ALL
    SELECT 'FUNCTION', p.oid::regprocedure::text
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'public'
"""


def apply_roles(cursor, *, owner: str, app: str, passwords: dict[str, str] | None = None):
    """Make the roles and give the owner everything, the application its grants.
    ``cursor``: a superuser's, on the application's database."""
    for statement in create_statements(owner=owner, app=app, passwords=passwords or {}):
        cursor.execute(statement)
    cursor.execute("SELECT current_database()")
    (database,) = cursor.fetchone()
    cursor.execute(OWNED_OBJECTS)
    owned = list(cursor.fetchall())
    for statement in grant_statements(owner=owner, app=app, database=database, owned=owned):
        cursor.execute(statement)
