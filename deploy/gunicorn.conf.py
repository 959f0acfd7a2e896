"""gunicorn for govkpi (make serve, deploy/systemd/govkpi-web.service). The command line may
override any of these (`--workers 8`).

Workers are sized to the cores (2 × cores + 1, gthread with 4 threads each: most time is spent
waiting on PostgreSQL), the access log is one JSON object a line on stdout like the app's own logs.
"""

import multiprocessing

from prometheus_client import multiprocess

wsgi_app = "govkpi.wsgi:application"
workers = multiprocessing.cpu_count() * 2 + 1
worker_class = "gthread"
threads = 4
timeout = 120  # an Excel import or a PDF pack of a whole group can take a minute on a busy day
graceful_timeout = 30
keepalive = 5
max_requests = 2000  # recycle workers now and then: a leak never grows without bound
max_requests_jitter = 200
forwarded_allow_ips = "127.0.0.1"
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms "%(a)s"'
# Both gunicorn loggers write JSON lines to stdout through the app's own formatter.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "govkpi.core.logs.JsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}


def child_exit(server, worker):  # type: ignore[no-untyped-def]
    # Metrics of a worker that has gone are kept in the shared folder but no longer live.
    multiprocess.mark_process_dead(worker.pid)
