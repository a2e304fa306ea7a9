from hypothesis import given
from hypothesis import strategies as st

from thidua.core.text import fold, sort_key

VIETNAMESE_LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)


def test_fold_ignores_case_and_diacritics() -> None:
    assert fold("Đắk Lắk") == fold("dak lak") == fold("DAK  LAK") == "dak lak"
    assert fold("Thành phố Hồ Chí Minh") == "thanh pho ho chi minh"


def test_sort_puts_d_before_dj_and_follows_the_vietnamese_alphabet() -> None:
    names = ["Đồng Nai", "Điện Biên", "Đà Nẵng", "Duyên Hải", "Cà Mau", "Ăn", "Anh", "An Giang"]
    assert sorted(names, key=sort_key) == [
        "An Giang",
        "Anh",
        "Ăn",
        "Cà Mau",
        "Duyên Hải",
        "Đà Nẵng",
        "Điện Biên",
        "Đồng Nai",
    ]


def test_tones_only_break_ties_between_equal_letters() -> None:
    assert sorted(["Hà Nội", "Hà Nam", "Hải Dương", "Hà Giang"], key=sort_key) == [
        "Hà Giang",
        "Hà Nam",
        "Hà Nội",
        "Hải Dương",
    ]
    assert sorted(["mã", "má", "ma", "mạ", "mà", "mả"], key=sort_key) == [
        "ma",
        "mà",
        "mả",
        "mã",
        "má",
        "mạ",
    ]


words = st.text(alphabet=VIETNAMESE_LETTERS + " ", min_size=0, max_size=20)


@given(words)
def test_fold_is_idempotent_and_ascii(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert folded.isascii()


@given(words, words)
def test_sort_key_orders_by_base_letters_first(a: str, b: str) -> None:
    """If the letters without tones differ, the tones never decide the order."""
    key_a, key_b = sort_key(a), sort_key(b)
    base_a, base_b = key_a.split("a", 1)[0], key_b.split("a", 1)[0]
    if base_a != base_b:
        assert (key_a < key_b) == (base_a < base_b)
    assert key_a.isascii()


@given(st.text(alphabet=VIETNAMESE_LETTERS, min_size=1, max_size=8))
def test_every_d_word_sorts_before_every_dj_word(rest: str) -> None:
    assert sort_key("d" + rest) < sort_key("đ" + rest)
    assert sort_key("dz" + rest) < sort_key("đa" + rest)
