"""Every node site of a route has a passage of the sources, or its card says why none exists —
and a reason is given only where no passage mentions the site, so it cannot go stale."""

from geo.describe import feature_card


def test_every_node_site_has_a_passage_or_says_why_not(atlas):
    mentioned = set(atlas.mentions["feature"])
    nodes = {w for p in atlas.props.values() for w in p.waypoints}
    for site in sorted(nodes):
        reason = atlas.props[site].no_passage_reason
        assert (site in mentioned) != (reason is not None), (site, reason)


def test_the_card_of_a_site_without_passages_gives_the_reason(atlas):
    unmentioned = [f for f, p in atlas.props.items() if p.no_passage_reason]
    assert unmentioned  # the atlas has such sites: the test checks something
    for site in unmentioned:
        assert feature_card(atlas, site).no_passage_reason == atlas.props[site].no_passage_reason
