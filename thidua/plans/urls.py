from django.urls import URLPattern, URLResolver, path

from thidua.plans.views import builder, covenant, plan, registration

app_name = "plans"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", plan.plan_list, name="list"),
    path("tao/", plan.plan_create, name="create"),
    path("<int:pk>/", plan.plan_detail, name="detail"),
    path("<int:pk>/giai-doan/", plan.plan_advance, name="advance"),
    path("<int:pk>/cham-cheo/them/", plan.peer_include, name="peer_include"),
    path("<int:pk>/han/", plan.deadline_set, name="deadline_set"),
    path("<int:pk>/nhiem-vu/", plan.task_group_set, name="task_group_set"),
    path("<int:pk>/cau-hinh/", plan.plan_configure, name="configure"),
    path("<int:pk>/ap-dung/", plan.plan_adopt, name="adopt"),
    path("<int:pk>/thang-diem/", builder.builder, name="builder"),
    path("<int:pk>/thang-diem/tieu-chi/", builder.criterion_add, name="criterion_add"),
    path(
        "<int:pk>/thang-diem/tieu-chi/<int:cid>/",
        builder.criterion_edit,
        name="criterion_edit",
    ),
    path(
        "<int:pk>/thang-diem/tieu-chi/<int:cid>/xoa/",
        builder.criterion_delete,
        name="criterion_delete",
    ),
    path("<int:pk>/thang-diem/gioi-han/", builder.scale_limits, name="scale_limits"),
    path("<int:pk>/thang-diem/phien-ban-moi/", builder.scale_revise, name="scale_revise"),
    path("<int:pk>/thang-diem/ban-hanh/", builder.scale_issue, name="scale_issue"),
    path("<int:pk>/dang-ky/", registration.registration, name="registration"),
    path(
        "<int:pk>/dang-ky/gui/",
        registration.registration_submit,
        name="registration_submit",
    ),
    path(
        "<int:pk>/dang-ky/<int:rid>/chap-nhan/",
        registration.registration_accept,
        name="registration_accept",
    ),
    path(
        "<int:pk>/dang-ky/<int:rid>/tra-lai/",
        registration.registration_return,
        name="registration_return",
    ),
    path("<int:pk>/giao-uoc/", covenant.covenant, name="covenant"),
    path("<int:pk>/giao-uoc/mo/", covenant.covenant_open, name="covenant_open"),
    path("<int:pk>/giao-uoc/ky/", covenant.covenant_sign, name="covenant_sign"),
    path(
        "don-vi/<int:unit_pk>/<int:year>/dang-ky/",
        registration.unit_list,
        name="unit_list",
    ),
    path(
        "don-vi/<int:unit_pk>/<int:year>/dang-ky/dong/",
        registration.unit_list_row,
        name="unit_list_row",
    ),
    path(
        "don-vi/<int:unit_pk>/<int:year>/dang-ky/duyet/",
        registration.unit_list_approve,
        name="unit_list_approve",
    ),
]
