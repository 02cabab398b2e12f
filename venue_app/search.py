"""Find attendees by name in any script, organisation, e-mail, code, delegation, city or country.

How it works
------------
The table ``attendee_fts`` (FTS5, migration ``m0002_search``) holds one search document per
attendee. Plain SQL triggers (migration ``m0011``) queue every attendee written in
``attendee_fts_pending``; the documents are built in Python (:func:`search_document`) when the
station's write transaction ends (:func:`flush_if_short`, from ``Replica.transaction``), so an
import, a walk-in or an edit is searchable the moment its transaction commits, and any SQLite tool
can write an attendee (it is indexed after the station's next write). A long queue (a first sync)
is indexed a batch at a time in the background (:func:`flush_some`).

A document is built so that the plain ``unicode61 remove_diacritics 2`` tokenizer can do the
rest (case and accent folding, prefix indexes):

* CJK ideographs, kana and hangul syllables become one token each, so a Chinese name is found by
  any one of its characters, and by any two (a phrase query over adjacent tokens);
* Han characters add their pinyin, syllable by syllable and joined ("wang xiu ying",
  "wangxiuying", "xiuying"), plus the surname reading where it differs (曾 ceng → zeng);
* traditional characters add their simplified form too (王俊賢 → also 王 俊 贤, OpenCC's table, see
  :func:`venue_app.names.han_fold`), and a CJK query is searched as typed and folded the same way,
  so 王俊贤 typed in Guangzhou finds 王俊賢 registered in Taipei, and the other way round;
* hangul adds its Revised Romanization per syllable ("bak ji hun", "bakjihun") and the passport
  spellings of a leading surname (박 → park, 이 → lee); kana add their Hepburn form, with and without
  long vowels ("shouhei", "shohei"); the kanji of Japanese names (country JP or written with kana)
  add their readings: common names from the table Faker ships (佐藤 → "sato", "satou"), any other
  where the optional ``pykakasi`` is installed (see :mod:`venue_app.names` for why it is optional);
* other scripts add their transliteration (anyascii, with a Greek touch-up: ου → ou, and the
  raw anyascii form too), Latin letters that accent folding does not handle (ł, ø, ß, đ) their
  ASCII form, and words with apostrophes (O'Brien, Худобʼяк) their joined form;
* a ``fuzzy`` column holds consonant skeletons of the romanised words, so "mohammed" finds the
  vowel-less transliteration "mhmd" of محمد and "nunes" finds "Núñez".

Queries never reach FTS5 syntax: they are split into words and every word is quoted, so ``%``,
``_``, quotes, ``NEAR``, ``*`` or emoji are plain text. Ranking: exact registration code or
e-mail first, then documents where every word matches a whole token, then as a prefix (typing),
then fuzzy; within a tier bm25 with names weighted highest. A tier matching more than
:data:`RANK_CAP` documents ("city", "guang") is not ranked on every keystroke: people whose name
matches come first, then the others in file order, which keeps p99 within the 20 ms budget.

Bulk writes (import, first sync) wrap their statements in :func:`bulk` or :func:`deferred` so that
the triggers only queue rowids (``attendee_fts_pending``) and the index is built in batches:
FTS5 flushes at every statement savepoint, so row-by-row indexing from a trigger costs ~3x.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from anyascii import anyascii

from venue_app.names import (
    KOREAN_SURNAMES,
    han_fold,
    has_kana,
    kana_romanise,
    kanji_readings,
    korean_romanise,
    long_vowels_folded,
)

__all__ = [
    "FTS_COLUMNS",
    "MAX_QUERY_CHARS",
    "RANK_CAP",
    "RESULT_FIELDS",
    "SURNAME_READINGS",
    "bulk",
    "flush",
    "flush_if_short",
    "flush_some",
    "fuzzy_key",
    "install",
    "pending",
    "rebuild",
    "romanise",
    "search",
    "search_document",
]

#: columns of ``attendee_fts`` in order; bm25 weights below follow the same order
FTS_COLUMNS = ("names", "org", "place", "ident", "fuzzy")
_WEIGHTS = "10.0, 2.0, 3.0, 6.0, 1.0"
#: longer queries are cut: nobody types more at a desk and it bounds the work per keystroke
MAX_QUERY_CHARS = 120
_MAX_TERMS = 8
#: attendee fields returned with every result
RESULT_FIELDS = (
    "id", "code", "given_name", "family_name", "native_name", "name_order", "honorific", "organisation",
    "job_title", "city", "country", "category", "delegation", "email", "status",
)
_DOC_FIELDS = ("given_name", "family_name", "native_name", "organisation", "job_title", "city", "country",
               "delegation", "email", "code")


# -- scripts ---------------------------------------------------------------------------------------
def _is_han(ch: str) -> bool:
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF
            or 0x20000 <= o <= 0x3134F)


def _is_split_char(ch: str) -> bool:
    """Characters indexed one per token: Han, kana and hangul (no spaces between words there)."""
    o = ord(ch)
    return (_is_han(ch) or 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xAC00 <= o <= 0xD7AF
            or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F or 0xFF66 <= o <= 0xFF9D)


def _is_hangul(ch: str) -> bool:
    o = ord(ch)
    return 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F


def _is_arabic(ch: str) -> bool:
    return 0x0600 <= ord(ch) <= 0x06FF


_GREEK_DIGRAPHS = (("ου", "ou"), ("ού", "ou"), ("Ου", "Ou"), ("ΟΥ", "OU"), ("μπ", "b"), ("Μπ", "B"),
                   ("ντ", "nt"), ("γγ", "ng"), ("γκ", "gk"))
# αυ, ευ, ηυ: "f" before a voiceless consonant or at the end (Ευστάθιος → Efstathios), else "v"
# (Ευάγγελος → Evangelos), as ELOT 743 and Greek passports have it
_GREEK_UPSILON_RE = re.compile("([αεηΑΕΗάέή])([υύΥΎ])(?=([θκξπστφχψςΘΚΞΠΣΤΦΧΨ]|$)?)")


def _greek_upsilon(match: re.Match[str]) -> str:
    voiceless = match.group(3) is not None
    letter = "f" if voiceless else "v"
    return anyascii(match.group(1)) + (letter.upper() if match.group(2).isupper() else letter)


def _pinyin(text: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """(most likely reading per character, every reading per character) of a run of Han characters.

    Character by character (cached): names are not dictionary phrases, and per-character caching
    keeps an import of 100,000 names fast.
    """
    pairs = [_char_pinyin(ch) for ch in text]
    return tuple(p[0] for p in pairs if p[0]), tuple(p[1] for p in pairs if p[0])


@functools.lru_cache(maxsize=65536)
def _char_pinyin(ch: str) -> tuple[str, tuple[str, ...]]:
    from pypinyin import Style, pinyin  # imported lazily: loading its dictionary costs ~0.3 s

    readings = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
    if not readings or not readings[0]:
        return "", ()
    every = tuple(dict.fromkeys(readings[0]))
    return every[0], every


@functools.lru_cache(maxsize=262144)
def _translit(word: str) -> str:
    """ASCII transliteration of one word of a non-Han script (lower case, letters and digits only)."""
    for src, dst in _GREEK_DIGRAPHS:
        if src in word:
            word = word.replace(src, dst)
    if "υ" in word or "ύ" in word or "Υ" in word or "Ύ" in word:
        word = _GREEK_UPSILON_RE.sub(_greek_upsilon, word)
    out = anyascii(word)
    return "".join(ch for ch in out if ch.isalnum()).lower()


#: surnames whose reading differs from the character's usual one (姓氏多音字)
SURNAME_READINGS = {
    "曾": "zeng", "单": "shan", "解": "xie", "朴": "piao", "仇": "qiu", "区": "ou", "查": "zha", "盖": "ge",
    "乐": "yue", "覃": "qin", "缪": "miao", "翟": "zhai", "种": "chong", "秘": "bi", "员": "yun", "句": "gou",
    "召": "shao", "繁": "po", "隗": "wei", "重": "chong", "柏": "bai", "祭": "zhai", "尉": "yu",
    "长": "zhang",
    "沈": "shen", "华": "hua", "任": "ren", "纪": "ji", "薄": "bo", "令": "ling", "过": "guo", "宁": "ning",
}


def _passport_u(syllable: str) -> str:
    """pypinyin writes ü as "v"; Chinese passports write lü/nü as "lyu"/"nyu" and lüe/nüe as "lue"/"nue"."""
    if "v" not in syllable:
        return syllable
    return syllable.replace("ve", "ue").replace("v", "yu")


def romanise(text: str, *, surname: bool = False) -> str:
    """A readable romanisation of a name part: pinyin for Han, Revised Romanization for hangul, Hepburn
    for kana, anyascii (Greek touched up) otherwise.

    Each word is capitalised ("王秀英" → "Wangxiuying", "秀英" → "Xiuying", "Иванов" → "Ivanov");
    ``surname=True`` reads a leading Han character as a family name (曾 → "Zeng", not "Ceng").
    Used by the demo data for the romanised given/family names of native-script attendees.
    """
    words: list[str] = []
    for word in text.split():
        if any(_is_han(ch) for ch in word):
            parts: list[str] = []
            run = ""
            for ch in word + "\0":
                if _is_han(ch):
                    run += ch
                    continue
                if run:
                    syllables = [_passport_u(x) for x in _pinyin(run)[0]]
                    if surname and not parts and syllables and run[0] in SURNAME_READINGS:
                        syllables[0] = SURNAME_READINGS[run[0]]
                    parts.append("".join(syllables))
                    run = ""
                if ch != "\0":
                    parts.append(_translit(ch))
            roman = "".join(parts)
        elif any(_is_hangul(ch) for ch in word):
            roman = "".join(korean_romanise(word)) or "".join(_translit(ch) for ch in word)
        elif has_kana(word):
            roman = kana_romanise(word) or _translit(word)
        else:
            roman = _translit(word)
        if roman:
            words.append(roman[:1].upper() + roman[1:])
    return " ".join(words)


# -- documents -------------------------------------------------------------------------------------
_WORD_RE = re.compile(r"[^\W_]+")
_FUZZY_SUBS = (("sh", "s"), ("kh", "k"), ("th", "t"), ("ph", "f"), ("bh", "b"), ("dh", "d"), ("gh", "g"),
               ("jh", "j"), ("ch", "c"), ("x", "ks"), ("q", "k"), ("c", "k"), ("z", "s"), ("v", "w"))
_VOWELS = frozenset("aeiouy")


@functools.lru_cache(maxsize=262144)
def fuzzy_key(word: str) -> str:
    """Consonant skeleton of an ASCII word: vowels dropped, common spelling variants merged.

    Romanisations of the same name differ mostly in vowels (Arabic is written without them) and a
    few consonant spellings; "Mohammed", "Muhammad" and anyascii's "mhmd" all become "mhmd".
    """
    word = word.lower()
    for src, dst in _FUZZY_SUBS:
        if src in word:
            word = word.replace(src, dst)
    out: list[str] = []
    for ch in word:
        if ch in _VOWELS or not ch.isalnum():
            continue
        if out and out[-1] == ch:
            continue
        out.append(ch)
    return "".join(out)


@functools.lru_cache(maxsize=65536)
def _fold_ascii(word: str) -> str:
    """What unicode61 remove_diacritics makes of a Latin word, approximately (for deduplication)."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


_SPLIT_RE = re.compile("[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u1100-\u11ff"
                       "\u3130-\u318f\uf900-\ufaff\uff66-\uff9d\U00020000-\U0003134f]")


def _expand(text: str, roman: list[str]) -> str:
    """Index text for ``text``: itself with CJK split per character; romanised words go to ``roman``."""
    if not text:
        return ""
    expanded, romanised = _expand_cached(text)
    roman.extend(romanised)
    return expanded


_APOSTROPHES = "'`ʼʻ’‘´ʹ"
_NO_APOSTROPHES = str.maketrans("", "", _APOSTROPHES)


def _words(text: str) -> list[str]:
    """Words of any script: letters and digits with their combining marks (Devanagari, Thai vowel signs)."""
    words: list[str] = []
    current: list[str] = []
    for ch in text:
        if ch.isalnum() or (current and unicodedata.category(ch)[0] == "M"):
            current.append(ch)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


@functools.lru_cache(maxsize=262144)
def _expand_cached(text: str) -> tuple[str, tuple[str, ...]]:
    """(index text, romanised words) of a field value; cached: names, organisations and cities repeat."""
    if text.isascii() and not any(ch in text for ch in _APOSTROPHES):
        return text, tuple(w.lower() for w in _WORD_RE.findall(text))
    out: list[str] = []
    roman: list[str] = []
    for word in unicodedata.normalize("NFKC", text).split():
        word_out, word_roman = _expand_word(word)
        out.append(word_out)
        roman.extend(word_roman)
    return " ".join(out), tuple(roman)


@functools.lru_cache(maxsize=262144)
def _expand_word(word: str) -> tuple[str, tuple[str, ...]]:
    if _SPLIT_RE.search(word):
        cjk_roman: list[str] = []
        _romanise_cjk(word, cjk_roman)
        split = " ".join(ch if _is_split_char(ch) else f" {ch} " for ch in word)
        folded = han_fold(word)
        if folded != word:
            # traditional characters: the simplified form too, as one more run of tokens (a phrase
            # query for the folded query matches it)
            split += "  " + " ".join(ch if _is_split_char(ch) else f" {ch} " for ch in folded)
        return " ".join((split, *dict.fromkeys(cjk_roman))), tuple(cjk_roman)
    out = [word]
    roman: list[str] = []
    joined = word.translate(_NO_APOSTROPHES)
    if joined != word:
        # O'Brien, Худобʼяк: also one word, as people type it without the apostrophe
        out.append(joined)
    subs = _words(joined)
    if len(subs) > 1 and not joined.isascii():
        # one word in several pieces (Tibetan syllables between tsheg marks): also whole, as romanise() has it
        whole = _translit(joined)
        if whole:
            out.append(whole)
            roman.append(whole)
    for sub in subs:
        if sub.isascii():
            roman.append(sub.lower())
            continue
        ascii_form = _translit(sub)
        if not ascii_form:
            continue
        roman.append(ascii_form)
        if ascii_form != _fold_ascii(sub):
            out.append(ascii_form)
        raw = "".join(ch for ch in anyascii(sub) if ch.isalnum()).lower()
        if raw != ascii_form:
            out.append(raw)  # the mechanical form too (Greek ου → "oy", μπ → "mp")
        if _is_arabic(sub[0]) and sub.startswith("ال") and len(sub) > 3:
            # the article al- is written joined to the name: also index the name without it
            stripped = _translit(sub[2:])
            out.append(stripped)
            roman.append(stripped)
    return " ".join(out), tuple(roman)


def _romanise_cjk(word: str, roman: list[str]) -> None:
    """Pinyin (all readings) of Han runs and transliteration of kana/hangul, split and joined."""
    syllables: list[str] = []
    run = ""
    for ch in word + "\0":
        if _is_han(ch):
            run += ch
            continue
        if run:
            likely, _ = _pinyin(run)
            roman.extend(likely)
            # ü (pypinyin's "v"): as passports write it (吕 Lyu) and as people type it (lu)
            roman.extend(form for x in likely if "v" in x for form in (_passport_u(x), x.replace("v", "u")))
            if likely:
                surname = SURNAME_READINGS.get(run[0])
                if not syllables and surname and surname != likely[0]:
                    # a surname read differently from the word (曾 ceng → Zeng): index both readings
                    roman.append(surname)
                    roman.append(surname + "".join(likely[1:]))
                syllables.extend(likely)
            run = ""
        if ch != "\0" and (_is_split_char(ch) or ch.isalnum()):
            piece = _translit(ch)
            if piece:
                syllables.append(piece)
                roman.append(piece)
    if len(syllables) > 1:
        roman.append("".join(syllables))
        # given name without the (one-character) family name: 王秀英 → xiuying
        if len(syllables) > 2:
            roman.append("".join(syllables[1:]))
        if any("v" in x for x in syllables):
            roman.append("".join(map(_passport_u, syllables)))  # 吕秀英 → lyuxiuying, as romanise() writes it
    if any(_is_hangul(ch) for ch in word):
        _romanise_hangul(word, roman)
    if has_kana(word):
        for run in _KANA_RUN_RE.findall(word):
            hepburn = kana_romanise(run)
            if hepburn:
                roman.append(hepburn)
                roman.append(long_vowels_folded(hepburn))


_KANA_RUN_RE = re.compile("[\u3041-\u30fa\u30fc\u31f0-\u31ff\uff66-\uff9d]+")


def _romanise_hangul(word: str, roman: list[str]) -> None:
    """Revised Romanization per syllable, split and joined, and passport spellings of a leading surname."""
    rr = korean_romanise(word)
    if not rr:
        return
    roman.extend(rr)
    if len(rr) > 1:
        roman.append("".join(rr))
        if len(rr) > 2:
            roman.append("".join(rr[1:]))
    syllables = "".join(ch for ch in word if 0xAC00 <= ord(ch) <= 0xD7A3)
    for n in (2, 1):  # two-syllable surnames first (황보, 남궁)
        spellings = KOREAN_SURNAMES.get(syllables[:n]) if len(syllables) >= n else None
        if spellings:
            rest = "".join(rr[n:])
            if rest:
                roman.append(rest)  # the given name alone (황보민석 → minseok)
            for spelling in spellings:
                roman.append(spelling.lower())
                if rest:
                    roman.append(spelling.lower() + rest)
            break


def search_document(given_name: str | None, family_name: str | None, native_name: str | None,
                    organisation: str | None, job_title: str | None, city: str | None, country: str | None,
                    delegation: str | None, email: str | None, code: str | None) -> list[str]:
    """The FTS document (one string per column of :data:`FTS_COLUMNS`) of one attendee."""
    country = (country or "").strip().upper()
    names, fuzzy = _names_doc(given_name or "", family_name or "", native_name or "", country == "JP")
    email = (email or "").strip()
    ident = " ".join(filter(None, ((code or "").strip(), email, email.split("@", 1)[0].replace(".", ""))))
    return [names, _org_doc(organisation or "", job_title or ""), _place_doc(delegation or "", city or "", country),
            ident, fuzzy]


_KANA_RE = re.compile("[\u3041-\u30fa\u31f0-\u31ff\uff66-\uff9d]")  # as names.has_kana, at C speed


def _names_doc(given: str, family: str, native: str, japan: bool = False) -> tuple[str, str]:
    japanese = japan or bool(_KANA_RE.search(native) or _KANA_RE.search(given) or _KANA_RE.search(family))
    parts: list[str] = []
    keys: list[str] = []
    for text in (given, family, native):
        if text:
            expanded, fuzzy = _name_part(text, japanese)
            parts.append(expanded)
            keys.extend(fuzzy)
    # the consonant skeletons of every romanised word, each once, in order of appearance
    return " ".join(parts), " ".join(dict.fromkeys(keys))


@functools.lru_cache(maxsize=262144)
def _name_part(text: str, japanese: bool) -> tuple[str, tuple[str, ...]]:
    """(index text, fuzzy keys) of one name part, with its kanji readings when read as Japanese.
    Cached: given and family names repeat across a congress, and a document is built per attendee."""
    expanded, romanised = _expand_cached(text)
    if japanese and _SPLIT_RE.search(text):
        readings = [r for r in kanji_readings(text) if r not in romanised]
        if readings:
            expanded, romanised = f"{expanded} {' '.join(readings)}", (*romanised, *readings)
    return expanded, tuple(dict.fromkeys(k for k in map(fuzzy_key, dict.fromkeys(romanised)) if len(k) >= 3))


# organisations and places repeat across thousands of attendees: cached whole
@functools.lru_cache(maxsize=16384)
def _org_doc(organisation: str, job_title: str) -> str:
    return " ".join(filter(None, (_expand_cached(organisation)[0] if organisation else "",
                                  _expand_cached(job_title)[0] if job_title else "")))


@functools.lru_cache(maxsize=16384)
def _place_doc(delegation: str, city: str, country: str) -> str:
    parts = [_expand_cached(delegation)[0] if delegation else "", _expand_cached(city)[0] if city else "",
             country]
    name = _country_name(country)
    if name:
        parts.append(_expand_cached(name)[0])
    return " ".join(filter(None, parts))


def _country_name(code: str) -> str:
    if not code:
        return ""
    from venue_app.countries import COUNTRY_NAMES

    return COUNTRY_NAMES.get(code, "")


_memo = threading.local()


def _search_col_sql(column: int, *values: Any) -> str:
    """SQL ``venue_search_col(i, fields…)``: column ``i`` of the document.

    A trigger asks for the five columns one after the other with the same fields: the last
    document (per thread, as connections may write from several threads) is remembered so that
    one attendee costs one document build.
    """
    last = getattr(_memo, "last", None)
    if last is None or last[0] != values:
        last = (values, tuple(search_document(*(None if v is None else str(v) for v in values))))
        _memo.last = last
    return last[1][column]


def _search_mode_sql() -> int:
    return 0  # the first triggers' "index at once" (m0011 replaced them)


def install(conn: sqlite3.Connection) -> None:
    """Register the SQL functions the triggers of the first search migrations called (m0002, m0008: run
    when a replica is created or upgraded; m0011 replaced those triggers by plain SQL)."""
    conn.create_function("venue_search_col", 1 + len(_DOC_FIELDS), _search_col_sql, deterministic=True)
    conn.create_function("venue_search_mode", 0, _search_mode_sql)


@contextmanager
def bulk(conn: sqlite3.Connection) -> Iterator[None]:
    """Index the attendees written in this block in one batch at its end, however many (the end of a
    transaction indexes a short queue only: :func:`flush_if_short`).

    Use inside the writer's transaction around many inserts/updates (import, first sync):
    ``with replica.transaction() as conn, search.bulk(conn): conn.executemany(...)``. The index
    is complete when the block exits, so the transaction commits attendees and index together.
    """
    yield
    flush(conn)


#: a queue longer than this is left to the background indexer (:func:`flush_some`): a first sync's
#: 100,000 people are indexed a batch at a time, not inside one writer transaction
SHORT_QUEUE = 2000


def flush_if_short(conn: sqlite3.Connection, limit: int = SHORT_QUEUE) -> int:
    """Index the queued attendees if there are at most ``limit`` of them (each write transaction ends
    with this: what it wrote is searchable once it commits); returns how many."""
    waiting = conn.execute("SELECT count(*) FROM (SELECT 1 FROM attendee_fts_pending LIMIT ?)", (limit + 1,))
    count = waiting.fetchone()[0]
    return flush(conn) if 0 < count <= limit else 0


def flush(conn: sqlite3.Connection) -> int:
    """Index every queued attendee (the triggers queue each one written); returns how many. Call
    inside a transaction."""
    pending = conn.execute(
        f"SELECT a.rowid, {', '.join('a.' + f for f in _DOC_FIELDS)} FROM attendee_fts_pending p "
        "JOIN attendees a ON a.rowid = p.rid ORDER BY a.rowid").fetchall()
    if pending:
        conn.execute("DELETE FROM attendee_fts WHERE rowid IN (SELECT rid FROM attendee_fts_pending)")
        conn.executemany(
            "INSERT INTO attendee_fts(rowid, names, org, place, ident, fuzzy) VALUES (?, ?, ?, ?, ?, ?)",
            ((row[0], *search_document(*row[1:])) for row in pending))
    conn.execute("DELETE FROM attendee_fts_pending")
    return len(pending)


def rebuild(conn: sqlite3.Connection) -> int:
    """Rebuild the whole index (after a VACUUM, which may renumber rowids). Call inside a transaction."""
    install(conn)
    conn.execute("DELETE FROM attendee_fts")
    conn.execute("DELETE FROM attendee_fts_pending")
    rows = conn.execute(f"SELECT rowid, {', '.join(_DOC_FIELDS)} FROM attendees ORDER BY rowid").fetchall()
    conn.executemany(
        "INSERT INTO attendee_fts(rowid, names, org, place, ident, fuzzy) VALUES (?, ?, ?, ?, ?, ?)",
        ((row[0], *search_document(*row[1:])) for row in rows))
    return len(rows)


# -- queries ---------------------------------------------------------------------------------------
def _query_terms(query: str) -> list[tuple[str, bool]]:
    """Split a query into (term, is_cjk) pieces; CJK runs stay whole (they become phrase queries)."""
    terms: list[tuple[str, bool]] = []
    for word in query.translate(_NO_APOSTROPHES).split():
        run = ""
        other = ""
        for ch in word + " ":
            if _is_split_char(ch):
                if other:
                    terms.extend((w, False) for w in _words(other))
                    other = ""
                run += ch
            else:
                if run:
                    terms.append((run, True))
                    run = ""
                other += ch
        terms.extend((w, False) for w in _words(other))
    return terms[:_MAX_TERMS]


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _term_expr(term: str, cjk: bool, prefix: bool) -> str:
    if cjk:
        phrase = _quote(" ".join(term))
        folded = han_fold(term)
        # documents hold the folded (simplified) form of traditional characters, newer ones at least:
        # the query as typed still matches documents built before folding existed
        return phrase if folded == term else f"({phrase} OR {_quote(' '.join(folded))})"
    star = "*" if prefix else ""
    alternatives = [_quote(term) + star]
    if not term.isascii():
        ascii_form = _translit(term)
        # Иванов → ivanov helps; عال → "l" (vowels and ʿayn vanish) would match half the event
        if len(ascii_form) >= max(2, len(term) // 2 + 1) and ascii_form != _fold_ascii(term):
            alternatives.append(_quote(ascii_form) + star)
    return alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"


def _fts_queries(terms: list[tuple[str, bool]]) -> list[tuple[str, str]]:
    """(tier, FTS5 expression) from best to worst."""
    exact = " AND ".join(_term_expr(t, cjk, False) for t, cjk in terms)
    # as you type, the last word is unfinished ("wang xi"); then any word may be ("wan xiu")
    last = " AND ".join(_term_expr(t, cjk, i == len(terms) - 1) for i, (t, cjk) in enumerate(terms))
    tiers = [("exact", exact), ("prefix", last)]
    if len(terms) > 1:
        tiers.append(("prefix", " AND ".join(_term_expr(t, cjk, True) for t, cjk in terms)))
    fuzzy_parts = []
    for term, cjk in terms:
        if cjk:
            fuzzy_parts.append(_term_expr(term, cjk, False))
            continue
        key = fuzzy_key(term if term.isascii() else _translit(term))
        if len(key) < 3 or len(term) < 4 or any(ch.isdigit() for ch in term):
            # too short to be anything but noise ("ivan" → "wn" would match every Wang)
            fuzzy_parts.append(_term_expr(term, cjk, True))
        else:
            fuzzy_parts.append("{fuzzy}: " + _quote(key) + "*")
    if any(p.startswith("{fuzzy}") for p in fuzzy_parts):
        tiers.append(("fuzzy", " AND ".join(fuzzy_parts)))
    return tiers


_SELECT = "SELECT {cols} FROM attendees a WHERE ".format(cols=", ".join(f"a.{c}" for c in RESULT_FIELDS))
_FROM_FTS = _SELECT.replace(
    "FROM attendees a WHERE ",
    "FROM attendee_fts f JOIN attendees a ON a.rowid = f.rowid WHERE attendee_fts MATCH ? ")
_RANKED = _FROM_FTS + f"ORDER BY bm25(attendee_fts, {_WEIGHTS}) LIMIT ?"
_UNRANKED = _FROM_FTS + "LIMIT ?"
#: bm25 costs a few microseconds per matching document: above this many matches a tier is not ranked
RANK_CAP = 600


def _probe(conn: sqlite3.Connection, expr: str) -> int:
    """How many documents match, counting no further than :data:`RANK_CAP`."""
    sql = "SELECT count(*) FROM (SELECT rowid FROM attendee_fts WHERE attendee_fts MATCH ? LIMIT ?)"
    return conn.execute(sql, (expr, RANK_CAP)).fetchone()[0]


def search(conn: sqlite3.Connection, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Attendees matching ``query``, best first, at most ``limit``; never raises on odd input.

    Each result holds :data:`RESULT_FIELDS` plus ``match`` (code | email | exact | prefix | fuzzy)
    and ``matched`` (the attendee fields the query words were found in).
    """
    if not isinstance(query, str) or limit <= 0:
        return []
    query = unicodedata.normalize("NFKC", query).replace("\x00", " ").strip()[:MAX_QUERY_CHARS]
    if not query:
        return []
    limit = min(int(limit), 500)
    results: list[dict[str, Any]] = []
    seen: set[str] = set()

    def take(rows: Iterable[Mapping[str, Any]], match: str) -> None:
        for row in rows:
            item = {key: row[key] for key in RESULT_FIELDS}
            if item["id"] in seen or len(results) >= limit:
                continue
            seen.add(item["id"])
            item["match"] = match
            results.append(item)

    try:
        from venue_app.codes import normalise_code

        take(_rows(conn, _SELECT + "a.code_norm = ?", (normalise_code(query),)), "code")
        if "@" in query:
            take(_rows(conn, _SELECT + "a.email IN (?, ?)", (query, query.lower())), "email")
        terms = _query_terms(query)
        for tier, expr in _fts_queries(terms) if terms else ():
            if len(results) >= limit:
                break
            want = limit - len(results) + len(seen)
            found = _probe(conn, expr)
            if 0 < found < RANK_CAP:
                take(_rows(conn, _RANKED, (expr, want)), tier)
            elif found:
                # too many to rank on every keystroke ("city", "guang"): people whose name matches
                # come first (ranked when few enough), then the others in file order
                if tier != "fuzzy":
                    names_expr = "{names} : (" + expr + ")"
                    in_names = _probe(conn, names_expr)
                    if in_names:
                        sql = _RANKED if in_names < RANK_CAP else _UNRANKED
                        take(_rows(conn, sql, (names_expr, want)), tier)
                take(_rows(conn, _UNRANKED, (expr, limit - len(results) + len(seen))), tier)
        if len(results) < limit:
            take(_unindexed(conn, query, limit - len(results) + len(seen)), "prefix")
    except sqlite3.OperationalError:
        # an FTS syntax corner we did not foresee: the desk gets what was found so far, not an error
        pass
    for item in results:
        item["matched"] = _matched_fields(item, query)
    return results


_PENDING = _SELECT.replace("FROM attendees a WHERE ",
                           "FROM attendee_fts_pending p JOIN attendees a ON a.rowid = p.rid WHERE ")
_PLAIN_FIELDS = ("given_name", "family_name", "native_name", "organisation", "delegation", "email")


def _unindexed(conn: sqlite3.Connection, query: str, limit: int) -> list[Mapping[str, Any]]:
    """Attendees not indexed yet (the minutes after a first sync) whose fields contain every word of
    the query: a plain scan of the queued rows, so nobody is unfindable while the index catches up."""
    if conn.execute("SELECT 1 FROM attendee_fts_pending LIMIT 1").fetchone() is None:
        return []
    words = [w for w in query.split() if w][:4]
    if not words:
        return []
    one = "(" + " OR ".join(f"a.{f} LIKE ? ESCAPE '\\'" for f in _PLAIN_FIELDS) + ")"
    params: list[Any] = []
    for word in words:
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        params.extend([pattern] * len(_PLAIN_FIELDS))
    return _rows(conn, _PENDING + " AND ".join([one] * len(words)) + " LIMIT ?", (*params, limit))


def _rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> list[Mapping[str, Any]]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


_MATCH_FIELDS = ("given_name", "family_name", "native_name", "organisation", "job_title", "delegation",
                 "city", "country", "email", "code")


def _matched_fields(item: Mapping[str, Any], query: str) -> list[str]:
    """The fields a query word was found in, computed on the few results only."""
    if item.get("match") in ("code", "email"):
        return [item["match"]]
    terms = [(term, cjk, "" if cjk else _fold_ascii(term), "" if cjk else _translit(term))
             for term, cjk in _query_terms(query)]
    found: list[str] = []
    japanese = item.get("country") == "JP" or has_kana(str(item.get("native_name") or ""))
    for field in _MATCH_FIELDS:
        value = str(item.get(field) or "")
        if not value:
            continue
        tokens, keys = _field_tokens(field, value, japanese and field in ("given_name", "family_name",
                                                                          "native_name"))
        for term, cjk, folded, ascii_form in terms:
            if cjk:
                hit = term in value or han_fold(term) in han_fold(value)
            else:
                key = fuzzy_key(ascii_form or folded)
                hit = any(t.startswith(folded) or (ascii_form and t.startswith(ascii_form))
                          for t in tokens) or (len(key) >= 3 and any(k.startswith(key) for k in keys))
            if hit:
                found.append(field)
                break
    return found


@functools.lru_cache(maxsize=65536)
def _field_tokens(field: str, value: str, japanese: bool = False) -> tuple[frozenset[str], frozenset[str]]:
    expanded, roman = _expand_cached(value)
    if japanese and _SPLIT_RE.search(value):
        roman = (*roman, *kanji_readings(value))
    if field == "country":
        name = _country_name(value.upper())
        if name:
            expanded = f"{expanded} {name}"
    tokens = {_fold_ascii(t) for t in _words(expanded)} | set(roman)
    if field == "email":
        tokens.add(value.lower())
    return frozenset(tokens), frozenset(fuzzy_key(t) for t in tokens)


def pending(conn: sqlite3.Connection) -> int:
    """How many attendees wait to be indexed."""
    return int(conn.execute("SELECT count(*) FROM attendee_fts_pending").fetchone()[0])


def flush_some(conn: sqlite3.Connection, limit: int = 2000) -> int:
    """Index at most ``limit`` queued attendees; returns how many. Call inside a transaction."""
    rows = conn.execute(
        f"SELECT a.rowid, {', '.join('a.' + f for f in _DOC_FIELDS)} FROM attendee_fts_pending p "
        "JOIN attendees a ON a.rowid = p.rid ORDER BY p.rid LIMIT ?", (limit,)).fetchall()
    if not rows:
        conn.execute("DELETE FROM attendee_fts_pending")
        return 0
    rids = [(row[0],) for row in rows]
    conn.executemany("DELETE FROM attendee_fts WHERE rowid = ?", rids)
    conn.executemany(
        "INSERT INTO attendee_fts(rowid, names, org, place, ident, fuzzy) VALUES (?, ?, ?, ?, ?, ?)",
        ((row[0], *search_document(*row[1:])) for row in rows))
    conn.executemany("DELETE FROM attendee_fts_pending WHERE rid = ?", rids)
    return len(rows)
