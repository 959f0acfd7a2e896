"""Demo users: one per role, bound to their organisations, all with the demo password."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django_otp.plugins.otp_totp.models import TOTPDevice

from govkpi.demo.data.people import DEMO_USERS
from govkpi.organisations.models import Organisation, Person

DEMO_PASSWORD = "govkpi-demo"
#: The demo administrator's authenticator key (hex of b"govkpi-demo-totp-key"): as public as the demo password.
DEMO_ADMIN = "opdc.admin"
DEMO_TOTP_KEY = b"govkpi-demo-totp-key".hex()


def org_code(code: str) -> str:
    """The data names provinces by their geothai code; organisations carry a P prefix."""
    return f"P{code}" if code.isdigit() else code


def load_people() -> int:
    User = get_user_model()
    created = 0
    password = make_password(DEMO_PASSWORD)
    for demo in DEMO_USERS:
        if User.objects.filter(username=demo.username).exists():
            continue
        user = User.objects.create(
            username=demo.username,
            email=demo.email,
            first_name=demo.full_name_en.split(" ")[0],
            last_name=" ".join(demo.full_name_en.split(" ")[1:]),
            password=password,
            is_staff=demo.role == "opdc_admin",
            is_superuser=demo.role == "opdc_admin",
        )
        Person.objects.create(
            user=user,
            organisation=Organisation.objects.get(code=org_code(demo.organisation)),
            role=demo.role,
            full_name_th=demo.full_name_th,
            position_th=demo.position_th,
        )
        created += 1
    admin = User.objects.filter(username=DEMO_ADMIN).first()
    if admin is not None and not TOTPDevice.objects.filter(user=admin).exists():
        # The admin asks for a 6-digit code too; `govkpi demo_logins` prints the key and the current code.
        TOTPDevice.objects.create(user=admin, name="demo authenticator", key=DEMO_TOTP_KEY, confirmed=True)
    return created


def demo_admin_device() -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user__username=DEMO_ADMIN, key=DEMO_TOTP_KEY).first()
