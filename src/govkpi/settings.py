"""All settings, read from the environment (one file, as healthchecks does): the only module that
reads os.environ. Every variable is listed in docs/operations.md.

DATABASE_URL selects the database: `sqlite:///path` (default: var/govkpi.sqlite3) or
`postgres://user:pass@host:port/name`.

Production is the default: with DEBUG off the app refuses to start without a real SECRET_KEY, and
Secure cookies, HSTS and the HTTPS redirect are on unless turned off explicitly (behind a TLS proxy
that does them itself). DEBUG=1 (make run) and the test suite use the development defaults.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import unquote, urlparse

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("GOVKPI_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def database_from_url(url: str) -> dict[str, object]:
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path) or str(VAR_DIR / "govkpi.sqlite3")
        if url.startswith("sqlite:////"):
            path = "/" + path.lstrip("/")
        elif url.startswith("sqlite:///"):
            path = path.lstrip("/") or path
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path,
            # Several threads (runserver, the task worker) write at once: wait instead of failing.
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    if parsed.scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": int(os.environ.get("DB_CONN_MAX_AGE", "0")),
            "CONN_HEALTH_CHECKS": True,
            "TEST": {"NAME": os.environ.get("TEST_DB_NAME") or None},
        }
    raise ValueError(f"DATABASE_URL scheme not supported: {parsed.scheme!r}")


DEBUG = env_bool("DEBUG", False)
#: pytest sets PYTEST_VERSION: the suite runs with the development key and plain-HTTP test clients.
TESTING = bool(os.environ.get("PYTEST_VERSION"))
#: development defaults (a known key, plain HTTP, readable logs): DEBUG=1 or the test suite
DEVELOPMENT = DEBUG or TESTING
DEV_SECRET_KEY = "dev-only-not-secret-govkpi-0123456789abcdefghijklmnop"
SECRET_KEY_MESSAGE = (
    "ยังไม่ได้ตั้งค่า SECRET_KEY ที่ปลอดภัย (อย่างน้อย 50 ตัวอักษรแบบสุ่ม): ระบบไม่เริ่มทำงานในโหมดใช้งานจริง "
    "ตั้งค่า SECRET_KEY หรือใช้ DEBUG=1 สำหรับการพัฒนาเท่านั้น / "
    "SECRET_KEY is not set to a real secret (at least 50 random characters): govkpi will not start in "
    "production mode. Set SECRET_KEY (docs/operations.md), or DEBUG=1 for development only."
)


def secret_key() -> tuple[str, bool]:
    """SECRET_KEY (or the file SECRET_KEY_FILE names: systemd credentials, container secrets), and
    whether it is missing. A missing key in production is replaced by a random one that nothing can
    use for long, and the server and every command that runs system checks refuse to start
    (core/checks.py, wsgi.py); type checking and migrations' dry runs still work."""
    key = os.environ.get("SECRET_KEY", "")
    key_file = os.environ.get("SECRET_KEY_FILE", "")
    if not key and key_file:
        key = Path(key_file).read_text(encoding="utf-8").strip()
    if DEVELOPMENT:
        return key or DEV_SECRET_KEY, False
    if not key or key == DEV_SECRET_KEY or len(key) < 50 or len(set(key)) < 5:
        return secrets.token_urlsafe(50), True
    return key, False


SECRET_KEY, SECRET_KEY_MISSING = secret_key()
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "govkpi.web.apps.GovkpiAdminConfig",  # django.contrib.admin behind two-factor (web/admin_site.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "django_htmx",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "govkpi.core",
    "govkpi.organisations",
    "govkpi.plans",
    "govkpi.frameworks",
    "govkpi.basket",
    "govkpi.kpis",
    "govkpi.reviews",
    "govkpi.results",
    "govkpi.reports",
    "govkpi.worklist",
    "govkpi.scorecards",
    "govkpi.notifications",
    "govkpi.dashboards",
    "govkpi.publication",
    "govkpi.portal",
    "govkpi.api",
    "govkpi.web",
    "govkpi.demo",
]

MIDDLEWARE = [
    "govkpi.core.monitoring.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "govkpi.core.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "govkpi.core.middleware.SecurityHeadersMiddleware",
    "govkpi.web.errors.ServiceErrorMiddleware",  # a page's answer to a ServiceError (web/errors.py)
    "govkpi.core.cache_policy.CachePolicyMiddleware",
    "axes.middleware.AxesMiddleware",
    "govkpi.core.ratelimit.RateLimitMiddleware",
    # Last: logged-out snapshot reads may go to the read replica (a no-op without REPLICA_DATABASE_URL).
    "govkpi.publication.replica.PublicReadsMiddleware",
]

if not DEVELOPMENT:
    # Static files from the app itself, compressed and with hashed names (collectstatic): no proxy
    # rule to forget. Development serves them from the apps (runserver).
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )

ROOT_URLCONF = "govkpi.urls"
WSGI_APPLICATION = "govkpi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "govkpi.organisations.context_processors.viewer",
            ],
            "builtins": ["govkpi.core.templatetags.thai", "govkpi.core.templatetags.numbers"],
        },
    }
]

DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'govkpi.sqlite3'}"))}
#: a PostgreSQL streaming standby of DATABASE_URL: logged-out reads of publication snapshots go there
#: while it answers and is up to date, everything else to the primary (publication/replica.py,
#: docs/deploy-scaling.md). Empty: one database.
REPLICA_DATABASE_URL = os.environ.get("REPLICA_DATABASE_URL", "")
if REPLICA_DATABASE_URL:
    DATABASES["replica"] = database_from_url(REPLICA_DATABASE_URL)
    # A replica that does not answer must not hold a page up: give up on it after two seconds.
    DATABASES["replica"]["OPTIONS"] = {"connect_timeout": 2}
    # Under test the replica reads the test database (on the standby it is a copy of the primary's).
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["govkpi.publication.replica.PublicReadsRouter"]
#: how long a process trusts its last look at the replica (up to date, lagging) before looking again
REPLICA_CHECK_SECONDS = float(os.environ.get("REPLICA_CHECK_SECONDS", "2"))
#: how long a replica that failed is left alone before it is tried again
REPLICA_RETRY_SECONDS = float(os.environ.get("REPLICA_RETRY_SECONDS", "10"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
# HTTPS: on by default in production; each can be turned off only by saying so (docs/operations.md).
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEVELOPMENT)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEVELOPMENT)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEVELOPMENT else str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Behind a reverse proxy that ends TLS and sets X-Forwarded-Proto (deploy/nginx/govkpi.conf).
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The load balancer's health check arrives over plain HTTP inside the data centre.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "govkpi.web.views.csrf_failure"
OTP_TOTP_ISSUER = "govkpi"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("GOVKPI_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Production: hashed, pre-compressed names written by collectstatic (served far-future by WhiteNoise).
    # Development and tests find files in the apps, so no collectstatic is needed there.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEVELOPMENT
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}


EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "govkpi@opdc.go.th")

TASKS = {
    "default": {
        # Under pytest jobs run at once, so a test reads a finished job.
        "BACKEND": os.environ.get(
            "TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend" if TESTING else "django_tasks_db.DatabaseBackend",
        ),
    }
}

#: a job still "running" this long after it started is shown failed (its worker died)
JOB_STALE_MINUTES = int(os.environ.get("JOB_STALE_MINUTES", "60"))


def cache_from_url(url: str) -> dict[str, object]:
    """CACHE_URL: empty (each process its own memory), `db` (the table govkpi_cache, made by
    `govkpi createcachetable`), or `redis://host:port/n` (needs the redis package installed)."""
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if url == "db":
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "govkpi_cache"}
    if urlparse(url).scheme in {"redis", "rediss"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    raise ValueError(f"CACHE_URL not supported: {url!r} (empty, db or redis://...)")


# Every cached thing is keyed by what it shows (a publication's id): a process's own memory is never
# stale, only repeated in each process; a shared cache (CACHE_URL) builds each page once for all.
CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", ""))}

EVIDENCE_MAX_BYTES = int(os.environ.get("EVIDENCE_MAX_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

NINJA_PAGINATION_PER_PAGE = 50

#: where links in e-mails point (e.g. https://govkpi.opdc.go.th); empty: relative paths
GOVKPI_SITE_URL = os.environ.get("GOVKPI_SITE_URL", "")
#: `loaddemo` loads the demo's results too (0: a world before reporting began)
GOVKPI_DEMO_RESULTS = env_bool("GOVKPI_DEMO_RESULTS", True)

# Limits on what one request may make the server do (docs/operations.md, "Limits").
#: the scoring preview: body size, KPIs per document, digits per number
PREVIEW_MAX_BYTES = int(os.environ.get("PREVIEW_MAX_BYTES", str(256 * 1024)))
PREVIEW_MAX_KPIS = int(os.environ.get("PREVIEW_MAX_KPIS", "200"))
PREVIEW_MAX_DIGITS = int(os.environ.get("PREVIEW_MAX_DIGITS", "30"))
#: requests per minute per client address (logged out) or per user, on the expensive endpoints
RATE_LIMITS_ENABLED = env_bool("RATE_LIMITS_ENABLED", not TESTING)
RATE_LIMIT_PREVIEW = int(os.environ.get("RATE_LIMIT_PREVIEW", "120"))
RATE_LIMIT_SEARCH = int(os.environ.get("RATE_LIMIT_SEARCH", "120"))
RATE_LIMIT_EXPORT = int(os.environ.get("RATE_LIMIT_EXPORT", "30"))
RATE_LIMIT_LOGIN = int(os.environ.get("RATE_LIMIT_LOGIN", "30"))

# API tokens: how long a new token lives unless its owner asks for less (OPDC's default).
API_TOKEN_DEFAULT_DAYS = int(os.environ.get("API_TOKEN_DEFAULT_DAYS", "90"))
API_TOKEN_MAX_DAYS = int(os.environ.get("API_TOKEN_MAX_DAYS", "365"))

# Health and metrics: /metrics answers only a bearer holding METRICS_TOKEN (or OPDC staff).
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
#: set (by make serve and the systemd unit) when several gunicorn workers share their metrics
PROMETHEUS_MULTIPROC_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
#: the health check fails when the oldest waiting job is older than this
HEALTH_MAX_QUEUE_AGE_SECONDS = int(os.environ.get("HEALTH_MAX_QUEUE_AGE_SECONDS", "900"))

# Backups (govkpi backup_scheduled): where archives go and how many days of them are kept.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))
BACKUP_KEEP_DAYS = int(os.environ.get("BACKUP_KEEP_DAYS", "14"))

#: json (one object a line, for journald/Loki) in production; text in development
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEVELOPMENT else "json")
#: one line per request (logger govkpi.requests: method, route, status, duration_ms); on in production
LOG_REQUESTS = env_bool("LOG_REQUESTS", not DEVELOPMENT)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "govkpi.core.logs.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO" if not DEVELOPMENT else "WARNING")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "govkpi.requests": {"level": "INFO" if LOG_REQUESTS else "WARNING"},
    },
}
