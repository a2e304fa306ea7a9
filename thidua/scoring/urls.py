from django.urls import URLPattern, URLResolver, path

from thidua.scoring import views, views_entry, views_excel, views_results, views_round

app_name = "scoring"

urlpatterns: list[URLPattern | URLResolver] = [
    path("ke-hoach/<int:pk>/", views.plan_home, name="plan"),
    path("ke-hoach/<int:pk>/mo-phieu/", views.sheet_open, name="sheet_open"),
    path("ke-hoach/<int:pk>/mo-vong-giai-trinh/", views.round_open, name="round_open"),
    path("ke-hoach/<int:pk>/cong-bo/", views.publish, name="publish"),
    path("ke-hoach/<int:pk>/giai-trinh/", views_round.explanation, name="explanation"),
    path("ke-hoach/<int:pk>/ket-qua/", views_results.results, name="results"),
    path("ke-hoach/<int:pk>/ket-qua/<int:unit_pk>/", views_results.trace, name="trace"),
    path("ke-hoach/<int:pk>/phan-tich/", views_results.analytics, name="analytics"),
    path("phieu/<int:pk>/", views_entry.sheet, name="sheet"),
    path("phieu/<int:pk>/tieu-chi/<int:criterion_pk>/", views_entry.mark_save, name="mark_save"),
    path(
        "phieu/<int:pk>/tieu-chi/<int:criterion_pk>/minh-chung/",
        views_entry.evidence_upload,
        name="evidence_upload",
    ),
    path("phieu/<int:pk>/gui/", views_entry.sheet_submit, name="sheet_submit"),
    path("phieu/<int:pk>/tra-lai/", views.sheet_return, name="sheet_return"),
    path("minh-chung/<int:pk>/", views_entry.evidence_download, name="evidence"),
    path("giai-trinh/<int:pk>/tra-loi/", views_round.answer, name="dispute_answer"),
    path("giai-trinh/<int:pk>/tham-dinh/", views_round.appraise, name="dispute_appraise"),
    path("giai-trinh/<int:pk>/tep/<int:file_pk>/", views_round.dispute_file, name="dispute_file"),
    path("phieu/<int:pk>/excel/", views_excel.score_sheet_download, name="sheet_xlsx"),
    path(
        "phieu/<int:pk>/excel/tai-len/",
        views_excel.score_sheet_upload_view,
        name="sheet_xlsx_upload",
    ),
]
