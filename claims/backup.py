"""Export a whole ledger to JSON Lines and import it into an empty one.

The file moves a ledger between SQLite and PostgreSQL without loss: every row of
every ledger table, including the append-only link and verdict history, the
current link state and the settings, plus the schema version it was written at.
Line 1 is a header; every other line is one row::

    {"type": "header", "format": "claimtrack-export", "version": 1, "schema": ["0001_initial", ...]}
    {"type": "row", "table": "claims", "row": {"id": "c0123456789", ...}}

Rows are copied column for column (dates stay the stored ISO strings, ids stay
the same, autoincrement ids included), so nothing is re-derived on the way.
Both directions stream: export reads with a server-side cursor, import inserts
in batches, so a million-claim ledger never sits in memory. The import is one
transaction: it lands whole or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import sqlalchemy as sa

from claims import index as retrieval
from claims import migrations, schema
from claims.errors import ClaimtrackError
from claims.ledger import Ledger
from claims.text import storable

FORMAT = "claimtrack-export"
VERSION = 1
_BATCH = 2000


class BackupError(ClaimtrackError):
    """An export file is malformed, too new, or the import target is not empty."""


def data_tables() -> list[sa.Table]:
    """Every ledger table that holds data, in dependency-safe order (migrations excluded)."""
    return [t for t in schema.metadata.sorted_tables if t.name != schema.migrations.name]


def _order_key(table: sa.Table) -> list[sa.Column[Any]]:
    return list(table.primary_key.columns) or list(table.columns)


def export_rows(ledger: Ledger) -> Iterator[dict[str, Any]]:
    """The header, then one record per row of every data table, from one consistent snapshot."""
    options: dict[str, Any] = {"readonly": True}
    if ledger.dialect == "postgresql":
        # One snapshot for the whole export, even while others write.
        options["isolation_level"] = "REPEATABLE READ"
    with ledger.engine.connect() as conn:
        conn = conn.execution_options(**options)
        with conn.begin():
            yield {"type": "header", "format": FORMAT, "version": VERSION, "schema": migrations.applied(conn)}
            present = set(sa.inspect(conn).get_table_names())
            for table in data_tables():
                if table.name not in present:
                    continue
                query = sa.select(table).order_by(*_order_key(table))
                result = conn.execution_options(stream_results=True, yield_per=_BATCH).execute(query)
                for row in result.mappings():
                    yield {"type": "row", "table": table.name, "row": dict(row)}


def export_ledger(ledger: Ledger, out: IO[str]) -> dict[str, int]:
    """Write the ledger to `out` as JSON Lines; return the row count per table."""
    counts: dict[str, int] = {}
    for record in export_rows(ledger):
        out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        if record["type"] == "row":
            counts[record["table"]] = counts.get(record["table"], 0) + 1
    return counts


def export_file(ledger: Ledger, path: str | Path) -> dict[str, int]:
    """Export to a file (written whole, then renamed into place, so a crash leaves no half file)."""
    target = Path(path)
    tmp = target.with_name(target.name + ".part")
    try:
        with tmp.open("w", encoding="utf-8") as out:
            counts = export_ledger(ledger, out)
        tmp.replace(target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"cannot write {path}: {exc.strerror or exc}") from None
    return counts


def _records(lines: Iterable[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BackupError(f"line {number} is not JSON: {exc.msg}") from None
        except RecursionError:
            raise BackupError(f"line {number} is nested too deeply to be a ledger row") from None
        if not isinstance(record, dict):
            raise BackupError(f"line {number} is not a JSON object")
        yield number, _storable(record)


def _storable(value: Any) -> Any:
    """`value` with NUL and lone surrogates replaced in every string, as the models store text.

    A ledger written before that rule (or by hand) may hold a NUL, which SQLite
    keeps and PostgreSQL refuses; this is what lets such a ledger move.
    """
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, dict):
        return {key: _storable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_storable(item) for item in value]
    return value


def _check_header(number: int, record: dict[str, Any]) -> None:
    if record.get("type") != "header" or record.get("format") != FORMAT:
        raise BackupError(f"line {number}: not a claimtrack export (no header)")
    if record.get("version") != VERSION:
        raise BackupError(f"unsupported export version {record.get('version')!r}")
    newer = sorted(set(record.get("schema") or []) - set(migrations.names()))
    if newer:
        raise BackupError(f"the export was written by a newer claimtrack (migration {newer[-1]})")


def is_empty(conn: sa.Connection) -> bool:
    """True when no data table holds a row (settings aside: a new ledger may write its own)."""
    return all(
        conn.execute(sa.select(sa.literal(1)).select_from(t).limit(1)).first() is None
        for t in data_tables()
        if t is not schema.settings
    )


def _reset_sequences(conn: sa.Connection) -> None:
    """After explicit ids were inserted, move PostgreSQL's serial counters past them."""
    for table in data_tables():
        for column in table.primary_key.columns:
            if column.autoincrement is True or (column.autoincrement == "auto" and isinstance(column.type, sa.Integer)):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                    f"COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, false)"
                )


def import_ledger(ledger: Ledger, lines: Iterable[str], *, force: bool = False) -> dict[str, int]:
    """Load an export into `ledger` in one transaction; return the row count per table.

    The target must be empty unless `force`, which first deletes every row it holds.
    """
    tables = {t.name: t for t in data_tables()}
    counts: dict[str, int] = {}
    records = _records(lines)
    with ledger.transaction() as conn:
        first = next(records, None)
        if first is None:
            raise BackupError("the export file is empty")
        _check_header(*first)
        if not is_empty(conn) and not force:
            raise BackupError("the target ledger is not empty: import into a new one, or pass --force to replace it")
        # The exported settings are the ledger's own: they replace whatever the target holds.
        for table in reversed(data_tables()):
            conn.execute(sa.delete(table))
        batch: list[dict[str, Any]] = []
        current: sa.Table | None = None

        def flush() -> None:
            if current is not None and batch:
                conn.execute(sa.insert(current), batch)
                batch.clear()

        for number, record in records:
            name, row = record.get("table"), record.get("row")
            if record.get("type") != "row" or name not in tables or not isinstance(row, dict):
                raise BackupError(f"line {number}: not a row of a ledger table")
            table = tables[name]
            unknown = set(row) - set(table.c.keys())
            if unknown:
                raise BackupError(f"line {number}: table {name} has no column {sorted(unknown)[0]!r}")
            if table is not current or len(batch) >= _BATCH:
                flush()
                current = table
            batch.append(row)
            counts[name] = counts.get(name, 0) + 1
        flush()
        if ledger.dialect == "postgresql":
            _reset_sequences(conn)
        if retrieval.MIGRATION in migrations.applied(conn):
            # The retrieval index is derived data, not exported: rebuild it from the claims.
            retrieval.reindex(conn)
    return counts


def import_file(ledger: Ledger, path: str | Path, *, force: bool = False) -> dict[str, int]:
    """Import an export file (see `import_ledger`)."""
    try:
        with Path(path).open(encoding="utf-8") as handle:
            return import_ledger(ledger, handle, force=force)
    except (OSError, UnicodeDecodeError) as exc:
        raise BackupError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
