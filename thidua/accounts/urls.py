from django.urls import path

from thidua.accounts.views import (
    login,
    notifications,
    password_reset,
    people,
    staff_import,
    two_factor,
)

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", login.login_view, name="login"),
    path("dang-nhap/ma-xac-thuc/", login.verify_view, name="verify"),
    path("dang-xuat/", login.logout_view, name="logout"),
    path("bao-mat/", two_factor.security_view, name="security"),
    path("bao-mat/thiet-lap/", two_factor.enrol_view, name="enrol"),
    path("bao-mat/ma-du-phong/", two_factor.backup_codes_view, name="backup_codes"),
    path("bao-mat/go-bo/", two_factor.remove_view, name="remove"),
    path("thong-bao/", notifications.notification_list, name="notifications"),
    path("thong-bao/da-doc/", notifications.notification_read_all, name="notifications_read"),
    path("thong-bao/<int:pk>/da-doc/", notifications.notification_read, name="notification_read"),
    path("tai-khoan/", people.account_list, name="accounts"),
    path("tai-khoan/<int:pk>/", people.account_detail, name="account"),
    path("tai-khoan/mau-excel/", staff_import.staff_template, name="staff_template"),
    path("tai-khoan/nhap-excel/", staff_import.staff_upload, name="staff_import"),
    path("tai-khoan/<int:pk>/khoa/", people.account_deactivate, name="account_deactivate"),
    path(
        "tai-khoan/<int:pk>/dat-lai-mat-khau/",
        password_reset.reset_issue,
        name="password_reset_issue",
    ),
    path("dat-mat-khau/xong/", password_reset.reset_done, name="password_reset_done"),
    path(
        "dat-mat-khau/<uidb64>/<token>/",
        password_reset.ResetView.as_view(),
        name="password_reset",
    ),
    path(
        "tai-khoan/<int:pk>/quyen/<int:grant_pk>/thu-hoi/",
        people.grant_revoke,
        name="grant_revoke",
    ),
]
