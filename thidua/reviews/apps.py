from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "thidua.reviews"
    verbose_name = "Lấy phiếu tín nhiệm"
