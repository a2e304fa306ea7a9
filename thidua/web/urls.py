from django.urls import path

from thidua.web import views, views_dashboard

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("don-vi/", views.unit_directory, name="units"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit"),
    path("don-vi/<int:pk>/con/", views.unit_children, name="unit_children"),
    path("don-vi/<int:pk>/noi-bo/", views.unit_internal, name="unit_internal"),
    path("cum/", views.cluster_years, name="clusters"),
    path("cum/nhiem-ky/<int:pk>/", views.term_detail, name="term"),
    path("cum/nhiem-ky/<int:pk>/noi-bo/", views.term_workspace, name="term_workspace"),
    path("kiem-toan/", views.audit_log, name="audit"),
    path(
        "tong-quan/cum/<int:term_pk>/",
        views_dashboard.dashboard_cluster,
        name="dashboard_cluster",
    ),
    path("tong-quan/toan-nganh/", views_dashboard.dashboard_sector, name="dashboard_sector"),
    path(
        "tong-quan/toan-nganh/excel/",
        views_dashboard.dashboard_sector_excel,
        name="dashboard_sector_excel",
    ),
]
