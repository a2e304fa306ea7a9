"""The award decision and the certificates of decided rounds: the recorded number and date,
the articles, the prize money from the base salary of the decision's day and its total, the
signer on behalf of the head; the certificate's texts and the registry's address for its QR
code; the submission of a board's list with a kept reason; and who may not."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import resolve

from tests.awards.records_world import revoke
from tests.builders.clusters import plain_members
from tests.builders.people import client_for, persona, staff_of
from tests.documents.awards_world import board_round, cluster_round, flag_grant, tables, words
from thidua.awards.models import Grant
from thidua.core.errors import DomainError, NotFoundError
from thidua.documents.builders import BUILDERS
from thidua.documents.builders.awards import certificate_fields

pytestmark = pytest.mark.django_db
decision = BUILDERS["decision"].build


def test_a_board_decision_gives_each_prize_and_the_total() -> None:
    world = board_round()
    content = decision(world.round.pk, persona("lanhdao.binhduong"))
    assert (content.type_name, content.type_abbreviation) == ("QUYẾT ĐỊNH", "QĐ")
    header = content.header
    assert header.number_symbol == "Số 12-QĐ/BTCTU"
    assert header.date == dt.date(2020, 2, 3)
    assert header.issuing_body == "BAN TỔ CHỨC TỈNH ỦY BÌNH DƯƠNG"
    assert header.superior_body == "TỈNH ỦY BÌNH DƯƠNG"
    assert header.place == "Bình Dương"
    text = words(content)
    assert "Điều 1. Tặng Chiến sĩ thi đua cơ sở cho 4 cá nhân" in text
    # Chiến sĩ thi đua cơ sở: 1,0 x the base salary of 03/02/2020 (1.490.000 đồng), four times.
    assert "mỗi trường hợp 1.490.000 đồng (1,0 lần mức lương cơ sở 1.490.000 đồng/tháng)" in text
    assert (
        "Tổng số tiền thưởng: 5.960.000 đồng (bằng chữ: Năm triệu chín trăm sáu mươi nghìn đồng)."
        in text
    )
    assert "Căn cứ Điều 3 Nghị định 38/2019/NĐ-CP;" in text
    assert "Điều 3. Quyết định có hiệu lực kể từ ngày ký." in text
    rows = tables(content)[0].rows
    assert rows[0] == [
        "1",
        "Trần Văn Bình",
        "Ban Tổ chức Tỉnh ủy Bình Dương",
        "Chiến sĩ thi đua cơ sở",
        "1.490.000",
    ]
    assert len(rows) == 5
    assert rows[-1] == ["", "Tổng cộng", "", "", "5.960.000"]
    (signature,) = content.signatures
    assert (signature.authority, signature.title, signature.signer) == (
        "",
        "TRƯỞNG BAN",
        "Nguyễn Thị Lan",
    )


def test_the_commission_decision_is_signed_on_behalf_of_the_head() -> None:
    world = cluster_round(decide=True)
    content = decision(world.round.pk, persona("hoidong"))
    assert content.header.number_symbol == "Số 127-QĐ/BTCTW"
    assert content.header.issuing_body == "BAN TỔ CHỨC TRUNG ƯƠNG"
    assert content.header.place == "Hà Nội"
    assert content.issuer.register_key == "sector:2019"
    text = words(content)
    # Cờ thi đua cấp bộ: 8,0 x 1.390.000 đồng on 01/02/2019.
    assert (
        "Tổng số tiền thưởng: 11.120.000 đồng (bằng chữ: Mười một triệu một trăm hai mươi nghìn "
        "đồng)." in text
    )
    assert tables(content)[0].rows[0] == [
        "1",
        world.units[0].name,
        "",
        "Cờ thi đua của Ban Tổ chức Trung ương",
        "11.120.000",
    ]
    (signature,) = content.signatures
    assert (signature.authority, signature.title, signature.signer) == (
        "K/T TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
        "Nguyễn Văn A",
    )


def test_a_round_not_decided_has_no_decision_and_others_read_none() -> None:
    submitted = board_round(decide=False)
    with pytest.raises(NotFoundError):
        decision(submitted.round.pk, persona("lanhdao.binhduong"))
    decided = cluster_round(decide=True)
    # A board of another cluster, an outsider, a member of the cluster that does not lead it.
    member = staff_of(plain_members(decided.round.term)[5])
    for user in (persona("canbo.daklak"), persona("nguoingoai"), member):
        with pytest.raises(NotFoundError):
            decision(decided.round.pk, user)


def test_a_board_submission_goes_to_its_head_with_the_reason_kept() -> None:
    world = board_round(decide=False)
    content = BUILDERS["submission"].build(world.round.pk, persona("lanhdao.binhduong"))
    text = words(content)
    assert "Kính gửi: Đồng chí Trưởng Ban Tổ chức Tỉnh ủy Bình Dương" in text
    assert "I. CHIẾN SĨ THI ĐUA CƠ SỞ: 4 trường hợp" in text
    # Nobody has records yet: each is kept on the list with the reason the board wrote.
    reasons = [row[3] for row in tables(content)[0].rows]
    assert len(reasons) == 4
    assert all(r.endswith("Lý do vẫn đề nghị: Hồ sơ bổ sung kèm theo.") for r in reasons)
    assert "Tổng số đề nghị: 0 tập thể, 4 cá nhân." in text
    assert content.header.number_symbol == "Số     -TTr/BTCTU"
    with pytest.raises(NotFoundError):
        BUILDERS["submission"].build(world.round.pk, persona("canbo.longan"))


def test_the_certificate_fields_and_the_registry_address_of_its_qr_code() -> None:
    world = cluster_round(decide=True)
    grant = flag_grant(world)
    fields = certificate_fields(grant.pk, persona("nguoingoai"))
    assert fields["award_name"] == "Cờ thi đua của Ban Tổ chức Trung ương"
    assert fields["recipient"] == world.units[0].name
    assert fields["decision_line"] == (
        "Quyết định số 127-QĐ/BTCTW, ngày 01/02/2019 của Ban Tổ chức Trung ương"
    )
    assert fields["place_date"] == "Hà Nội, ngày 01 tháng 02 năm 2019"
    assert fields["reason"] == "Đã có thành tích xuất sắc trong phong trào thi đua năm 2018"
    assert fields["signer_title"] == "K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN"
    assert fields["signer"] == "Nguyễn Văn A"
    address = urlsplit(fields["verify_url"])
    assert f"{address.scheme}://{address.netloc}" == settings.THIDUA_SITE_URL.rstrip("/")
    assert resolve(address.path).view_name == "awards:registry"
    query = parse_qs(address.query)
    assert query == {"q": [world.units[0].name], "nam": ["2018"], "khen": ["commission_flag"]}


def test_a_person_certificate_names_the_unit() -> None:
    world = board_round()
    grant = Grant.objects.get(person=world.people[1])
    fields = certificate_fields(grant.pk, persona("canbo.daklak"))
    assert fields["recipient"] == "Đồng chí Lê Thị Cúc\nBan Tổ chức Tỉnh ủy Bình Dương"
    assert fields["signer_title"] == "TRƯỞNG BAN"
    assert fields["place_date"] == "Bình Dương, ngày 03 tháng 02 năm 2020"


def test_the_registry_page_of_the_qr_code_finds_the_grant() -> None:
    world = cluster_round(decide=True)
    grant = flag_grant(world)
    address = urlsplit(certificate_fields(grant.pk, persona("nguoingoai"))["verify_url"])
    page = client_for("nguoingoai").get(f"{address.path}?{address.query}")
    assert page.status_code == 200
    assert grant.decision_number in page.content.decode()


def test_no_certificate_for_a_revoked_grant_nor_for_no_one() -> None:
    world = cluster_round(decide=True)
    grant = flag_grant(world)
    with pytest.raises(NotFoundError):
        certificate_fields(grant.pk, AnonymousUser())
    missing = Grant.objects.order_by("-pk").values_list("pk", flat=True)[0] + 1
    with pytest.raises(NotFoundError):
        certificate_fields(missing, persona("hoidong"))
    revoke(grant, dt.date(2020, 5, 1))
    with pytest.raises(DomainError, match="thu hồi"):
        certificate_fields(grant.pk, persona("hoidong"))
