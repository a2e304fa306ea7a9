from django.urls import path

from thidua.awards.views import importing, records

app_name = "awards"

urlpatterns = [
    path("", records.index, name="index"),
    # records: achievement records of people and units, and their Excel import
    path("ca-nhan/<int:person_id>/", records.person, name="person"),
    path("ca-nhan/<int:person_id>/ghi/<str:kind>/", records.person_write, name="person_write"),
    path("don-vi/<int:unit_id>/", records.unit, name="unit_records"),
    path("don-vi/<int:unit_id>/ghi/<str:kind>/", records.unit_write, name="unit_write"),
    path("don-vi/<int:unit_id>/nhap-excel/", importing.import_page, name="import"),
    path("don-vi/<int:unit_id>/nhap-excel/mau/", importing.import_template, name="import_template"),
    path("ky-luat/<int:discipline_id>/ket-thuc/", records.discipline_end, name="discipline_end"),
    path("vu-viec/<int:matter_id>/ket-thuc/", records.matter_close, name="matter_close"),
]
