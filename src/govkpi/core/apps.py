from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "govkpi.core"
    verbose_name = "ส่วนกลาง"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed

        from govkpi.core import checks  # noqa: F401  (registers the system checks)
        from govkpi.core.monitoring import LOGIN_FAILURES

        # Counted for the login-failure alert (docs/operations.md); axes still decides lockouts.
        user_login_failed.connect(lambda **_: LOGIN_FAILURES.inc(), weak=False, dispatch_uid="govkpi-login-failures")
