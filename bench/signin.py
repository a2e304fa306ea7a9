"""Signing the bench's viewers in: they never type a password (force_login), and one whose role
requires two-factor sign-in counts as having given a code, as django_otp.login leaves a session."""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice

from thidua.accounts.models import User
from thidua.accounts.two_factor import two_factor_required


def signed_in_client(viewer: User) -> Client:
    # ALLOWED_HOSTS outside production allows localhost but not the test client's "testserver".
    client = Client(HTTP_HOST="localhost")
    client.force_login(viewer)
    if two_factor_required(viewer):
        device, _ = StaticDevice.objects.get_or_create(
            user=viewer, name="banc-thu", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
