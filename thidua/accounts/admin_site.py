"""Django's admin behind the app's own sign-in.

The admin's login page only sends to the sign-in page (so its lockout and second step are the
admin's too: there is no second door to guess passwords at), and a staff member uses the admin
only once the session has given a code (django-otp's ``is_verified``).

This module is loaded with the settings (INSTALLED_APPS names its AppConfig), before the models
exist: it imports none.
"""

from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


class ThiduaAdminSite(admin.AdminSite):
    def login(self, request: HttpRequest, extra_context: object = None) -> HttpResponse:
        wanted = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
            wanted = reverse("admin:index", current_app=self.name)
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': wanted})}")

    def has_permission(self, request: HttpRequest) -> bool:
        verified = getattr(request.user, "otp_device", None) is not None
        return bool(super().has_permission(request) and verified)


class ThiduaAdminConfig(AdminConfig):
    default_site = "thidua.accounts.admin_site.ThiduaAdminSite"
