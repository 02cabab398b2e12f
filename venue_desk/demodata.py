"""Realistic demo data for the 13th Metropolis World Congress, Guangzhou.

:func:`generate` makes attendee rows (the columns of :data:`venue_app.importer.EXPORT_COLUMNS`):
city delegations from 60+ countries led by their mayors (honorific "H.E." or "Mayor") with deputy
mayors and staff, participants, speakers, press, exhibitors, organisers and volunteers.

Names, in their native scripts with the Latin forms people actually carry:

* where a script's Latin form cannot be derived letter by letter (abjads, Indic scripts, Thai, Lao,
  Khmer, Myanmar, Tibetan, Ethiopic…), from curated lists of common given and family names with their
  usual spellings (``resources/demo/names.json``: محمد الزهراني "Mohammed Al-Zahrani", יעל כהן
  "Yael Cohen", สมชาย ศรีสุข "Somchai Srisuk", प्रिया शर्मा "Priya Sharma"), tied to the cities where
  they are written that way (Kolkata Bengali, Ahmedabad Gujarati, Addis Ababa Amharic…);
* otherwise from Faker's locale data: Chinese (simplified on the mainland, traditional in Taipei and
  Hong Kong) romanised by pypinyin, Japanese with Faker's own romanisation, Korean with passport
  spellings of surnames and Revised Romanization of given names, Cyrillic, Greek, Armenian and
  Georgian transliterated, Vietnamese and other Latin names as they are (with their diacritics).

Every script of :data:`SCRIPT_LOCALES` appears once n is a few hundred: the first participants
are one per name culture, the rest drawn by country weight. Family-first name order for Chinese,
Japanese, Korean, Hungarian, Vietnamese and Khmer names.

Determinism: the same ``(n, seed)`` gives identical rows. Faker is only used to fill per-locale
name pools from instances seeded with :meth:`Faker.seed_instance` (never the shared class-level
random), so nothing else in the process changes the output; every per-row choice comes from one
``random.Random(seed)``. 100,000 rows take about two seconds.

:func:`program` (in :mod:`venue_app.program`) describes the rooms and sessions.
"""

from __future__ import annotations

import csv
import functools
import json
import random
import re
import unicodedata
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from anyascii import anyascii

from venue_app.importer import EXPORT_COLUMNS, csv_safe
from venue_app.names import KOREAN_SURNAMES
from venue_app.program import program
from venue_app.search import romanise

__all__ = ["CODE_ALPHABET", "COUNTRIES", "SCRIPT_LOCALES", "Country", "curated_names", "generate", "program",
           "write_csv"]

#: registration codes: no 0/O or 1/I, so staff can read them over the phone
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32 symbols: 5 bits each
CODE_LENGTH = 10
_CODE_PAIRS = tuple(a + b for a in CODE_ALPHABET for b in CODE_ALPHABET)  # 10 bits → 2 symbols
_POOL_SIZE = 160
_POOL_SEED = 13  # pools are fixed; the row seed picks from them


@dataclass(frozen=True)
class Country:
    code: str                      # ISO 3166 alpha-2
    locales: tuple[str, ...]       # Faker locales for names (first is the most common)
    dial: str
    language: str                  # interpretation language asked for by default
    cities: tuple[str, ...]        # Metropolis-style member cities
    weight: float = 1.0


COUNTRIES: tuple[Country, ...] = (
    Country("CN", ("zh_CN",), "+86", "zh", ("Guangzhou", "Shenzhen", "Wuhan", "Chengdu", "Shanghai",
                                             "Beijing", "Foshan", "Lhasa"), 22.0),
    Country("TW", ("zh_TW",), "+886", "zh", ("Taipei", "New Taipei"), 1.5),
    Country("HK", ("zh_TW",), "+852", "zh", ("Hong Kong",), 1.0),
    Country("JP", ("ja_JP",), "+81", "ja", ("Tokyo", "Yokohama", "Osaka"), 3.0),
    Country("KR", ("ko_KR",), "+82", "ko", ("Seoul", "Busan", "Gwangju", "Incheon"), 3.0),
    Country("VN", ("vi_VN",), "+84", "en", ("Hanoi", "Ho Chi Minh City"), 1.5),
    Country("TH", ("th",), "+66", "en", ("Bangkok",), 1.2),
    # Indian names by city: the script a name is written in follows the state (see _CITY_LOCALES)
    Country("IN", ("hi", "ta", "gu", "bn_IN", "te", "kn", "ml", "pa"), "+91", "en",
            ("New Delhi", "Mumbai", "Chennai", "Ahmedabad", "Kolkata", "Hyderabad", "Bengaluru", "Kochi",
             "Amritsar"), 3.5),
    Country("BD", ("bn_BD",), "+880", "en", ("Dhaka",), 0.8),
    Country("NP", ("ne",), "+977", "en", ("Kathmandu",), 0.5),
    Country("LK", ("si", "si", "ta"), "+94", "en", ("Colombo",), 0.5),
    Country("PK", ("ur", "en_PK"), "+92", "en", ("Lahore", "Karachi"), 0.8),
    Country("KH", ("km",), "+855", "en", ("Phnom Penh",), 0.4),
    Country("LA", ("lo",), "+856", "en", ("Vientiane",), 0.3),
    Country("MM", ("my",), "+95", "en", ("Yangon",), 0.4),
    Country("ET", ("am",), "+251", "en", ("Addis Ababa",), 0.5),
    Country("ID", ("id_ID",), "+62", "en", ("Jakarta", "Surabaya", "Bandung"), 1.5),
    Country("IR", ("fa",), "+98", "en", ("Tehran", "Mashhad", "Isfahan"), 1.2),
    Country("TR", ("tr_TR",), "+90", "en", ("Istanbul", "Ankara", "Bursa"), 1.5),
    Country("SA", ("ar",), "+966", "ar", ("Riyadh",), 0.8),
    Country("AE", ("ar",), "+971", "ar", ("Dubai", "Abu Dhabi"), 1.0),
    Country("EG", ("ar",), "+20", "ar", ("Cairo",), 1.0),
    Country("MA", ("ar", "fr_FR"), "+212", "fr", ("Rabat", "Casablanca"), 0.8),
    Country("DZ", ("ar", "fr_FR"), "+213", "fr", ("Algiers",), 0.6),
    Country("TN", ("ar",), "+216", "fr", ("Tunis",), 0.5),
    Country("JO", ("ar",), "+962", "ar", ("Amman",), 0.5),
    Country("PS", ("ar",), "+970", "ar", ("Ramallah",), 0.4),
    Country("IL", ("he",), "+972", "en", ("Tel Aviv-Yafo",), 0.5),
    Country("AM", ("hy_AM",), "+374", "ru", ("Yerevan",), 0.4),
    Country("GE", ("ka_GE",), "+995", "en", ("Tbilisi",), 0.4),
    Country("AZ", ("az_AZ",), "+994", "ru", ("Baku",), 0.4),
    Country("UZ", ("uz_UZ",), "+998", "ru", ("Tashkent",), 0.4),
    Country("RU", ("ru_RU",), "+7", "ru", ("Moscow", "Saint Petersburg", "Kazan"), 2.0),
    Country("UA", ("uk_UA",), "+380", "en", ("Kyiv",), 0.6),
    Country("BG", ("bg_BG",), "+359", "en", ("Sofia",), 0.4),
    Country("MK", ("mk_MK",), "+389", "en", ("Skopje",), 0.3),
    Country("GR", ("el_GR",), "+30", "en", ("Athens", "Thessaloniki"), 0.8),
    Country("DE", ("de_DE",), "+49", "en", ("Berlin", "Hamburg"), 1.5),
    Country("AT", ("de_AT",), "+43", "en", ("Vienna",), 0.6),
    Country("CH", ("de_CH", "fr_FR"), "+41", "fr", ("Zurich", "Geneva"), 0.6),
    Country("FR", ("fr_FR",), "+33", "fr", ("Paris", "Lyon"), 1.8),
    Country("BE", ("fr_BE", "nl_BE"), "+32", "fr", ("Brussels",), 0.8),
    Country("NL", ("nl_NL",), "+31", "en", ("Amsterdam", "Rotterdam"), 0.8),
    Country("ES", ("es_ES",), "+34", "es", ("Barcelona", "Madrid"), 2.0),
    Country("PT", ("pt_PT",), "+351", "en", ("Lisbon", "Porto"), 0.7),
    Country("IT", ("it_IT",), "+39", "en", ("Milan", "Turin", "Rome"), 1.0),
    Country("PL", ("pl_PL",), "+48", "en", ("Warsaw",), 0.6),
    Country("CZ", ("cs_CZ",), "+420", "en", ("Prague",), 0.4),
    Country("SK", ("sk_SK",), "+421", "en", ("Bratislava",), 0.3),
    Country("HU", ("hu_HU",), "+36", "en", ("Budapest",), 0.4),
    Country("RO", ("ro_RO",), "+40", "en", ("Bucharest",), 0.4),
    Country("HR", ("hr_HR",), "+385", "en", ("Zagreb",), 0.3),
    Country("SI", ("sl_SI",), "+386", "en", ("Ljubljana",), 0.3),
    Country("SE", ("sv_SE",), "+46", "en", ("Stockholm", "Gothenburg"), 0.6),
    Country("NO", ("no_NO",), "+47", "en", ("Oslo",), 0.4),
    Country("DK", ("da_DK",), "+45", "en", ("Copenhagen",), 0.4),
    Country("FI", ("fi_FI",), "+358", "en", ("Helsinki",), 0.4),
    Country("IS", ("is_IS",), "+354", "en", ("Reykjavík",), 0.2),
    Country("EE", ("et_EE",), "+372", "en", ("Tallinn",), 0.2),
    Country("LV", ("lv_LV",), "+371", "en", ("Riga",), 0.2),
    Country("LT", ("lt_LT",), "+370", "en", ("Vilnius",), 0.2),
    Country("IE", ("en_IE",), "+353", "en", ("Dublin",), 0.3),
    Country("GB", ("en_GB",), "+44", "en", ("London", "Manchester"), 1.2),
    Country("US", ("en_US",), "+1", "en", ("New York", "Los Angeles", "Atlanta"), 1.8),
    Country("CA", ("fr_CA", "en_US"), "+1", "fr", ("Montréal", "Toronto"), 0.8),
    Country("MX", ("es_MX",), "+52", "es", ("Mexico City", "Guadalajara"), 1.2),
    Country("CO", ("es_CO",), "+57", "es", ("Bogotá", "Medellín"), 0.9),
    Country("AR", ("es_AR",), "+54", "es", ("Buenos Aires",), 0.9),
    Country("CL", ("es_CL",), "+56", "es", ("Santiago",), 0.6),
    Country("PE", ("es",), "+51", "es", ("Lima",), 0.5),
    Country("EC", ("es",), "+593", "es", ("Quito",), 0.4),
    Country("BO", ("es",), "+591", "es", ("La Paz",), 0.3),
    Country("UY", ("es",), "+598", "es", ("Montevideo",), 0.3),
    Country("BR", ("pt_BR",), "+55", "en", ("São Paulo", "Rio de Janeiro", "Belo Horizonte", "Porto Alegre"),
            1.8),
    Country("NG", ("en_NG", "yo_NG"), "+234", "en", ("Lagos", "Abuja"), 0.8),
    Country("GH", ("tw_GH",), "+233", "en", ("Accra",), 0.4),
    Country("KE", ("en_KE", "sw"), "+254", "en", ("Nairobi",), 0.5),
    Country("TZ", ("sw",), "+255", "en", ("Dar es Salaam",), 0.4),
    Country("ZA", ("zu_ZA",), "+27", "en", ("Johannesburg", "eThekwini"), 0.7),
    Country("SN", ("fr_FR",), "+221", "fr", ("Dakar",), 0.4),
    Country("CI", ("fr_FR",), "+225", "fr", ("Abidjan",), 0.4),
    Country("CM", ("fr_FR",), "+237", "fr", ("Yaoundé",), 0.3),
    Country("NZ", ("en_NZ",), "+64", "en", ("Auckland",), 0.3),
    Country("AU", ("en_GB",), "+61", "en", ("Melbourne", "Sydney"), 0.6),
)
_BY_CODE = {c.code: c for c in COUNTRIES}
_HOST = _BY_CODE["CN"]
FAMILY_FIRST_LOCALES = frozenset({"zh_CN", "zh_TW", "ja_JP", "ko_KR", "hu_HU", "vi_VN", "km"})
_NO_SPACE_LOCALES = frozenset({"zh_CN", "zh_TW", "ko_KR"})
#: cities whose people write their names in a script of their own (else the country's locales)
_CITY_LOCALES: dict[str, tuple[str, ...]] = {
    "New Delhi": ("hi",), "Mumbai": ("hi",), "Chennai": ("ta",), "Ahmedabad": ("gu",), "Kolkata": ("bn_IN",),
    "Hyderabad": ("te",), "Bengaluru": ("kn",), "Kochi": ("ml",), "Amritsar": ("pa",), "Lhasa": ("bo",),
}
#: the name culture that shows each script of issue 16 (Vietnamese: Latin with stacked diacritics)
SCRIPT_LOCALES: dict[str, str] = {
    "Han (simplified)": "zh_CN", "Han (traditional)": "zh_TW", "Hangul": "ko_KR", "Kana/Kanji": "ja_JP",
    "Arabic": "ar", "Persian": "fa", "Urdu": "ur", "Hebrew": "he", "Cyrillic": "ru_RU", "Greek": "el_GR",
    "Georgian": "ka_GE", "Armenian": "hy_AM", "Ethiopic": "am", "Devanagari": "hi", "Bengali": "bn_IN",
    "Gujarati": "gu", "Gurmukhi": "pa", "Tamil": "ta", "Telugu": "te", "Kannada": "kn", "Malayalam": "ml",
    "Sinhala": "si", "Thai": "th", "Lao": "lo", "Khmer": "km", "Myanmar": "my", "Tibetan": "bo",
    "Vietnamese": "vi_VN",
}
# Vietnamese given names carry a middle name (Văn, Thị…) that Faker's first names lack
_VI_MIDDLE = {"m": ("Văn", "Đức", "Quang", "Hữu", "Minh", "Thành", "Xuân", "Công"),
              "f": ("Thị", "Ngọc", "Thu", "Thanh", "Mai", "Kim", "Bích", "Phương")}

# (category, share of attendees); delegations are HOD + DEL, the rest is spread over the others
_ROLE_SHARES = (("delegation", 0.40), ("PAR", 0.20), ("SPK", 0.06), ("PRS", 0.06), ("EXH", 0.10),
                ("ORG", 0.06), ("VOL", 0.12))
_STAFF_TITLES = ("Director of International Relations", "Chief of Staff", "Advisor to the Mayor",
                 "Protocol Officer", "Head of Urban Planning", "Policy Officer", "Interpreter",
                 "Communications Officer", "Head of Cabinet", "Project Manager", "Security Officer",
                 "Councillor")
_PARTICIPANT_TITLES = ("Urban Planner", "Researcher", "Architect", "Policy Analyst", "City Councillor",
                       "Director", "Programme Officer", "Consultant", "Engineer", "Professor")
_SPEAKER_TITLES = ("Professor of Urban Studies", "Executive Director", "Secretary General", "Chief Economist",
                   "Head of Programme", "Founder", "Minister", "Senior Fellow")
_INTL_ORGS = ("UN-Habitat", "World Bank", "UCLG", "OECD", "C40 Cities", "ICLEI", "Metropolis Secretariat",
              "UNDP", "Asian Development Bank", "Inter-American Development Bank", "Cities Alliance")
_OUTLETS = ("Daily", "Times", "Herald", "Broadcasting", "News Agency", "Urban Review", "TV", "Radio")
_ORGANISERS = ("Guangzhou Municipal People's Government", "Metropolis Secretariat",
               "Guangzhou Foreign Affairs Office", "Congress Organising Committee")
_VOLUNTEER_ORGS = ("Sun Yat-sen University", "South China University of Technology", "Jinan University",
                   "Guangzhou University", "Guangzhou Volunteers Association")
_ACCESSIBILITY = ("wheelchair", "hearing loop", "sign language", "low vision", "step-free route")


@dataclass(frozen=True)
class _Name:
    native_given: str
    native_family: str
    given: str          # romanised (or the Latin original)
    family: str


@functools.lru_cache(maxsize=65536)
def _is_latin(text: str) -> bool:
    return all(ch.isascii() or "LATIN" in _char_name(ch) or not ch.isalpha() for ch in text)


@functools.lru_cache(maxsize=4096)
def _char_name(ch: str) -> str:
    return unicodedata.name(ch, "")


def _roman_family(locale: str, family: str) -> str:
    if locale == "ko_KR" and family in KOREAN_SURNAMES:
        return KOREAN_SURNAMES[family][0]  # the passport spelling (Kim, Lee, Park), not Gim, I, Bak
    return romanise(family, surname=True)


@functools.cache
def curated_names() -> dict[str, dict[str, Any]]:
    """The curated name lists per culture (``resources/demo/names.json``), keyed by locale."""
    from importlib.resources import files

    text = files("resources").joinpath("demo", "names.json").read_text("utf-8")
    return json.loads(text)["cultures"]


def _person_generator(locale: str) -> Any:
    """A Faker generator with only the person provider of ``locale``, seeded per instance.

    ``Faker(locale)`` would load every provider (~60 ms per locale); the person names are all
    we need, and a generator of our own keeps its seed to itself.
    """
    import importlib

    from faker import Generator

    module = importlib.import_module(f"faker.providers.person.{locale}")
    generator = Generator()
    generator.add_provider(module.Provider)
    generator.seed_instance(_POOL_SEED)
    return generator


@functools.cache
def _pools(locale: str) -> dict[str, tuple[tuple[str, str], ...]]:
    """(native, romanised) name pools of one locale: curated lists, or a Faker instance with its own seed."""
    curated = curated_names().get(locale)
    if curated is not None:
        # repeated entries are kept: they weigh a name (Kaur for most Sikh women)
        return {"m": _pairs(curated["male"]), "f": _pairs(curated["female"]), "lm": _pairs(curated["family"]),
                "lf": _pairs(curated.get("family_female") or curated["family"])}
    fake = _person_generator(locale)
    pools: dict[str, list[tuple[str, str]]] = {"m": [], "f": [], "lm": [], "lf": []}
    if locale == "ja_JP":
        for _ in range(_POOL_SIZE):
            pools["m"].append(_nfc(fake.first_name_male_pair()[::2]))
            pools["f"].append(_nfc(fake.first_name_female_pair()[::2]))
            family = _nfc(fake.last_name_pair()[::2])
            pools["lm"].append(family)
            pools["lf"].append(family)
    else:
        for key, method in (("m", fake.first_name_male), ("f", fake.first_name_female),
                            ("lm", fake.last_name_male), ("lf", fake.last_name_female)):
            for _ in range(_POOL_SIZE):
                # NFC: Faker's data is not always composed, registration systems store NFC
                native = unicodedata.normalize("NFC", method().strip())
                if not native:
                    continue
                if _is_latin(native):
                    roman = native
                elif key.startswith("l"):
                    roman = _roman_family(locale, native)
                else:
                    roman = romanise(native)
                    if locale == "ko_KR":
                        roman = roman.capitalize()
                if roman:
                    pools[key].append((native, roman))
    if locale == "vi_VN":
        for key in ("m", "f"):
            pools[key] = [(f"{m} {n}", f"{m} {r}") for i, (n, r) in enumerate(pools[key])
                          for m in (_VI_MIDDLE[key][i % len(_VI_MIDDLE[key])],)]
    return {k: tuple(dict.fromkeys(v)) for k, v in pools.items()}


def _pairs(items: Sequence[Sequence[str]]) -> tuple[tuple[str, str], ...]:
    return tuple((unicodedata.normalize("NFC", native), latin) for native, latin in items)


def _order(locale: str) -> tuple[bool, str]:
    """(family first?, separator between the native name parts) of a name culture."""
    curated = curated_names().get(locale)
    if curated is not None:
        return curated["order"] == "family-first", curated["join"]
    return locale in FAMILY_FIRST_LOCALES, "" if locale in _NO_SPACE_LOCALES else " "


def _nfc(pair: tuple[str, ...]) -> tuple[str, str]:
    return unicodedata.normalize("NFC", pair[0]), unicodedata.normalize("NFC", pair[1])


@functools.lru_cache(maxsize=65536)
def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", anyascii(text).lower())


def _phone(dial: str, bits: int) -> str:
    digits = str(bits % 900_000_000 + 100_000_000)
    return f"{dial} {digits[:3]} {digits[3:6]} {digits[6:]}"


def _code(rng: random.Random, used: set[str]) -> str:
    while True:
        bits = rng.getrandbits(5 * CODE_LENGTH)
        code = "".join(_CODE_PAIRS[(bits >> (10 * i)) & 1023] for i in range(CODE_LENGTH // 2))
        if code not in used:
            used.add(code)
            return code


def _pick_name(rng: random.Random, locale: str, female: bool) -> _Name:
    pools = _pools(locale)
    given = rng.choice(pools["f" if female else "m"] or pools["m"] or pools["f"])
    family = rng.choice(pools["lf" if female else "lm"] or pools["lm"])
    return _Name(given[0], family[0], given[1], family[1])


def _company_pool(seed: int) -> tuple[str, ...]:
    return _companies(seed % 97)


@functools.lru_cache(maxsize=8)
def _companies(pool_seed: int) -> tuple[str, ...]:
    from faker import Faker

    fake = Faker("en_US")
    fake.seed_instance(pool_seed)
    suffixes = ("Urban Solutions", "Mobility", "Smart City Systems", "Engineering", "Water Technologies",
                "Energy", "Architects", "Digital", "Infrastructure")
    names = []
    for i in range(300):
        base = fake.last_name()
        names.append(f"{base} {suffixes[i % len(suffixes)]}" if i % 3 else fake.company())
    return tuple(dict.fromkeys(names))


def generate(n: int, seed: int = 13) -> list[dict[str, str]]:
    """``n`` attendee rows (dicts keyed by :data:`EXPORT_COLUMNS`), identical for the same seed."""
    if n < 0:
        raise ValueError("n must be >= 0")
    rng = random.Random(seed)
    companies = _company_pool(seed)
    countries = list(COUNTRIES)
    weights = [c.weight for c in countries]
    cities = [(c, city) for c in countries for city in c.cities]
    used_codes: set[str] = set()
    used_emails: set[str] = set()
    email_counter: dict[str, int] = {}
    rows: list[dict[str, str]] = []

    # the plan: which role each row plays, delegations first (one head each)
    counts = {role: int(n * share) for role, share in _ROLE_SHARES}
    counts["delegation"] += n - sum(counts.values())
    n_delegations = min(len(cities), max(1 if n else 0, counts["delegation"] // 8))
    delegation_cities = cities[:]
    rng.shuffle(delegation_cities)
    # the host city and a few big members always come
    delegation_cities.sort(key=lambda item: item[1] not in {"Guangzhou", "Barcelona", "Seoul", "Paris"})
    delegation_cities = delegation_cities[:n_delegations]
    sizes = [1] * n_delegations
    for _ in range(counts["delegation"] - n_delegations):
        sizes[rng.randrange(n_delegations)] += 1

    def person(country: Country, category: str, city: str, locale: str = "") -> dict[str, str]:
        locale = locale or rng.choice(_CITY_LOCALES.get(city, country.locales))
        female = rng.random() < 0.48
        name = _pick_name(rng, locale, female)
        native_script = not (_is_latin(name.native_given) and _is_latin(name.native_family))
        family_first, join = _order(locale)
        if native_script:
            first, second = ((name.native_family, name.native_given) if family_first
                             else (name.native_given, name.native_family))
            native = f"{first}{join}{second}"
        else:
            native = ""
        return {
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "code": _code(rng, used_codes),
            "given_name": name.given,
            "family_name": name.family,
            "native_name": native,
            "name_order": "family-first" if family_first else "given-first",
            "honorific": "",
            "organisation": "",
            "job_title": "",
            "city": city,
            "country": country.code,
            "category": category,
            "delegation": "",
            "email": "",
            "phone": _phone(country.dial, rng.getrandbits(30)),
            "language": country.language,
            "accessibility": rng.choice(_ACCESSIBILITY) if rng.random() < 0.015 else "",
            "status": "active",
            "notes": "",
            "_female": "1" if female else "",
        }

    def finish(row: dict[str, str], domain: str) -> None:
        local = f"{_slug(row['given_name'])[:20]}.{_slug(row['family_name'])[:20]}".strip(".") or "guest"
        email = f"{local}@{domain}"
        while email in used_emails:
            # namesakes: jian.hu@, jian.hu2@, … (a counter per address, not a scan)
            k = email_counter.get(email, 1) + 1
            email_counter[email] = k
            email = f"{local}{k}@{domain}"
        used_emails.add(email)
        row["email"] = email
        roll = rng.random()
        if roll < 0.01:
            row["status"], row["notes"] = "cancelled", "cancelled by the delegation"
        elif roll < 0.012:
            row["status"], row["notes"] = "blocked", "badge reported stolen"
        if not row["honorific"] and rng.random() < 0.25:
            row["honorific"] = "Ms." if row["_female"] else "Mr."
        del row["_female"]
        rows.append(row)

    for (country, city), size in zip(delegation_cities, sizes, strict=True):
        gov = f"{_slug(city)}.gov.{country.code.lower()}"
        org = rng.choice((f"City of {city}", f"{city} City Council", f"{city} Metropolitan Government"))
        for member in range(size):
            category = "HOD" if member == 0 else "DEL"
            row = person(country, category, city)
            row["delegation"] = city
            row["organisation"] = org
            if member == 0:
                row["honorific"] = rng.choice(("H.E.", "Mayor"))
                row["job_title"] = f"Mayor of {city}"
            elif member <= 3:
                row["honorific"] = "H.E." if rng.random() < 0.3 else ""
                row["job_title"] = "Deputy Mayor"
            else:
                row["job_title"] = rng.choice(_STAFF_TITLES)
            finish(row, gov)

    showcase = _showcase()
    for role in ("PAR", "SPK", "PRS", "EXH", "ORG", "VOL"):
        for i in range(counts[role]):
            locale = ""
            if role == "PAR" and i < len(showcase):
                # one participant per name culture first, so that every script is in a small demo too
                country, city, locale = showcase[i]
            elif role in ("ORG", "VOL") and rng.random() < 0.9:
                country = _HOST
                city = "Guangzhou"
            else:
                country = rng.choices(countries, weights)[0]
                city = rng.choice(country.cities)
            row = person(country, role, city, locale)
            if role == "PAR":
                row["organisation"] = rng.choice((f"City of {city}", f"University of {city}",
                                                  rng.choice(companies), f"{city} Urban Planning Institute"))
                row["job_title"] = rng.choice(_PARTICIPANT_TITLES)
                domain = f"{_slug(row['organisation'])[:24]}.org"
            elif role == "SPK":
                row["organisation"] = rng.choice((rng.choice(_INTL_ORGS), f"University of {city}",
                                                  rng.choice(companies)))
                row["job_title"] = rng.choice(_SPEAKER_TITLES)
                row["honorific"] = rng.choice(("Dr.", "Prof.", "", ""))
                domain = f"{_slug(row['organisation'])[:24]}.org"
            elif role == "PRS":
                row["organisation"] = f"{city} {rng.choice(_OUTLETS)}"
                row["job_title"] = rng.choice(("Journalist", "Photographer", "Editor", "Camera Operator"))
                domain = f"{_slug(row['organisation'])[:24]}.com"
            elif role == "EXH":
                row["organisation"] = rng.choice(companies)
                row["job_title"] = rng.choice(("Sales Manager", "Booth Staff", "Business Development",
                                               "Technical Lead"))
                domain = f"{_slug(row['organisation'])[:24]}.com"
            elif role == "ORG":
                row["organisation"] = rng.choice(_ORGANISERS)
                row["job_title"] = rng.choice(("Event Manager", "Registration Lead", "Room Manager",
                                               "Protocol Officer", "Logistics Coordinator"))
                domain = "metropolis2026.gz.cn"
            else:
                row["organisation"] = rng.choice(_VOLUNTEER_ORGS)
                row["job_title"] = "Volunteer"
                domain = "volunteers.metropolis2026.gz.cn"
            finish(row, domain)
    # shuffle so that a file looks like a registration export, not grouped by role
    rng.shuffle(rows)
    return rows


@functools.cache
def _showcase() -> tuple[tuple[Country, str, str], ...]:
    """(country, city, locale) of one participant per name culture, scripts of issue 16 first."""
    seen: dict[str, tuple[Country, str, str]] = {}
    for country in COUNTRIES:
        for city in country.cities:
            for locale in _CITY_LOCALES.get(city, country.locales):
                seen.setdefault(locale, (country, city, locale))
    first = [seen[locale] for locale in dict.fromkeys(SCRIPT_LOCALES.values())]
    return tuple(first + [item for locale, item in seen.items() if locale not in SCRIPT_LOCALES.values()])


def write_csv(path: str | Path, rows: Iterable[Mapping[str, Any]],
              columns: Sequence[str] = EXPORT_COLUMNS) -> int:
    """Write rows as UTF-8 CSV with a BOM (so Excel shows every script); returns the row count."""
    count = 0
    with Path(path).open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([csv_safe(row.get(c, "")) for c in columns])
            count += 1
    return count
