"""``devtools.replicas``: the nginx configuration it writes (checked without nginx), and, where
nginx is installed (CI installs it; elsewhere these tests skip), that a session's page and
websocket reach the same replica, that a dead replica's sessions move to a live one, and that
nothing is left running after an error or Ctrl-C."""

from __future__ import annotations

import asyncio
import os
import random
import re
import select
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from bench.load_test import Client
from devtools.procs import alive, descendants
from devtools.replicas import COOKIE, REPLICA_HEADER, Replicas, nginx_config, worker_user
from devtools.serve import free_port
from tests.conftest import ROOT

# ------------------------------------------------------------------ the configuration, no nginx


def test_config_for_two_replicas_names_both_upstreams_and_the_sticky_cookie(tmp_path):
    conf = nginx_config([8501, 8502], 8080, tmp_path, user=None)

    # New sessions go to either replica in turn…
    assert re.search(
        r"upstream atlas_any \{[^}]*server 127\.0\.0\.1:8501;\s*server 127\.0\.0\.1:8502;", conf
    )
    # …and a session's cookie picks its replica, the other one standing by.
    assert re.search(
        r"upstream atlas_r1 \{\s*server 127\.0\.0\.1:8501;\s*server 127\.0\.0\.1:8502 backup;\s*\}",
        conf,
    )
    assert re.search(
        r"upstream atlas_r2 \{\s*server 127\.0\.0\.1:8502;\s*server 127\.0\.0\.1:8501 backup;\s*\}",
        conf,
    )
    cookie_map = re.search(rf"map \$cookie_{COOKIE} \$atlas_upstream \{{([^}}]*)\}}", conf)
    assert cookie_map and cookie_map.group(1).split() == [
        *("default", "atlas_any;"),
        *("r1", "atlas_r1;"),
        *("r2", "atlas_r2;"),
    ]
    assert "proxy_pass http://$atlas_upstream;" in conf
    # The cookie is set to the replica that answered.
    assert re.search(r'"~127\\\.0\\\.0\\\.1:8501\$" r1;', conf)
    assert re.search(r'"~127\\\.0\\\.0\\\.1:8502\$" r2;', conf)
    assert f'"{COOKIE}=$atlas_served_by; Path=/; HttpOnly; SameSite=Lax"' in conf
    assert "add_header Set-Cookie $atlas_set_cookie always;" in conf
    # The websocket is passed through.
    assert "proxy_set_header Upgrade $http_upgrade;" in conf
    assert "proxy_set_header Connection $connection_upgrade;" in conf
    assert "listen 127.0.0.1:8080;" in conf


def test_config_keeps_every_file_nginx_writes_in_the_run_directory(tmp_path):
    conf = nginx_config([8501, 8502], 8080, tmp_path, user=None)
    written = re.findall(
        r"^\s*(?:pid|error_log|access_log|\w+_temp_path) (\S+?);?(?: |$)", conf, re.M
    )
    assert len(written) == 8  # pid, two logs, five temporary folders
    assert all(path.startswith(f"{tmp_path}/") for path in written), written
    assert "/etc/nginx" not in conf and "include" not in conf
    assert not re.search(r"^user ", conf, re.M)  # not root: no user to switch to


def test_config_as_root_runs_the_workers_as_the_given_user(tmp_path):
    conf = nginx_config([8501], 8080, tmp_path, user="nobody nogroup")
    assert re.search(r"^user nobody nogroup;$", conf, re.M)


def test_config_for_one_replica_has_no_backup(tmp_path):
    conf = nginx_config([8501], 8080, tmp_path, user=None)
    assert "backup" not in conf
    assert re.search(r"upstream atlas_r1 \{\s*server 127\.0\.0\.1:8501;\s*\}", conf)


def test_config_needs_a_replica(tmp_path):
    with pytest.raises(ValueError, match="at least one replica"):
        nginx_config([], 8080, tmp_path, user=None)


def test_without_nginx_the_script_and_the_load_test_say_so_in_one_line():
    # Python's own lookup finds nothing, as on a machine without the package.
    hide = "import shutil; shutil.which = lambda *a, **k: None; import runpy, sys; "
    commands = [
        hide
        + "sys.argv = ['replicas.py']; runpy.run_path('scripts/replicas.py', run_name='__main__')",
        hide + "sys.argv = ['load_test', '--replicas', '1', '2']; "
        "runpy.run_module('bench.load_test', run_name='__main__')",
    ]
    for code in commands:
        proc = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
        )
        assert proc.returncode != 0
        assert proc.stderr.count("\n") == 1, proc.stderr  # one line, no traceback
        assert "nginx not found: install Debian's package (apt-get install nginx)" in proc.stderr


# ------------------------------------------------------------------------------ with nginx


TINY_APP = 'import os\n\nimport streamlit as st\n\nst.button(f"pid {os.getpid()}")\n'


@pytest.fixture
def tiny_app(tmp_path, nginx):
    """A one-button app whose label names the process that ran it."""
    script = tmp_path / "tiny.py"
    script.write_text(TINY_APP)
    return script


async def open_sessions(url: str, count: int) -> list[tuple[str, str]]:
    """(replica named by the balancer, label the app drew) for ``count`` new sessions, each
    opened as the load test opens them (page, then websocket with the page's cookies)."""
    seen = []
    for seed in range(count):
        client = Client(url, random.Random(seed))
        await client.connect()  # raises SessionSplit if page and websocket went apart
        try:
            _, problems = await client.run()
            assert problems == []
            seen.append((client.replica, next(k for k in client.widgets if k.startswith("pid "))))
        finally:
            await client.conn.close()
    return seen


def test_nginx_accepts_the_config(nginx, tmp_path):
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_config([8501, 8502], free_port(), tmp_path, user=worker_user()))
    proc = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert proc.returncode == 0, proc.stderr


def test_each_sessions_page_and_websocket_reach_the_replica_that_runs_it(tiny_app):
    with Replicas(2, tiny_app, tiny_app.parent) as site:
        pid_of = {name: pids[0] for name, pids in site.pids().items() if name != "nginx"}
        seen = asyncio.run(open_sessions(site.url, 4))
    for replica, label in seen:
        assert label == f"pid {pid_of[replica]}"  # the session ran where its cookie points
    assert sorted(replica for replica, _ in seen) == ["r1", "r1", "r2", "r2"]  # in turn


def test_a_dead_replicas_sessions_go_to_a_live_one_and_the_cookie_follows(tiny_app):
    with Replicas(2, tiny_app, tiny_app.parent) as site:
        site.servers[0].__exit__()  # r1 stops
        request = urllib.request.Request(site.url + "/", headers={"Cookie": f"{COOKIE}=r1"})
        with urllib.request.urlopen(request, timeout=30) as r:
            assert r.headers[REPLICA_HEADER] == "r2"
            assert f"{COOKIE}=r2; Path=/; HttpOnly; SameSite=Lax" in r.headers.get_all("Set-Cookie")


def test_an_error_inside_stops_every_process_and_removes_the_run_directory(tiny_app):
    with pytest.raises(RuntimeError, match="boom"):
        with Replicas(2, tiny_app, tiny_app.parent) as site:
            started = [pid for pids in site.pids().values() for pid in pids]
            rundir = site.rundir
            assert len(started) >= 4  # two replicas, nginx's master and its worker
            # each replica and nginx in a session of its own, as in separate containers
            leaders = [pids[0] for pids in site.pids().values()]
            assert len({os.getsid(pid) for pid in leaders} - {os.getsid(0)}) == 3
            raise RuntimeError("boom")
    assert [pid for pid in started if alive(pid)] == []
    assert not rundir.exists()


def test_ctrl_c_stops_every_process_the_script_started(nginx):
    proc = subprocess.Popen(
        [sys.executable, "scripts/replicas.py", "--replicas", "2", "--port", str(free_port())],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 120)
        line = proc.stdout.readline() if ready else ""
        assert line.startswith("Corridor Atlas at http://127.0.0.1:"), proc.stderr.read()
        started = descendants(proc.pid)
        assert len(started) >= 4  # two replicas, nginx's master and its worker
        proc.send_signal(signal.SIGINT)
        assert proc.wait(60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    time.sleep(0.2)  # nothing should be left even a moment later
    assert [pid for pid in started if alive(pid)] == []
