from django.contrib import admin
from django.urls import include, path

from thidua.api.api import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("accounts/", include("thidua.accounts.urls")),
    path("ke-hoach/", include("thidua.plans.urls")),
    path("cham-diem/", include("thidua.scoring.urls")),
    path("chi-tieu/", include("thidua.indicators.urls")),
    path("quy-dinh/", include("thidua.rulebook.urls")),
    path("khen-thuong/", include("thidua.awards.urls")),
    path("bo-phieu/", include("thidua.voting.urls")),
    path("bau-cu/", include("thidua.elections.urls")),
    path("danh-gia/", include("thidua.reviews.urls")),
    path("", include("thidua.web.urls")),
]
