"""A PostgreSQL primary and its hot standby on loopback, each in its own temporary data directory
(the fixtures that start them are in conftest.py)."""

from __future__ import annotations

import glob
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg


def pg_bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if found:
        return Path(found[-1])
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class StreamingPair:
    """A primary and its hot standby on 127.0.0.1, each in its own data directory."""

    root: Path
    bin: Path
    run_as: list[str]
    primary_port: int
    standby_port: int
    database: str

    def run(self, *args: str) -> None:
        subprocess.run([*self.run_as, *args], check=True, capture_output=True, cwd=self.root)

    def ctl(self, data: str, action: str, port: int | None = None) -> None:
        options = [] if port is None else ["-o", self._options(port)]
        self.run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.root / data),
            *options,
            "-l",
            str(self.root / f"{data}.log"),
            "-w",
            "-m",
            "fast",
            action,
        )

    def _options(self, port: int) -> str:
        # Durability is not under test: no fsync keeps the setup to a few seconds.
        return f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.root} -c fsync=off -c full_page_writes=off"

    def sql(self, port: int, query: str, dbname: str | None = None) -> Any:
        with psycopg.connect(
            host="127.0.0.1", port=port, user="postgres", dbname=dbname or self.database, autocommit=True
        ) as conn:
            cursor = conn.execute(query)
            row = cursor.fetchone() if cursor.description else None
            return None if row is None else row[0]

    def stop_standby(self) -> None:
        self.ctl("standby", "stop")

    def start_standby(self) -> None:
        self.ctl("standby", "start", self.standby_port)

    def pause_replay(self) -> None:
        self.sql(self.standby_port, "SELECT pg_wal_replay_pause()")

    def resume_replay(self) -> None:
        self.sql(self.standby_port, "SELECT pg_wal_replay_resume()")

    def wait_for_replay(self, timeout: float = 10.0) -> None:
        """Until the standby has replayed everything the primary has written."""
        target = self.sql(self.primary_port, "SELECT pg_current_wal_lsn()::text")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.sql(self.standby_port, f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn"):
                return
            time.sleep(0.02)
        raise AssertionError("the standby did not catch up with the primary")

    def standby_is_up(self) -> bool:
        try:
            self.sql(self.standby_port, "SELECT 1")
        except psycopg.OperationalError:
            return False
        return True
