"""Store connections: SQLite by default (one file, no server), PostgreSQL with a postgresql:// URL (psycopg 3).

Both run the same SQL, written with «?» placeholders (turned into «%s» for psycopg), and the same versioned
migrations (migrations/<backend>/NNNN_name.sql, recorded in schema_migrations and applied in order, each in its
own transaction).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import time
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, Iterator, Sequence

from ..errors import MarsadInputError

DEFAULT_DB = "marsad.db"
MIGRATION_LOCK = 0x6D61727361640001  # PostgreSQL advisory lock key of Marsad's migrations ("marsad", 1)
_MIGRATION = re.compile(r"(\d{4})_(\w+)\.sql")


class StoreError(MarsadInputError):
    """A store that cannot be opened or migrated: a user error (bad URL, no server), reported in one line."""


class Store:
    backend = "sqlite"
    applied: list[int] = []  # the migrations open_store applied to this store (none: it was up to date)

    def __init__(self, url: str, create: bool = True, read_only: bool = False) -> None:
        self.url = url
        self.read_only = read_only
        self.conn = self._connect(url, create and not read_only)
        if create and not read_only:
            self._configure()
        if not create or read_only:
            try:
                found = self.is_marsad_store()
            except sqlite3.DatabaseError as exc:  # e.g. "file is not a database"
                self.close()
                raise StoreError("E083", f"{redact(url)} is not a Marsad store: {exc}") from None
            if not found:
                self.close()
                raise StoreError("E083", f"{redact(url)} is not a Marsad store (create one with marsad ingest)")

    # -- connection -----------------------------------------------------------------------------------------
    def _connect(self, url: str, create: bool):
        path = sqlite_path(url)
        memory = path == ":memory:"
        if not create and not memory and not Path(path).is_file():
            what = "is not a file" if Path(path).exists() else "does not exist"
            raise StoreError("E083", f"no store at {path!r}: it {what} (marsad ingest creates a store; "
                                     "--db names another)")
        try:
            if create and not memory:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            # mode=rw: a read command never creates the file it was pointed at; mode=ro (marsad serve): nothing
            # this connection runs can change the store
            mode = "ro" if getattr(self, "read_only", False) else "rw"
            target = path if create or memory else f"file:{Path(path).resolve()}?mode={mode}"
            conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False,
                                   uri=not (create or memory))
            # busy_timeout first: the journal_mode switch in _configure already needs the lock another process
            # may hold while it creates or migrates the same store
            conn.execute("PRAGMA busy_timeout=30000")
        except sqlite3.Error as exc:
            raise StoreError("E080", f"cannot open the SQLite store {path!r}: {exc}") from None
        return conn

    def _configure(self) -> None:
        # WAL: readers (search) never block the ingest writer, and a killed writer loses only its open
        # transaction; synchronous=NORMAL is durable at every checkpoint and enough with WAL.
        try:
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            raise StoreError("E080", f"cannot open the SQLite store {self.url!r}: {exc}") from None
        # The switch to WAL needs the file to itself, and SQLite answers "locked" at once, without its busy
        # handler, while another process (a second ingest started at the same moment) has the store open. The
        # mode is kept in the file, so one process setting it is enough: try for a while, then go on without.
        for attempt in range(50):
            try:
                self.conn.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError:
                time.sleep(0.02 * (attempt + 1))

    def sql(self, statement: str) -> str:
        return statement

    def is_marsad_store(self) -> bool:
        """Whether the store has been created by Marsad (its migrations table exists); reads nothing else."""
        return self.scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = "
                           "'schema_migrations'") == 1

    def execute(self, statement: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(self.sql(statement), params)

    def executemany(self, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.conn.executemany(self.sql(statement), rows)

    def query(self, statement: str, params: Sequence[Any] = ()) -> list[tuple]:
        return list(self.execute(statement, params).fetchall())

    def scalar(self, statement: str, params: Sequence[Any] = ()) -> Any:
        row = self.execute(statement, params).fetchone()
        return row[0] if row else None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def insert_returning_seq(self, statement: str, params: Sequence[Any]) -> int:
        return self.execute(statement, params).lastrowid

    def close(self) -> None:
        self.conn.close()

    # -- migrations -----------------------------------------------------------------------------------------
    def migrations(self) -> list[tuple[int, str, str]]:
        folder = resources.files("marsad.store.migrations").joinpath(self.backend)
        found = []
        for entry in folder.iterdir():
            m = _MIGRATION.fullmatch(entry.name)
            if m:
                found.append((int(m.group(1)), m.group(2), entry.read_text("utf-8")))
        return sorted(found)

    def version(self) -> int:
        """The store's schema version (0: not created yet). Reads only."""
        if not self.is_marsad_store():
            return 0
        return self.scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations") or 0

    def migrate(self) -> list[int]:
        """Apply every migration newer than the store's version; returns the versions applied.

        Safe when several processes open a new or old store at once (two `marsad ingest` started together):
        each migration runs in a transaction that first takes the store's write lock (`_lock_for_migration`),
        then reads the version again and does nothing when another process has applied it meanwhile."""
        pending = [m for m in self.migrations() if m[0] > self.version()]
        applied = []
        for version, name, script in pending:
            with self.transaction():
                self._lock_for_migration()
                self.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                             "name TEXT NOT NULL, applied_at TEXT NOT NULL)")
                if self.scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations") >= version:
                    continue  # applied by another process while this one waited for the lock
                self._run_script(script)
                if version in BACKFILLS:
                    BACKFILLS[version](self)
                self.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                             (version, name, now()))
            applied.append(version)
        return applied

    def _lock_for_migration(self) -> None:
        pass  # SQLite: BEGIN IMMEDIATE (transaction()) already holds the one write lock

    def _run_script(self, script: str) -> None:
        for statement in split_sql(script):
            self.conn.execute(statement)

    # -- backend differences ---------------------------------------------------------------------------------
    def index_search(self, seq: int, title_terms: str, body_terms: str) -> None:
        self.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)", (seq, title_terms, body_terms))

    def unindex_search(self, seq: int, title_terms: str, body_terms: str) -> None:
        # a contentless FTS5 table forgets a row by being told the terms it was indexed with
        self.execute("INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
                     (seq, title_terms, body_terms))


class PostgresStore(Store):
    backend = "postgres"

    def _connect(self, url: str, create: bool):
        try:
            import psycopg
        except ImportError:
            raise StoreError("E081", "PostgreSQL needs psycopg: pip install 'marsad[postgres]'") from None
        try:
            conn = psycopg.connect(url, autocommit=True)
            if getattr(self, "read_only", False):
                # every transaction of this session is read-only: the server refuses any write
                conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            return conn
        except psycopg.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError("E080", f"cannot connect to {redact(url)}: {first}") from None

    def sql(self, statement: str) -> str:
        return statement.replace("?", "%s")

    def is_marsad_store(self) -> bool:
        return self.scalar("SELECT to_regclass('schema_migrations') IS NOT NULL") is True

    def _lock_for_migration(self) -> None:
        # one lock for every Marsad process on this database, released with the transaction
        self.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))

    def _configure(self) -> None:
        pass

    def executemany(self, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self.conn.cursor() as cur:
                cur.executemany(self.sql(statement), rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.conn.transaction():
            yield

    def insert_returning_seq(self, statement: str, params: Sequence[Any]) -> int:
        return self.execute(statement + " RETURNING seq", params).fetchone()[0]

    def _run_script(self, script: str) -> None:
        self.conn.execute(script)

    def index_search(self, seq: int, title_terms: str, body_terms: str) -> None:
        self.execute("UPDATE articles SET search_terms = ? WHERE seq = ?", (f"{title_terms} {body_terms}", seq))

    def unindex_search(self, seq: int, title_terms: str, body_terms: str) -> None:
        pass  # index_search overwrites the column


def _stored_docs(store: Store, table: str):
    """(seq, article JSON) of every stored article with rows in `table`, in batches of 500 (a backfill's input)."""
    last = 0
    while True:
        rows = store.query(f"SELECT seq, doc_json FROM articles WHERE seq > ? AND seq IN "
                           f"(SELECT article_seq FROM {table}) ORDER BY seq LIMIT 500", (last,))
        if not rows:
            return
        for seq, doc_json in rows:
            yield seq, json.loads(doc_json)
            last = seq


def _exact_values(store: Store) -> None:
    """Version 2: every stored amount's exact value (and its float) from its article's JSON, which has always
    kept it exactly; the columns had rounded it."""
    for seq, doc in _stored_docs(store, "quantities"):
        values = [q["value"] for q in doc["quantities"]]
        store.executemany("UPDATE quantities SET value = ?, value_exact = ? WHERE article_seq = ? AND idx = ?",
                          [(float(v), str(v), seq, k) for k, v in enumerate(values)])


def _event_dates(store: Store) -> None:
    """Version 7: every stored event's date and date basis, and every statement's addressee, from its article's
    JSON (articles analysed before these existed have none, and keep NULL)."""
    for seq, doc in _stored_docs(store, "events"):
        store.executemany("UPDATE events SET date = ?, date_basis = ? WHERE article_seq = ? AND idx = ?",
                          [(e.get("date"), e.get("date_basis"), seq, k) for k, e in enumerate(doc["events"])])
    for seq, doc in _stored_docs(store, "statements"):
        store.executemany("UPDATE statements SET addressee = ?, addressee_canonical = ? "
                          "WHERE article_seq = ? AND idx = ?",
                          [((s.get("addressee") or {}).get("text"), s.get("addressee_canonical"), seq, k)
                           for k, s in enumerate(doc["statements"])])


# data a migration's SQL cannot compute, filled in its transaction: version → function(store)
BACKFILLS = {2: _exact_values, 7: _event_dates}


def open_store(url: str | None = None, migrate: bool = True, create: bool = True, read_only: bool = False) -> Store:
    """The store at `url` (a file path or sqlite:/// URL, or a postgresql:// URL), migrated to the latest version.
    `create=False` (every command that only reads) refuses a store that does not exist yet, with E083, and
    creates nothing: only `ingest` creates stores. `read_only=True` (marsad serve) opens an existing store so
    that nothing can be written, migrates nothing, and refuses a store older than this Marsad (E084)."""
    url = url or DEFAULT_DB
    cls = PostgresStore if url.startswith(("postgresql://", "postgres://")) else Store
    store = cls(url, create, read_only)
    if read_only:
        latest = max(m[0] for m in store.migrations())
        found = store.version()
        if found < latest:
            store.close()
            raise StoreError("E084", f"{redact(url)} is at store version {found}, this Marsad reads version "
                                     f"{latest}: run `marsad migrate --db {redact(url)}` once")
        return store
    if migrate:
        try:
            store.applied = store.migrate()
        except sqlite3.DatabaseError as exc:  # not a database, or locked past the busy timeout
            raise StoreError("E082", f"cannot use the store {url!r}: {exc}") from None
    return store


def sqlite_path(url: str) -> str:
    return url.removeprefix("sqlite:///").removeprefix("sqlite://")


def split_sql(script: str) -> list[str]:
    """Statements of a migration script (no semicolons inside our statements' literals)."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def redact(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
