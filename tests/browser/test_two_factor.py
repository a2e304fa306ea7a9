"""Two-factor sign-in in Chromium: enrol with an authenticator, sign in with its code, sign in
with a backup code (once), and a secretariat account that is refused without its code."""

import base64
import re

import pytest
from playwright.sync_api import Page, expect

from tests.builders.people import PASSWORD, account, backup_code, totp_code, with_totp
from thidua.accounts.models import Role, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LOGIN_PATH = "/accounts/dang-nhap/"
VERIFY = re.compile(r"/accounts/dang-nhap/ma-xac-thuc/")
ENROL = re.compile(r"/accounts/bao-mat/thiet-lap/")
HOME = re.compile(r"^https?://[^/]+/$")


def _secretariat(username: str) -> User:
    return account(username, role=Role.SECTOR_SECRETARIAT, scoped=False)


@pytest.fixture
def newcomer(transactional_db: None) -> User:
    """A secretariat account that has no authenticator yet."""
    return _secretariat("tt.moi")


@pytest.fixture
def enrolled(transactional_db: None) -> tuple[User, bytes, str]:
    """A secretariat account with an authenticator and one backup code."""
    user = _secretariat("tt.cu")
    return user, with_totp(user), backup_code(user)


def _password(page: Page, username: str) -> None:
    page.goto(LOGIN_PATH)
    page.locator('input[name="username"]').fill(username)
    page.locator('input[name="password"]').fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def _code(page: Page, code: str) -> None:
    page.locator('input[name="code"]').fill(code)
    page.get_by_role("button", name="Xác nhận").click()


def test_a_secretariat_without_a_device_enrols_before_anything_else(
    newcomer: User, page: Page
) -> None:
    _password(page, newcomer.username)
    expect(page).to_have_url(ENROL)
    page.goto("/")
    expect(page).to_have_url(ENROL)  # the home page is out of reach
    expect(page.get_by_role("heading", name="Thiết lập xác thực hai lớp")).to_be_visible()
    expect(page.get_by_test_id("qr").locator("svg")).to_be_visible()
    secret = page.get_by_test_id("secret").inner_text()
    key = base64.b32decode(secret.replace(" ", ""))
    _code(page, totp_code(key))
    codes = page.get_by_test_id("backup-codes").get_by_role("listitem")
    expect(codes).to_have_count(10)
    page.get_by_test_id("continue").click()
    expect(page).to_have_url(HOME)
    expect(page.get_by_test_id("logout")).to_contain_text(newcomer.username)


def test_sign_in_with_a_code_from_the_authenticator(
    enrolled: tuple[User, bytes, str], page: Page
) -> None:
    user, key, _backup = enrolled
    _password(page, user.username)
    expect(page).to_have_url(VERIFY)
    _code(page, totp_code(key))
    expect(page).to_have_url(HOME)
    expect(page.get_by_test_id("logout")).to_contain_text(user.username)


def test_a_backup_code_signs_in_once(enrolled: tuple[User, bytes, str], page: Page) -> None:
    user, _key, code = enrolled
    _password(page, user.username)
    _code(page, code)
    expect(page).to_have_url(HOME)
    page.get_by_test_id("logout").click()
    _password(page, user.username)
    _code(page, code)
    expect(page.get_by_test_id("code-error")).to_contain_text("đã được dùng")
    page.goto("/")
    expect(page).to_have_url(VERIFY)


def test_a_secretariat_with_a_device_is_refused_without_the_code(
    enrolled: tuple[User, bytes, str], page: Page
) -> None:
    user, key, _backup = enrolled
    _password(page, user.username)
    expect(page).to_have_url(VERIFY)
    for path in ("/", "/cum/", "/admin/", "/accounts/bao-mat/"):
        page.goto(path)
        expect(page).to_have_url(VERIFY)
    _code(page, "000000" if totp_code(key) != "000000" else "111111")
    expect(page.get_by_test_id("code-error")).to_contain_text("Mã xác thực không đúng")
    page.goto("/")
    expect(page).to_have_url(VERIFY)
