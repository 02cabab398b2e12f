"""Countries: one ISO 3166-1 table for the importer, the search and the badge.

Each country has its alpha-2 and alpha-3 codes and the English short name the congress prints on
badges (the names of the host's protocol: "Hong Kong SAR", "Macao SAR", "Republic of Korea").
:func:`country_code` reads what registration files write (a code, a name, common aliases, in any case
and with or without accents); :func:`country_name` gives the printed name of a code.
"""

from __future__ import annotations

import functools
import unicodedata

__all__ = ["COUNTRY_NAMES", "FAMILY_FIRST_COUNTRIES", "country_code", "country_name", "fold"]

#: countries whose people write the family name first (the default name order of a new attendee)
FAMILY_FIRST_COUNTRIES = frozenset({"CN", "TW", "HK", "MO", "JP", "KR", "KP", "HU", "VN", "SG"})

_ISO = """AD AND Andorra|AE ARE United Arab Emirates|AF AFG Afghanistan|AG ATG Antigua and Barbuda|
AI AIA Anguilla|AL ALB Albania|AM ARM Armenia|AO AGO Angola|AQ ATA Antarctica|AR ARG Argentina|
AS ASM American Samoa|AT AUT Austria|AU AUS Australia|AW ABW Aruba|AX ALA Åland Islands|
AZ AZE Azerbaijan|BA BIH Bosnia and Herzegovina|BB BRB Barbados|BD BGD Bangladesh|BE BEL Belgium|
BF BFA Burkina Faso|BG BGR Bulgaria|BH BHR Bahrain|BI BDI Burundi|BJ BEN Benin|
BL BLM Saint Barthélemy|BM BMU Bermuda|BN BRN Brunei|BO BOL Bolivia|BQ BES Caribbean Netherlands|
BR BRA Brazil|BS BHS Bahamas|BT BTN Bhutan|BV BVT Bouvet Island|BW BWA Botswana|BY BLR Belarus|
BZ BLZ Belize|CA CAN Canada|CC CCK Cocos Islands|CD COD DR Congo|CF CAF Central African Republic|
CG COG Congo|CH CHE Switzerland|CI CIV Côte d'Ivoire|CK COK Cook Islands|CL CHL Chile|
CM CMR Cameroon|CN CHN China|CO COL Colombia|CR CRI Costa Rica|CU CUB Cuba|CV CPV Cabo Verde|
CW CUW Curaçao|CX CXR Christmas Island|CY CYP Cyprus|CZ CZE Czechia|DE DEU Germany|DJ DJI Djibouti|
DK DNK Denmark|DM DMA Dominica|DO DOM Dominican Republic|DZ DZA Algeria|EC ECU Ecuador|
EE EST Estonia|EG EGY Egypt|EH ESH Western Sahara|ER ERI Eritrea|ES ESP Spain|ET ETH Ethiopia|
FI FIN Finland|FJ FJI Fiji|FK FLK Falkland Islands|FM FSM Micronesia|FO FRO Faroe Islands|
FR FRA France|GA GAB Gabon|GB GBR United Kingdom|GD GRD Grenada|GE GEO Georgia|GF GUF French Guiana|
GG GGY Guernsey|GH GHA Ghana|GI GIB Gibraltar|GL GRL Greenland|GM GMB Gambia|GN GIN Guinea|
GP GLP Guadeloupe|GQ GNQ Equatorial Guinea|GR GRC Greece|GS SGS South Georgia|GT GTM Guatemala|
GU GUM Guam|GW GNB Guinea-Bissau|GY GUY Guyana|HK HKG Hong Kong SAR|HM HMD Heard and McDonald Islands|
HN HND Honduras|HR HRV Croatia|HT HTI Haiti|HU HUN Hungary|ID IDN Indonesia|IE IRL Ireland|
IL ISR Israel|IM IMN Isle of Man|IN IND India|IO IOT British Indian Ocean Territory|IQ IRQ Iraq|
IR IRN Iran|IS ISL Iceland|IT ITA Italy|JE JEY Jersey|JM JAM Jamaica|JO JOR Jordan|JP JPN Japan|
KE KEN Kenya|KG KGZ Kyrgyzstan|KH KHM Cambodia|KI KIR Kiribati|KM COM Comoros|
KN KNA Saint Kitts and Nevis|KP PRK North Korea|KR KOR Republic of Korea|KW KWT Kuwait|
KY CYM Cayman Islands|KZ KAZ Kazakhstan|LA LAO Laos|LB LBN Lebanon|LC LCA Saint Lucia|
LI LIE Liechtenstein|LK LKA Sri Lanka|LR LBR Liberia|LS LSO Lesotho|LT LTU Lithuania|
LU LUX Luxembourg|LV LVA Latvia|LY LBY Libya|MA MAR Morocco|MC MCO Monaco|MD MDA Moldova|
ME MNE Montenegro|MF MAF Saint Martin|MG MDG Madagascar|MH MHL Marshall Islands|
MK MKD North Macedonia|ML MLI Mali|MM MMR Myanmar|MN MNG Mongolia|MO MAC Macao SAR|
MP MNP Northern Mariana Islands|MQ MTQ Martinique|MR MRT Mauritania|MS MSR Montserrat|MT MLT Malta|
MU MUS Mauritius|MV MDV Maldives|MW MWI Malawi|MX MEX Mexico|MY MYS Malaysia|MZ MOZ Mozambique|
NA NAM Namibia|NC NCL New Caledonia|NE NER Niger|NF NFK Norfolk Island|NG NGA Nigeria|
NI NIC Nicaragua|NL NLD Netherlands|NO NOR Norway|NP NPL Nepal|NR NRU Nauru|NU NIU Niue|
NZ NZL New Zealand|OM OMN Oman|PA PAN Panama|PE PER Peru|PF PYF French Polynesia|
PG PNG Papua New Guinea|PH PHL Philippines|PK PAK Pakistan|PL POL Poland|
PM SPM Saint Pierre and Miquelon|PN PCN Pitcairn|PR PRI Puerto Rico|PS PSE Palestine|
PT PRT Portugal|PW PLW Palau|PY PRY Paraguay|QA QAT Qatar|RE REU Réunion|RO ROU Romania|
RS SRB Serbia|RU RUS Russia|RW RWA Rwanda|SA SAU Saudi Arabia|SB SLB Solomon Islands|
SC SYC Seychelles|SD SDN Sudan|SE SWE Sweden|SG SGP Singapore|SH SHN Saint Helena|SI SVN Slovenia|
SJ SJM Svalbard and Jan Mayen|SK SVK Slovakia|SL SLE Sierra Leone|SM SMR San Marino|SN SEN Senegal|
SO SOM Somalia|SR SUR Suriname|SS SSD South Sudan|ST STP São Tomé and Príncipe|SV SLV El Salvador|
SX SXM Sint Maarten|SY SYR Syria|SZ SWZ Eswatini|TC TCA Turks and Caicos Islands|TD TCD Chad|
TF ATF French Southern Territories|TG TGO Togo|TH THA Thailand|TJ TJK Tajikistan|TK TKL Tokelau|
TL TLS Timor-Leste|TM TKM Turkmenistan|TN TUN Tunisia|TO TON Tonga|TR TUR Türkiye|
TT TTO Trinidad and Tobago|TV TUV Tuvalu|TW TWN Taiwan|TZ TZA Tanzania|UA UKR Ukraine|UG UGA Uganda|
UM UMI U.S. Minor Outlying Islands|US USA United States|UY URY Uruguay|UZ UZB Uzbekistan|
VA VAT Holy See|VC VCT Saint Vincent and the Grenadines|VE VEN Venezuela|
VG VGB British Virgin Islands|VI VIR U.S. Virgin Islands|VN VNM Viet Nam|VU VUT Vanuatu|
WF WLF Wallis and Futuna|WS WSM Samoa|XK XKX Kosovo|YE YEM Yemen|YT MYT Mayotte|ZA ZAF South Africa|
ZM ZMB Zambia|ZW ZWE Zimbabwe"""
#: alpha-2 → English short name
COUNTRY_NAMES: dict[str, str] = {}
_COUNTRY_LOOKUP: dict[str, str] = {}
_COUNTRY_ALIASES = {
    "usa": "US", "unitedstatesofamerica": "US", "uk": "GB", "greatbritain": "GB", "england": "GB",
    "russianfederation": "RU", "korea": "KR", "republicofkorea": "KR", "korearepublicof": "KR",
    "vietnam": "VN", "turkey": "TR", "czechrepublic": "CZ", "iranislamicrepublicof": "IR", "holland": "NL",
    "ivorycoast": "CI", "macau": "MO", "peoplesrepublicofchina": "CN", "prc": "CN", "chinese": "CN",
    "hongkongsar": "HK",
    "hongkong": "HK", "southkorea": "KR", "macao": "MO", "macaosar": "MO", "hongkongchina": "HK",
    "chinesetaipei": "TW", "uae": "AE",
    "democraticrepublicofthecongo": "CD", "swaziland": "SZ", "macedonia": "MK", "capeverde": "CV",
    "burma": "MM", "thenetherlands": "NL", "palestinestateof": "PS", "stateofpalestine": "PS",
    "中国": "CN", "日本": "JP", "韩国": "KR", "한국": "KR", "россия": "RU",
}


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Fold case, accents, spaces and punctuation: "Côte d'Ivoire" → "cotedivoire"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


for _entry in _ISO.replace("\n", "").split("|"):
    _a2, _a3, _name = _entry.split(" ", 2)
    COUNTRY_NAMES[_a2] = _name
    for _k in (_a2, _a3, _name):
        _COUNTRY_LOOKUP[fold(_k)] = _a2
for _alias, _a2 in _COUNTRY_ALIASES.items():
    _COUNTRY_LOOKUP[fold(_alias)] = _a2


def country_code(value: str) -> str | None:
    """ISO alpha-2 for an alpha-2, alpha-3 or English name (case/accents ignored); None if unknown."""
    return _COUNTRY_LOOKUP.get(fold(value)) if value.strip() else None


def country_name(code: str) -> str:
    """``"CN"`` → ``"China"``; an unknown or empty code is returned unchanged (upper-cased)."""
    code = (code or "").strip().upper()
    return COUNTRY_NAMES.get(code, code)
