import datetime as dt

import pytest

from geo.filter import events_of, filter_atlas, passages_mentioning, with_selected
from geo.urlstate import ViewState


def test_no_filter_shows_everything(atlas):
    view = filter_atlas(atlas, ViewState())
    assert len(view.features) == len(atlas.features)
    assert len(view.events) == len(atlas.events)


def test_kyrgyzstan_keeps_routes_that_cross_it(atlas):
    view = filter_atlas(atlas, ViewState(countries=("KG",)))
    ids = set(view.features["id"])
    assert "cku_railway" in ids and "torugart_pass" in ids
    assert "middle_corridor" not in ids and "horgos" not in ids and "baku" not in ids
    for crossed, countries, is_route in zip(
        view.features["crossed"], view.features["countries"], view.features["is_route"], strict=True
    ):
        assert "KG" in (crossed if is_route else countries)
    assert set(view.events["id"]) >= {"cku_groundbreaking"}
    assert "cca_cooperation_forum_12_urumqi" not in set(view.events["id"])


@pytest.mark.parametrize(
    ("state", "must", "must_not"),
    [
        (ViewState(projects=("horgos",)), {"horgos", "khorgos_gateway"}, {"cku_railway"}),
        (ViewState(kinds=("tunnel",)), {"koshtobe_tunnel"}, {"cku_railway"}),
        (ViewState(statuses=("under_construction",)), {"cku_railway"}, {"middle_corridor"}),
        (
            ViewState(sources=("9decb243e74ad7b3",)),
            {"horgos", "tianjin_freight"},
            {"koshtobe_tunnel"},
        ),
    ],
)
def test_filters(atlas, state, must, must_not):
    ids = set(filter_atlas(atlas, state).features["id"])
    assert must <= ids and not (must_not & ids)


def test_date_range_keeps_overlapping_events(atlas):
    view = filter_atlas(
        atlas, ViewState(date_from=dt.date(2025, 6, 10), date_to=dt.date(2025, 6, 20))
    )
    ids = set(view.events["id"])
    assert "cca_industrial_investment_forum" in ids  # 2025-06-16
    assert "cca_summit_astana_2025_06" in ids  # June 2025, month precision, overlaps
    assert "cku_groundbreaking" not in ids


def test_passages_mentioning_a_feature_no_passage_names(atlas):
    unmentioned = set(atlas.features["id"]) - set(atlas.mentions["feature"])
    assert unmentioned  # e.g. kashgar: selecting it must not crash the dashboard
    out = passages_mentioning(atlas, sorted(unmentioned)[0])
    assert len(out) == 0 and "spans" in out.columns
    assert len(passages_mentioning(atlas, "cku_railway", sources=("0000000000000000",))) == 0


def test_passages_mentioning_has_highlight_spans(atlas):
    ps = passages_mentioning(atlas, "cku_railway")
    assert len(ps) >= 7
    m = atlas.mentions[atlas.mentions["feature"] == "cku_railway"]
    names = dict(zip(zip(m["passage_id"], m["start"], strict=True), m["text"], strict=True))
    for p in ps.itertuples(index=False):
        for s, e in p.spans:  # each span is one of the railway's mentions, as written
            assert " ".join(p.text[s:e].split()) == " ".join(names[(p.passage_id, s)].split())


def test_events_of_a_project_include_its_sites(atlas):
    ids = set(events_of(atlas, "cku_railway")["id"])
    assert {"cku_groundbreaking", "cku_main_tunnels_start"} <= ids


def test_with_selected_keeps_a_hidden_selection(atlas):
    view = filter_atlas(atlas, ViewState(countries=("KG",)))
    shown = with_selected(view.features, atlas.features, "horgos")
    assert "horgos" in shown.index and len(shown) == len(view.features) + 1
    assert with_selected(view.features, atlas.features, None) is view.features
