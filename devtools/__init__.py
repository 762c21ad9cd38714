"""Development tools shared by the tests, the benchmarks and the scripts — not part of the product.

``pyproject.toml`` installs ``geo`` only; this package is imported from the repository root, where
``pytest``, ``python -m bench.…`` and ``python scripts/…`` run.

- :mod:`devtools.serve`: ``streamlit run`` on a free loopback port, healthy before it is used.
- :mod:`devtools.replicas`: N of those behind nginx, with sticky sessions (the load test,
  ``scripts/replicas.py``); :mod:`devtools.procs`: their processes' children and CPU time.
- :mod:`devtools.browser`: Debian's Chromium with the network closed, and the few things every
  browser run looks for on the page (the app, the map's frame, a route to click).
- :mod:`devtools.headless`: the app without a browser — a page under AppTest on a chosen data
  folder, and what ``st_folium`` would send for a map.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
