"""Generate a synthetic atlas at 10× or 100× the size of ours, deterministically, for benchmarks.

At scale ``s`` the folder holds the real atlas plus ``10·s`` routes, ``100·s`` sites, ``200·s``
passages (in sources of 20 passages) and ``50·s`` events, so 100× is about 1,000 routes, 10,000
sites, 20,000 passages and 5,000 events. It passes ``python -m geo validate``:

- sites are random points inside a country polygon shrunk by 0.1° (so the site-country check
  finds the declared country), in the countries the corridors cross;
- routes are schematic lines through 3–7 of those sites, with ``countries`` computed by
  :func:`geo.measure.countries_crossed` exactly as the loader does (a route that grazes a country
  for 0.3–3 km, where rounding could flip the check, is drawn again);
- every name is unique once normalised (made of syllables, with Russian and Chinese versions),
  and the source texts mention them in English, Russian and Chinese sentences;
- every event cites its sentence and its date expression as exact spans.

    python -m bench.synth --scale 100 [--out DIR] [--seed 0] [--validate]

The folder goes to ``$CORRIDOR_ATLAS_BENCH_DATA/<scale>x`` (default ``/tmp/corridor-atlas-bench``),
never into ``data/``. :func:`article_texts` gives the same kind of text as ~3 KB articles for the
throughput benchmark.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from bench.common import DATA, ROOT, SYNTH_ROOT

SEED = 20251122
PASSAGES_PER_SOURCE = 20
PUBLISHED = "2025-06-18"

# Where sites are put, with how many of them each country gets (relative).
COUNTRY_WEIGHTS = {
    "KZ": 3.0, "CN": 3.0, "UZ": 2.0, "KG": 1.5, "TJ": 1.0, "TM": 1.0, "AZ": 1.0, "GE": 1.0,
    "TR": 1.5, "RU": 1.5, "MN": 1.0, "IR": 1.0, "PK": 0.5, "AF": 0.5, "AM": 0.5,
}  # fmt: skip
SHRINK_DEG = 0.1  # about 10 km: a site this far inside its country is found in it
SITE_BOX = (26.0, 30.0, 125.0, 56.0)  # lon/lat box the sites are drawn in (inside the region)

# Names: three syllables, each with a Cyrillic and a Chinese reading, so that the same index gives
# the same name in three scripts and distinct indexes give distinct names.
SYLLABLES = [
    ("ka", "ка"), ("ra", "ра"), ("bel", "бел"), ("tau", "тау"), ("sar", "сар"), ("min", "мин"),
    ("dor", "дор"), ("lek", "лек"), ("vo", "во"), ("nur", "нур"), ("zan", "зан"), ("pol", "пол"),
    ("ti", "ти"), ("gor", "гор"), ("mes", "мес"), ("ul", "ул"), ("den", "ден"), ("rin", "рин"),
    ("kol", "кол"), ("bas", "бас"), ("te", "те"), ("van", "ван"), ("lu", "лу"), ("sim", "сим"),
    ("or", "ор"), ("fen", "фен"), ("gal", "гал"), ("hut", "хут"), ("jal", "жал"), ("mun", "мун"),
    ("pes", "пес"), ("tor", "тор"), ("yel", "ель"), ("zor", "зор"), ("bek", "бек"), ("dal", "дал"),
    ("kem", "кем"), ("lor", "лор"), ("nis", "нис"), ("sul", "сул"),
]  # fmt: skip
# Characters used in no alias of the real atlas nor in the Chinese sentences below.
ZH_CHARS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金水火土川林石竹松柏梅菊桃李杏玉苇荷"

ROUTE_KINDS = {
    "railway": "Railway",
    "corridor": "Corridor",
    "freight_service": "Express",
    "ferry": "Ferry",
    "road": "Highway",
}
SITE_KINDS = {
    "city": "",
    "port": "Port",
    "dry_port": "Dry Port",
    "border_crossing": "Border Crossing",
    "station": "Station",
    "tunnel": "Tunnel",
    "logistics_hub": "Logistics Hub",
}
SITE_KIND_WEIGHTS = [0.35, 0.05, 0.08, 0.07, 0.3, 0.05, 0.1]
STATUSES = ["operational", "under_construction", "planned", "proposed", "existing"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip

EN_SENTENCES = [
    "{a} and {b} signed an agreement to expand cargo traffic along the corridor.",
    "Freight volumes through {a} grew by {n} percent, officials said.",
    "Trains now run from {a} to {b} several times a week.",
    "The upgrade of {a} is expected to cut transit times between {b} and {c}.",
    "Operators at {a} reported {n} thousand containers handled last quarter.",
    "Analysts say {a} still depends on customs reform at {b}.",
    "A delegation visited {a} to discuss financing with local authorities.",
]
RU_SENTENCES = [
    "Поезда из {a} идут через {b}.",
    "Грузооборот {a} вырос на {n} процентов.",
]
ZH_SENTENCES = [
    "{a}至{b}的班列已开行{n}列。",
    "{a}物流园区正在扩建。",
]
EVENT_VERBS = [
    "opened to traffic",
    "began construction",
    "handled its first freight train",
    "completed a trial run",
    "was connected to the national grid",
]


# ---------------------------------------------------------------------------------- the names


def _name_parts(index: int) -> tuple[str, str, str]:
    """The stem of feature ``index`` in Latin, Cyrillic and Chinese script (distinct by index)."""
    n = len(SYLLABLES)
    a, b, c = index % n, (index // n) % n, (index // n // n) % n
    latin = "".join(SYLLABLES[i][0] for i in (a, b, c)).capitalize()
    cyrillic = "".join(SYLLABLES[i][1] for i in (a, b, c)).capitalize()
    chinese = "".join(ZH_CHARS[i % len(ZH_CHARS)] for i in (a, b, c))
    return latin, cyrillic, chinese


def _shuffled_indexes(count: int, rng: np.random.Generator) -> list[int]:
    total = len(SYLLABLES) ** 3
    if count > total:
        raise ValueError(f"at most {total} synthetic names; asked for {count}")
    # Skip index 0..n (names that repeat one syllable look odd) by shuffling the whole space.
    return [int(i) for i in rng.permutation(total)[:count]]


# --------------------------------------------------------------------------------- geometry


def _country_sampler(boundaries, rng: np.random.Generator):
    import shapely

    codes = [c for c in COUNTRY_WEIGHTS if c in set(boundaries["iso_a2"])]
    shrunk = {}
    for code in codes:
        geom = boundaries.loc[boundaries["iso_a2"] == code].geometry.iloc[0]
        geom = shapely.clip_by_rect(geom, *SITE_BOX).buffer(-SHRINK_DEG)
        if not geom.is_empty:
            shrunk[code] = geom
    codes = list(shrunk)
    weights = np.array([COUNTRY_WEIGHTS[c] for c in codes])
    weights /= weights.sum()

    def sample(n: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
        counts = rng.multinomial(n, weights)
        lons, lats, out_codes = [], [], []
        for code, k in zip(codes, counts, strict=True):
            geom = shrunk[code]
            x0, y0, x1, y1 = geom.bounds
            got = 0
            while got < k:
                xs = rng.uniform(x0, x1, size=4 * (k - got) + 16).round(5)
                ys = rng.uniform(y0, y1, size=4 * (k - got) + 16).round(5)
                inside = shapely.contains_xy(geom, xs, ys)
                xs, ys = xs[inside][: k - got], ys[inside][: k - got]
                lons.extend(xs)
                lats.extend(ys)
                out_codes.extend([code] * len(xs))
                got += len(xs)
        return np.array(lons), np.array(lats), out_codes

    return sample


def _route_waypoints(lons: np.ndarray, lats: np.ndarray, rng: np.random.Generator) -> list[int]:
    """3–7 site indexes along a wandering heading, each 2–5° from the previous one."""
    for _attempt in range(50):
        start = int(rng.integers(len(lons)))
        heading = rng.uniform(0, 2 * math.pi)
        chosen = [start]
        want = int(rng.integers(3, 8))
        while len(chosen) < want:
            heading += rng.normal(0, 0.35)
            step = rng.uniform(2.0, 5.0)
            tx = lons[chosen[-1]] + step * math.cos(heading)
            ty = lats[chosen[-1]] + step * math.sin(heading) * 0.7
            d2 = (lons - tx) ** 2 + (lats - ty) ** 2
            d2[chosen] = np.inf
            best = int(np.argmin(d2))
            if d2[best] > 1.5**2:
                break
            chosen.append(best)
        if len(chosen) >= 3:
            return chosen
    raise RuntimeError("could not draw a route through the sites (too few sites?)")


# ---------------------------------------------------------------------------------- features


def _feature(fid, name, kind, project, status, aliases, countries, geometry, quality, waypoints):
    return {
        "type": "Feature",
        "id": fid,
        "geometry": geometry,
        "properties": {
            "id": fid,
            "name": name,
            "kind": kind,
            "project": project,
            "status": status,
            "status_as_of": "2025",
            "status_evidence": {
                "reference": {"citation": "Synthetic benchmark data (bench/synth.py)", "url": None}
            },
            "aliases": aliases,
            "countries": countries,
            "geometry_quality": quality,
            "geometry_source": "synthetic: generated by bench/synth.py",
            "geometry_source_url": None,
            "waypoints": waypoints,
            "description": f"Synthetic {kind.replace('_', ' ')} for benchmarks.",
        },
    }


def _aliases(latin: str, cyrillic: str, chinese: str, name: str) -> dict[str, list[str]]:
    en = [name] if name == latin else [name, latin]
    return {"en": en, "ru": [cyrillic], "zh": [chinese]}


def build_features(scale: int, rng: np.random.Generator) -> tuple[list[dict], list[dict]]:
    """Synthetic sites and routes: (features, mention targets with their names by script)."""
    import geopandas as gpd
    from shapely.geometry import LineString

    from geo.measure import NO_COUNTRY, countries_crossed
    from geo.validate import read_boundaries

    boundaries, problems = read_boundaries(DATA / "boundaries" / "countries.geojson")
    if boundaries is None:
        raise SystemExit("\n".join(str(p) for p in problems))
    n_routes, n_sites = 10 * scale, 100 * scale
    n_projects = max(4, scale // 5)
    names = iter(_shuffled_indexes(n_routes + n_sites, rng))

    lons, lats, codes = _country_sampler(boundaries, rng)(n_sites)
    site_kinds = rng.choice(list(SITE_KINDS), size=n_sites, p=SITE_KIND_WEIGHTS)
    route_ids = [f"syn_route_{i:04d}" for i in range(n_routes)]
    projects = route_ids[:n_projects]

    sites, targets = [], []
    for i in range(n_sites):
        fid = f"syn_site_{i:05d}"
        kind = str(site_kinds[i])
        latin, cyrillic, chinese = _name_parts(next(names))
        name = f"{latin} {SITE_KINDS[kind]}".strip()
        project = None if kind == "city" else projects[int(rng.integers(n_projects))]
        sites.append(
            _feature(
                fid, name, kind, project, str(rng.choice(STATUSES)),
                _aliases(latin, cyrillic, chinese, name), [codes[i]],
                {"type": "Point", "coordinates": [float(lons[i]), float(lats[i])]},
                "approximate", [],
            )
        )  # fmt: skip
        targets.append({"id": fid, "en": name, "ru": cyrillic, "zh": chinese, "hub": False})

    # Routes: draw, measure as the loader will, and redraw those that graze a country.
    kinds = list(ROUTE_KINDS)
    ways: dict[int, list[int]] = {i: _route_waypoints(lons, lats, rng) for i in range(n_routes)}
    declared: dict[int, list[str]] = {}
    todo = list(ways)
    for _round in range(20):
        lines = gpd.GeoDataFrame(
            {"id": [route_ids[i] for i in todo]},
            geometry=[LineString([(lons[j], lats[j]) for j in ways[i]]) for i in todo],
            crs="EPSG:4326",
        )
        crossed = countries_crossed(lines, boundaries)
        crossed = crossed[crossed["iso_a2"] != NO_COUNTRY]
        redo = []
        for i in todo:
            mine = crossed[crossed["feature_id"] == route_ids[i]]
            if ((mine["km"] > 0.3) & (mine["km"] < 3.0)).any():
                redo.append(i)
                ways[i] = _route_waypoints(lons, lats, rng)
            else:
                declared[i] = sorted(mine.loc[mine["km"] >= 1.0, "iso_a2"])
        if not redo:
            break
        todo = redo
    else:
        raise RuntimeError(f"{len(todo)} routes still graze a country after 20 redraws")

    routes = []
    for i in range(n_routes):
        fid = route_ids[i]
        kind = kinds[i % len(kinds)] if i >= n_projects else "corridor"
        latin, cyrillic, chinese = _name_parts(next(names))
        name = f"{latin} {ROUTE_KINDS[kind]}"
        project = fid if i < n_projects else projects[int(rng.integers(n_projects))]
        coords = [[float(lons[j]), float(lats[j])] for j in ways[i]]
        routes.append(
            _feature(
                fid, name, kind, project, str(rng.choice(STATUSES)),
                _aliases(latin, cyrillic, chinese, name), declared[i],
                {"type": "LineString", "coordinates": coords},
                "schematic", [sites[j]["id"] for j in ways[i]],
            )
        )  # fmt: skip
        targets.append(
            {"id": fid, "en": name, "ru": cyrillic, "zh": chinese, "hub": i < n_projects}
        )
    return routes + sites, targets


# ------------------------------------------------------------------------------------- texts


class _TextMaker:
    """Sentences that mention the targets; event sentences report their exact spans."""

    def __init__(self, targets: list[dict], rng: np.random.Generator):
        self.targets = targets
        self.hubs = [t for t in targets if t["hub"]]
        self.rng = rng

    def _target(self) -> dict:
        if self.hubs and self.rng.random() < 0.1:
            return self.hubs[int(self.rng.integers(len(self.hubs)))]
        return self.targets[int(self.rng.integers(len(self.targets)))]

    def sentence(self) -> tuple[str, list[str]]:
        r = self.rng.random()
        picks = [self._target() for _ in range(3)]
        n = int(self.rng.integers(2, 95))
        if r < 0.1:
            template, script = RU_SENTENCES[int(self.rng.integers(len(RU_SENTENCES)))], "ru"
        elif r < 0.2:
            template, script = ZH_SENTENCES[int(self.rng.integers(len(ZH_SENTENCES)))], "zh"
        else:
            template, script = EN_SENTENCES[int(self.rng.integers(len(EN_SENTENCES)))], "en"
        text = template.format(a=picks[0][script], b=picks[1][script], c=picks[2][script], n=n)
        used = [p["id"] for p, key in zip(picks, "abc", strict=True) if "{" + key + "}" in template]
        return text, used

    def event_sentence(self) -> tuple[str, int, int, str, str, list[str]]:
        """(sentence, date start, date end, date, precision, feature ids)."""
        t = self._target()
        verb = EVENT_VERBS[int(self.rng.integers(len(EVENT_VERBS)))]
        year = int(self.rng.integers(2015, 2025))
        month = int(self.rng.integers(1, 13))
        day = int(self.rng.integers(1, 29))
        kind = self.rng.random()
        if kind < 0.6:
            when, date, precision = (
                f"{MONTHS[month - 1]} {day}, {year}",
                f"{year}-{month:02d}-{day:02d}",
                "day",
            )
            lead = f"{t['en']} {verb} on "
        elif kind < 0.85:
            when, date, precision = f"{MONTHS[month - 1]} {year}", f"{year}-{month:02d}", "month"
            lead = f"{t['en']} {verb} in "
        else:
            when, date, precision = str(year), str(year), "year"
            lead = f"{t['en']} {verb} in "
        text = f"{lead}{when}."
        return text, len(lead), len(lead) + len(when), date, precision, [t["id"]]


def _source_meta(source_id: str, number: int) -> dict:
    return {
        "id": source_id,
        "title": f"Synthetic article {number}",
        "title_supplied": True,
        "publisher": "Corridor Atlas benchmark",
        "authors": [],
        "interviewer": None,
        "published": PUBLISHED,
        "published_precision": "day",
        "published_evidence": "synthetic text generated by bench/synth.py",
        "url": None,
        "language": "en",
        "translated_from": None,
        "rights": "Synthetic text generated by bench/synth.py; no rights reserved.",
        "notes": None,
    }


def build_sources(scale: int, targets: list[dict], rng: np.random.Generator):
    """(sources as (id, text, meta), events) with ``200·scale`` passages and ``50·scale`` events."""
    maker = _TextMaker(targets, rng)
    n_passages, n_events = 200 * scale, 50 * scale
    every = max(1, n_passages // n_events)
    sources, events = [], []
    number = 0
    for first in range(0, n_passages, PASSAGES_PER_SOURCE):
        passages, pending = [], []
        for k in range(first, min(first + PASSAGES_PER_SOURCE, n_passages)):
            parts = [maker.sentence()[0] for _ in range(int(rng.integers(2, 5)))]
            if k % every == 0 and len(events) + len(pending) < n_events:
                offset = sum(len(p) + 1 for p in parts)
                sent, d0, d1, date, precision, feats = maker.event_sentence()
                parts.append(sent)
                pending.append((len(passages), offset, sent, d0, d1, date, precision, feats))
            passages.append(" ".join(parts))
        text = "\n".join(passages) + "\n"
        sid = hashlib.sha256(text.encode()).hexdigest()[:16]
        number += 1
        sources.append((sid, text, _source_meta(sid, number)))
        for index, offset, sent, d0, d1, date, precision, feats in pending:
            events.append(
                {
                    "id": f"syn_event_{len(events):05d}",
                    "date": date,
                    "precision": precision,
                    "title": sent.rstrip("."),
                    "features": feats,
                    "date_span": {
                        "source": sid, "passage": index, "start": offset + d0,
                        "end": offset + d1, "quote": sent[d0:d1],
                    },
                    "evidence": {
                        "source": sid, "passage": index, "start": offset,
                        "end": offset + len(sent), "quote": sent,
                    },
                }
            )  # fmt: skip
    return sources, events


def article_texts(count: int, targets: list[dict], seed: int = SEED) -> Iterator[str]:
    """``count`` articles of about 3 KB, one at a time: lines of 2–4 synthetic sentences, about
    one in four lines ending with a dated event sentence.

    Sentences are drawn from a pool made once (so that 100,000 articles take seconds to make, not
    minutes); articles are still all different, since each draws its own sentences.
    """
    rng = np.random.default_rng(seed)
    maker = _TextMaker(targets, rng)
    plain = [maker.sentence()[0] for _ in range(min(20_000, 40 * count + 100))]
    dated = [maker.event_sentence()[0] for _ in range(min(5_000, 10 * count + 100))]
    for _ in range(count):
        lines, size = [], 0
        while size < 3000:
            parts = [plain[i] for i in rng.integers(len(plain), size=int(rng.integers(2, 5)))]
            if rng.random() < 0.25:
                parts.append(dated[int(rng.integers(len(dated)))])
            line = " ".join(parts)
            lines.append(line)
            size += len(line.encode()) + 1
        yield "\n".join(lines)


def targets_of(data_dir: Path) -> list[dict]:
    """Mention targets (names in three scripts) read back from a synthetic folder."""
    doc = json.loads((data_dir / "corridors.geojson").read_text())
    out = []
    for f in doc["features"]:
        p = f["properties"]
        if not p["id"].startswith("syn_"):
            continue
        out.append(
            {
                "id": p["id"],
                "en": p["name"],
                "ru": p["aliases"]["ru"][0],
                "zh": p["aliases"]["zh"][0],
                "hub": p["project"] == p["id"],
            }
        )
    return out


# ------------------------------------------------------------------------------------ folder


def generate(scale: int, out: Path, seed: int = SEED) -> dict[str, int]:
    """Write the synthetic atlas at ``scale`` into ``out`` (replacing it). Returns counts."""
    out = Path(out).resolve()
    if out == DATA.resolve() or DATA.resolve() in out.parents:
        raise ValueError(f"{out}: refusing to write into the real data folder")
    rng = np.random.default_rng(seed + scale)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(DATA, out)

    features, targets = build_features(scale, rng)
    sources, events = build_sources(scale, targets, rng)

    corridors = json.loads((DATA / "corridors.geojson").read_text())
    corridors["features"].extend(features)
    (out / "corridors.geojson").write_text(json.dumps(corridors, ensure_ascii=False))
    real_events = json.loads((DATA / "events.json").read_text())
    (out / "events.json").write_text(json.dumps(real_events + events, ensure_ascii=False))
    for sid, text, meta in sources:
        (out / "sources" / f"{sid}.txt").write_text(text, encoding="utf-8")
        (out / "sources" / f"{sid}.json").write_text(json.dumps(meta, ensure_ascii=False))
    n_routes = sum(f["geometry"]["type"] != "Point" for f in features)
    return {
        "routes": n_routes,
        "sites": len(features) - n_routes,
        "sources": len(sources),
        "passages": 200 * scale,
        "events": len(events),
    }


def _stamp(scale: int, seed: int) -> str:
    h = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted(p for p in DATA.rglob("*") if p.is_file()):
        h.update(path.read_bytes())
    h.update(f"{scale}:{seed}".encode())
    return h.hexdigest()[:16]


def ensure_synthetic(scale: int, seed: int = SEED) -> Path:
    """The synthetic folder for ``scale``, generated once and reused while data/ and this file
    are unchanged."""
    out = SYNTH_ROOT / f"{scale}x"
    stamp = SYNTH_ROOT / f"{scale}x.stamp"
    want = _stamp(scale, seed)
    if out.is_dir() and stamp.is_file() and stamp.read_text() == want:
        return out
    SYNTH_ROOT.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    counts = generate(scale, out, seed)
    print(f"generated {out} in {time.perf_counter() - t:.1f} s: {counts}", file=sys.stderr)
    stamp.write_text(want)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--scale", type=int, action="append", help="10, 100, ... (repeatable)")
    p.add_argument("--out", type=Path, help="folder to write (one --scale only)")
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--validate", action="store_true", help="run python -m geo validate on it")
    args = p.parse_args(argv)
    scales = args.scale or [10, 100]
    if args.out and len(scales) != 1:
        p.error("--out needs exactly one --scale")
    from bench.common import print_table

    rows = []
    for scale in scales:
        t = time.perf_counter()
        if args.out:
            generate(scale, args.out, args.seed)
            folder = args.out
        else:
            folder = ensure_synthetic(scale, args.seed)
        seconds = time.perf_counter() - t
        valid = "not run"
        if args.validate:
            r = subprocess.run(
                [sys.executable, "-m", "geo", "validate", str(folder)],
                cwd=ROOT, capture_output=True, text=True,
            )  # fmt: skip
            # "<folder>: valid — 11041 features, 1002 sources, ..." names what was checked.
            valid = r.stdout.strip().partition(" — ")[2] if r.returncode == 0 else "FAILED"
            if r.returncode:
                print(r.stdout[-3000:], r.stderr[-3000:], file=sys.stderr)
        size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
        rows.append([f"{scale}x", str(folder), f"{size / 1e6:.1f} MB", seconds, valid])
    print_table(
        ["scale", "folder", "size", "made in s (0: reused)", "python -m geo validate"], rows
    )
    return 0 if all(r[-1] != "FAILED" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
