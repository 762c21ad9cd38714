"""Check ``versions.json``, the data version history (:mod:`geo.versions`): each entry fits its
schema and names a version no other entry names. The file is optional (no history yet), and the
present data version need not be in it: a hand edit is recorded with ``python -m geo versions
record``."""

from __future__ import annotations

from geo.model import VersionEntry
from geo.validate.checked import VERSIONS, CheckedData, check_model, read_json_list


def check_versions(checked: CheckedData) -> None:
    path = checked.data_dir / VERSIONS
    if not path.exists():
        return
    name = checked.name(VERSIONS)
    doc = read_json_list(checked, path, "version")
    seen: set[str] = set()
    for i, item in enumerate(doc or []):
        vid = item.get("version") if isinstance(item, dict) else None
        where = vid if isinstance(vid, str) and vid else f"version #{i}"
        entry = check_model(checked, VersionEntry, item, name, where)
        if entry is None:
            continue
        if entry.version in seen:
            checked.problem(name, entry.version, "recorded twice")
            continue
        seen.add(entry.version)
        checked.versions.append(entry)
