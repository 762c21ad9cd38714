"""N Streamlit replicas of an app on loopback ports behind nginx, with sticky sessions.

``scripts/replicas.py`` serves the dashboard this way, ``bench/load_test.py --replicas 1 2``
measures it, and the tests check its nginx configuration and its shutdown.

Why sticky, and how. A Streamlit session lives in one server process: its widget states, the files
it offered for download (``/media/…``) and the files uploaded to it (``/_stcore/upload_file/…``)
are in that process's memory, and a websocket that reconnects resumes its session only on the
server that holds it. So every request of one browser must go to one replica. ``ip_hash`` would
send every client on 127.0.0.1 (or behind one proxy) to the same replica, and hashing a random key
spreads sessions unevenly (60 sessions split 35/25 or worse about one time in four, by the
binomial distribution). Here, as a cookie-affinity ingress does, a browser's first request (no
cookie) goes to the next replica in turn, and the response sets the cookie ``atlas_replica=r<i>``
naming the replica that answered; every later request carrying it — the websocket's handshake
included, since browsers send cookies with it — goes to that replica. An unknown cookie value
counts as none. If a replica is down, its requests go to another (a ``backup`` server of its
group); that replica answers, the cookie is rewritten to name it, and the session starts afresh
there (the view is in the URL, so the page comes back as it was).

Each replica, and nginx, runs in a session of its own. Linux's autogroup scheduler (on by
default, and on where the benchmarks ran) shares a busy machine's CPU between sessions, not
processes: replicas started in one session would share one session's slice, however many there
are, where replicas in separate containers each get their own.

Nothing is read from or written to ``/etc/nginx``: the configuration, pid file, logs and
temporary files are in a directory made for the run and removed after it. Every process started
here is stopped by its own id when the ``with`` block ends, on an exception or Ctrl-C too.

>>> with Replicas(2) as site:  # doctest: +SKIP
...     print(site.url)
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from devtools import ROOT
from devtools.procs import alive, descendants
from devtools.serve import StreamlitServer, free_port, wait_until_healthy

COOKIE = "atlas_replica"
REPLICA_HEADER = "X-Atlas-Replica"  # which replica answered: r1, r2, … (for the load test)
NGINX_MISSING = (
    "nginx not found: install Debian's package (apt-get install nginx) or put nginx on PATH"
)


class NginxMissing(RuntimeError):
    """No nginx binary on this machine."""


def nginx_binary() -> str:
    """The nginx to run (Debian installs it in /usr/sbin, which a user's PATH may not have)."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if found is None:
        raise NginxMissing(NGINX_MISSING)
    return found


def replica_name(index: int) -> str:
    """``r1`` for the first replica: the cookie's value and the header's."""
    return f"r{index + 1}"


def nginx_config(ports: Sequence[int], listen_port: int, rundir: Path, user: str | None) -> str:
    """The whole nginx configuration for replicas on 127.0.0.1:``ports``, served on
    127.0.0.1:``listen_port``, with every file nginx writes inside ``rundir``. ``user`` is the
    worker processes' "user group" when nginx starts as root, else None.
    """
    if not ports:
        raise ValueError("nginx_config needs at least one replica port")
    replicas = [(replica_name(i), port) for i, port in enumerate(ports)]

    def lines(items) -> str:  # at the indentation of a block's contents
        return "\n".join(f"        {item}" for item in items)

    every = lines(f"server 127.0.0.1:{port};" for port in ports)
    own_groups = "\n".join(
        f"    upstream atlas_{name} {{\n"
        + lines(
            [
                f"server 127.0.0.1:{port};",
                *(f"server 127.0.0.1:{o} backup;" for o in ports if o != port),
            ]
        )
        + "\n    }"
        for name, port in replicas
    )
    route = lines(f"{name} atlas_{name};" for name, _ in replicas)
    # $upstream_addr lists every server tried ("a, b" after a failover): the last one answered.
    served_by = lines(f'"~127\\.0\\.0\\.1:{port}$" {name};' for name, port in replicas)
    r = rundir
    return f"""\
# Written by devtools/replicas.py for one run of {len(ports)} replica(s); removed after it.
daemon off;
master_process on;
worker_processes 1;
pid {r}/nginx.pid;
error_log {r}/error.log warn;
{f"user {user};" if user else "# (not root: the workers run as the user who started nginx)"}

events {{
    worker_connections 4096;
}}

http {{
    log_format atlas '$remote_addr:$remote_port "$request" $status cookie=$cookie_{COOKIE} '
                     'upstream=$upstream_addr served_by=$atlas_served_by $request_time';
    access_log {r}/access.log atlas;
    client_body_temp_path {r}/client_body;
    proxy_temp_path {r}/proxy;
    fastcgi_temp_path {r}/fastcgi;
    uwsgi_temp_path {r}/uwsgi;
    scgi_temp_path {r}/scgi;
    # Streamlit's own upload limit (server.maxUploadSize, 200 MB) is the one that should speak.
    client_max_body_size 200m;

    map $http_upgrade $connection_upgrade {{
        default upgrade;
        "" close;
    }}

    # Sticky sessions: the cookie names the replica; no cookie, or an unknown one, goes to the
    # next replica in turn.
    map $cookie_{COOKIE} $atlas_upstream {{
        default atlas_any;
{route}
    }}
    map $upstream_addr $atlas_served_by {{
        default "";
{served_by}
    }}
    map $atlas_served_by $atlas_set_cookie {{
        "" "";
        default "{COOKIE}=$atlas_served_by; Path=/; HttpOnly; SameSite=Lax";
    }}

    upstream atlas_any {{
        zone atlas_any 64k;
{every}
    }}
{own_groups}

    server {{
        listen 127.0.0.1:{listen_port};

        location / {{
            proxy_pass http://$atlas_upstream;
            proxy_http_version 1.1;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            # A session's websocket stays open, often idle, as long as the tab does.
            proxy_read_timeout 1d;
            proxy_send_timeout 1d;
            # add_header leaves out a header whose value is empty (an answer nginx made itself).
            add_header Set-Cookie $atlas_set_cookie always;
            add_header {REPLICA_HEADER} $atlas_served_by always;
        }}
    }}
}}
"""


def worker_user() -> str | None:
    """nginx started as root runs its workers as ``nobody`` (and its group); otherwise as us."""
    if os.geteuid() != 0:
        return None
    nobody = pwd.getpwnam("nobody")
    return f"nobody {grp.getgrgid(nobody.pw_gid).gr_name}"


class Replicas:
    """``count`` replicas of ``script`` (``streamlit run`` each on its own loopback port) behind
    nginx on ``port`` (a free one by default); a context manager. ``url`` is nginx's address.

    With ``behind_nginx=False`` and one replica, ``url`` is the replica's own address (the load
    test's direct baseline). ``env``/``cwd`` are passed to every replica, as to
    :class:`~devtools.serve.StreamlitServer`; each replica's output goes to ``replica-<i>.log``
    in :attr:`rundir`, a temporary directory removed at the end.
    """

    def __init__(
        self,
        count: int,
        script: Path = ROOT / "dashboard.py",
        cwd: Path = ROOT,
        env: dict[str, str] | None = None,
        port: int | None = None,
        behind_nginx: bool = True,
        timeout: float = 90.0,
    ):
        if count < 1:
            raise ValueError(f"Replicas needs at least one replica, not {count}")
        if not behind_nginx and count != 1:
            raise ValueError("without nginx there is nothing in front of several replicas")
        self.count, self.script, self.cwd, self.env = count, script, cwd, env or {}
        self.port, self.behind_nginx, self.timeout = port, behind_nginx, timeout
        self.servers: list[StreamlitServer] = []
        self.nginx: subprocess.Popen | None = None
        self.rundir: Path | None = None
        self.url = ""
        self._stack = contextlib.ExitStack()

    # ---------------------------------------------------------------------------- start, stop

    def __enter__(self) -> Replicas:
        nginx = nginx_binary() if self.behind_nginx else None  # before starting anything
        try:
            self._start(nginx)
        except BaseException:  # an error or Ctrl-C half-way: stop what did start
            self.__exit__()
            raise
        return self

    def _start(self, nginx: str | None) -> None:
        self.rundir = Path(tempfile.mkdtemp(prefix="corridor-atlas-replicas-"))
        self._stack.callback(shutil.rmtree, self.rundir, ignore_errors=True)
        for i in range(self.count):
            log = self._stack.enter_context(open(self.rundir / f"replica-{i + 1}.log", "w"))
            server = StreamlitServer(
                self.script, self.cwd, self.env, log, self.timeout, own_session=True
            )
            self._stack.push(server)  # its __exit__ stops it, even before it is healthy
            server.start()
            self.servers.append(server)
        for server in self.servers:  # they start side by side; wait for all
            server.wait_until_healthy()
        if nginx is None:
            self.url = self.servers[0].url
            return
        self._start_nginx(nginx)

    def _start_nginx(self, nginx: str) -> None:
        assert self.rundir is not None
        port = self.port or free_port()
        user = worker_user()
        if user:  # workers (not root) write request bodies under rundir: let them in
            self.rundir.chmod(0o711)
        conf = self.rundir / "nginx.conf"
        conf.write_text(nginx_config([s.port for s in self.servers], port, self.rundir, user))
        self.nginx = subprocess.Popen(
            [nginx, "-p", str(self.rundir), "-c", str(conf), "-e", str(self.rundir / "error.log")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._stack.callback(self._stop_nginx)
        self.url = f"http://127.0.0.1:{port}"
        wait_until_healthy(self.url, self.nginx, "nginx", self.timeout, self._nginx_error)

    def _nginx_error(self) -> str:
        assert self.rundir is not None
        try:
            lines = (self.rundir / "error.log").read_text().strip().splitlines()
        except OSError:
            return "no error log"
        return lines[-1] if lines else "empty error log"

    def _stop_nginx(self) -> None:
        if self.nginx is None:
            return
        workers = descendants(self.nginx.pid)
        if self.nginx.poll() is None:
            self.nginx.terminate()  # TERM: fast shutdown, the master stops its workers
            try:
                self.nginx.wait(10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
                self.nginx.wait(5)
        deadline = time.monotonic() + 5
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        for worker in workers:  # a master killed before its workers leaves them behind
            if alive(worker):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(worker, signal.SIGKILL)

    def __exit__(self, *exc) -> None:
        self._stack.close()  # nginx first, then the replicas (last started, first stopped)

    # --------------------------------------------------------------------------------- looking

    def pids(self) -> dict[str, list[int]]:
        """The processes running now: ``{"r1": [pid], …, "nginx": [master, workers…]}``."""
        out = {
            replica_name(i): [s.proc.pid] for i, s in enumerate(self.servers) if s.proc is not None
        }
        if self.nginx is not None and self.nginx.poll() is None:
            out["nginx"] = [self.nginx.pid, *descendants(self.nginx.pid)]
        return out

    def replica_logs(self) -> list[str]:
        """Each replica's output so far."""
        assert self.rundir is not None
        return [
            (self.rundir / f"replica-{i + 1}.log").read_text(errors="replace")
            for i in range(self.count)
        ]
