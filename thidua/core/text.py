"""Vietnamese text: folding for search and a collation key for sorting.

Folding removes case and diacritics so that "dak lak", "DAK LAK" and "Đắk Lắk" meet.
The sort key follows the Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t
u ư v x y): base letters decide first, tone marks only break ties, so "Đà Nẵng" sorts after
every "D…" name. The key is plain ASCII so it sorts the same way in any database collation,
which lets PostgreSQL and SQLite share one ordering.
"""

import unicodedata

_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxyfjwz"
# Tone marks in Vietnamese dictionary order: none, grave, hook, tilde, acute, dot below.
_TONES = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Letter-forming marks keep the letter distinct (ă, â, ê, ô, ơ, ư); tone marks do not.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}


def fold(text: str) -> str:
    """Lower-case text without diacritics, whitespace collapsed; đ becomes d."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


def _split_letter(char: str) -> tuple[str, int]:
    """One lower-case character → (base letter with its letter marks, tone rank)."""
    decomposed = unicodedata.normalize("NFD", char)
    base = decomposed[0]
    letter_marks = "".join(m for m in decomposed[1:] if m in _LETTER_MARKS)
    tone = next((_TONES[m] for m in decomposed[1:] if m in _TONES), 0)
    return unicodedata.normalize("NFC", base + letter_marks), tone


def _code(index: int) -> str:
    """Two lower-case ASCII letters that sort like ``index``; 'a' is kept as the separator."""
    return chr(ord("b") + index // 25) + chr(ord("b") + index % 25)


def sort_key(text: str) -> str:
    """A string whose plain ordering is the Vietnamese dictionary order of ``text``."""
    primary: list[str] = []
    tones: list[str] = []
    for char in " ".join(text.lower().split()):
        if char == " ":
            primary.append(_code(0))
            continue
        letter, tone = _split_letter(char)
        if letter in _ALPHABET:
            primary.append(_code(20 + _ALPHABET.index(letter)))
        elif letter.isdigit():
            primary.append(_code(1 + int(letter)))
        else:
            primary.append(_code(11 + (ord(letter) % 9)))
        tones.append(chr(ord("b") + tone))
    return "".join(primary) + "a" + "".join(tones)
