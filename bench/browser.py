"""What a reader waits for, and what the server sends, in a real browser.

Headless Chromium (``/usr/bin/chromium``) through Playwright, with the network closed the way
that keeps the HTTP cache working (``devtools.browser.cached_offline_context``: every address but
the app's loopback one goes to a proxy that is not there). For each data folder, ``dashboard.py``
and the minimal page ``bench/minimal_map.py`` (the same map, inline, and nothing else) are served
side by side and their samples alternate, so that the machine's other work weighs on both alike.
After one warm-up visit each (which loads the atlas into the servers' caches), every sample opens
a fresh browser context (an empty cache) and measures:

- *navigation → routes drawn*: from ``page.goto`` to the first visible ``path`` in the map's
  ``.leaflet-overlay-pane`` (both pages);
- *click → passages* (dashboard): once the app is idle, a click on a route (at the point the
  browser tests click, ``devtools.browser.route_point``, once the map has stopped moving) until
  that route is selected and its passages are visible beside the map;
- *bytes after a selection* (dashboard): what the server sent on the websocket for that click
  (every frame from the click until the run is over and a second has passed), with the
  largest messages named;
- *bytes after a filter* (dashboard, informative): the same for choosing a country in the
  sidebar;
- *second session* (dashboard): a second tab in the same context (a new Streamlit session of the
  same browser): navigation → routes drawn, and, once that session is idle, for each published
  file it asked for (``/app/static/layers/``: the map's layers and the timeline's rows,
  ``geo/publish.py``) whether the browser took it from its cache, revalidated it (a 304, which
  Streamlit 1.67 never sends) or fetched it; the same for the first session, which fetches each
  file once.

Medians of ``--reps`` samples (5; ``--quick`` 3; at 100× ``--reps-100x``, 3).

    python -m bench.browser [--quick] [--scales 10 100]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

from bench.common import data_folders, footer, header, print_table, served_app, target
from devtools.browser import (
    cached_offline_context,
    launch_chromium,
    route_point,
    wait_for_map,
    wait_idle,
)
from devtools.serve import StreamlitServer

# The panel's passages (or its note that there are none) for the selected feature.
PASSAGES_SHOWN = ".ca-passage, :text('No passage of the sources mentions it')"
TIMEOUT_MS = 180_000
# A route to click at the default view: long enough on screen to be hit between the sites, and
# on top where it shares a stretch with another (the Tianjin train runs under the Middle Corridor).
ROUTE = {"real": "middle_corridor"}
SYNTHETIC_ROUTE = "syn_route_0050"
COUNTRY = ("Kazakh", "KZ")  # typed into the Country filter, and its code in the link
LAYERS = "/app/static/layers/"
GOAL_RATIO, GOAL_CLICK_S, GOAL_SELECTION_KB = 1.2, 0.5, 20.0


# ----------------------------------------------------------------------- what the wire carried


def message_sizes(payloads: list[bytes | str]) -> Counter:
    """Bytes per kind of Streamlit message (``ForwardMsg``) in websocket ``payloads``: an
    element by its type (``el:vega_lite_chart``, ``el:component_instance``…), a reference to a
    message the browser already has (``ref_hash``), or another message's kind."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    sizes: Counter = Counter()
    for payload in payloads:
        raw = payload.encode() if isinstance(payload, str) else payload
        msg = ForwardMsg()
        try:
            msg.ParseFromString(raw)
        except Exception:  # not a ForwardMsg (nothing else is sent; count it anyway)
            sizes["other"] += len(raw)
            continue
        kind = msg.WhichOneof("type") or "other"
        if kind == "delta":
            delta = msg.delta.WhichOneof("type")
            kind = (
                f"el:{msg.delta.new_element.WhichOneof('type')}"
                if delta == "new_element"
                else delta
            )
        sizes[kind] += len(raw)
    return sizes


def largest(sizes: Counter, n: int = 3) -> str:
    """The ``n`` largest kinds of message, e.g. ``el:html 6.1 KB, el:vega_lite_chart 4.0 KB``."""
    return ", ".join(f"{k} {v / 1000:.1f} KB" for k, v in sizes.most_common(n))


class LayerRequests:
    """What a page asked for under ``/app/static/layers/`` and how the browser answered, from
    the Chrome DevTools Protocol's Network events (``record`` is their handler)."""

    def __init__(self) -> None:
        self.url: dict[str, str] = {}
        self.how: dict[str, str] = {}
        self.bytes: Counter = Counter()

    def record(self, method: str, params: dict) -> None:
        rid = params.get("requestId")
        if method == "Network.requestWillBeSent" and LAYERS in params["request"]["url"]:
            self.url[rid] = params["request"]["url"]
        elif rid not in self.url:
            return
        elif method == "Network.requestServedFromCache":
            self.how[rid] = "cache"
        elif method == "Network.responseReceived":
            response = params["response"]
            if response.get("fromDiskCache") or response.get("fromPrefetchCache"):
                self.how[rid] = "cache"
            elif response.get("status") == 304:
                self.how[rid] = "revalidated"
            else:
                self.how.setdefault(rid, "fetched")
        elif method == "Network.loadingFinished":
            self.bytes[rid] = int(params.get("encodedDataLength", 0))

    def summary(self) -> dict[str, int]:
        """Files by how they came (cache / revalidated / fetched) and the bytes that crossed."""
        out = Counter(self.how.get(rid, "fetched") for rid in self.url)
        return {
            "files": len(self.url),
            "cache": out["cache"],
            "revalidated": out["revalidated"],
            "fetched": out["fetched"],
            "bytes": sum(self.bytes[rid] for rid in self.url),
        }


def watch_layers(ctx, page) -> LayerRequests:
    requests = LayerRequests()
    cdp = ctx.new_cdp_session(page)
    cdp.send("Network.enable")
    for method in (
        "Network.requestWillBeSent",
        "Network.requestServedFromCache",
        "Network.responseReceived",
        "Network.loadingFinished",
    ):
        cdp.on(method, lambda params, m=method: requests.record(m, params))
    return requests


def watch_websocket(page) -> list[bytes | str]:
    """Every payload the server sends on the page's websockets, in order."""
    frames: list[bytes | str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(payload)))
    return frames


# ------------------------------------------------------------------------------- one sample


def _navigate(page, url: str) -> float:
    t = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    wait_for_map(page, TIMEOUT_MS)
    return time.perf_counter() - t


def _settled_point(page, feature_id: str) -> dict[str, float]:
    """Where the route is on screen once the map has stopped moving (it refits after resizing)."""
    last = None
    for _ in range(50):
        point = route_point(page, feature_id)
        if point is None:
            raise RuntimeError(f"route {feature_id!r} is not on the map")
        if last and abs(point["x"] - last["x"]) < 1 and abs(point["y"] - last["y"]) < 1:
            return point
        last = point
        page.wait_for_timeout(300)
    return last


def _settle(page) -> None:
    """Until the run that the last action started is over, and a second more for its last
    messages."""
    page.wait_for_timeout(300)
    wait_idle(page, TIMEOUT_MS)
    page.wait_for_timeout(1000)


def _click_route(page, feature_id: str, frames: list) -> tuple[float, list]:
    point = _settled_point(page, feature_id)
    start = len(frames)
    t = time.perf_counter()
    page.mouse.click(point["x"], point["y"])
    page.wait_for_function(
        f"() => location.search.includes('sel={feature_id}')", timeout=TIMEOUT_MS
    )
    page.locator(PASSAGES_SHOWN).first.wait_for(state="visible", timeout=TIMEOUT_MS)
    elapsed = time.perf_counter() - t
    _settle(page)
    return elapsed, frames[start:]


def _choose_country(page, frames: list) -> list:
    start = len(frames)
    page.get_by_label("Country", exact=True).click()
    page.keyboard.type(COUNTRY[0])
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function(
        f"() => location.search.includes('country={COUNTRY[1]}')", timeout=TIMEOUT_MS
    )
    _settle(page)
    return frames[start:]


def dashboard_sample(browser, url: str, route: str) -> dict[str, object]:
    ctx = cached_offline_context(browser)
    try:
        page = ctx.new_page()
        first_layers = watch_layers(ctx, page)
        frames = watch_websocket(page)
        nav = _navigate(page, url)
        wait_idle(page, TIMEOUT_MS)
        click, selection = _click_route(page, route, frames)
        filtering = _choose_country(page, frames)
        second = ctx.new_page()
        second_layers = watch_layers(ctx, second)
        nav2 = _navigate(second, url)
        _settle(second)  # the timeline asks for its rows after the map is drawn
        return {
            "nav": nav,
            "click": click,
            "selection": message_sizes(selection),
            "filter": message_sizes(filtering),
            "first_layers": first_layers.summary(),
            "nav2": nav2,
            "second_layers": second_layers.summary(),
        }
    finally:
        ctx.close()


def minimal_sample(browser, url: str) -> dict[str, object]:
    ctx = cached_offline_context(browser)
    try:
        return {"nav": _navigate(ctx.new_page(), url)}
    finally:
        ctx.close()


def measure(browser, label: str, folder: Path, reps: int) -> dict[str, list[dict]]:
    """Both pages served at once, their samples alternating (the first of each a warm-up)."""
    route = ROUTE.get(label, SYNTHETIC_ROUTE)
    samples: dict[str, list[dict]] = {"dashboard": [], "minimal": []}
    with ExitStack() as stack:
        urls = {}
        for app in samples:
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            script, env = served_app(tmp, app, folder)
            urls[app] = stack.enter_context(StreamlitServer(script, tmp, env)).url
        for i in range(reps + 1):
            for app in samples:
                if app == "dashboard":
                    sample = dashboard_sample(browser, urls[app], route)
                else:
                    sample = minimal_sample(browser, urls[app])
                if i:
                    samples[app].append(sample)
                print(f"{label} {app} {i}: {_brief(sample)}", file=sys.stderr, flush=True)
    return samples


def _brief(sample: dict) -> str:
    return ", ".join(
        f"{k} {v:.2f}"
        if isinstance(v, float)
        else f"{k} {sum(v.values()) if isinstance(v, Counter) else v}"
        for k, v in sample.items()
    )


# ------------------------------------------------------------------------------------ tables


def _median(samples: list[dict], key: str) -> float:
    return statistics.median(s[key] for s in samples)


def _spread(samples: list[dict], key: str) -> str:
    values = [s[key] for s in samples]
    return f"{min(values):.2f}–{max(values):.2f}"


def _kb(samples: list[dict], key: str) -> float:
    return statistics.median(sum(s[key].values()) for s in samples) / 1000


def _layers(summary: dict[str, int]) -> str:
    return (
        f"{summary['cache']} cache, {summary['revalidated']} 304, {summary['fetched']} fetched "
        f"of {summary['files']}; {summary['bytes'] / 1000:,.1f} KB"
    )


def report(results: dict[str, dict[str, list[dict]] | str]) -> None:
    rows, wire, targets = [], [], []
    for label, res in results.items():
        if isinstance(res, str):  # the measurement failed: say why instead of a number
            rows.append([label, "failed", res, "", "", "", "", ""])
            for name in (
                "navigation, dashboard / minimal",
                "click → passages",
                "bytes after a selection",
                "second session's layers from the cache",
            ):
                targets.append(target(name, label, res[:60], "-", False))
            continue
        d, m = res["dashboard"], res["minimal"]
        rows.append([label, "minimal", _median(m, "nav"), _spread(m, "nav"), "-", "-", "-", len(m)])
        rows.append(
            [
                label,
                "dashboard",
                _median(d, "nav"),
                _spread(d, "nav"),
                _median(d, "nav2"),
                _median(d, "click"),
                _spread(d, "click"),
                len(d),
            ]
        )
        last = d[-1]
        wire.append(
            [
                label,
                f"{_kb(d, 'selection'):,.1f}",
                largest(last["selection"]),
                f"{_kb(d, 'filter'):,.1f}",
                largest(last["filter"]),
                _layers(last["first_layers"]),
                _layers(last["second_layers"]),
            ]
        )
        ratio = _median(d, "nav") / _median(m, "nav")
        click, selection_kb = _median(d, "click"), _kb(d, "selection")
        cached = all(s["second_layers"]["files"] and not s["second_layers"]["fetched"] for s in d)
        targets += [
            target(
                "navigation → routes drawn, dashboard / minimal",
                label,
                f"{ratio:.2f}×",
                f"≤ {GOAL_RATIO}×",
                ratio <= GOAL_RATIO,
            ),
            target(
                "click → passages",
                label,
                f"{click:.2f} s",
                f"≤ {GOAL_CLICK_S} s",
                click <= GOAL_CLICK_S,
            ),
            target(
                "websocket bytes after a selection",
                label,
                f"{selection_kb:,.1f} KB",
                f"≤ {GOAL_SELECTION_KB:.0f} KB",
                selection_kb <= GOAL_SELECTION_KB,
            ),
            target(
                "second session's map layers from the browser's cache",
                label,
                _layers(last["second_layers"]),
                "none fetched again",
                cached,
            ),
        ]
    print_table(
        [
            "data",
            "page",
            "nav → routes s",
            "min–max",
            "2nd session nav s",
            "click → passages s",
            "min–max",
            "n",
        ],
        rows,
    )
    print_table(
        [
            "data",
            "after a selection KB",
            "largest messages",
            "after a filter KB",
            "largest messages",
            "layers, 1st session",
            "layers, 2nd session",
        ],
        wire,
    )
    print_table(["target", "data", "measured", "goal", "status"], targets)


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="3 samples instead of 5")
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--reps-100x", type=int, default=3, help="samples at 100×")
    p.add_argument("--scales", type=int, nargs="*", default=[10, 100])
    args = p.parse_args(argv)
    reps = 3 if args.quick else args.reps
    header(
        "Browser: navigation, click → passages, bytes on the websocket, the cache", "bench.browser"
    )
    results: dict[str, dict[str, list[dict]] | str] = {}
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            for label, folder in data_folders(args.scales):
                n = min(reps, args.reps_100x) if label == "100x" else reps
                try:
                    results[label] = measure(browser, label, folder, n)
                except Exception as e:  # a timeout at scale is a result too
                    results[label] = f"failed: {type(e).__name__}: {str(e).splitlines()[0][:80]}"
        finally:
            browser.close()
    report(results)
    footer()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
