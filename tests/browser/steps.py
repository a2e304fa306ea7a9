"""Steps shared by the browser tests."""

from playwright.sync_api import Page, expect

LOGIN_PATH = "/accounts/dang-nhap/"


def sign_in(page: Page, username: str, password: str) -> None:
    """Sign out whoever is signed in, then sign in as ``username`` through the login page."""
    if page.get_by_test_id("logout").count():
        page.get_by_test_id("logout").click()
    page.goto(LOGIN_PATH)
    page.locator('input[name="username"]').fill(username)
    page.locator('input[name="password"]').fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_test_id("logout")).to_contain_text(username)
