"""`govkpi demo_logins`: print the demo accounts, their roles and the password."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from govkpi.demo.people import DEMO_PASSWORD
from govkpi.organisations.models import Person


class Command(BaseCommand):
    help = "Print the demo logins."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
        for person in Person.objects.select_related("user", "organisation").order_by("role", "user__username"):
            self.stdout.write(
                f"  {person.user.username:<22} {person.get_role_display():<40} {person.organisation.name_th}"
            )
        self.stdout.write("")
