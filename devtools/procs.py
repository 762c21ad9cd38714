"""What the processes we started are doing, read from Linux's ``/proc``: their children, the CPU
time they used, whether they are still there. The load test splits the machine's CPU between the
replicas, nginx and itself with these; the tests check that a shutdown left no process behind.
"""

from __future__ import annotations

import os
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of ``/proc/<pid>/stat`` after the command name, or None if the process is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name is in parentheses and may itself contain spaces and parentheses.
    return text[text.rindex(")") + 2 :].split()


def alive(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie waiting to be reaped.

    >>> alive(os.getpid())
    True
    """
    fields = _stat_fields(pid)
    return fields is not None and fields[0] != "Z"


def descendants(pid: int) -> list[int]:
    """Every living process below ``pid`` (children, their children, …).

    >>> import subprocess, sys
    >>> child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    >>> child.pid in descendants(os.getpid())
    True
    >>> child.kill()
    >>> child.wait()
    -9
    >>> alive(child.pid)
    False
    """
    parent_of: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if fields is not None and fields[0] != "Z":
                parent_of[int(entry.name)] = int(fields[1])
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, p in parent_of.items() if p == parent]
        found += children
        frontier += children
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` (all its threads) so far; 0.0 once it is gone."""
    fields = _stat_fields(pid)
    if fields is None:
        return 0.0
    # utime and stime are fields 14 and 15 of stat(5); ``fields`` starts at field 3.
    return (int(fields[11]) + int(fields[12])) / _TICKS


def machine_cpu_seconds() -> tuple[float, float]:
    """(busy, idle) CPU seconds of the whole machine since boot, all cores summed."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, idle, iowait, irq, softirq = values[:7]
    # Left out: steal (another VM had the core) and guest (already counted in user).
    return (user + nice + system + irq + softirq) / _TICKS, (idle + iowait) / _TICKS
