from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "thidua.accounts"
    verbose_name = "Tài khoản và phân quyền"

    def ready(self) -> None:
        # Connects the lockout's audit receiver.
        from thidua.accounts import lockout  # noqa: F401
