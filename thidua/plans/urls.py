from django.urls import URLPattern, URLResolver, path

from thidua.plans import views, views_builder, views_covenant, views_registration

app_name = "plans"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.plan_list, name="list"),
    path("tao/", views.plan_create, name="create"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/giai-doan/", views.plan_advance, name="advance"),
    path("<int:pk>/han/", views.deadline_set, name="deadline_set"),
    path("<int:pk>/nhiem-vu/", views.task_group_set, name="task_group_set"),
    path("<int:pk>/cau-hinh/", views.plan_configure, name="configure"),
    path("<int:pk>/ap-dung/", views.plan_adopt, name="adopt"),
    path("<int:pk>/thang-diem/", views_builder.builder, name="builder"),
    path("<int:pk>/thang-diem/tieu-chi/", views_builder.criterion_add, name="criterion_add"),
    path(
        "<int:pk>/thang-diem/tieu-chi/<int:cid>/",
        views_builder.criterion_edit,
        name="criterion_edit",
    ),
    path(
        "<int:pk>/thang-diem/tieu-chi/<int:cid>/xoa/",
        views_builder.criterion_delete,
        name="criterion_delete",
    ),
    path("<int:pk>/thang-diem/gioi-han/", views_builder.scale_limits, name="scale_limits"),
    path("<int:pk>/thang-diem/phien-ban-moi/", views_builder.scale_revise, name="scale_revise"),
    path("<int:pk>/thang-diem/ban-hanh/", views_builder.scale_issue, name="scale_issue"),
    path("<int:pk>/dang-ky/", views_registration.registration, name="registration"),
    path(
        "<int:pk>/dang-ky/gui/",
        views_registration.registration_submit,
        name="registration_submit",
    ),
    path(
        "<int:pk>/dang-ky/<int:rid>/chap-nhan/",
        views_registration.registration_accept,
        name="registration_accept",
    ),
    path(
        "<int:pk>/dang-ky/<int:rid>/tra-lai/",
        views_registration.registration_return,
        name="registration_return",
    ),
    path("<int:pk>/giao-uoc/", views_covenant.covenant, name="covenant"),
    path("<int:pk>/giao-uoc/mo/", views_covenant.covenant_open, name="covenant_open"),
    path("<int:pk>/giao-uoc/ky/", views_covenant.covenant_sign, name="covenant_sign"),
    path(
        "don-vi/<int:unit_pk>/<int:year>/dang-ky/",
        views_registration.unit_list,
        name="unit_list",
    ),
    path(
        "don-vi/<int:unit_pk>/<int:year>/dang-ky/dong/",
        views_registration.unit_list_row,
        name="unit_list_row",
    ),
    path(
        "don-vi/<int:unit_pk>/<int:year>/dang-ky/duyet/",
        views_registration.unit_list_approve,
        name="unit_list_approve",
    ),
]
