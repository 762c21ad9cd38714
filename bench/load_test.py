"""Many people at once: concurrent websocket clients drive one ``streamlit run`` of the dashboard.

Each client speaks Streamlit's own protocol (protobuf over ``/_stcore/stream``, as the browser
does): it opens a session, runs the dashboard, then makes ``--steps`` interactions in turn —
filter changes (country, kind, status, project, search) and selections (an event button, which
selects its feature; "Clear selection") — each sent as the widget states a browser would send.
The latency of an interaction is from sending it to the server's ``script_finished``; it covers
the whole rerun (filtering, the folium map, the timeline) but not the browser's drawing (see
``bench/browser.py`` for that). An error is an exception shown by the app, a run that did not
finish, a timeout, or a dropped connection; the server's log is also searched for tracebacks.

Everything is on loopback; the run is bounded by ``--deadline`` seconds (default 540).

    python -m bench.load_test [--clients 30] [--steps 20] [--data DATA_DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import DATA, ROOT, footer, header, print_table
from devtools.serve import StreamlitServer

STEP_TIMEOUT_S = 120.0


@dataclass
class Result:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    interactions: int = 0
    selections: int = 0  # event presses that put a feature in the URL (``sel=``)


class Client:
    """One browser-like session: the widget states it has set, and the widgets it has seen."""

    def __init__(self, url: str, rng: random.Random):
        self.url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.rng = rng
        self.states: dict[str, object] = {}  # widget id -> WidgetState field values
        self.widgets: dict[str, object] = {}  # key or label -> element proto
        self.query = ""
        self.conn = None

    async def connect(self) -> None:
        from websockets.asyncio.client import connect

        self.conn = await connect(
            self.url,
            subprotocols=["streamlit"],
            origin=self.url.replace("ws://", "http://").split("/_stcore")[0],
            max_size=None,
            open_timeout=STEP_TIMEOUT_S,
        )

    async def run(self, trigger: str | None = None) -> tuple[float, list[str]]:
        """Send a rerun with the current widget states (plus a button press); wait for the end."""
        from streamlit.proto.BackMsg_pb2 import BackMsg

        self.widgets = {}  # what this run draws replaces what the last one drew
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        cs.page_script_hash = ""
        for wid, (kind, value) in self.states.items():
            w = cs.widget_states.widgets.add()
            w.id = wid
            if kind == "strings":
                w.string_array_value.data.extend(value)
            else:
                w.string_value = value
        if trigger is not None:
            w = cs.widget_states.widgets.add()
            w.id = trigger
            w.trigger_value = True
        t0 = time.perf_counter()
        await self.conn.send(msg.SerializeToString())
        problems = await asyncio.wait_for(self._until_finished(), STEP_TIMEOUT_S)
        return time.perf_counter() - t0, problems

    async def _until_finished(self) -> list[str]:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
        from websockets.exceptions import ConnectionClosed

        problems: list[str] = []
        while True:
            try:
                raw = await self.conn.recv()
            except ConnectionClosed:
                return problems + ["connection closed"]
            fm = ForwardMsg()
            fm.ParseFromString(raw)
            kind = fm.WhichOneof("type")
            if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                self._see(fm.delta.new_element, problems)
            elif kind == "page_info_changed":
                self.query = fm.page_info_changed.query_string
            elif kind == "script_finished":
                if fm.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    problems.append(f"script finished with status {fm.script_finished}")
                return problems

    def _see(self, element, problems: list[str]) -> None:
        etype = element.WhichOneof("type")
        if etype == "exception":
            problems.append(f"exception: {element.exception.message[:200]}")
        elif etype in ("multiselect", "text_input", "button"):
            w = getattr(element, etype)
            name = w.id.rsplit("-", 1)[-1] if etype != "button" else w.label
            self.widgets[name] = w

    # --- interactions ---------------------------------------------------------------------

    def _choose(self, key: str, most: int = 2) -> None:
        w = self.widgets[key]
        options = list(w.options)
        picked = self.rng.sample(options, self.rng.randint(0, min(most, len(options))))
        self.states[w.id] = ("strings", picked)

    def next_step(self, i: int) -> tuple[str, str | None]:
        """(interaction name, button id to press or None), after setting the widget states."""
        kind = ("country", "select", "kind", "search", "status", "select", "project", "clear")[
            i % 8
        ]
        if kind in ("country", "kind", "status", "project"):
            self._choose(f"w_{kind}")
            return f"filter: {kind}", None
        if kind == "search":
            q = self.rng.choice(["tunnel", "Horgos", "railway", "port", "霍尔果斯", ""])
            self.states[self.widgets["w_q"].id] = ("string", q)
            return "filter: search", None
        if kind == "clear":
            button = self.widgets.get("Clear selection") or self.widgets["Clear all"]
            return "select: clear", button.id
        events = [
            w
            for w in self.widgets.values()
            if w.DESCRIPTOR.name == "Button" and ("-latest-" in w.id or "-own-" in w.id)
        ]
        if not events:  # the filters left no event: clear them, which also counts as a step
            return "select: clear", self.widgets["Clear all"].id
        return "select: event", self.rng.choice(events).id


async def one_client(url: str, steps: int, seed: int, result: Result, deadline: float) -> None:
    client = Client(url, random.Random(seed))
    try:
        await client.connect()
        latency, problems = await client.run()
        result.latencies.setdefault("first run", []).append(latency)
        result.errors.extend(problems)
        for i in range(steps):
            if time.monotonic() > deadline:
                result.errors.append("deadline reached")
                return
            name, trigger = client.next_step(i)
            latency, problems = await client.run(trigger)
            result.interactions += 1
            result.latencies.setdefault(name, []).append(latency)
            result.latencies.setdefault("all interactions", []).append(latency)
            result.selections += name == "select: event" and "sel=" in client.query
            result.errors.extend(problems)
    except TimeoutError:
        result.errors.append("timeout")
    except Exception as e:  # noqa: BLE001 — a load test counts failures, it does not stop
        result.errors.append(f"{type(e).__name__}: {e}")
    finally:
        if client.conn is not None:
            await client.conn.close()


async def sample_rss(server: StreamlitServer, out: list[float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        out.append(server.rss_mib())
        try:
            await asyncio.wait_for(stop.wait(), 0.5)
        except TimeoutError:
            pass


async def load(server: StreamlitServer, clients: int, steps: int, deadline_s: float):
    # One warm-up session loads the atlas into the server's cache, as the first visitor would.
    warm = Result()
    await one_client(server.url, 1, 0, warm, time.monotonic() + deadline_s)
    rss_before = server.rss_mib()
    result, rss, stop = Result(), [], asyncio.Event()
    sampler = asyncio.create_task(sample_rss(server, rss, stop))
    t0 = time.perf_counter()
    deadline = time.monotonic() + deadline_s
    await asyncio.gather(
        *(one_client(server.url, steps, seed, result, deadline) for seed in range(1, clients + 1))
    )
    wall = time.perf_counter() - t0
    stop.set()
    await sampler
    return warm, result, wall, rss_before, max(rss), server.rss_mib()


def pct(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clients", type=int, default=30)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--deadline", type=float, default=540.0, help="seconds for the whole load")
    args = ap.parse_args()

    header(
        f"Load: {args.clients} concurrent sessions × {args.steps} interactions", "bench.load_test"
    )
    with tempfile.TemporaryFile("w+") as log:
        with StreamlitServer(
            ROOT / "dashboard.py",
            ROOT,
            env={
                "CORRIDOR_ATLAS_DATA": str(args.data.resolve()),
                # As when hosted: the sources do not change, so nothing watches them. (Watching,
                # an edit to geo/ makes Streamlit drop modules that running sessions import.)
                "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
            },
            log=log,
        ) as server:
            warm, result, wall, rss0, rss_peak, rss_end = asyncio.run(
                load(server, args.clients, args.steps, args.deadline)
            )
        log.seek(0)
        tracebacks = log.read().count("Traceback")

    expected = args.clients * args.steps
    print_table(
        ["interaction", "n", "p50 (ms)", "p95 (ms)", "max (ms)"],
        [
            [name, len(v), pct(v, 50) * 1000, pct(v, 95) * 1000, max(v) * 1000]
            for name, v in sorted(result.latencies.items())
        ],
    )
    errors = result.errors + warm.errors
    print_table(
        ["measure", "value"],
        [
            ["interactions completed", f"{result.interactions} of {expected}"],
            [
                "event presses that selected a feature",
                f"{result.selections} of {len(result.latencies.get('select: event', []))}",
            ],
            ["errors", len(errors)],
            ["tracebacks in the server log", tracebacks],
            ["wall time (s)", wall],
            ["throughput (interactions/s)", result.interactions / wall if wall else 0.0],
            ["server RSS after warm-up (MiB)", rss0],
            ["server RSS peak under load (MiB)", rss_peak],
            ["server RSS at the end (MiB)", rss_end],
        ],
    )
    for e in sorted(set(errors))[:20]:
        print(f"- error ×{errors.count(e)}: {e}")
    footer()
    raise SystemExit(1 if errors or tracebacks or result.interactions < expected else 0)


if __name__ == "__main__":
    main()
