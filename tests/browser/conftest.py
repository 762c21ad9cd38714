"""The browser tests of the map's own script use the tiny routes, sites and outlines of the
geo.draw tests."""

from tests.unit.draw.conftest import boundaries, colors, routes, sites  # noqa: F401
