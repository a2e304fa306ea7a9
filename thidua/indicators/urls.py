from django.urls import path

from thidua.indicators.views import periods, practices, reports

app_name = "indicators"

REPORT = "bao-cao/<int:period_pk>/<int:unit_pk>/"
PRACTICE = "mo-hinh/<int:pk>/"

urlpatterns = [
    path("ky/", periods.periods, name="periods"),
    path("ky/<int:pk>/", periods.period, name="period"),
    path(REPORT, reports.report, name="report"),
    path(f"{REPORT}gui/", reports.report_submit, name="report_submit"),
    path(f"{REPORT}tiep-nhan/", reports.report_accept, name="report_accept"),
    path(f"{REPORT}tra-lai/", reports.report_return, name="report_return"),
    path(f"{REPORT}dieu-chinh/", reports.report_correct, name="report_correct"),
    path(f"{REPORT}tep/", reports.report_file_attach, name="report_file_attach"),
    path(f"{REPORT}tep/<int:file_pk>/", reports.report_file, name="report_file"),
    path(
        f"{REPORT}tep/<int:file_pk>/go/",
        reports.report_file_detach,
        name="report_file_detach",
    ),
    path(f"{REPORT}excel/", reports.report_excel, name="report_excel"),
    path(f"{REPORT}excel/tai-len/", reports.report_excel_upload, name="report_excel_upload"),
    path("mo-hinh/", practices.practices, name="practices"),
    path("mo-hinh/dang/", practices.practice_publish, name="practice_publish"),
    path(PRACTICE, practices.practice, name="practice"),
    path(f"{PRACTICE}gioi-thieu/", practices.practice_feature, name="practice_feature"),
    path(f"{PRACTICE}tep/<int:file_pk>/", practices.practice_file, name="practice_file"),
]
