"""An electronic vote played through in Chromium, with the real browser half of the protocol:
the organiser fixes the roll; two trustees each make their key in the browser and keep the
downloaded key file; the organiser opens the vote; three voters cast encrypted ballots (one on
a phone-sized screen, which must not scroll sideways); a voter finds their tracker on the public
list; the organiser closes; both trustees load their key files and decrypt the sum of the
whole box in the browser; the result page shows the counts. The downloaded election record
passes ``vote_verify`` — and fails once one byte of a ballot in it is changed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import CommandError, call_command
from playwright.sync_api import Page, expect

from tests.browser.steps import sign_in
from tests.builders.clusters import board
from tests.builders.people import PASSWORD, persona, staff_of
from tests.voting.page_world import electronic_vote
from thidua.accounts.models import Role
from thidua.voting.models import Vote

ORGANISER = "lanhdao.binhduong"
TRUSTEES = ("thuongtruc", "hoidong")
# Each voter's ballot on the two boards proposed: approve or not.
CHOICES = {
    "canbo.binhduong": (True, True),
    "canbo.longan": (True, False),
    "canbo.btc-72-63": (False, False),
}


@pytest.fixture
def vote(transactional_db: None) -> Vote:
    """A draft electronic deliberation of cluster 4 (2018), committed before the browser
    starts: three officers of member boards on the roll, two trustees."""
    persona(ORGANISER)
    tay_ninh = staff_of(board("72-63"), Role.UNIT_OFFICER)
    voters = [persona("canbo.binhduong"), persona("canbo.longan"), tay_ninh]
    return electronic_vote(voters=voters, trustees=[persona(name) for name in TRUSTEES])


def _organiser_step(page: Page, vote: Vote, button: str, status: str) -> None:
    sign_in(page, ORGANISER, PASSWORD)
    page.goto(f"/bo-phieu/{vote.pk}/")
    page.get_by_test_id(button).click()
    expect(page.get_by_test_id("vote-status")).to_have_text(status)


def _make_key(page: Page, vote: Vote, trustee: str, folder: Path) -> Path:
    sign_in(page, trustee, PASSWORD)
    page.goto(f"/bo-phieu/{vote.pk}/giu-khoa/")
    with page.expect_download() as made:
        page.get_by_test_id("keygen-button").click()
    key_file = folder / f"{trustee}.json"
    made.value.save_as(key_file)
    saved = json.loads(key_file.read_text())
    assert saved["context"] == vote.context
    assert re.fullmatch(r"[0-9a-f]{64}", saved["secret"])
    page.get_by_test_id("key-submit").click()
    expect(page.get_by_test_id("key-sent")).to_be_visible()
    return key_file


def _cast(page: Page, vote: Vote, voter: str, choices: tuple[bool, ...], *, phone: bool) -> str:
    sign_in(page, voter, PASSWORD)
    if phone:
        page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"/bo-phieu/{vote.pk}/phieu/")
    submit = page.get_by_test_id("ballot-submit")
    expect(submit).to_be_enabled()
    if phone:
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        violations = Axe().run(page).response["violations"]
        assert not [v["id"] for v in violations if v["impact"] in {"serious", "critical"}]
    for line, chosen in enumerate(choices, start=1):
        if chosen:
            page.get_by_test_id(f"choice-{line}-1").check()
    submit.click()
    tracker = page.get_by_test_id("tracker")
    expect(tracker).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    if phone:
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.set_viewport_size({"width": 1280, "height": 900})
    return tracker.inner_text()


def _decrypt(page: Page, vote: Vote, trustee: str, key_file: Path, *, last: bool) -> None:
    sign_in(page, trustee, PASSWORD)
    page.goto(f"/bo-phieu/{vote.pk}/giu-khoa/")
    page.get_by_test_id("keyfile-input").set_input_files(str(key_file))
    page.get_by_test_id("partial-submit").click()
    if last:  # the last decryption gives the count, and the vote's page its result
        expect(page.get_by_test_id("vote-status")).to_have_text("Đã có kết quả")
    else:
        expect(page.get_by_test_id("partial-sent")).to_be_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_electronic_vote_from_keys_to_a_verified_record(
    vote: Vote, page: Page, tmp_path: Path
) -> None:
    page.goto("/")
    _organiser_step(page, vote, "step-keys", "Chờ người giữ khóa tạo khóa")
    key_files = {name: _make_key(page, vote, name, tmp_path) for name in TRUSTEES}
    _organiser_step(page, vote, "step-open", "Đang bỏ phiếu")

    trackers = {
        voter: _cast(page, vote, voter, choices, phone=voter == "canbo.longan")
        for voter, choices in CHOICES.items()
    }
    assert len(set(trackers.values())) == 3

    # The last voter looks their ballot up on the public list, by its tracker.
    page.get_by_test_id("find-tracker").click()
    expect(page.get_by_test_id("search-result")).to_have_text("Tìm thấy 1 lá phiếu.")
    expect(page.get_by_test_id("mine")).to_contain_text(trackers["canbo.btc-72-63"])

    _organiser_step(page, vote, "step-close", "Đã kết thúc bỏ phiếu, chờ kiểm phiếu")
    # A trustee who loads another trustee's key file is stopped before anything is sent.
    sign_in(page, TRUSTEES[0], PASSWORD)
    page.goto(f"/bo-phieu/{vote.pk}/giu-khoa/")
    page.get_by_test_id("keyfile-input").set_input_files(str(key_files[TRUSTEES[1]]))
    page.get_by_test_id("partial-submit").click()
    expect(page.get_by_test_id("trustee-message")).to_have_text(
        "Tệp khóa không phải của anh/chị cho cuộc bỏ phiếu này."
    )
    # A box that does not hold the number of ballots the page states is not decrypted (the
    # page's number is changed here, as a server hiding a ballot would make them differ).
    page.goto(f"/bo-phieu/{vote.pk}/giu-khoa/")
    page.locator("[data-partial-form]").evaluate("form => { form.dataset.ballots = '4'; }")
    page.get_by_test_id("keyfile-input").set_input_files(str(key_files[TRUSTEES[0]]))
    page.get_by_test_id("partial-submit").click()
    expect(page.get_by_test_id("trustee-message")).to_contain_text("Số lá phiếu tải về khác")
    assert not vote.trustees.filter(partial__isnull=False).exists()
    for name in TRUSTEES:
        _decrypt(page, vote, name, key_files[name], last=name == TRUSTEES[-1])
    expect(page.get_by_test_id("votes")).to_have_text(["2", "1"])
    expect(page.get_by_test_id("share")).to_have_text(["66,67 %", "33,33 %"])
    expect(page.get_by_test_id("verdict")).to_have_text(["Đạt", "Không đạt"])

    with page.expect_download() as downloaded:
        page.get_by_test_id("record-download").click()
    record_file = tmp_path / "record.json"
    downloaded.value.save_as(record_file)
    call_command("vote_verify", "--record", str(record_file))

    # One byte of one ballot changed: the record no longer verifies.
    text = record_file.read_text()
    record = json.loads(text)
    alpha = record["ballots"][0]["ballot"]["answers"][0]["choices"][0]["alpha"]
    changed = alpha[:10] + ("0" if alpha[10] != "0" else "1") + alpha[11:]
    tampered = tmp_path / "tampered.json"
    tampered.write_text(text.replace(alpha, changed, 1))
    with pytest.raises(CommandError):
        call_command("vote_verify", "--record", str(tampered))
