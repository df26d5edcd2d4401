"""The PostgreSQL server the store tests run against, and throwaway databases on it.

The server is the one at $TOOLBENCH_TEST_POSTGRES (default: trust authentication as
`postgres` on 127.0.0.1:5432, database `test`). Each test database is named
`toolbench_test_<random>`; it, its three toolbench group roles and every login role
made for it (`<database>_<name>`) are dropped afterwards, even when the test fails.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

ADMIN_URL = os.environ.get("TOOLBENCH_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


def unreachable() -> str | None:
    """Why the test server cannot be used, or None when it can."""
    try:
        with psycopg.connect(ADMIN_URL, connect_timeout=3):
            return None
    except psycopg.Error as error:
        return f"no PostgreSQL server for the store tests at {ADMIN_URL} ({str(error).strip().splitlines()[0]})"


def url_for(database: str, user: str | None = None, password: str | None = None) -> str:
    parts = urlsplit(ADMIN_URL)
    host = parts.hostname or "127.0.0.1"
    login = user or parts.username or "postgres"
    credentials = f"{login}:{password}" if password else login
    return urlunsplit((parts.scheme, f"{credentials}@{host}:{parts.port or 5432}", f"/{database}", "", ""))


def admin(autocommit: bool = True) -> psycopg.Connection[tuple[Any, ...]]:
    return psycopg.connect(ADMIN_URL, autocommit=autocommit)


@dataclass
class Database:
    name: str

    @property
    def url(self) -> str:
        return url_for(self.name)

    def url_as(self, login: str, password: str | None = None) -> str:
        return url_for(self.name, self.login(login), password)

    def login(self, name: str) -> str:
        return f"{self.name}_{name}"

    def make_login(self, name: str) -> str:
        """A login role for this database (dropped with it)."""
        role = self.login(name)
        with admin() as conn:
            conn.execute(f'CREATE ROLE "{role}" LOGIN')
        return role

    def connect(self, login: str | None = None) -> psycopg.Connection[tuple[Any, ...]]:
        return psycopg.connect(self.url_as(login) if login else self.url, autocommit=True)


def drop(name: str) -> None:
    with admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        roles = conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (f"{name}\\_%",)).fetchall()
        for (role,) in roles:
            conn.execute(f'DROP ROLE IF EXISTS "{role}"')


@contextmanager
def database() -> Iterator[Database]:
    """A new empty database, dropped (with its roles) afterwards."""
    name = f"toolbench_test_{secrets.token_hex(5)}"
    with admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield Database(name)
    finally:
        drop(name)
