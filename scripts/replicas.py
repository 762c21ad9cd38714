#!/usr/bin/env python3
"""Serve the dashboard from N Streamlit replicas behind nginx, on loopback, until Ctrl-C.

    python scripts/replicas.py [--replicas 2] [--port 8080] [--data DATA_DIR]

Each replica is a ``streamlit run dashboard.py`` on its own free port; nginx (Debian's package,
``apt-get install nginx``) listens on ``--port`` and keeps every session on one replica with a
cookie (see ``devtools/replicas.py`` for why and how). The nginx configuration, pid file and
logs live in a temporary directory, printed at start and removed at the end; nothing under
``/etc/nginx`` is read or written. Ctrl-C (or SIGTERM) stops every process this started.
``bench/load_test.py --replicas 1 2`` measures the same set-up.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from devtools import DATA, ROOT  # noqa: E402
from devtools.replicas import NginxMissing, Replicas, nginx_binary  # noqa: E402


def _stop(signum, frame) -> None:
    raise SystemExit(0)  # unwinds the ``with`` below, which stops everything


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--replicas", type=int, default=2, help="how many Streamlit servers")
    ap.add_argument("--port", type=int, default=8080, help="nginx's port on 127.0.0.1")
    ap.add_argument("--data", type=Path, default=DATA, help="the data folder to show")
    args = ap.parse_args(argv)
    try:
        nginx_binary()
    except NginxMissing as e:
        print(f"replicas.py: {e}", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _stop)
    env = {"CORRIDOR_ATLAS_DATA": str(args.data.resolve())}
    try:
        with Replicas(args.replicas, ROOT / "dashboard.py", ROOT, env, port=args.port) as site:
            pids = ", ".join(
                f"{name} pid {' '.join(map(str, p))}" for name, p in site.pids().items()
            )
            print(f"Corridor Atlas at {site.url} ({pids}); config and logs in {site.rundir}")
            print("Ctrl-C stops them all.", flush=True)
            while site.nginx.poll() is None:
                time.sleep(0.5)
            print(f"replicas.py: nginx exited with {site.nginx.returncode}", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        return 0
    except RuntimeError as e:  # a replica or nginx did not start: say which, no traceback
        print(f"replicas.py: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
