"""Control characters in a text: where they are, so that ingesting one says so.

A NUL, a bell or an escape sequence in an article is almost always damage (a bad conversion, a
binary file named ``.txt``). The text is kept verbatim — its id is the hash of its bytes — but
the reader is warned, with the line and column (both from 1, columns in characters) of each of
the first few. Tab, line feed and carriage return are text, not control, here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ControlCharacter", "control_characters", "control_warnings"]

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x1B: "ESC", 0x7F: "DEL"}
SHOWN = 5  # warnings given one by one; the rest are counted


@dataclass(frozen=True)
class ControlCharacter:
    line: int
    column: int
    char: str

    @property
    def name(self) -> str:
        code = ord(self.char)
        short = _NAMES.get(code)
        return f"U+{code:04X} ({short})" if short else f"U+{code:04X}"


def control_characters(text: str) -> tuple[list[ControlCharacter], int]:
    """The first :data:`SHOWN` control characters of ``text`` with their line and column, and
    how many there are in all.

    >>> found, total = control_characters("ok\\nbad\\x00 here\\x07")
    >>> [(c.line, c.column, c.name) for c in found], total
    ([(2, 4, 'U+0000 (NUL)'), (2, 10, 'U+0007 (BEL)')], 2)
    """
    found: list[ControlCharacter] = []
    total = line = 0
    line_start = pos = 0
    for m in _CONTROL.finditer(text):
        total += 1
        if len(found) < SHOWN:
            # Lines are counted only up to each shown character: the rest are merely counted.
            line += text.count("\n", pos, m.start())
            newline = text.rfind("\n", line_start, m.start())
            if newline >= 0:
                line_start = newline + 1
            pos = m.start()
            found.append(ControlCharacter(line + 1, m.start() - line_start + 1, m.group()))
    return found, total


def control_warnings(where: str, text: str) -> list[str]:
    """One warning per control character shown (``where:line:column: …``), then one counting
    the rest; empty for a clean text.

    >>> control_warnings("a.txt", "x\\x00")
    ['a.txt:1:2: warning: control character U+0000 (NUL); kept verbatim']
    """
    found, total = control_characters(text)
    out = [
        f"{where}:{c.line}:{c.column}: warning: control character {c.name}; kept verbatim"
        for c in found
    ]
    if total > len(found):
        out.append(f"{where}: warning: {total - len(found):,} more control characters")
    return out
