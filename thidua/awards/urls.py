from django.urls import URLPattern, URLResolver, path

from thidua.awards.views import (
    deciding,
    importing,
    records,
    registry,
    round_list,
    round_votes,
    rounds,
)

app_name = "awards"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", records.index, name="index"),
    # Achievement records of people and units, and their Excel import
    path("ca-nhan/<int:person_id>/", records.person, name="person"),
    path("ca-nhan/<int:person_id>/ghi/<str:kind>/", records.person_write, name="person_write"),
    path("don-vi/<int:unit_id>/", records.unit, name="unit_records"),
    path("don-vi/<int:unit_id>/ghi/<str:kind>/", records.unit_write, name="unit_write"),
    path("don-vi/<int:unit_id>/nhap-excel/", importing.import_page, name="import"),
    path("don-vi/<int:unit_id>/nhap-excel/mau/", importing.import_template, name="import_template"),
    path("ky-luat/<int:discipline_id>/ket-thuc/", records.discipline_end, name="discipline_end"),
    path("vu-viec/<int:matter_id>/ket-thuc/", records.matter_close, name="matter_close"),
    # Nomination rounds
    path("dot-xet/", round_list.round_list, name="round_list"),
    path("dot-xet/mo/", round_list.round_open_view, name="round_open"),
    path("dot-xet/<int:round_pk>/", rounds.round_detail, name="round_detail"),
    path("dot-xet/<int:round_pk>/them/", rounds.round_candidate_add, name="round_candidate_add"),
    path(
        "dot-xet/<int:round_pk>/danh-sach/<int:candidate_pk>/bo/",
        rounds.round_candidate_remove,
        name="round_candidate_remove",
    ),
    path(
        "dot-xet/<int:round_pk>/danh-sach/<int:candidate_pk>/giu/",
        rounds.round_candidate_keep,
        name="round_candidate_keep",
    ),
    path("dot-xet/<int:round_pk>/xet-lai/", rounds.round_rejudge, name="round_rejudge"),
    path(
        "dot-xet/<int:round_pk>/binh-xet/",
        deciding.round_deliberate_view,
        name="round_deliberate",
    ),
    path(
        "dot-xet/<int:round_pk>/bo-phieu/",
        round_votes.round_vote_create_view,
        name="round_vote_create",
    ),
    path(
        "dot-xet/<int:round_pk>/bo-phieu/ket-qua/",
        round_votes.round_vote_apply_view,
        name="round_vote_apply",
    ),
    path("dot-xet/<int:round_pk>/trinh/", deciding.round_submit_view, name="round_submit"),
    path("dot-xet/<int:round_pk>/quyet-dinh/", deciding.round_decide_view, name="round_decide"),
    # The registry
    path("so/", registry.registry, name="registry"),
    path("so/<int:grant_pk>/thu-hoi/", registry.grant_revoke_view, name="grant_revoke"),
    path("so/don-vi/<int:unit_pk>/", registry.registry_unit, name="registry_unit"),
]
