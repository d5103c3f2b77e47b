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

import datetime as dt
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import sqlalchemy as sa

from claims import index as retrieval
from claims import migrations, schema
from claims.errors import ClaimtrackError
from claims.ledger import Ledger
from claims.rowcheck import check_row
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
            yield {"type": "header", "format": FORMAT, "version": VERSION, "schema": migrations.applied(conn=conn)}
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
        raise BackupError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        # Whatever stopped the export (disk full, a database error, Ctrl-C), no half file stays behind.
        tmp.unlink(missing_ok=True)
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
            raise BackupError(f"line {number} is nested too deeply") from None
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
    version = record.get("version")
    if version != VERSION or isinstance(version, bool):
        raise BackupError(f"unsupported export version {_short(version)}")
    applied = record.get("schema") or []
    if not isinstance(applied, list) or not all(isinstance(name, str) for name in applied):
        raise BackupError(f"line {number}: the header's schema must be a list of migration names")
    newer = sorted(set(applied) - set(migrations.names()))
    if newer:
        raise BackupError(f"the export was written by a newer claimtrack (migration {_short(newer[-1])})")


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) <= 40 else text[:37] + "..."


def _rows(lines: Iterable[str], *, check: bool = True) -> Iterator[tuple[sa.Table, dict[str, Any]]]:
    """The header checked, then every row with its table; `check` validates each row (see `rowcheck`)."""
    tables = {t.name: t for t in data_tables()}
    records = _records(lines)
    first = next(records, None)
    if first is None:
        raise BackupError("the export file is empty")
    _check_header(*first)
    for number, record in records:
        name, row = record.get("table"), record.get("row")
        if record.get("type") != "row" or not isinstance(name, str) or name not in tables or not isinstance(row, dict):
            raise BackupError(f"line {number}: not a row of a ledger table")
        table = tables[name]
        unknown = set(row) - set(table.c.keys())
        if unknown:
            raise BackupError(f"line {number}: table {name} has no column {_short(sorted(unknown)[0])}")
        if check:
            try:
                check_row(table, row)
            except ValueError as exc:
                raise BackupError(f"line {number}: invalid {name} row: {exc}") from None
        yield table, row


def check_export(lines: Iterable[str]) -> dict[str, int]:
    """Validate a whole export without writing anything; return the row count per table.

    Every row goes through the models the command line reads it with, so an
    import that passes this check leaves a ledger every command can read.
    """
    counts: dict[str, int] = {}
    for table, _row in _rows(lines):
        counts[table.name] = counts.get(table.name, 0) + 1
    return counts


def ledger_rows(counts: dict[str, int]) -> int:
    """Rows that make up a ledger (settings aside): what an import would actually bring."""
    return sum(n for name, n in counts.items() if name != schema.settings.name)


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


def import_ledger(ledger: Ledger, lines: Iterable[str], *, force: bool = False, check: bool = True) -> dict[str, int]:
    """Load an export into `ledger` in one transaction; return the row count per table.

    The target must be empty unless `force`, which first deletes every row it
    holds; even then an export with no ledger rows never replaces a non-empty
    ledger. `check=False` skips the per-row validation when `check_export` has
    already run over the same file.
    """
    counts: dict[str, int] = {}
    rows = _rows(lines, check=check)
    with ledger.transaction() as conn:
        batch: list[dict[str, Any]] = []
        current: sa.Table | None = None
        # Header first: a file that is not an export fails before the target is looked at.
        first = next(rows, None)
        held = _claim_count(conn)
        empty = is_empty(conn)
        if not empty and not force:
            raise BackupError("the target ledger is not empty: import into a new one, or pass --force to replace it")
        # The exported settings are the ledger's own: they replace whatever the target holds.
        for table in reversed(data_tables()):
            conn.execute(sa.delete(table))

        def flush() -> None:
            if current is not None and batch:
                conn.execute(sa.insert(current), batch)
                batch.clear()

        for table, row in itertools.chain([first] if first is not None else [], rows):
            if table is not current or len(batch) >= _BATCH:
                flush()
                current = table
            batch.append(row)
            counts[table.name] = counts.get(table.name, 0) + 1
        flush()
        if not empty and ledger_rows(counts) == 0:
            raise BackupError(f"the export holds no claims or sources: it will not replace a ledger of {held} claims")
        if ledger.dialect == "postgresql":
            _reset_sequences(conn)
        if retrieval.MIGRATION in migrations.applied(conn=conn):
            # The retrieval index is derived data, not exported: rebuild it from the claims.
            retrieval.reindex(conn=conn)
    return counts


def _claim_count(conn: sa.Connection) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(schema.claims)).scalar_one())


def backup_target(ledger: Ledger, beside: Path) -> Path:
    """Where `--force` saves the ledger it replaces: beside an SQLite file, else beside the import file."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    database = ledger.engine.url.database if ledger.dialect == "sqlite" else None
    base = Path(database).resolve() if database and database != ":memory:" else beside.resolve().with_name("ledger")
    for n in itertools.count():
        target = base.with_name(f"{base.name}.before-import-{stamp}{f'-{n}' if n else ''}.jsonl")
        if not target.exists():
            return target
    raise AssertionError("unreachable")


def import_file(
    ledger: Ledger,
    path: str | Path,
    *,
    force: bool = False,
    confirm: Callable[[str], bool] | None = None,
    notify: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Import an export file (see `import_ledger`), validating every row before anything is written.

    Replacing a non-empty ledger (`force`) never happens without a trace: the
    file must hold ledger rows, `confirm` (when given, e.g. on a terminal) is
    asked first, and the current ledger is exported beside itself before the
    import starts; `notify` is told where.
    """
    source = Path(path)
    try:
        with source.open(encoding="utf-8") as handle:
            counts = check_export(handle)
        with ledger.read() as conn:
            empty, held = is_empty(conn), _claim_count(conn)
        if not empty:
            if not force:
                raise BackupError(
                    "the target ledger is not empty: import into a new one, or pass --force to replace it"
                )
            if ledger_rows(counts) == 0:
                raise BackupError(f"{path} holds no claims or sources: it will not replace a ledger of {held} claims")
            question = f"Replace the ledger ({held} claims) with the {counts.get('claims', 0)} claims of {path}?"
            if confirm is not None and not confirm(question):
                raise BackupError("import cancelled: the ledger is unchanged")
            target = backup_target(ledger, source)
            saved = export_file(ledger, target)
            if notify is not None:
                notify(f"backed up the current ledger ({saved.get('claims', 0)} claims) to {target}")
        with source.open(encoding="utf-8") as handle:
            return import_ledger(ledger, handle, force=force, check=False)
    except (OSError, UnicodeDecodeError) as exc:
        raise BackupError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
