from django.urls import URLPattern, URLResolver, path

from thidua.reviews import views

app_name = "reviews"

urlpatterns: list[URLPattern | URLResolver] = [
    path("tin-nhiem/", views.session_list, name="list"),
    path("tin-nhiem/don-vi/<int:unit_pk>/tao/", views.session_create, name="create"),
    path("tin-nhiem/<int:pk>/", views.session_detail, name="detail"),
]
