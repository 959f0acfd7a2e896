"""A real PostgreSQL streaming pair on loopback, for the public reads from a replica.

Once per session: `initdb` a primary in a temporary directory, copy the suite's test database
(migrated, with the demo world) into it with pg_dump, take the standby with `pg_basebackup -R`,
start both on free ports (about 3 s in all). Each test then runs with this thread's `default`
connection pointed at the primary and a `replica` alias at the standby, so the app's router and
middleware choose between two real servers; its writes are committed on the primary (the
standby only sees committed work) and vanish with the directories at the end.

As root, PostgreSQL refuses to run: the servers then run as the `postgres` user (runuser).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from streaming_pair import StreamingPair, free_port, pg_bin_dir

from govkpi.publication.replica import REPLICA, forget_verdict


@pytest.fixture(scope="session")
def streaming_pair(django_db_setup: None, django_db_blocker: Any) -> Iterator[StreamingPair]:
    source = settings.DATABASES["default"]
    if "postgresql" not in source["ENGINE"]:
        pytest.skip("the read replica is PostgreSQL streaming replication: run with DATABASE_URL=postgres://...")
    pg_bin = pg_bin_dir()
    if pg_bin is None or not (pg_bin / "pg_basebackup").exists():
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) are not installed")
    run_as: list[str] = []
    root = Path(tempfile.mkdtemp(prefix="govkpi-replica-"))
    if os.geteuid() == 0:
        # initdb and postgres refuse to run as root.
        try:
            postgres = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no postgres user to run PostgreSQL as")
        os.chown(root, postgres.pw_uid, postgres.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    with django_db_blocker.unblock():
        connections["default"].close()  # the test database is dumped from its committed state
    pair = StreamingPair(root, pg_bin, run_as, free_port(), free_port(), "govkpi_replica_test")
    try:
        pair.run(
            str(pg_bin / "initdb"),
            "-D",
            str(root / "primary"),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        pair.ctl("primary", "start", pair.primary_port)
        pair.sql(pair.primary_port, f"CREATE DATABASE {pair.database}", dbname="postgres")
        dump = root / "test.dump"
        env = {**os.environ, "PGPASSWORD": str(source.get("PASSWORD") or "")}
        address = [
            "-h",
            str(source["HOST"] or "127.0.0.1"),
            "-p",
            str(source["PORT"] or 5432),
            "-U",
            str(source["USER"] or "postgres"),
        ]
        subprocess.run(
            [str(pg_bin / "pg_dump"), "-Fc", "-Z0", *address, "-f", str(dump), str(source["NAME"])], check=True, env=env
        )
        subprocess.run(
            [
                str(pg_bin / "pg_restore"),
                "--no-owner",
                "--no-privileges",
                "-h",
                "127.0.0.1",
                "-p",
                str(pair.primary_port),
                "-U",
                "postgres",
                "-d",
                pair.database,
                str(dump),
            ],
            check=True,
        )
        pair.run(
            str(pg_bin / "pg_basebackup"),
            "-h",
            "127.0.0.1",
            "-p",
            str(pair.primary_port),
            "-U",
            "postgres",
            "-D",
            str(root / "standby"),
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
            "--no-sync",
        )
        pair.start_standby()
        assert pair.sql(pair.standby_port, "SELECT pg_is_in_recovery()") is True
        yield pair
    finally:
        for data in ("standby", "primary"):
            if (root / data / "postmaster.pid").exists():
                with contextlib.suppress(subprocess.CalledProcessError):
                    pair.run(str(pg_bin / "pg_ctl"), "-D", str(root / data), "-w", "-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def on_replica(streaming_pair: StreamingPair, django_db_blocker: Any) -> Iterator[StreamingPair]:
    """This test's app: `default` is the pair's primary and `replica` its standby (caught up)."""
    pair = streaming_pair
    if not pair.standby_is_up():
        pair.start_standby()
    pair.resume_replay()
    original = connections["default"]
    base = {
        **original.settings_dict,
        "NAME": pair.database,
        "HOST": "127.0.0.1",
        "USER": "postgres",
        "PASSWORD": "",
        "CONN_MAX_AGE": 0,
    }
    with django_db_blocker.unblock():
        connections["default"] = original.__class__({**base, "PORT": str(pair.primary_port)}, "default")
        connections.settings[REPLICA] = {**base, "PORT": str(pair.standby_port), "OPTIONS": {"connect_timeout": 2}}
        pair.wait_for_replay()
        forget_verdict()
        cache.clear()
        try:
            yield pair
        finally:
            for alias in ("default", REPLICA):
                with contextlib.suppress(Exception):
                    connections[alias].close()
            with contextlib.suppress(AttributeError):
                del connections[REPLICA]
            del connections.settings[REPLICA]
            connections["default"] = original
            forget_verdict()
            cache.clear()
