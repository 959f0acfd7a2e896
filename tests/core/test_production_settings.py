"""Production mode refuses to be unsafe: each case starts govkpi as an operator would, in a
process of its own without DEBUG (the suite itself runs with the development defaults)."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

GOVKPI = [sys.executable, "-m", "govkpi.manage"]
REAL_KEY = secrets.token_urlsafe(50)


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTEST_VERSION", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "govkpi.settings",
            "GOVKPI_VAR_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "ALLOWED_HOSTS": "govkpi.example.go.th",
            **extra,
        }
    )
    return env


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*args], env=env, capture_output=True, text=True, timeout=120, check=False)


def settings_of(env: dict[str, str], *names: str) -> dict[str, object]:
    code = "import json, django; django.setup(); from django.conf import settings as s; " + (
        f"print(json.dumps({{n: getattr(s, n, None) for n in {list(names)!r}}}, default=str))"
    )
    done = run(env, sys.executable, "-c", code)
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_without_a_secret_key_the_app_will_not_start_and_says_why_in_thai_and_english(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    checked = run(env, *GOVKPI, "check")
    assert checked.returncode != 0
    assert "SECRET_KEY" in checked.stderr and "ยังไม่ได้ตั้งค่า" in checked.stderr and "will not start" in checked.stderr
    served = run(env, sys.executable, "-c", "import govkpi.wsgi")
    assert served.returncode != 0 and "SECRET_KEY is not set" in served.stderr


def test_the_development_key_is_not_a_real_one(tmp_path: Path) -> None:
    env = production_env(tmp_path, SECRET_KEY="dev-only-not-secret-govkpi-0123456789abcdefghijklmnop")
    assert run(env, *GOVKPI, "check").returncode != 0


def test_check_deploy_is_clean_when_configured_as_the_docs_say(tmp_path: Path) -> None:
    done = run(production_env(tmp_path, SECRET_KEY=REAL_KEY), *GOVKPI, "check", "--deploy")
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


def test_https_cookies_hsts_and_redirect_are_on_by_default_in_production(tmp_path: Path) -> None:
    found = settings_of(
        production_env(tmp_path, SECRET_KEY=REAL_KEY),
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
    )
    assert found == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
    }


def test_behind_a_tls_proxy_they_are_turned_off_only_by_saying_so(tmp_path: Path) -> None:
    env = production_env(tmp_path, SECRET_KEY=REAL_KEY, SECURE_SSL_REDIRECT="0", BEHIND_TLS_PROXY="1")
    found = settings_of(env, "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "SECURE_PROXY_SSL_HEADER")
    assert found["SECURE_SSL_REDIRECT"] is False
    assert found["SESSION_COOKIE_SECURE"] is True
    assert found["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_production_serves_compressed_hashed_static_files_itself(tmp_path: Path) -> None:
    env = production_env(tmp_path, SECRET_KEY=REAL_KEY, SECURE_SSL_REDIRECT="0", ALLOWED_HOSTS="testserver")
    collected = run(env, *GOVKPI, "collectstatic", "--noinput", "-v0")
    assert collected.returncode == 0, collected.stderr
    code = (
        "import django; django.setup(); from django.test import Client; "
        "from django.templatetags.static import static; url = static('govkpi/app.css'); "
        "r = Client().get(url, HTTP_ACCEPT_ENCODING='gzip'); "
        "print(url, r.status_code, r.headers.get('Content-Encoding'), r.headers.get('Cache-Control'))"
    )
    done = run(env, sys.executable, "-c", code)
    assert done.returncode == 0, done.stderr
    url, status, encoding, cache = done.stdout.strip().splitlines()[-1].split(" ", 3)
    assert url.startswith("/static/govkpi/app.") and url.endswith(".css") and url != "/static/govkpi/app.css"
    assert (status, encoding) == ("200", "gzip")
    assert "immutable" in cache


def test_a_production_worker_loads_every_url_before_its_first_request_and_logs_each_request(tmp_path: Path) -> None:
    env = production_env(tmp_path, SECRET_KEY=REAL_KEY)
    code = "import sys, govkpi.wsgi; from django.conf import settings; print('govkpi.api.main' in sys.modules, settings.LOG_REQUESTS)"
    done = run(env, sys.executable, "-c", code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "True True"
