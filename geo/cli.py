"""Command line: ``python -m geo`` (or ``corridor-atlas``).

validate [DATA_DIR]                         check every data file; exit 1 on any problem
link FILE [--json]                          mentions of atlas features in a UTF-8 text file
events FILE --published YYYY-MM-DD [--json] dated expressions in a text file
export --format geojson|csv [filters]       the features in view, as the app would show them
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from geo.load import DEFAULT_DATA_DIR, AtlasInvalid, load_atlas
from geo.validate import check_data


def _read_text(path: str) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise SystemExit(f"{path}: cannot be read: {e.strerror or e}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise SystemExit(f"{path}: is not UTF-8 (byte {e.start})") from None


def _load(data_dir: str):
    try:
        return load_atlas(data_dir)
    except AtlasInvalid as e:
        for p in e.problems:
            print(p, file=sys.stderr)
        raise SystemExit(
            f"{data_dir}: data is invalid; run `python -m geo validate {data_dir}`"
        ) from None


def cmd_validate(args: argparse.Namespace) -> int:
    checked = check_data(args.data_dir)
    problems = sorted(checked.problems)
    if not problems:
        try:
            load_atlas(args.data_dir)
        except AtlasInvalid as e:
            problems = e.problems
    if problems:
        for p in problems:
            print(p)
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    print(
        f"{args.data_dir}: valid — {len(checked.props)} features, {len(checked.sources)} sources, "
        f"{sum(len(s.passages) for s in checked.sources.values())} passages, "
        f"{len(checked.events)} events, {len(checked.links.add)} curated links, "
        f"{len(checked.links.suppress)} suppressed links."
    )
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    from geo.load import build_linker

    checked = check_data(args.data_dir)
    if checked.problems:
        for p in sorted(checked.problems):
            print(p, file=sys.stderr)
        return 1
    linker = build_linker(checked)
    text = _read_text(args.file)
    mentions = [
        {
            "feature": m.feature,
            "project": m.project,
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "passage": m.passage,
            "alias": m.alias,
            "rule": m.rule,
        }
        for m in linker.link(text)
    ]
    if args.json:
        json.dump(mentions, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for m in mentions:
            print(f"{m['start']}-{m['end']}\tp{m['passage']}\t{m['feature']}\t{m['text']}")
    return 0


def cmd_events(args: argparse.Namespace) -> int:
    from geo.dates import find_dates
    from geo.load import build_linker
    from geo.passages import passage_index_at, split_passages

    text = _read_text(args.file)
    checked = check_data(args.data_dir)
    linker = build_linker(checked) if not checked.problems else None
    passages = split_passages(text)
    by_passage: dict[int, list[str]] = {}
    if linker is not None:
        for m in linker.link(text):
            ids = by_passage.setdefault(m.passage, [])
            if m.feature not in ids:
                ids.append(m.feature)
    out = []
    for d in find_dates(text, args.published):
        idx = passage_index_at(passages, d.start)
        out.append(
            {
                "date": d.date,
                "precision": d.precision,
                "start": d.start,
                "end": d.end,
                "text": d.text,
                "passage": idx,
                "features": by_passage.get(idx, []) if idx is not None else [],
                "rule": d.rule,
            }
        )
    if args.json:
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for e in out:
            print(f"{e['date']}\t{e['precision']}\t{e['text']}\t{','.join(e['features'])}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from geo.export import export_csv, export_geojson
    from geo.filter import filter_atlas
    from geo.urlstate import decode, vocabulary

    atlas = _load(args.data_dir)
    params = {
        k: v
        for k, v in {
            "country": args.country,
            "project": args.project,
            "kind": args.kind,
            "status": args.status,
            "source": args.source,
            "from": args.date_from,
            "to": args.date_to,
        }.items()
        if v
    }
    state, notices = decode(params, vocabulary(atlas))
    for n in notices:
        print(n, file=sys.stderr)
    if notices and args.strict:
        return 2
    view = filter_atlas(atlas, state.filters)
    payload = (
        export_geojson(view.features) if args.format == "geojson" else export_csv(view.features)
    )
    if args.output:
        Path(args.output).write_text(payload, encoding="utf-8")
    else:
        sys.stdout.write(payload)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m geo",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    data_help = f"data folder (default: {DEFAULT_DATA_DIR})"

    p = sub.add_parser("validate", help="check every data file")
    p.add_argument("data_dir", nargs="?", default=str(DEFAULT_DATA_DIR), help=data_help)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("link", help="find mentions of atlas features in a text file")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR), help=data_help)
    p.set_defaults(func=cmd_link)

    p = sub.add_parser("events", help="find dated expressions in a text file")
    p.add_argument("file")
    p.add_argument(
        "--published",
        required=False,
        default=None,
        help="publication date, YYYY-MM-DD (or YYYY-MM, YYYY)",
    )
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR), help=data_help)
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("export", help="export the features in view")
    p.add_argument("--format", choices=["geojson", "csv"], default="geojson")
    p.add_argument("--country", help="ISO alpha-2 codes, comma-separated")
    p.add_argument("--project", help="project ids, comma-separated")
    p.add_argument("--kind", help="kinds, comma-separated")
    p.add_argument("--status", help="statuses, comma-separated")
    p.add_argument("--source", help="source ids, comma-separated")
    p.add_argument("--from", dest="date_from", help="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", help="YYYY-MM-DD")
    p.add_argument("--strict", action="store_true", help="exit 2 when a filter value is unknown")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR), help=data_help)
    p.set_defaults(func=cmd_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
