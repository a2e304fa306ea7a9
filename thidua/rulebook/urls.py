from django.urls import path

from thidua.rulebook import views

app_name = "rulebook"

urlpatterns = [
    path("", views.index, name="index"),
    path("tham-so/<str:key>/", views.parameter, name="parameter"),
    path("thu-ap-dung/", views.try_rule, name="try"),
]
