from django.urls import URLPattern, URLResolver, path

from thidua.voting.views import casting, detail, listing, trustees

app_name = "voting"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", listing.vote_list, name="list"),
    path("tao/", listing.vote_new, name="create"),
    path("<int:vote_pk>/", detail.vote_detail, name="detail"),
    path("<int:vote_pk>/sua/", listing.vote_edit, name="edit"),
    path("<int:vote_pk>/buoc/<str:step>/", detail.vote_step, name="step"),
    path("<int:vote_pk>/phat-ma/", detail.codes_issue_view, name="codes"),
    path("<int:vote_pk>/ho-so.json", detail.record_download, name="record"),
    path("<int:vote_pk>/kiem-phieu/", detail.paper_enter, name="paper_enter"),
    path("<int:vote_pk>/xac-nhan/", detail.paper_confirm_view, name="paper_confirm"),
    path("<int:vote_pk>/phieu/", casting.ballot_page, name="ballot"),
    path("<int:vote_pk>/ma/", casting.code_page, name="code"),
    path("<int:vote_pk>/hom-phieu/", casting.ballot_box, name="ballot_box"),
    path("<int:vote_pk>/giu-khoa/", trustees.trustee_page, name="trustee"),
    path("<int:vote_pk>/giu-khoa/khoa/", trustees.trustee_key, name="trustee_key"),
    path("<int:vote_pk>/giu-khoa/giai-ma/", trustees.trustee_partial, name="trustee_partial"),
]
