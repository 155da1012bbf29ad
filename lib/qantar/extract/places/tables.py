"""Place tables written by hand: the mention record, the columns, Kazakhstan's regions, organisations,
seats of power, historic states and the false friends left out of the gazetteer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


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
# "Oral" is Uralsk's current name, "Abai" a region; they are kept only as project or region surfaces
# (in :mod:`.gazetteer`).
_KEEP_DESPITE = {"oral"}

# A surname right after a name: Central Asian and Russian patronymic/surname endings ("Nursultan Nazarbayev").
_PERSON_NEXT = re.compile(r" [A-Z][a-z]+(?:ayev|ayeva|yev|yeva|ov|ova|ev|eva|in|ina|uly|kyzy|enko|sky|skiy)\b")
_DEMONYM_NEXT = re.compile(r"\s*(?:-|\u2013)\s*(?:based|born|led|backed)\b")
