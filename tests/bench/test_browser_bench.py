"""``bench/browser.py`` measures what it says, on tiny made-up inputs (no browser): the bytes of a
websocket frame are counted under the kind of message it carries, the published files a page asked
for are counted by how the browser got them, and the table of targets judges the medians it is
given. No timing is asserted."""

from __future__ import annotations

from collections import Counter

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.browser import GOAL_SELECTION_KB, LAYERS, LayerRequests, message_sizes, report


def frame(**fields) -> bytes:
    msg = ForwardMsg()
    if "html" in fields:
        msg.delta.new_element.html.body = fields["html"]
    if "ref_hash" in fields:
        msg.ref_hash = fields["ref_hash"]
    if "finished" in fields:
        msg.script_finished = ForwardMsg.FINISHED_SUCCESSFULLY
    return msg.SerializeToString()


def test_each_frame_counts_its_bytes_under_its_kind_of_message():
    html, ref, done = frame(html="<b>x</b>" * 50), frame(ref_hash="abc"), frame(finished=True)
    sizes = message_sizes([html, html, ref, done, b"\xff\xff\xff"])
    assert sizes == Counter(
        {"el:html": 2 * len(html), "ref_hash": len(ref), "script_finished": len(done), "other": 3}
    )


def events(rid: str, url: str, *, cached: bool = False, status: int = 200, size: int = 0):
    yield "Network.requestWillBeSent", {"requestId": rid, "request": {"url": url}}
    if cached:
        yield "Network.requestServedFromCache", {"requestId": rid}
    response = {"status": status, "fromDiskCache": cached}
    yield "Network.responseReceived", {"requestId": rid, "response": response}
    yield "Network.loadingFinished", {"requestId": rid, "encodedDataLength": size}


def test_published_files_are_counted_by_how_the_browser_got_them():
    requests = LayerRequests()
    for args in (
        ("1", f"http://127.0.0.1:8501{LAYERS}v1/routes.ab.json", {"size": 900}),
        ("2", f"http://127.0.0.1:8501{LAYERS}v1/timeline.cd.json", {"cached": True}),
        ("3", f"http://127.0.0.1:8501{LAYERS}v1/sites.ef.json", {"status": 304, "size": 80}),
        ("4", "http://127.0.0.1:8501/_stcore/health", {"size": 5_000}),  # not a published file
    ):
        for method, params in events(args[0], args[1], **args[2]):
            requests.record(method, params)
    assert requests.summary() == {
        "files": 3,
        "cache": 1,
        "revalidated": 1,
        "fetched": 1,
        "bytes": 980,
    }


def a_sample(selection_kb: float, fetched_again: int) -> dict:
    layers = {"files": 5, "cache": 5 - fetched_again, "revalidated": 0, "fetched": fetched_again}
    return {
        "nav": 2.0,
        "click": 0.4,
        "selection": Counter({"el:html": int(selection_kb * 1000)}),
        "filter": Counter({"el:html": 1000}),
        "first_layers": {"files": 5, "cache": 0, "revalidated": 0, "fetched": 5, "bytes": 9},
        "nav2": 1.0,
        "second_layers": {**layers, "bytes": 0},
    }


def target_status(out: str, name: str) -> str:
    row = next(line for line in out.splitlines() if line.startswith(f"| {name}"))
    return row.rstrip(" |").rsplit("|", 1)[1].strip()


@pytest.mark.parametrize(
    ("selection_kb", "fetched_again", "bytes_status", "cache_status"),
    [
        (GOAL_SELECTION_KB - 1, 0, "met", "met"),
        (GOAL_SELECTION_KB + 1, 0, "**not met**", "met"),
        (5.0, 1, "met", "**not met**"),
    ],
)
def test_the_targets_judge_the_medians_of_the_samples(
    capsys, selection_kb, fetched_again, bytes_status, cache_status
):
    samples = [a_sample(selection_kb, fetched_again), a_sample(selection_kb, fetched_again)]
    report({"real": {"dashboard": samples, "minimal": [{"nav": 2.0}, {"nav": 2.0}]}})
    out = capsys.readouterr().out
    assert f"| {selection_kb:,.1f}" in out  # the median KB after a selection
    assert target_status(out, "websocket bytes after a selection") == bytes_status
    assert target_status(out, "second session's map layers") == cache_status
    assert target_status(out, "navigation → routes drawn") == "met"  # 1.00×
    assert target_status(out, "click → passages") == "met"  # 0.4 s


def test_a_failed_measurement_is_a_row_that_says_why(capsys):
    report({"100x": "failed: TimeoutError: routes not drawn"})
    out = capsys.readouterr().out
    assert "failed: TimeoutError" in out and "**not met**" in out
