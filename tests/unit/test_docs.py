"""Documentation that cannot go stale: the README lists exactly the link parameters of the table
in ``geo.urlstate`` (as datasette's tests/test_docs.py does for its settings)."""

import re

from geo.urlstate import PARAMS, readme_table
from tests.conftest import ROOT


def test_readme_lists_the_link_parameters_of_the_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_table() in readme
    listed = re.findall(r"^\| `([a-z]+)` \|", readme, flags=re.MULTILINE)
    assert listed == [p.key for p in PARAMS]
