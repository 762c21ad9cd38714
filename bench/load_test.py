"""Many people at once: concurrent websocket clients drive the dashboard, served by one
``streamlit run`` or by N replicas behind nginx (``devtools.replicas``).

Each client opens the page as a browser does (an HTTP request, which gives it the balancer's
cookie) and then speaks Streamlit's own protocol (protobuf over ``/_stcore/stream``): it runs the
dashboard, then makes ``--steps`` interactions in turn — filter changes (country, kind, status,
project, search) and selections (an event button, which selects its feature; "Clear
selection") — each sent as the widget states a browser would send. The latency of an
interaction is from sending it to the server's ``script_finished``; it covers the whole rerun
(filtering, the folium map, the timeline) but not the browser's drawing (see
``bench/browser.py`` for that). An error is an exception shown by the app, a run that did not
finish, a timeout, a dropped connection, or a session whose page and websocket were answered by
different replicas; the servers' logs are also searched for tracebacks.

With ``--replicas 1 2`` the same load runs behind nginx against 1 and then 2 replicas, and the
last tables compare them: throughput ratio against the target, and where the machine's CPU went
(each replica, nginx, this load generator, everything else). Everything is on loopback; each
load is bounded by ``--deadline`` seconds.

    python -m bench.load_test [--clients 30] [--steps 20] [--data DATA_DIR]
    python -m bench.load_test --replicas 1 2 --clients 60 --steps 20 --deadline 1500
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import sys
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import DATA, ROOT, footer, goal, header, print_table
from devtools.procs import cpu_seconds, machine_cpu_seconds
from devtools.replicas import REPLICA_HEADER, NginxMissing, Replicas, nginx_binary, replica_name

STEP_TIMEOUT_S = 120.0
# Issue 15: a Streamlit server runs scripts under one interpreter lock, so on 2 cores 2 replicas
# should approach twice the throughput of one.
TARGET_RATIO = 1.8


@dataclass
class Result:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    interactions: int = 0
    selections: int = 0  # event presses that put a feature in the URL (``sel=``)
    sessions: Counter[str] = field(default_factory=Counter)  # replica -> sessions it held


class Client:
    """One browser-like session: the widget states it has set, and the widgets it has seen."""

    def __init__(self, url: str, rng: random.Random):
        self.http_url = url
        self.url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.replica = ""  # the replica holding the session (the balancer's header)
        self.rng = rng
        self.states: dict[str, object] = {}  # widget id -> WidgetState field values
        self.widgets: dict[str, object] = {}  # key or label -> element proto
        self.query = ""
        self.conn = None

    async def connect(self) -> None:
        """Open the session as a browser does: load the page, then open the websocket with the
        cookies the page set (the balancer's among them). Raises if a balancer sent the two
        requests to different replicas."""
        from websockets.asyncio.client import connect

        cookies, page_replica = await asyncio.to_thread(load_page, self.http_url)
        self.conn = await connect(
            self.url,
            subprotocols=["streamlit"],
            origin=self.http_url,
            additional_headers={"Cookie": cookies} if cookies else None,
            max_size=None,
            open_timeout=STEP_TIMEOUT_S,
            # A browser answers the server's pings (every 30 s) but sends none of its own.
            ping_interval=None,
        )
        self.replica = self.conn.response.headers.get(REPLICA_HEADER, "the server")
        if page_replica is not None and page_replica != self.replica:
            raise SessionSplit(f"page from {page_replica}, websocket to {self.replica}")

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
            except ConnectionClosed as e:  # which side closed, with what code and reason
                return problems + [f"connection closed: {e}"]
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


class SessionSplit(Exception):
    """A session's page and its websocket were answered by different replicas."""


def load_page(url: str) -> tuple[str, str | None]:
    """GET the page: (the cookies it set, as a Cookie header; the replica that answered, if a
    balancer named it)."""
    with urllib.request.urlopen(url + "/", timeout=STEP_TIMEOUT_S) as r:
        r.read()
        cookies = "; ".join(c.split(";", 1)[0] for c in r.headers.get_all("Set-Cookie") or [])
        return cookies, r.headers.get(REPLICA_HEADER)


async def one_client(url: str, steps: int, seed: int, result: Result, deadline: float) -> None:
    client = Client(url, random.Random(seed))
    try:
        await client.connect()
        result.sessions[client.replica] += 1
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
    except SessionSplit as e:
        result.errors.append(f"session split across replicas: {e}")
    except Exception as e:  # noqa: BLE001 — a load test counts failures, it does not stop
        result.errors.append(f"{type(e).__name__}: {e}")
    finally:
        if client.conn is not None:
            await client.conn.close()


# ------------------------------------------------------------------------------ one load run


@dataclass
class Run:
    """One load against one site: the sessions' results and what the machine did meanwhile."""

    label: str
    replicas: int
    behind_nginx: bool
    result: Result
    warm_errors: list[str]
    wall: float
    rss: tuple[float, float, float]  # MiB of all replicas together: after warm-up, peak, end
    cpu: dict[str, float]  # CPU seconds during the load: r1…, nginx, load generator, the rest
    tracebacks: int = 0
    server_warnings: list[str] = field(default_factory=list)  # WARNING/ERROR lines, replica logs

    @property
    def throughput(self) -> float:
        return self.result.interactions / self.wall if self.wall else 0.0

    @property
    def errors(self) -> list[str]:
        return self.result.errors + self.warm_errors

    def replica_cpu(self) -> float:
        """CPU seconds the replicas used during the load, all together."""
        return sum(self.cpu.get(replica_name(i), 0.0) for i in range(self.replicas))

    def failed(self, expected: int) -> bool:
        return bool(self.errors or self.tracebacks or self.result.interactions < expected)


def cpu_now(site: Replicas) -> dict[str, float]:
    """CPU seconds so far of every process of the site, of this process, and of the machine."""
    out = {name: sum(cpu_seconds(pid) for pid in pids) for name, pids in site.pids().items()}
    out["load generator"] = cpu_seconds(os.getpid())
    out["machine"], out["idle"] = machine_cpu_seconds()
    return out


def rss_mib(site: Replicas) -> float:
    return sum(server.rss_mib() for server in site.servers)


async def sample_rss(site: Replicas, out: list[float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        out.append(rss_mib(site))
        try:
            await asyncio.wait_for(stop.wait(), 0.5)
        except TimeoutError:
            pass


async def load(site: Replicas, label: str, clients: int, steps: int, deadline_s: float) -> Run:
    # One warm-up session per replica, straight to it, loads the atlas into its cache, as the
    # first visitor would.
    warm = Result()
    for server in site.servers:
        await one_client(server.url, 1, 0, warm, time.monotonic() + deadline_s)
    rss_warm = rss_mib(site)
    result, rss, stop = Result(), [], asyncio.Event()
    sampler = asyncio.create_task(sample_rss(site, rss, stop))
    before = cpu_now(site)
    t0 = time.perf_counter()
    deadline = time.monotonic() + deadline_s
    await asyncio.gather(
        *(one_client(site.url, steps, seed, result, deadline) for seed in range(1, clients + 1))
    )
    wall = time.perf_counter() - t0
    after = cpu_now(site)
    stop.set()
    await sampler
    cpu = {name: after[name] - before.get(name, 0.0) for name in after}
    machine = cpu.pop("machine")
    idle = cpu.pop("idle")
    cpu["everything else"] = max(0.0, machine - sum(cpu.values()))
    cpu["idle"] = idle
    rss_range = (rss_warm, max(rss, default=rss_warm), rss_mib(site))
    return Run(label, site.count, site.behind_nginx, result, warm.errors, wall, rss_range, cpu)


def pct(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


# --------------------------------------------------------------------------------- the tables


def server_warnings(logs: list[str]) -> list[str]:
    """Each WARNING or ERROR line of the replicas' logs, without its timestamp."""
    return [
        re.sub(r"^[\d\-:., ]+", "", line).strip()[:200]
        for log in logs
        for line in log.splitlines()
        if " WARNING " in line or " ERROR " in line
    ]


def sessions_line(sessions: Counter[str]) -> str:
    return ", ".join(f"{name} {n}" for name, n in sorted(sessions.items())) or "none"


def print_run(run: Run, expected: int) -> None:
    result = run.result
    print(f"### {run.label}\n")
    print_table(
        ["interaction", "n", "p50 (ms)", "p95 (ms)", "max (ms)"],
        [
            [name, len(v), pct(v, 50) * 1000, pct(v, 95) * 1000, max(v) * 1000]
            for name, v in sorted(result.latencies.items())
        ],
    )
    print_table(
        ["measure", "value"],
        [
            ["interactions completed", f"{result.interactions} of {expected}"],
            [
                "event presses that selected a feature",
                f"{result.selections} of {len(result.latencies.get('select: event', []))}",
            ],
            ["sessions per replica", sessions_line(result.sessions)],
            ["errors", len(run.errors)],
            ["tracebacks in the server logs", run.tracebacks],
            ["wall time (s)", run.wall],
            ["throughput (interactions/s)", run.throughput],
            ["server RSS after warm-up (MiB, all replicas)", run.rss[0]],
            ["server RSS peak under load (MiB)", run.rss[1]],
            ["server RSS at the end (MiB)", run.rss[2]],
        ],
    )
    for e in sorted(set(run.errors))[:20]:
        print(f"- error ×{run.errors.count(e)}: {e}")
    for w in sorted(set(run.server_warnings))[:10]:
        print(f"- server log ×{run.server_warnings.count(w)}: {w}")
    if run.errors or run.server_warnings:
        print()


def throughput_of(runs: list[Run], replicas: int) -> float:
    """Interactions per second of every run behind nginx with ``replicas`` replicas, together
    (``--replicas 1 2 2 1`` then cancels a steady drift in what else the machine is doing)."""
    same = [run for run in runs if run.behind_nginx and run.replicas == replicas]
    wall = sum(run.wall for run in same)
    return sum(run.result.interactions for run in same) / wall if wall else 0.0


def print_comparison(runs: list[Run], expected: int) -> None:
    """Side by side: latency, throughput and its ratio to the first run; where the CPU went;
    the targets."""
    print("### Side by side\n")
    print_table(
        [
            *("site", "errors", "p50 (ms)", "p95 (ms)", "throughput (/s)", f"vs {runs[0].label}"),
            "replica CPU per interaction (ms)",
        ],
        [
            [
                run.label,
                len(run.errors) + run.tracebacks,
                pct(run.result.latencies.get("all interactions", [0.0]), 50) * 1000,
                pct(run.result.latencies.get("all interactions", [0.0]), 95) * 1000,
                run.throughput,
                f"{run.throughput / runs[0].throughput:.2f}×" if runs[0].throughput else "-",
                run.replica_cpu() / run.result.interactions * 1000
                if run.result.interactions
                else "-",
            ]
            for run in runs
        ],
    )
    replicas = [replica_name(i) for i in range(max(run.replicas for run in runs))]
    columns = [*replicas, "nginx", "load generator", "everything else", "idle"]
    print(
        "Where the machine's CPU went during each load, in cores (CPU seconds ÷ wall seconds; "
        f'{os.cpu_count()} cores; "everything else" is other work on the machine):\n'
    )
    print_table(
        ["site", "wall (s)", *columns],
        [
            [
                run.label,
                run.wall,
                *(f"{run.cpu[c] / run.wall:.2f}" if c in run.cpu else "-" for c in columns),
            ]
            for run in runs
        ],
    )
    rows = [
        [
            f"{run.label}: 0 errors, {expected} of {expected} interactions",
            f"{len(run.errors) + run.tracebacks} errors, {run.result.interactions} interactions",
            goal(not run.failed(expected)),
        ]
        for run in runs
    ]
    one, two = (throughput_of(runs, count) for count in (1, 2))
    if one and two:
        ratio = two / one
        rows.append(
            [
                f"throughput of 2 replicas ≥ {TARGET_RATIO}× that of 1",
                f"{ratio:.2f}× ({two:.2f} vs {one:.2f} interactions/s)",
                goal(ratio >= TARGET_RATIO),
            ]
        )
    print_table(["target", "measured", "status"], rows)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clients", type=int, default=30)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--deadline", type=float, default=540.0, help="seconds for each load")
    ap.add_argument(
        "--replicas",
        type=int,
        nargs="+",
        metavar="N",
        help="serve through nginx with N replicas, for each N in turn (e.g. 1 2); "
        "without it, one server and no nginx",
    )
    ap.add_argument("--quick", action="store_true", help="6 clients × 4 steps: check the script")
    args = ap.parse_args(argv)
    if args.quick:
        args.clients, args.steps = 6, 4
    if args.replicas:
        try:
            nginx_binary()
        except NginxMissing as e:
            sys.exit(f"bench.load_test: {e}")
    sites = [(n, True) for n in args.replicas] if args.replicas else [(1, False)]

    title = f"Load: {args.clients} concurrent sessions × {args.steps} interactions"
    if args.replicas:
        title += ", behind nginx: " + " then ".join(f"{n} replica(s)" for n in args.replicas)
    header(title, "bench.load_test")
    env = {
        "CORRIDOR_ATLAS_DATA": str(args.data.resolve()),
        # As when hosted: the sources do not change, so nothing watches them. (Watching, an
        # edit to geo/ makes Streamlit drop modules that running sessions import.)
        "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
        # Log levels in the replicas' logs, so that warnings can be told apart and reported.
        "STREAMLIT_LOGGER_MESSAGE_FORMAT": "%(asctime)s %(levelname)s %(name)s: %(message)s",
    }
    expected = args.clients * args.steps
    runs = []
    for count, behind_nginx in sites:
        label = f"{count} replica{'s' * (count > 1)} behind nginx" if behind_nginx else "one server"
        with Replicas(count, ROOT / "dashboard.py", ROOT, env, behind_nginx=behind_nginx) as site:
            run = asyncio.run(load(site, label, args.clients, args.steps, args.deadline))
            logs = site.replica_logs()
            run.tracebacks = sum(log.count("Traceback") for log in logs)
            run.server_warnings = server_warnings(logs)
        print_run(run, expected)
        runs.append(run)
    print_comparison(runs, expected)
    footer()
    raise SystemExit(1 if any(run.failed(expected) for run in runs) else 0)


if __name__ == "__main__":
    main()
