"""Steps shared by the browser tests."""

from playwright.sync_api import Page, expect

from tests.builders.people import backup_code, verified_device
from thidua.accounts.models import User
from thidua.accounts.two_factor import two_factor_required

LOGIN_PATH = "/accounts/dang-nhap/"
VERIFY_PATH = "/accounts/dang-nhap/ma-xac-thuc/"


def sign_in(page: Page, username: str, password: str) -> None:
    """Sign out whoever is signed in, then sign in as ``username`` through the login page; one
    who must use two-factor sign-in gives a fresh backup code at the second step."""
    user = User.objects.get(username=username)
    if two_factor_required(user):
        verified_device(user)
    if page.get_by_test_id("logout").count():
        page.get_by_test_id("logout").click()
    page.goto(LOGIN_PATH)
    page.locator('input[name="username"]').fill(username)
    page.locator('input[name="password"]').fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: VERIFY_PATH in url or LOGIN_PATH not in url)
    if VERIFY_PATH in page.url:
        page.locator('input[name="code"]').fill(backup_code(user))
        page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_test_id("logout")).to_contain_text(username)
