"""Backup and restore of the whole system: every table of the database and every file under MEDIA_ROOT.

An archive is one `.tar.gz` holding

- `manifest.json`: format, when and from which database, the applied migrations, and for every
  table its columns, row count and SHA-256, and for every file its size and SHA-256;
- `tables/<table>.jsonl`: one JSON array per row, in primary-key order;
- `files/<path under MEDIA_ROOT>`: the evidence files, job inputs and outputs.

Rows are read through the models (`values_list`), so every value is a Python value the same on
SQLite and PostgreSQL (aware UTC datetimes, quantised decimals, decoded JSON), and written in a
canonical JSON form. The checksum of a table is the SHA-256 of those lines: `govkpi checksum`
computes it from a live database, so two databases (or one before and after a round trip) can be
compared table by table whatever engine holds them.

Restore is all or nothing: the archive is read and every checksum verified before anything is
touched; then, in one transaction, every table is emptied and loaded (foreign keys are checked at
commit: Django creates them deferrable on both engines) and the sequences are reset; the files are
unpacked beside MEDIA_ROOT and swapped in just before the commit.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import shutil
import tarfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder

from govkpi.core.errors import Invalid

FORMAT = "govkpi-backup/1"
CHUNK = 2000
Say = Callable[[str], None]


class BackupError(Invalid):
    """The archive cannot be restored (damaged, incomplete, or from other code); nothing was changed."""


# ---------------------------------------------------------------- what is backed up


def backed_up_models() -> list[type[models.Model]]:
    """Every concrete model with its own table (many-to-many tables and history tables included)."""
    seen: set[str] = set()
    found: list[type[models.Model]] = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in seen:
            continue
        seen.add(meta.db_table)
        found.append(model)
    return sorted(found, key=lambda m: m._meta.db_table)


def _columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields]


def _encode(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return value


def _decode(raw: object, column: models.Field[Any, Any]) -> object:
    if raw is None or isinstance(column, models.JSONField):
        return raw
    return column.to_python(raw)


def _line(row: Iterable[object]) -> str:
    return json.dumps([_encode(v) for v in row], ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _rows(model: type[models.Model]) -> Iterator[str]:
    """The table's rows as canonical lines, in primary-key order (sorted as text for non-integer keys)."""
    names = [f.attname for f in _columns(model)]
    pk = model._meta.pk
    integer_key = isinstance(pk, models.AutoField | models.BigAutoField | models.IntegerField)
    rows = model._base_manager.order_by("pk").values_list(*names)
    if integer_key:
        for row in rows.iterator(chunk_size=CHUNK):
            yield _line(row)
    else:  # collation differs between engines: order the lines themselves
        yield from sorted(_line(row) for row in rows.iterator(chunk_size=CHUNK))


@dataclass
class TableSum:
    table: str
    columns: list[str]
    rows: int = 0
    sha256: str = ""


@dataclass
class Checksums:
    tables: dict[str, TableSum] = field(default_factory=dict)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "tables": {t: {"rows": s.rows, "sha256": s.sha256} for t, s in sorted(self.tables.items())},
            "files": dict(sorted(self.files.items())),
        }

    def differences(self, other: Checksums) -> list[str]:
        """Each table or file that is not the same in `other`, in words."""
        mine, theirs = self.as_dict(), other.as_dict()
        out = []
        for kind in ("tables", "files"):
            for name in sorted(set(mine[kind]) | set(theirs[kind])):
                if mine[kind].get(name) != theirs[kind].get(name):
                    out.append(f"{kind[:-1]} {name}: {mine[kind].get(name)} ≠ {theirs[kind].get(name)}")
        return out


def _file_sums(root: Path) -> dict[str, dict[str, Any]]:
    sums: dict[str, dict[str, Any]] = {}
    if not root.is_dir():
        return sums
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        sums[path.relative_to(root).as_posix()] = {"size": path.stat().st_size, "sha256": digest.hexdigest()}
    return sums


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def checksums(*, tables: bool = True, files: bool = True, only: Iterable[str] | None = None) -> Checksums:
    """The checksum of every table (or only the named ones) and every file of the live system."""
    wanted = set(only) if only is not None else None
    result = Checksums()
    if tables:
        for model in backed_up_models():
            table = model._meta.db_table
            if wanted is not None and table not in wanted:
                continue
            summed = TableSum(table, [str(f.column) for f in _columns(model)])
            digest = hashlib.sha256()
            for line in _rows(model):
                digest.update(line.encode())
                digest.update(b"\n")
                summed.rows += 1
            summed.sha256 = digest.hexdigest()
            result.tables[table] = summed
    if files:
        result.files = _file_sums(media_root())
    return result


def applied_migrations() -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


# ---------------------------------------------------------------- backup


@dataclass
class Report:
    tables: int
    rows: int
    files: int
    bytes: int
    seconds: float


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(time.time())
    tar.addfile(info, io.BytesIO(data))


def backup(path: Path, *, say: Say = lambda _m: None) -> Report:
    """Write the archive at `path` (a `.tar.gz`), read inside one transaction so it is consistent."""
    started = time.perf_counter()
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "engine": connection.vendor,
        "migrations": [],
        "tables": {},
        "files": {},
    }
    rows = 0
    tmp = path.with_name(path.name + ".partial")
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic(), tarfile.open(tmp, "w:gz", compresslevel=6) as tar:
        if snapshot:
            with connection.cursor() as cursor:  # one snapshot for every table
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        manifest["migrations"] = applied_migrations()
        for model in backed_up_models():
            table = model._meta.db_table
            digest = hashlib.sha256()
            buffer = io.BytesIO()
            count = 0
            for line in _rows(model):
                data = line.encode() + b"\n"
                digest.update(data)
                buffer.write(data)
                count += 1
            _add(tar, f"tables/{table}.jsonl", buffer.getvalue())
            manifest["tables"][table] = {
                "model": model._meta.label,
                "columns": [f.column for f in _columns(model)],
                "rows": count,
                "sha256": digest.hexdigest(),
            }
            rows += count
        say(f"ตาราง / tables: {len(manifest['tables'])}, แถว / rows: {rows:,}")
        root = media_root()
        manifest["files"] = _file_sums(root)
        for name in manifest["files"]:
            tar.add(root / name, arcname=f"files/{name}", recursive=False)
        say(f"ไฟล์ / files: {len(manifest['files']):,}")
        _add(tar, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode())
    tmp.replace(path)
    return Report(
        tables=len(manifest["tables"]),
        rows=rows,
        files=len(manifest["files"]),
        bytes=path.stat().st_size,
        seconds=time.perf_counter() - started,
    )


# ---------------------------------------------------------------- restore


def _damaged(detail_th: str, detail_en: str) -> BackupError:
    return BackupError(
        f"ไฟล์สำรองข้อมูลเสียหายหรือไม่ครบ ({detail_th}) ไม่มีข้อมูลใดถูกเปลี่ยน",
        f"The backup archive is damaged or incomplete ({detail_en}); nothing was changed.",
    )


@dataclass
class _Archive:
    manifest: dict[str, Any]
    tables: dict[str, bytes]
    staged_files: Path


def _read(path: Path, staging: Path) -> _Archive:
    """Read the whole archive, verify every checksum, and unpack the files into `staging`."""
    tables: dict[str, bytes] = {}
    manifest: dict[str, Any] | None = None
    file_sums: dict[str, str] = {}
    try:
        with tarfile.open(path, "r:gz") as tar:
            for member in tar:
                if not member.isfile():
                    continue
                name = member.name
                fh = tar.extractfile(member)
                if fh is None:
                    continue
                if name == "manifest.json":
                    manifest = json.loads(fh.read())
                elif name.startswith("tables/") and name.endswith(".jsonl"):
                    tables[name[len("tables/") : -len(".jsonl")]] = fh.read()
                elif name.startswith("files/"):
                    relative = Path(name[len("files/") :])
                    if relative.is_absolute() or ".." in relative.parts:
                        raise _damaged(f"ชื่อไฟล์ไม่ปลอดภัย {name}", f"unsafe file name {name}")
                    target = staging / relative
                    target.parent.mkdir(parents=True, exist_ok=True)
                    digest = hashlib.sha256()
                    with target.open("wb") as out:
                        for block in iter(lambda fh=fh: fh.read(1 << 20), b""):  # type: ignore[misc]
                            digest.update(block)
                            out.write(block)
                    file_sums[relative.as_posix()] = digest.hexdigest()
    except (tarfile.TarError, OSError, EOFError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise _damaged("อ่านไฟล์ไม่ได้", f"cannot read it: {exc}") from exc
    if manifest is None or manifest.get("format") != FORMAT:
        raise _damaged("ไม่มี manifest.json ของ govkpi", "no govkpi manifest.json")
    for table, meta in manifest["tables"].items():
        data = tables.get(table)
        if data is None:
            raise _damaged(f"ไม่มีตาราง {table}", f"table {table} is missing")
        if hashlib.sha256(data).hexdigest() != meta["sha256"] or data.count(b"\n") != meta["rows"]:
            raise _damaged(f"ตาราง {table} ไม่ตรงกับ checksum", f"table {table} does not match its checksum")
    for name, meta in manifest["files"].items():
        if file_sums.get(name) != meta["sha256"]:
            raise _damaged(f"ไฟล์ {name} ไม่ตรงกับ checksum", f"file {name} is missing or does not match its checksum")
    return _Archive(manifest, tables, staging)


def _load(model: type[models.Model], columns: list[str], data: bytes) -> int:
    fields = {f.column: f for f in _columns(model)}
    if set(columns) != set(fields):
        raise BackupError(
            f"โครงสร้างตาราง {model._meta.db_table} ในไฟล์สำรองไม่ตรงกับระบบนี้",
            f"Table {model._meta.db_table} in the archive does not match this version of govkpi.",
        )
    ordered = [fields[c] for c in columns]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table), ", ".join(quote(c) for c in columns), ", ".join(["%s"] * len(columns))
    )
    count = 0
    batch: list[list[Any]] = []
    with connection.cursor() as cursor:
        for raw_line in data.splitlines():
            raw = json.loads(raw_line)
            batch.append([f.get_db_prep_save(_decode(v, f), connection) for f, v in zip(ordered, raw, strict=True)])
            if len(batch) >= CHUNK:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def restore(path: Path, *, say: Say = lambda _m: None) -> Report:
    """Replace every table and the whole MEDIA_ROOT by the archive's, all or nothing."""
    started = time.perf_counter()
    root = media_root()
    root.parent.mkdir(parents=True, exist_ok=True)
    staging = root.with_name(f".{root.name}.restore-{uuid.uuid4().hex[:8]}")
    old = root.with_name(f".{root.name}.old-{uuid.uuid4().hex[:8]}")
    staging.mkdir()
    swapped = False
    try:
        archive = _read(path, staging)
        say(
            f"ตรวจ checksum ครบ / archive verified: {len(archive.tables)} tables, {len(archive.manifest['files'])} files"
        )
        if archive.manifest["migrations"] != applied_migrations():
            raise BackupError(
                "ไฟล์สำรองมาจาก govkpi รุ่นที่มี migration ต่างจากฐานข้อมูลนี้ (ให้ migrate ให้ตรงกันก่อน)",
                "The archive was made by a govkpi whose migrations differ from this database's; migrate first.",
            )
        by_table = {m._meta.db_table: m for m in backed_up_models()}
        if set(archive.manifest["tables"]) != set(by_table):
            missing = sorted(set(by_table) ^ set(archive.manifest["tables"]))
            raise BackupError(
                f"ตารางในไฟล์สำรองไม่ตรงกับระบบนี้: {', '.join(missing)}",
                f"The archive's tables differ from this system's: {', '.join(missing)}",
            )
        rows = 0
        with transaction.atomic():
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                for statement in connection.ops.sql_flush(
                    no_style(), list(by_table), reset_sequences=False, allow_cascade=True
                ):
                    cursor.execute(statement)
            for table, meta in archive.manifest["tables"].items():
                rows += _load(by_table[table], meta["columns"], archive.tables[table])
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), list(by_table.values())):
                    cursor.execute(statement)
            say(f"โหลดแล้ว / loaded: {rows:,} rows")
            if root.exists():
                root.rename(old)
            staging.rename(root)
            swapped = True
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        if swapped:  # the database rolled back: put the files back as they were
            shutil.rmtree(root, ignore_errors=True)
        if old.exists() and not root.exists():
            old.rename(root)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Report(
        tables=len(archive.manifest["tables"]),
        rows=rows,
        files=len(archive.manifest["files"]),
        bytes=path.stat().st_size,
        seconds=time.perf_counter() - started,
    )
