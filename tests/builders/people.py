"""Accounts and the named personas of the tests, created on first use.

A persona is known by its username and stands for a role that the tests keep meeting:

- ``quantri`` the system administrator, ``thuongtruc`` the sector's secretariat, ``hoidong`` a
  member of the emulation council (sector-wide roles, no unit);
- ``lanhdao.binhduong`` / ``canbo.binhduong`` the leader and an officer of Bình Dương's board,
  the head of cluster 4 in 2018; ``canbo.longan`` an officer of Long An's board, a deputy;
- ``canbo.daklak`` an officer of Đắk Lắk's board, a member of cluster 3 (another cluster);
- ``theodoi`` an observer in Vụ Địa phương III, the department that supervises cluster 4;
- ``nguoingoai`` an outsider: signed in, no role anywhere.

A persona's powers over a cluster come from that cluster's term, so a test that needs them
builds the term too (``tests.builders.clusters.term``). ``staff_of`` makes the leader or an
officer of any unit.
"""

from dataclasses import dataclass

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.accounts.models import Role, User
from thidua.accounts.services import role_grant, user_create
from thidua.accounts.two_factor import two_factor_required
from thidua.orgs.models import Unit
from thidua.orgs.reference import COMMISSION_CODE

PASSWORD = "kiem-thu-2025"  # every account made here


@dataclass(frozen=True)
class Persona:
    full_name: str
    role: Role | None
    unit_code: str
    scoped: bool = True  # the grant is on the unit (False: a sector-wide role)


PERSONAS = {
    "quantri": Persona("Quản trị hệ thống", Role.SYSTEM_ADMIN, COMMISSION_CODE, scoped=False),
    "thuongtruc": Persona(
        "Thường trực thi đua ngành", Role.SECTOR_SECRETARIAT, COMMISSION_CODE, scoped=False
    ),
    "hoidong": Persona(
        "Ủy viên Hội đồng thi đua", Role.COUNCIL_MEMBER, COMMISSION_CODE, scoped=False
    ),
    "lanhdao.binhduong": Persona("Lãnh đạo Ban Tổ chức Bình Dương", Role.UNIT_LEADER, "BTC-74-63"),
    "canbo.binhduong": Persona("Cán bộ Ban Tổ chức Bình Dương", Role.UNIT_OFFICER, "BTC-74-63"),
    "canbo.longan": Persona("Cán bộ Ban Tổ chức Long An", Role.UNIT_OFFICER, "BTC-80-63"),
    "canbo.daklak": Persona("Cán bộ Ban Tổ chức Đắk Lắk", Role.UNIT_OFFICER, "BTC-66-63"),
    "theodoi": Persona("Chuyên viên Vụ Địa phương III", Role.OBSERVER, "BTCTW-VDP3"),
    "nguoingoai": Persona("Người ngoài ngành", None, ""),
}


def account(
    username: str,
    *,
    unit: Unit | None = None,
    full_name: str = "",
    role: Role | None = None,
    scoped: bool = True,
) -> User:
    """The account ``username`` of ``unit``, made through the services with ``role`` granted
    on that unit (``scoped=False``: on the whole sector) the first time it is asked for."""
    user = User.objects.filter(username=username).first()
    if user is None:
        user = user_create(
            actor=None,
            username=username,
            password=PASSWORD,
            full_name=full_name or username,
            unit=unit,
        )
        if role is not None:
            role_grant(actor=None, user=user, role=role, unit=unit if scoped else None)
    return user


def persona(username: str) -> User:
    """One of the named personas (see the module's docstring), a fresh object every call:
    the policy reads a user's grants once per object."""
    spec = PERSONAS[username]
    unit = Unit.objects.get(code=spec.unit_code) if spec.unit_code else None
    user = account(
        username, unit=unit, full_name=spec.full_name, role=spec.role, scoped=spec.scoped
    )
    if spec.role == Role.SYSTEM_ADMIN and not user.is_superuser:
        User.objects.filter(pk=user.pk).update(is_staff=True, is_superuser=True)
    return User.objects.get(pk=user.pk)


def secretariat() -> User:
    return persona("thuongtruc")


def staff_of(unit: Unit, role: Role = Role.UNIT_LEADER) -> User:
    """The leader (or an officer) of ``unit``, created on first use."""
    prefix = "lanhdao" if role == Role.UNIT_LEADER else "canbo"
    return account(f"{prefix}.{unit.code.lower()}", unit=unit, role=role)


TEST_DEVICE = "kiem-thu"


def verified_device(user: User) -> StaticDevice:
    """The user's second factor for the tests: a confirmed set of backup codes, made on first
    use (``backup_code`` adds a fresh code to it whenever one is needed)."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=TEST_DEVICE, defaults={"confirmed": True}
    )
    return device


def backup_code(user: User) -> str:
    """A fresh one-time code that signs ``user`` in at the second step (used up once used)."""
    code = str(StaticToken.random_token())
    StaticToken.objects.create(device=verified_device(user), token=code)
    return code


def with_totp(user: User) -> bytes:
    """Give ``user`` a confirmed authenticator; returns its secret, for ``totp_code``."""
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return bytes(device.bin_key)


def totp_code(key: bytes, *, steps_ahead: int = 0) -> str:
    """The six digits an authenticator holding ``key`` shows now, or ``steps_ahead`` 30-second
    steps later (a code once used is refused, so a second sign-in uses the next step's, which
    the device accepts as a clock one step ahead)."""
    return f"{totp(key, drift=steps_ahead):06d}"


def client_of(user: User) -> Client:
    """A client signed in as ``user``; one who must use two-factor sign-in has given a code
    (the session holds a confirmed device, as django_otp.login leaves it)."""
    client = Client()
    client.force_login(user)
    if two_factor_required(user):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = verified_device(user).persistent_id
        session.save()
    return client


def client_for(username: str) -> Client:
    """A client signed in as the persona ``username``."""
    return client_of(persona(username))


def personas(*usernames: str) -> None:
    """Make the named personas now, e.g. before a test counts the rows it must not add."""
    for username in usernames:
        persona(username)
