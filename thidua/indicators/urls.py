from django.urls import path

from thidua.indicators import views, views_practices, views_report

app_name = "indicators"

REPORT = "bao-cao/<int:period_pk>/<int:unit_pk>/"
PRACTICE = "mo-hinh/<int:pk>/"

urlpatterns = [
    path("ky/", views.periods, name="periods"),
    path("ky/<int:pk>/", views.period, name="period"),
    path(REPORT, views_report.report, name="report"),
    path(f"{REPORT}gui/", views_report.report_submit, name="report_submit"),
    path(f"{REPORT}tiep-nhan/", views_report.report_accept, name="report_accept"),
    path(f"{REPORT}tra-lai/", views_report.report_return, name="report_return"),
    path(f"{REPORT}dieu-chinh/", views_report.report_correct, name="report_correct"),
    path(f"{REPORT}tep/", views_report.report_file_attach, name="report_file_attach"),
    path(f"{REPORT}tep/<int:file_pk>/", views_report.report_file, name="report_file"),
    path(
        f"{REPORT}tep/<int:file_pk>/go/",
        views_report.report_file_detach,
        name="report_file_detach",
    ),
    path(f"{REPORT}excel/", views_report.report_excel, name="report_excel"),
    path(f"{REPORT}excel/tai-len/", views_report.report_excel_upload, name="report_excel_upload"),
    path("mo-hinh/", views_practices.practices, name="practices"),
    path("mo-hinh/dang/", views_practices.practice_publish, name="practice_publish"),
    path(PRACTICE, views_practices.practice, name="practice"),
    path(f"{PRACTICE}gioi-thieu/", views_practices.practice_feature, name="practice_feature"),
    path(f"{PRACTICE}tep/<int:file_pk>/", views_practices.practice_file, name="practice_file"),
]
