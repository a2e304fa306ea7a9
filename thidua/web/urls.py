from django.urls import path

from thidua.web.views import dashboards, directory, documents, term_adjust, year_setup

app_name = "web"
urlpatterns = [
    path("van-ban/", documents.register, name="documents"),
    path("van-ban/<int:pk>/", documents.detail, name="document"),
    path("van-ban/<int:pk>/ban-hanh/", documents.issue, name="document_issue"),
    path("van-ban/<int:pk>/dinh-chinh/", documents.correct, name="document_correct"),
    path("van-ban/<int:pk>/tep.<str:extension>", documents.file, name="document_file"),
    path("van-ban/soan/<str:source>/<int:source_id>/", documents.draft, name="document_draft"),
    path("van-ban/viec/<int:pk>/", documents.task, name="document_task"),
    path("van-ban/bang/<int:grant_id>.pdf", documents.certificate, name="certificate"),
    path("van-ban/muc/<str:source>/<int:source_id>/", documents.tab, name="documents_tab"),
    path("", directory.home, name="home"),
    path("don-vi/", directory.unit_directory, name="units"),
    path("don-vi/<int:pk>/", directory.unit_detail, name="unit"),
    path("don-vi/<int:pk>/con/", directory.unit_children, name="unit_children"),
    path("don-vi/<int:pk>/noi-bo/", directory.unit_internal, name="unit_internal"),
    path("cum/", directory.cluster_years, name="clusters"),
    path("cum/mo-nam/", year_setup.term_rollover, name="term_rollover"),
    path("cum/nhiem-ky/<int:pk>/", directory.term_detail, name="term"),
    path("cum/nhiem-ky/<int:pk>/noi-bo/", directory.term_workspace, name="term_workspace"),
    path("cum/nhiem-ky/<int:pk>/dieu-chinh/", term_adjust.term_adjust, name="term_adjust"),
    path("cum/nhiem-ky/<int:pk>/dieu-chinh/chung/", term_adjust.term_facts, name="term_facts"),
    path("cum/nhiem-ky/<int:pk>/dieu-chinh/them/", term_adjust.member_add, name="term_member_add"),
    path(
        "cum/nhiem-ky/<int:pk>/dieu-chinh/bo/",
        term_adjust.member_remove,
        name="term_member_remove",
    ),
    path(
        "cum/nhiem-ky/<int:pk>/dieu-chinh/can-bo/",
        term_adjust.officer_record,
        name="term_officer_change",
    ),
    path("kiem-toan/", directory.audit_log, name="audit"),
    path(
        "tong-quan/cum/<int:term_pk>/",
        dashboards.dashboard_cluster,
        name="dashboard_cluster",
    ),
    path("tong-quan/toan-nganh/", dashboards.dashboard_sector, name="dashboard_sector"),
    path(
        "tong-quan/toan-nganh/excel/",
        dashboards.dashboard_sector_excel,
        name="dashboard_sector_excel",
    ),
]
