"""A fresh database for one benchmark run, made beside the one DATABASE_URL names and dropped at the end."""

from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


class FreshDatabase:
    """`url` names a database on the server of `source_url`, called after it with `suffix`."""

    def __init__(self, source_url: str, suffix: str) -> None:
        parts = urlsplit(source_url)
        self.name = parts.path.lstrip("/") + suffix
        self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
        self._server = urlunsplit(parts._replace(path="/postgres"))

    def _execute(self, statement: sql.Composed) -> None:
        with psycopg.connect(self._server, autocommit=True) as connection:
            connection.execute(statement)

    def create(self) -> None:
        """Make it empty: one left by an interrupted run is dropped first."""
        self.drop()
        self._execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name)))

    def drop(self) -> None:
        self._execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.name)))
