"""Check a data folder: every file parses, every record fits its schema, every reference resolves,
every evidence span is exactly present in its passage, and every feature lies in the countries it
declares.

This package is the one place the data is checked. :func:`check_data` runs every check once, in
the order below, and collects every problem as a :class:`Problem` (file, record id, message), so a
curator sees all of them at once; a record that fails its own check is left out of the later ones,
and what refers to it is not blamed again.

1. the data folder exists;
2. ``gazetteer.json``: false friends and shared aliases (:mod:`geo.validate.records`);
3. ``sources/``: each text has its metadata, is UTF-8, non-empty and unchanged since import
   (:mod:`geo.validate.sources`);
4. ``corridors.geojson``, each feature on its own: id, properties, geometry, status date
   (:mod:`geo.validate.corridors`);
5. ``corridors.geojson``, between features: projects, waypoints and a schematic line's vertex at
   each, status evidence spans;
6. ``corridors.geojson``: no alias is blank or claimed twice;
7. ``events.json``: dates, features, date and evidence spans (:mod:`geo.validate.records`);
8. ``links.json``: curated links and suppressions, their features and spans;
9. ``figures.json``: each figure's metric and unit, feature, country, span, and that its quote
   states its value (:mod:`geo.validate.figures`);
10. ``phases.json`` and every feature's status history (:mod:`geo.validate.phases`);
11. ``people.json``: each person's or organisation's schema, organisation, names and evidence;
    ``attributions.json``: each speaker, the said and cue spans, that the cue names the speaker
    and that no words have two speakers (:mod:`geo.validate.people`);
12. ``boundaries/countries.geojson``: readable, one valid polygon per country code
    (:mod:`geo.validate.spatial`);
13. ``corridors.geojson`` against the boundaries: each site lies in a declared country (within
    ``SITE_TOLERANCE_KM``), each route crosses exactly its declared countries;
14. ``gold/*.json``: hand annotations, their spans and features (:mod:`geo.validate.gold`);
15. ``versions.json``: the data version history, when there is one (:mod:`geo.validate.versions`).

:func:`geo.load.load_atlas` builds the atlas from the :class:`CheckedData` this returns;
``python -m geo validate`` prints its problems.
"""

from __future__ import annotations

from pathlib import Path

from geo.validate.checked import (
    ATTRIBUTIONS,
    BOUNDARIES,
    CORRIDORS,
    DATA_FILES,
    EVENTS,
    FIGURES,
    GAZETTEER,
    LINKS,
    PEOPLE,
    PHASES,
    SOURCES,
    VERSIONS,
    CheckedData,
    Problem,
    RawSource,
)
from geo.validate.corridors import check_aliases, check_corridors, check_feature_references
from geo.validate.figures import check_figures
from geo.validate.gold import check_gold, read_gold
from geo.validate.people import check_attributions, check_people
from geo.validate.phases import check_phases
from geo.validate.records import check_events, check_gazetteer, check_links
from geo.validate.sources import check_sources
from geo.validate.spatial import (
    SITE_TOLERANCE_KM,
    check_boundaries,
    check_countries,
    country_problems,
    read_boundaries,
)
from geo.validate.versions import check_versions

__all__ = [
    "ATTRIBUTIONS",
    "BOUNDARIES",
    "CHECKS",
    "CORRIDORS",
    "DATA_FILES",
    "EVENTS",
    "FIGURES",
    "GAZETTEER",
    "LINKS",
    "PHASES",
    "PEOPLE",
    "SITE_TOLERANCE_KM",
    "SOURCES",
    "VERSIONS",
    "CheckedData",
    "Problem",
    "RawSource",
    "check_data",
    "country_problems",
    "read_boundaries",
    "read_gold",
    "validate",
]

#: Every check, in the order :func:`check_data` runs them (after checking the folder exists).
CHECKS = (
    check_gazetteer,
    check_sources,
    check_corridors,
    check_feature_references,
    check_aliases,
    check_events,
    check_links,
    check_figures,
    check_phases,
    check_people,
    check_attributions,
    check_boundaries,
    check_countries,
    check_gold,
    check_versions,
)


def check_data(data_dir: str | Path) -> CheckedData:
    """Parse and check every file of a data folder.

    Parameters
    ----------
    data_dir : path of the folder (``data/``)

    Returns
    -------
    CheckedData
        The records that parsed, the boundaries and the routes' km per country, and
        ``problems``: sorted by file and id, each once; empty when the folder is valid.

    Examples
    --------
    >>> checked = check_data("data")
    >>> [str(p) for p in checked.problems]
    []
    """
    data_dir = Path(data_dir)
    checked = CheckedData(data_dir=data_dir)
    if not data_dir.is_dir():
        checked.problem(str(data_dir), "-", "data folder is missing or not a folder")
        return checked
    for check in CHECKS:
        check(checked)
    checked.problems = sorted(set(checked.problems))
    return checked


def validate(data_dir: str | Path) -> list[Problem]:
    """Every problem in a data folder, sorted by file and id; empty when it is valid."""
    return check_data(data_dir).problems
