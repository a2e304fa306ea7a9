from django.urls import URLPattern, URLResolver, path

from thidua.scoring.views import entry, excel, explanation, plan, results

app_name = "scoring"

urlpatterns: list[URLPattern | URLResolver] = [
    path("ke-hoach/<int:pk>/", plan.plan_home, name="plan"),
    path("ke-hoach/<int:pk>/mo-phieu/", plan.sheet_open, name="sheet_open"),
    path("ke-hoach/<int:pk>/mo-vong-giai-trinh/", plan.round_open, name="round_open"),
    path("ke-hoach/<int:pk>/cong-bo/", plan.publish, name="publish"),
    path("ke-hoach/<int:pk>/giai-trinh/", explanation.explanation, name="explanation"),
    path("ke-hoach/<int:pk>/ket-qua/", results.results, name="results"),
    path("ke-hoach/<int:pk>/ket-qua/<int:unit_pk>/", results.trace, name="trace"),
    path("ke-hoach/<int:pk>/phan-tich/", results.analytics, name="analytics"),
    path("phieu/<int:pk>/", entry.sheet, name="sheet"),
    path("phieu/<int:pk>/tieu-chi/<int:criterion_pk>/", entry.mark_save, name="mark_save"),
    path(
        "phieu/<int:pk>/tieu-chi/<int:criterion_pk>/minh-chung/",
        entry.evidence_upload,
        name="evidence_upload",
    ),
    path("phieu/<int:pk>/gui/", entry.sheet_submit, name="sheet_submit"),
    path("phieu/<int:pk>/tra-lai/", plan.sheet_return, name="sheet_return"),
    path("minh-chung/<int:pk>/", entry.evidence_download, name="evidence"),
    path("giai-trinh/<int:pk>/tra-loi/", explanation.answer, name="dispute_answer"),
    path("giai-trinh/<int:pk>/tham-dinh/", explanation.appraise, name="dispute_appraise"),
    path("giai-trinh/<int:pk>/tep/<int:file_pk>/", explanation.dispute_file, name="dispute_file"),
    path("phieu/<int:pk>/excel/", excel.score_sheet_download, name="sheet_xlsx"),
    path(
        "phieu/<int:pk>/excel/tai-len/",
        excel.score_sheet_upload_view,
        name="sheet_xlsx_upload",
    ),
]
