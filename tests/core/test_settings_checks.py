from django.test import override_settings

from thidua.core.checks import production_settings_check


def _ids() -> set[str]:
    return {message.id or "" for message in production_settings_check(None)}


def test_development_settings_pass_when_not_in_production() -> None:
    assert _ids() == set()


@override_settings(PRODUCTION=True, DEBUG=True, ALLOWED_HOSTS=[])
def test_production_refuses_debug_default_key_and_empty_hosts() -> None:
    assert _ids() == {"thidua.E001", "thidua.E002", "thidua.E003"}


@override_settings(
    PRODUCTION=True,
    DEBUG=False,
    ALLOWED_HOSTS=["thidua.btctw.vn"],
    SECRET_KEY="k" * 50,
)
def test_production_with_proper_settings_passes() -> None:
    assert _ids() == set()
