"""Coverage: the kinds of fact the texts report are all present, with every document cited."""

from __future__ import annotations

ISSUE_KINDS = {
    "protest",
    "clash",
    "arson",
    "storming",
    "airport_seizure",
    "airport_retaken",
    "state_of_emergency",
    "government_resignation",
    "csto_request",
    "csto_decision",
    "internet_blackout",
    "shoot_to_kill_order",
    "arrest",
    "mourning",
    "statue_toppled",
}
UNREST_CITIES = {
    "zhanaozen",
    "aktau",
    "almaty",
    "atyrau",
    "aktobe",
    "uralsk",
    "taraz",
    "shymkent",
    "kyzylorda",
    "karaganda",
    "nur_sultan",
    "taldykorgan",
}


def test_every_event_kind_named_in_the_brief_is_present(dataset) -> None:
    assert ISSUE_KINDS <= set(dataset.events["event_kind"].astype(str))


def test_each_unrest_city_has_a_protest_or_riot(dataset) -> None:
    unrest = dataset.events[dataset.events["event_type"].isin(["Protests", "Riots"])]
    assert UNREST_CITIES <= set(unrest["place_id"].astype(str))


def test_every_seed_feeds_every_main_table_and_every_later_text_adds_a_record(dataset) -> None:
    """The five seeds (6-8 January) each feed all four tables; a later text may hold no figure (a resolution) or no
    reaction (a toll), but each adds at least one event, figure or reaction of its own or a citation of one."""
    from qantar import settings

    cites = dataset.all_citations()
    src = dataset.sources
    seeds = set(src.loc[src["published_date"] <= str(settings.DEFAULT_END), "doc_id"])
    later = set(src["doc_id"]) - seeds
    assert len(seeds) == 5
    for table in ("places", "events", "casualty_reports", "reactions"):
        assert seeds <= set(cites[cites["table"] == table]["doc_id"]), table
    records = cites[cites["table"].isin(["events", "casualty_reports", "reactions"])]
    assert later <= set(records["doc_id"]), sorted(later - set(records["doc_id"]))


def test_reactions_cover_each_reacting_state_and_organisation(dataset) -> None:
    r = dataset.reactions
    reacting = set(r["actor_for"].dropna().astype(str)) | set(r["counterpart_for"].dropna().astype(str))
    assert {"kz", "tj", "uz", "ru", "us", "eu", "un", "csto"} <= reacting
    calls = dataset.reactions[dataset.reactions["channel"] == "phone_call"]
    assert (calls["cameo_code"] == "041").sum() >= 5


def test_disagreeing_figures_stay_separate_rows(dataset) -> None:
    cr = dataset.casualty_reports
    killed_kz = cr[(cr["group"] == "security_forces") & (cr["measure"] == "killed") & (cr["scope_place_id"] == "kz")]
    assert killed_kz["doc_id"].nunique() >= 3 and len(killed_kz) >= 4
