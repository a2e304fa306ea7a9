"""The pages of votes of confidence: the board's leader and the secretariat organise, the
board's staff read, another board, the council, an observer elsewhere and an outsider do not
even learn that a vote exists; bad input is refused in Vietnamese, never with a 500."""

import pytest
from django.test import Client

from tests.builders.clusters import board
from tests.builders.people import client_for, persona
from tests.reviews.world import BINH_DUONG, LEADER, OFFICER, counted, rated_people, session_held
from thidua.reviews.models import ConfidenceSession
from thidua.rulebook.services.loader import rulebook_load

pytestmark = pytest.mark.django_db
LIST = "/danh-gia/tin-nhiem/"
READERS = ["quantri", "thuongtruc", LEADER, OFFICER]
STRANGERS = ["canbo.longan", "canbo.daklak", "hoidong", "theodoi", "nguoingoai"]
ORGANISERS = ["quantri", "thuongtruc", LEADER]
NOT_ORGANISERS = [OFFICER, *STRANGERS]


@pytest.fixture(autouse=True)
def _rule_book(db: None) -> None:
    rulebook_load()


def _create_url() -> str:
    return f"{LIST}don-vi/{board(BINH_DUONG).pk}/tao/"


def _text(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined,no-any-return]


@pytest.mark.parametrize("username", READERS)
def test_the_board_s_staff_and_the_secretariat_read_the_outcomes(username: str) -> None:
    session = counted(session_held(rated=2), [(10, 4, 16), (25, 5, 0)], present=30)
    listed = client_for(username).get(LIST)
    assert listed.status_code == 200
    assert f"{LIST}{session.pk}/" in _text(listed)
    page = client_for(username).get(f"{LIST}{session.pk}/")
    assert page.status_code == 200
    body = _text(page)
    assert 'data-outcome="removed_from_planning"' in body
    assert "Đưa ra khỏi quy hoạch, xem xét miễn nhiệm" in body
    assert 'data-outcome="none"' in body
    assert "Phó Trưởng ban thường trực" in body
    assert "53,33 %" in body  # 16 of 30
    assert "Quy định 96-QĐ/TW" in body
    assert f'href="/bo-phieu/{session.vote_id}/"' in body
    assert 'data-testid="stands"' in body


@pytest.mark.parametrize("username", STRANGERS)
def test_another_board_and_outsiders_do_not_see_it(username: str) -> None:
    session = counted(session_held(rated=1), [(10, 4, 16)], present=30)
    client = client_for(username)
    assert client.get(f"{LIST}{session.pk}/").status_code == 404
    listed = _text(client.get(LIST))
    assert f"{LIST}{session.pk}/" not in listed
    assert 'data-testid="no-sessions"' in listed
    by_unit = _text(client.get(LIST, {"don-vi": board(BINH_DUONG).pk}))
    assert f"{LIST}{session.pk}/" not in by_unit


def test_nobody_signed_out_gets_in() -> None:
    session = session_held(rated=1)
    for url in (LIST, f"{LIST}{session.pk}/", _create_url()):
        for method in ("get", "post"):
            answer = getattr(Client(), method)(url)
            if answer.status_code == 405:  # a page read only, whoever asks
                continue
            assert answer.status_code == 302
            assert "dang-nhap" in answer["Location"]


@pytest.mark.parametrize("username", ORGANISERS)
def test_the_leader_and_the_secretariat_open_the_form(username: str) -> None:
    rated_people(board(BINH_DUONG), 1)
    page = client_for(username).get(_create_url())
    assert page.status_code == 200
    assert "Nguyễn Văn A — Trưởng ban" in _text(page)
    listed = _text(client_for(username).get(LIST, {"don-vi": board(BINH_DUONG).pk}))
    assert f'href="{_create_url()}"' in listed


@pytest.mark.parametrize("username", NOT_ORGANISERS)
def test_the_others_may_not_organise(username: str) -> None:
    client = client_for(username)
    assert client.get(_create_url()).status_code == 403
    assert client.post(_create_url(), {"held_on": "2025-06-10"}).status_code == 403
    assert f'href="{_create_url()}"' not in _text(client.get(LIST))
    assert not ConfidenceSession.objects.exists()


def test_the_leader_creates_a_paper_vote_from_the_form() -> None:
    unit = board(BINH_DUONG)
    people = rated_people(unit, 2)
    positions = {p.person_id: p.pk for p in unit.positions.all()}
    leader, officer = persona(LEADER), persona(OFFICER)
    answer = client_for(LEADER).post(
        _create_url(),
        {
            "held_on": "10/06/2025",
            "mode": "paper",
            "persons": [positions[people[0].person.pk], positions[people[1].person.pk]],
            "roll": [str(leader.pk), str(officer.pk)],
            "names": "Trần Thị B\n\nLê Văn C\n",
            "committee": [str(leader.pk), str(officer.pk)],
        },
    )
    assert answer.status_code == 302, _text(answer)
    session = ConfidenceSession.objects.get()
    assert answer["Location"] == f"{LIST}{session.pk}/"
    assert session.vote.summoned == 4
    assert session.rated.count() == 2
    page = _text(client_for(LEADER).get(answer["Location"]))
    assert 'data-testid="not-counted"' in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, ""),
        ({"held_on": "ngày mai", "mode": "paper"}, ""),
        (
            {
                "held_on": "2020-05-01",
                "mode": "paper",
                "persons": ["POS"],
                "committee": ["A", "B"],
                "summoned": "5",
            },
            "Chưa có quy định",
        ),
        (
            {
                "held_on": "2025-06-10",
                "mode": "paper",
                "persons": ["POS"],
                "committee": ["A"],
                "summoned": "5",
            },
            "Ban kiểm phiếu cần ít nhất hai thành viên.",
        ),
        (
            {"held_on": "2025-06-10", "mode": "paper", "persons": ["POS"], "committee": ["A", "B"]},
            "Nhập số được triệu tập hoặc danh sách cử tri.",
        ),
        (
            {
                "held_on": "2025-06-10",
                "mode": "bogus",
                "persons": ["987654"],
                "committee": ["1"],
                "summoned": "-3",
            },
            "",
        ),
    ],
)
def test_bad_input_is_refused_in_vietnamese_never_a_500(
    data: dict[str, object], message: str
) -> None:
    unit = board(BINH_DUONG)
    rated_people(unit, 1)
    position = unit.positions.get()
    leader, officer = persona(LEADER), persona(OFFICER)
    ids = {"POS": str(position.pk), "A": str(leader.pk), "B": str(officer.pk)}
    posted = {
        k: [ids.get(v, v) for v in value] if isinstance(value, list) else value
        for k, value in data.items()
    }
    answer = client_for(LEADER).post(_create_url(), posted)
    assert answer.status_code == 400
    if message:
        assert message in _text(answer)
    assert 'data-testid="error-' in _text(answer) or 'data-testid="form-errors"' in _text(answer)
    assert not ConfidenceSession.objects.exists()


def test_odd_addresses_answer_without_a_500() -> None:
    client = client_for(LEADER)
    assert client.get(f"{LIST}987654/").status_code == 404
    assert client.get(LIST, {"don-vi": "abc"}).status_code == 200
    assert client.get(LIST, {"don-vi": "987654"}).status_code == 200
    assert client.get(f"{LIST}don-vi/987654/tao/").status_code == 404


def test_below_the_quorum_the_page_says_the_result_does_not_stand() -> None:
    session = counted(session_held(rated=1), [(0, 0, 19)], present=19)
    body = _text(client_for(OFFICER).get(f"{LIST}{session.pk}/"))
    assert 'data-testid="no-quorum"' in body
    assert "chưa đủ 20 người (2/3 số được triệu tập)" in body
    assert 'data-outcome=""' in body
    assert "Thực hiện quy trình" not in body


def test_the_board_s_internal_page_links_to_its_votes() -> None:
    unit = board(BINH_DUONG)
    body = _text(client_for(OFFICER).get(f"/don-vi/{unit.pk}/noi-bo/"))
    assert f'href="{LIST}?don-vi={unit.pk}"' in body


def test_a_leader_gets_a_button_the_secretariat_chooses_a_board_first() -> None:
    led = _text(client_for(LEADER).get(LIST))
    assert f'href="{_create_url()}"' in led
    assert 'data-testid="choose-unit"' not in led
    sector = _text(client_for("thuongtruc").get(LIST))
    assert 'data-testid="choose-unit"' in sector
    assert f'<option value="{board(BINH_DUONG).pk}">' in sector
    assert f'href="{_create_url()}"' not in sector
