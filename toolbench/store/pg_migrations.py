"""The PostgreSQL store's schema, as an ordered list of versioned migrations.

Each migration is applied inside one transaction and recorded in `schema_migrations`
(`toolbench.store.postgres.init_store` and `migrate_store` run them); a migration once
released is never edited, a change is a new one at the end.

The events are kept exactly as the SQLite store keeps them: the payload as TEXT, as
`canonical_json` wrote it (jsonb would reorder its keys and the stored hash would no
longer be over the stored bytes), so verification is shared and an archive cannot
tell which store it came from.

Who may do what is enforced by the database itself, for three group roles per
database (role names are cluster-wide, so each is prefixed with the database's name,
see `role_names`):

- secretariat: reads everything, appends any event, keeps the bookkeeping (`meta`)
  and the projection (`latest`), maps login roles to evaluators (`evaluator_roles`).
- evaluator: reads everything; appends only `score.recorded` events whose payload's
  `evaluator` is the one `evaluator_roles` maps its login role (`session_user`) to,
  and writes `meta` and `latest` only to the head and the cells of the events its
  own transaction inserted (row-level security policies, checked per row).
- auditor: reads only.

Nobody updates or deletes an event: no role is granted it, and triggers refuse it
even to the tables' owner (a superuser can disable them; `audit verify` then names
the edited event).
"""

from __future__ import annotations

import hashlib
from typing import Final, NamedTuple

SCORE_KIND: Final = "score.recorded"
"""The only kind an evaluator's login role may append (`toolbench.methods.evaluation.SCORE_RECORDED`)."""

ROLE_PARTS: Final = ("secretariat", "evaluator", "auditor")
_NAME_BYTES: Final = 63  # PostgreSQL's identifier limit (NAMEDATALEN - 1)


class Migration(NamedTuple):
    version: int
    name: str
    sql: str
    """With `{secretariat}`, `{evaluator}`, `{auditor}` (quoted role names) to fill in."""

    @property
    def label(self) -> str:
        return f"{self.version:04d}_{self.name}"


def role_names(database: str) -> dict[str, str]:
    """The three group roles of the store in `database`: `<database>_toolbench_<part>`.

    A name longer than PostgreSQL keeps (63 bytes) has its database part shortened and
    a hash of the whole database name added, so two databases never share a role.
    """
    names = {}
    for part in ROLE_PARTS:
        name = f"{database}_toolbench_{part}"
        if len(name.encode("utf-8")) > _NAME_BYTES:
            tag = hashlib.sha256(database.encode("utf-8")).hexdigest()[:8]
            room = _NAME_BYTES - len(f"_{tag}_toolbench_{part}")
            head = database.encode("utf-8")[:room].decode("utf-8", errors="ignore")
            name = f"{head}_{tag}_toolbench_{part}"
        names[part] = name
    return names


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


_TABLES = r"""
CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE events (
    seq bigint PRIMARY KEY,
    ts text NOT NULL,
    actor text NOT NULL,
    kind text NOT NULL,
    payload text NOT NULL,
    plan_hash text NOT NULL,
    prev_hash text NOT NULL,
    hash text NOT NULL UNIQUE
);
CREATE INDEX events_by_kind ON events (kind, seq);
CREATE TABLE latest (kind text NOT NULL, key text NOT NULL, seq bigint NOT NULL, PRIMARY KEY (kind, key));
CREATE FUNCTION toolbench_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION toolbench_append_only();
CREATE TRIGGER events_no_delete BEFORE DELETE ON events FOR EACH ROW EXECUTE FUNCTION toolbench_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION toolbench_append_only();
INSERT INTO meta (key, value) VALUES
    ('format', 'toolbench-ledger'),
    ('version', '1'),
    ('head_seq', '0'),
    ('head_hash', '0000000000000000000000000000000000000000000000000000000000000000'),
    ('projected_seq', '0');
"""

# The evaluator's rules, as row-level security policies (a table's owner is not bound by them).
# `e.xmin = pg_current_xact_id()::xid`: the event was inserted by this very transaction.
_ROLES = r"""
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {secretariat_name}) THEN
        CREATE ROLE {secretariat} NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {evaluator_name}) THEN
        CREATE ROLE {evaluator} NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {auditor_name}) THEN
        CREATE ROLE {auditor} NOLOGIN;
    END IF;
END
$$;
CREATE TABLE evaluator_roles (role_name text PRIMARY KEY, evaluator text NOT NULL);
REVOKE ALL ON meta, events, latest, evaluator_roles, schema_migrations FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO {secretariat}, {evaluator}, {auditor};
GRANT SELECT ON meta, events, latest, evaluator_roles, schema_migrations TO {secretariat}, {evaluator}, {auditor};
GRANT INSERT ON events TO {secretariat}, {evaluator};
GRANT INSERT, UPDATE, DELETE ON latest TO {secretariat};
GRANT INSERT, UPDATE ON meta TO {secretariat};
GRANT INSERT, UPDATE, DELETE ON evaluator_roles TO {secretariat};
GRANT INSERT, UPDATE ON latest TO {evaluator};
GRANT UPDATE ON meta TO {evaluator};

ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE latest ENABLE ROW LEVEL SECURITY;
ALTER TABLE meta ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON events FOR SELECT TO {secretariat}, {evaluator}, {auditor} USING (true);
CREATE POLICY everyone_reads ON latest FOR SELECT TO {secretariat}, {evaluator}, {auditor} USING (true);
CREATE POLICY everyone_reads ON meta FOR SELECT TO {secretariat}, {evaluator}, {auditor} USING (true);
CREATE POLICY secretariat_appends ON events FOR INSERT TO {secretariat} WITH CHECK (true);
CREATE POLICY secretariat_keeps ON latest FOR ALL TO {secretariat} USING (true) WITH CHECK (true);
CREATE POLICY secretariat_keeps ON meta FOR ALL TO {secretariat} USING (true) WITH CHECK (true);

CREATE POLICY evaluator_scores ON events FOR INSERT TO {evaluator} WITH CHECK (
    kind = {score_kind}
    AND jsonb_typeof(payload::jsonb -> 'tool') = 'string'
    AND jsonb_typeof(payload::jsonb -> 'criterion') = 'string'
    AND jsonb_typeof(payload::jsonb -> 'evaluator') = 'string'
    AND payload::jsonb ->> 'evaluator' = (SELECT r.evaluator FROM evaluator_roles r WHERE r.role_name = session_user)
);
CREATE POLICY evaluator_cells ON latest FOR INSERT TO {evaluator} WITH CHECK (
    EXISTS (
        SELECT FROM events e
        WHERE e.seq = latest.seq AND e.kind = latest.kind AND e.xmin = pg_current_xact_id()::xid
          AND latest.key = concat_ws(E'\x1f', e.payload::jsonb ->> 'tool', e.payload::jsonb ->> 'evaluator',
                                     e.payload::jsonb ->> 'criterion')
    )
);
CREATE POLICY evaluator_cells_moved ON latest FOR UPDATE TO {evaluator} USING (kind = {score_kind}) WITH CHECK (
    EXISTS (
        SELECT FROM events e
        WHERE e.seq = latest.seq AND e.kind = latest.kind AND e.xmin = pg_current_xact_id()::xid
          AND latest.key = concat_ws(E'\x1f', e.payload::jsonb ->> 'tool', e.payload::jsonb ->> 'evaluator',
                                     e.payload::jsonb ->> 'criterion')
    )
);
CREATE POLICY evaluator_head ON meta FOR UPDATE TO {evaluator}
    USING (key IN ('head_seq', 'head_hash', 'projected_seq'))
    WITH CHECK (
        EXISTS (
            SELECT FROM (SELECT seq, hash, xmin FROM events ORDER BY seq DESC LIMIT 1) e
            WHERE e.xmin = pg_current_xact_id()::xid
              AND meta.value = CASE meta.key WHEN 'head_hash' THEN e.hash ELSE e.seq::text END
        )
    );
"""

MIGRATIONS: Final[tuple[Migration, ...]] = (
    Migration(1, "ledger_tables", _TABLES),
    Migration(2, "roles_and_grants", _ROLES),
)
"""Every migration, in the order they are applied."""

SCHEMA_VERSION: Final = MIGRATIONS[-1].version


def migration_sql(migration: Migration, database: str) -> str:
    """The migration's SQL for the store in `database`, with its role names filled in."""
    roles = role_names(database)
    fields = {part: quote_identifier(name) for part, name in roles.items()}
    fields |= {f"{part}_name": quote_literal(name) for part, name in roles.items()}
    return migration.sql.format(score_kind=quote_literal(SCORE_KIND), **fields)
