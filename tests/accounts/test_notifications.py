"""The page *Thông báo*: each person reads and marks read their own notifications only, by POST
with the CSRF token; the home page shows the unread ones."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.builders.people import client_for, persona
from thidua.accounts.models import Notification, User
from thidua.accounts.notifications import notification_send

pytestmark = pytest.mark.django_db
LIST = reverse("accounts:notifications")


def _told(username: str, text: str = "Nhắc việc: gửi đăng ký thi đua") -> Notification:
    user = persona(username)
    sent = notification_send(recipient=user, text=text, link="/ke-hoach/", key=f"t:{username}")
    assert sent is not None
    return sent


def test_sending_the_same_key_twice_keeps_one_notification() -> None:
    user = persona("canbo.binhduong")
    first = notification_send(recipient=user, text="Một", link="", key="k:1")
    again = notification_send(recipient=user, text="Hai", link="", key="k:1")
    assert first is not None
    assert again is None
    assert list(Notification.objects.filter(recipient=user).values_list("text", flat=True)) == [
        "Một"
    ]


def test_the_reader_sees_their_own_notifications_and_no_one_elses() -> None:
    _told("canbo.binhduong", "Việc của Bình Dương")
    _told("canbo.daklak", "Việc của Đắk Lắk")
    page = client_for("canbo.binhduong").get(LIST).content.decode()
    assert "Việc của Bình Dương" in page
    assert "Việc của Đắk Lắk" not in page
    home = client_for("canbo.binhduong").get(reverse("web:home")).content.decode()
    assert "Việc của Bình Dương" in home
    assert 'data-testid="nav-notifications"' in home


def test_marking_read_takes_it_off_the_home_page() -> None:
    notice = _told("canbo.binhduong", "Việc của Bình Dương")
    client = client_for("canbo.binhduong")
    url = reverse("accounts:notification_read", args=[notice.pk])
    response = client.post(url, {"next": reverse("web:home")})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert "Việc của Bình Dương" not in client.get(reverse("web:home")).content.decode()
    assert "Việc của Bình Dương" in client.get(LIST).content.decode()


def test_nobody_marks_another_persons_notification() -> None:
    notice = _told("canbo.daklak")
    response = client_for("canbo.binhduong").post(
        reverse("accounts:notification_read", args=[notice.pk])
    )
    assert response.status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_marking_all_read_marks_only_the_readers() -> None:
    own = _told("canbo.binhduong")
    other = _told("canbo.daklak")
    client_for("canbo.binhduong").post(reverse("accounts:notifications_read"))
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.read_at is not None
    assert other.read_at is None


def test_marking_read_needs_the_csrf_token_and_a_post() -> None:
    notice = _told("canbo.binhduong")
    user = User.objects.get(username="canbo.binhduong")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    url = reverse("accounts:notification_read", args=[notice.pk])
    assert strict.get(LIST).status_code == 200  # signed in: the refusal below is the token's
    assert strict.post(url).status_code == 403
    assert client_for("canbo.binhduong").get(url).status_code == 405
    notice.refresh_from_db()
    assert notice.read_at is None


def test_a_link_elsewhere_is_not_followed_back() -> None:
    notice = _told("canbo.binhduong")
    response = client_for("canbo.binhduong").post(
        reverse("accounts:notification_read", args=[notice.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == LIST


def test_nobody_signed_in_is_sent_to_sign_in() -> None:
    response = Client().get(LIST)
    assert response.status_code == 302
    assert "dang-nhap" in response["Location"]
