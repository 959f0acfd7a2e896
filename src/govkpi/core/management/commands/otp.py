"""`govkpi otp add|list|remove`: the authenticator (TOTP) devices that let OPDC staff into /admin/."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Two-factor devices for the admin. `add USERNAME` creates a TOTP device and prints the otpauth:// URL "
        "to scan into an authenticator app; `list` shows every device; `remove USERNAME` deletes a person's devices."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["add", "list", "remove"])
        parser.add_argument("username", nargs="?")
        parser.add_argument("--name", default="authenticator", help="the device's name (default: authenticator)")

    def handle(self, *args: Any, **options: Any) -> None:
        action, username = options["action"], options["username"]
        if action == "list":
            for device in TOTPDevice.objects.select_related("user").order_by("user__username", "name"):
                state = "confirmed" if device.confirmed else "unconfirmed"
                self.stdout.write(f"{device.user.get_username():<22} {device.name:<20} {state}")
            return
        if not username:
            raise CommandError(f"otp {action} ต้องระบุชื่อผู้ใช้ / needs a USERNAME")
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"ไม่พบผู้ใช้ / no such user: {username}") from exc
        if action == "remove":
            count, _ = TOTPDevice.objects.filter(user=user).delete()
            self.stdout.write(f"removed {count} device(s) of {username}")
            return
        if not user.is_staff:
            self.stderr.write(f"note: {username} is not staff; the admin stays closed to them until they are")
        device = TOTPDevice.objects.create(user=user, name=options["name"], confirmed=True)
        self.stdout.write(device.config_url)
