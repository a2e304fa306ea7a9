from django.urls import URLPattern, URLResolver, path

from thidua.elections import views

app_name = "elections"

urlpatterns: list[URLPattern | URLResolver] = [
    path("cum/<int:term_pk>/", views.election_page, name="term"),
    path("cum/<int:term_pk>/lap/", views.election_create_view, name="create"),
    path("cum/<int:term_pk>/ghi-ket-qua/", views.election_apply_view, name="apply"),
]
