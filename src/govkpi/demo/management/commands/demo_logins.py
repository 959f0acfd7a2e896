"""`govkpi demo_logins`: print the demo accounts, their roles and the password."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django_otp.oath import totp

from govkpi.demo.people import DEMO_ADMIN, DEMO_PASSWORD, demo_admin_device
from govkpi.organisations.models import Person


class Command(BaseCommand):
    help = "Print the demo logins."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
        for person in Person.objects.select_related("user", "organisation").order_by("role", "user__username"):
            self.stdout.write(
                f"  {person.user.username:<22} {person.get_role_display():<40} {person.organisation.name_th}"
            )
        device = demo_admin_device()
        if device is not None:
            code = f"{totp(device.bin_key, step=device.step, digits=device.digits):0{device.digits}d}"
            self.stdout.write(
                f"\nThe admin (/admin/) also asks {DEMO_ADMIN} for a 6-digit code (two-factor). Add the demo key to an"
                f"\nauthenticator app: {device.config_url}\nor type the current code {code} (it changes every 30 s;"
                " run `govkpi demo_logins` again)."
            )
        self.stdout.write("")
