"""Command line: ``python -m geo`` (or ``corridor-atlas``).

validate [DATA_DIR]                         check every data file; exit 1 on any problem
describe [DATA_DIR] [--json]                what the atlas holds, counted (sources, languages,
                                            events per system, figures, speakers)
link FILE [--json]                          mentions of atlas features in a UTF-8 text file
events FILE --published YYYY-MM-DD [--json] dated expressions in a text file
export [--table T] [--format F] [filters]  the features, events or passages in view, as shown
ingest FILE_OR_FOLDER... [--title ...]      put new texts into data/inbox/ with review candidates
review [list|show ID|accept ID|reject ID]   review the inbox; accepting adds to the atlas
evaluate GOLD.json [--json]                 score the linker and date resolver on a hand annotation
phases [FEATURE...] [--all] [--json]        each feature's status history and why
changes --since YYYY-MM-DD [--format md|json]  what changed after a day, by corridor
versions [list | record [--note N]]         the data version history; record the present one
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from geo.load import DATA_ENV, AtlasInvalid, build_linker, default_data_dir, load_atlas
from geo.model import DATE_RE
from geo.reading import MAX_FILE_BYTES, FileRefused, read_regular, unreadable
from geo.urlstate import FILTERS
from geo.validate import check_data


def _read_text(path: str) -> str:
    """The UTF-8 text of a regular file, warning on standard error of each control character."""
    from geo.ingest import control_warnings

    try:
        data = read_regular(path)
    except (OSError, FileRefused) as e:
        raise SystemExit(f"{path}: {unreadable(e)}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise SystemExit(f"{path}: is not UTF-8 (byte {e.start})") from None
    for line in control_warnings(path, text):
        print(line, file=sys.stderr)
    return text


def _published(value: str | None) -> str | None:
    """A ``--published`` value checked: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and a real date."""
    from geo.validate.checked import date_problem

    if value is None:
        return None
    if not DATE_RE.match(value):
        hint = " (a time of day is not part of it)" if DATE_RE.match(value[:10]) else ""
        raise SystemExit(f"--published {value!r}: is not YYYY, YYYY-MM or YYYY-MM-DD{hint}")
    problem = date_problem(value)
    if problem:
        raise SystemExit(f"--published {value!r}: {problem.removeprefix(f'date {value!r} ')}")
    return value


def _write_output(path: str, payload: str) -> None:
    """Write an export to ``path``, or stop with one line saying why it cannot be."""
    target = Path(path)
    if target.is_dir():
        raise SystemExit(f"{path}: is a folder; give the name of a file to write")
    if not target.parent.is_dir():
        raise SystemExit(f"{path}: cannot be written: folder {target.parent} does not exist")
    try:
        target.write_text(payload, encoding="utf-8")
    except OSError as e:
        raise SystemExit(f"{path}: cannot be written: {e.strerror or e}") from None


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
    if checked.problems:
        for p in checked.problems:
            print(p)
        print(f"{len(checked.problems)} problem(s) found.", file=sys.stderr)
        return 1
    print(
        f"{args.data_dir}: valid — {len(checked.props)} features, {len(checked.sources)} sources, "
        f"{sum(len(s.passages) for s in checked.sources.values())} passages, "
        f"{len(checked.events)} events, {len(checked.links.add)} curated links, "
        f"{len(checked.links.suppress)} suppressed links, {len(checked.figures)} figures, "
        f"{len(checked.people)} people and organisations, "
        f"{len(checked.attributions)} attributions."
    )
    return 0


def cmd_describe(args: argparse.Namespace) -> int:
    from geo.describe import atlas_counts

    counts = atlas_counts(_load(args.data_dir))
    if args.json:
        json.dump(counts, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for key, value in counts.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {n}" for k, n in value.items()) or "none"
        print(f"{key.replace('_', ' ')}: {value}")
    return 0


def _emit(rows: list[dict], as_json: bool, line: str) -> None:
    """Print ``rows`` as one JSON list, or one ``line.format(**row)`` each (lists joined)."""
    if as_json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return
    for row in rows:
        print(line.format(**{k: ",".join(v) if isinstance(v, list) else v for k, v in row.items()}))


def _finders(data_dir: str):
    """The linker and the people of a valid data folder (what ingest looks for in a text), or
    None after printing the folder's problems."""
    from geo.attribute import PeopleIndex

    checked = check_data(data_dir)
    if checked.problems:
        for p in checked.problems:
            print(p, file=sys.stderr)
        return None
    return build_linker(checked), PeopleIndex(checked.people)


def cmd_link(args: argparse.Namespace) -> int:

    finders = _finders(args.data_dir)
    if finders is None:
        return 1
    linker = finders[0]
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
    _emit(mentions, args.json, "{start}-{end}\tp{passage}\t{feature}\t{text}")
    return 0


def cmd_events(args: argparse.Namespace) -> int:
    from geo.dates import find_dates
    from geo.ingest import candidates
    from geo.passages import passage_index_at, split_passages

    published = _published(args.published)
    text = _read_text(args.file)
    checked = check_data(args.data_dir)
    linker = build_linker(checked) if not checked.problems else None
    if linker is None:
        print(
            f"{args.data_dir}: data is invalid, so no features are linked "
            "(run `python -m geo validate`)",
            file=sys.stderr,
        )
    passages = split_passages(text)
    dates = find_dates(text, published)
    # Each event's features are those of its own clause or sentence (geo.ingest.candidates).
    features: dict[tuple[int, int], list[str]] = {}
    if linker is not None:
        for e in candidates(text, "", linker, published, dates).events:
            span = e.event.date_span
            features[span.passage, span.start] = list(e.event.features)
    out = []
    for d in dates:
        idx = passage_index_at(passages, d.start)
        out.append(
            {
                "date": d.date,
                "precision": d.precision,
                "start": d.start,
                "end": d.end,
                "text": d.text,
                "passage": idx,
                "features": []
                if idx is None
                else features.get((idx, d.start - passages[idx].offset), []),
                "rule": d.rule,
            }
        )
    _emit(out, args.json, "{date}\t{precision}\t{text}\t{features}")
    return 0


def _unknown_filter_values(args: argparse.Namespace, vocab) -> list[str]:
    """One line per filter option naming values the atlas does not have, with the valid ones."""
    from geo.urlstate import decode, split_values

    lines = []
    for p in FILTERS:
        raw = getattr(args, f"f_{p.field}")
        if not raw:
            continue
        if p.kind != "list":
            _, notices = decode({p.key: raw}, vocab)
            lines += [f"--{p.key} {raw!r}: {n.split(': ', 1)[-1]}" for n in notices]
            continue
        allowed = vocab.allowed(p.vocab or "")
        bad = [v for v in split_values(raw) if (v.upper() if p.upper else v) not in allowed]
        if bad:
            valid = ", ".join(k if v == k else f"{k} ({v})" for k, v in allowed.items())
            lines.append(
                f"--{p.key} {', '.join(map(repr, bad))}: not in the atlas; valid values: {valid}"
            )
    return lines


def cmd_export(args: argparse.Namespace) -> int:
    from geo.export import exported_files, formats
    from geo.filter import filter_atlas
    from geo.screen import data_tables

    fmt = args.format or formats(args.table)[0]
    if fmt not in formats(args.table):
        raise SystemExit(
            f"--format {fmt}: the {args.table} are exported as {' or '.join(formats(args.table))}"
        )
    atlas = _load(args.data_dir)
    state = _filtered_view(atlas, args, "export")
    if state is None:
        return 2
    features, events, passages = data_tables(atlas, filter_atlas(atlas, state))
    table = {"features": features, "events": events, "passages": passages}[args.table]
    name = Path(args.output).name if args.output else None
    main_file, *sidecars = exported_files(table, fmt, state, atlas.version, name)
    if not args.output:
        sys.stdout.write(main_file.make())
        return 0
    _write_output(args.output, main_file.make())
    for extra in sidecars:  # the CSV's metadata, beside it
        _write_output(str(Path(args.output).with_name(extra.name)), extra.make())
    return 0


def _progress(done: int, total: int, name: str) -> None:
    """A one-line progress bar on standard error, redrawn in place (only on a terminal)."""
    if not sys.stderr.isatty():
        return
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name[-40:]:<40}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _article_files(targets: list[str]) -> list[Path]:
    files: list[Path] = []
    for target in targets:
        path = Path(target)
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if not p.is_dir()  # a pipe or device named *.txt is refused by name
                    and p.suffix.lower() in (".txt", ".md")
                    and not p.name.startswith(".")
                )
            )
        elif path.exists():
            files.append(path)
        else:
            raise SystemExit(f"{target}: no such file or folder")
    return files


def cmd_ingest(args: argparse.Namespace) -> int:
    from geo.ingest import ingest, prepare_source, read_article

    published = _published(args.published)
    finders = _finders(args.data_dir)
    if finders is None:
        return 1
    linker, people = finders
    flags = {
        "title": args.title,
        "publisher": args.publisher,
        "published": published,
        "url": args.url,
        "lang": args.lang,
        "authors": [a.strip() for a in (args.authors or "").split(";") if a.strip()],
        "rights": args.rights,
    }
    files = _article_files(args.paths)
    counts = {"new": 0, "pending": 0, "in_atlas": 0}
    failed = 0
    for n, path in enumerate(files, start=1):
        try:
            front, text = read_article(path, warn=lambda line: print(line, file=sys.stderr))
            # The front matter describes its own file; the flags fill what it lacks.
            fields = {"title": "", "publisher": "", "published": "", "lang": ""}
            fields |= {k: v for k, v in flags.items() if v} | front
            meta, text = prepare_source(text, **fields)
            status = ingest(args.data_dir, meta, text, linker, people)
        except ValueError as e:
            failed += 1
            message = str(e) if str(e).startswith(str(path)) else f"{path}: {e}"
            # On a terminal the message replaces the progress bar, which is redrawn below it.
            print(f"\r{message:<80}" if sys.stderr.isatty() else message, file=sys.stderr)
        except OSError as e:  # the inbox cannot be written (disk full, permissions): stop
            print(f"\n{path}: cannot be ingested: {e}", file=sys.stderr)
            return 1
        else:
            counts[status] += 1
            if len(files) == 1 or not sys.stderr.isatty():
                print(f"{meta.id}\t{status}\t{path}")
        _progress(n, len(files), path.name)
    print(
        f"{counts['new']} new in {Path(args.data_dir) / 'inbox'}, {counts['pending']} already "
        f"pending, {counts['in_atlas']} already in the atlas, {failed} failed. "
        "Next: `python -m geo review list`.",
        file=sys.stderr,
    )
    return 1 if failed else 0


def _show_item(item) -> None:
    meta, c = item.meta, item.candidates
    print(f"{meta.id}  {meta.title} — {meta.publisher}, {meta.published} ({meta.language})")
    print(f"mentions ({len(c.mentions)}):")
    for m in c.mentions:
        print(
            f"  {m.id}\tp{m.span.passage} {m.span.start}-{m.span.end}\t{m.feature}\t"
            f"{m.span.quote!r}\talias {m.alias!r}, rule {m.rule}"
        )
    print(f"events ({len(c.events)}):")
    for e in c.events:
        ev = e.event
        print(
            f"  {e.id}\t{ev.date} ({ev.precision})\t{ev.date_span.quote!r}\t"
            f"[{', '.join(ev.features)}]\trule {e.rule}\n\t{ev.title}"
        )
    print(f"speakers ({len(c.speakers)}):")
    for sp in c.speakers:
        who = sp.speaker or f"{sp.name!r} (not in people.json)"
        print(
            f"  {sp.id}\tp{sp.said.passage} {sp.said.start}-{sp.said.end}\t{who}\t"
            f"cue {sp.cue.quote!r}, rule {sp.rule}\n\t{sp.said.quote[:100]!r}"
        )


def cmd_review(args: argparse.Namespace) -> int:
    from geo.review import ReviewError, accept, find_item, load_item, pending, reject

    try:
        if args.action in (None, "list"):
            ready, incomplete = pending(args.data_dir)
            for sid in ready:
                item = load_item(args.data_dir, sid)
                print(
                    f"{sid}\t{len(item.candidates.mentions)} mentions\t"
                    f"{len(item.candidates.events)} events\t"
                    f"{len(item.candidates.speakers)} speakers\t{item.meta.title}"
                )
            for sid in incomplete:
                print(f"{sid}\tincomplete: ingest it again or `review reject {sid}`")
            if not ready and not incomplete:
                print("The inbox is empty.", file=sys.stderr)
            return 0
        sid = find_item(args.data_dir, args.id)
        if args.action == "show":
            _show_item(load_item(args.data_dir, sid))
        elif args.action == "reject":
            reject(args.data_dir, sid)
            print(f"{sid}: rejected and removed from the inbox")
        else:
            r = accept(args.data_dir, sid, args.only)
            print(
                f"{sid}: accepted; source {'added' if r.source_written else 'already present'}, "
                f"{len(r.events_added)} event(s) added, {r.suppressed} mention(s) suppressed, "
                f"{r.attributions_added} attribution(s) added"
                + (f", {r.already_present} already in the data" if r.already_present else "")
            )
    except ReviewError as e:
        print(e, file=sys.stderr)
        return 1
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from geo.evaluate import evaluate, scores_tables
    from geo.load import build_linker
    from geo.validate import read_gold

    checked = check_data(args.data_dir)
    if checked.problems:
        for p in checked.problems:
            print(p, file=sys.stderr)
        return 1
    documents = read_gold(checked, Path(args.gold))
    if checked.problems:
        for p in checked.problems:
            print(p, file=sys.stderr)
        print(f"{len(checked.problems)} problem(s) in the gold file.", file=sys.stderr)
        return 1
    scores = evaluate(documents, build_linker(checked))
    if args.json:
        json.dump({k: s.to_json() for k, s in scores.items()}, sys.stdout, indent=1)
        print()
    else:
        print(scores_tables(scores))
    return 0


def _phase_rows(atlas, fid: str) -> dict:
    h = atlas.histories[fid]
    return {
        "feature": fid,
        "name": atlas.props[fid].name,
        "dated": h.dated,
        "phases": [
            {
                "status": p.status,
                "from": p.start.isoformat(),
                "until": p.end.isoformat() if p.end else None,
                "date": p.transition.date,
                "origin": p.transition.origin,
                "event": p.transition.event,
                "rule": p.transition.rule,
                "words": p.transition.words,
            }
            for p in h.phases
        ],
        "skipped": [
            {"event": t.event, "status": t.status, "date": t.date, "why": why}
            for t, why in h.skipped
        ],
        "disagreement": h.disagreement,
    }


def cmd_phases(args: argparse.Namespace) -> int:
    atlas = _load(args.data_dir)
    unknown = [f for f in args.features if f not in atlas.histories]
    if unknown:
        print(f"no feature {', '.join(map(repr, unknown))} in the atlas", file=sys.stderr)
        return 2
    ids = args.features or [
        f for f, h in atlas.histories.items() if args.all or h.dated or h.skipped
    ]
    rows = [_phase_rows(atlas, f) for f in ids]
    if args.json:
        _emit(rows, True, "")
        return 0
    for row in rows:
        print(f"{row['feature']}  {row['name']}" + ("" if row["dated"] else "  (no dated phase)"))
        for p in row["phases"]:
            why = f"{p['rule']} {p['words']!r}" if p["origin"] == "rule" else p["rule"]
            print(f"  {p['from']}  {p['status']:<18}  {p['event'] or '-'}  ({p['origin']}: {why})")
        for s in row["skipped"]:
            print(f"  skipped: {s['date']} {s['status']} from {s['event']}: {s['why']}")
        if row["disagreement"]:
            print(f"  disagreement: {row['disagreement']}")
    return 0


def _filter_options(p: argparse.ArgumentParser) -> None:
    """The link's filter parameters (geo.urlstate.PARAMS) as options, with the same names."""
    for param in FILTERS:
        more = ", comma-separated" if param.kind == "list" else ""
        p.add_argument(
            f"--{param.key}",
            dest=f"f_{param.field}",
            metavar=param.key.upper(),
            help=f"{param.doc}{more}",
        )
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit 2 when a filter value is unknown (the default; kept for old scripts)",
    )
    p.add_argument(
        "--ignore-unknown",
        action="store_true",
        help="drop filter values the atlas does not have, with a notice, instead of exiting 2",
    )


def _filtered_view(atlas, args: argparse.Namespace, command: str):
    """The view the filter options choose, or None (after printing why, with the valid values)
    when a value is unknown and ``--ignore-unknown`` was not given."""
    from geo.filter import vocabulary
    from geo.urlstate import decode

    vocab = vocabulary(atlas)
    unknown = _unknown_filter_values(args, vocab)
    if unknown and not args.ignore_unknown:
        for line in unknown:
            print(f"{command}: {line}", file=sys.stderr)
        done = "nothing written" if command == "export" else "nothing done"
        print(f"{command}: {done} (--ignore-unknown drops unknown values)", file=sys.stderr)
        return None
    params = {p.key: value for p in FILTERS if (value := getattr(args, f"f_{p.field}"))}
    state, notices = decode(params, vocab)
    for n in notices:
        print(n, file=sys.stderr)
    return state


def cmd_changes(args: argparse.Namespace) -> int:
    import datetime as dt

    from geo.changes import by_corridor, changes_in, changes_json, changes_markdown, changes_since
    from geo.filter import filter_atlas
    from geo.versions import changed_since

    atlas = _load(args.data_dir)
    state = _filtered_view(atlas, args, "changes")
    if state is None:
        return 2
    names = {p: atlas.props[p].name for p in set(atlas.features["project"]) - {""}}
    if args.since_version:
        ids = changed_since(atlas.versions, args.since_version)
        if ids is None:
            print(f"data version {args.since_version!r} is not in the history", file=sys.stderr)
            return 2
        changes, heading = changes_in(atlas, ids), f"What changed since data version {args.since_version}"
        context = {"since_version": args.since_version}
    else:
        try:
            since = dt.date.fromisoformat(args.since)
        except ValueError:
            print(f"--since {args.since!r} is not a YYYY-MM-DD date", file=sys.stderr)
            return 2
        changes = changes_since(atlas, since, filter_atlas(atlas, state))
        heading, context = f"What changed since {since}", {"since": since.isoformat()}
    groups = by_corridor(changes, names)
    context["data_version"] = atlas.version
    out = changes_json(groups, **context) if args.format == "json" else changes_markdown(groups, heading)
    sys.stdout.write(out)
    return 0


def cmd_versions(args: argparse.Namespace) -> int:
    import datetime as dt

    from geo.versions import read_versions, record_version

    if args.action == "record":
        if check_data(args.data_dir).problems:
            print(f"{args.data_dir}: data is invalid; run `python -m geo validate`", file=sys.stderr)
            return 1
        entry = record_version(args.data_dir, args.note, dt.date.today().isoformat())
        print(f"{entry.version}: recorded" if entry else "the present version is already recorded")
        return 0
    for e in read_versions(args.data_dir):
        counts = ", ".join(
            f"{what} {kind} {len(part.get(kind, ()))}"
            for what, part in (("+", e.added), ("~", e.changed), ("-", e.removed))
            for kind in part
        )
        print(f"{e.version}\t{e.recorded}\t{counts or 'no change'}\t{e.note}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m geo",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    data_dir = str(default_data_dir())
    data_help = f"data folder (default: ${DATA_ENV} if set, else {data_dir})"

    p = sub.add_parser("validate", help="check every data file")
    p.add_argument("data_dir", nargs="?", default=data_dir, help=data_help)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("describe", help="what the atlas holds, counted")
    p.add_argument("data_dir", nargs="?", default=data_dir, help=data_help)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_describe)

    p = sub.add_parser("link", help="find mentions of atlas features in a text file")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.add_argument("--data-dir", default=data_dir, help=data_help)
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
    p.add_argument("--data-dir", default=data_dir, help=data_help)
    p.set_defaults(func=cmd_events)

    p = sub.add_parser(
        "export",
        help="export the features, events or passages in view",
        description="Export a table of the Data page under the link's filters. CSV is UTF-8 "
        "with a byte-order mark and CRLF line ends; with -o, its metadata (data version, "
        "filters) is written beside it as FILE-metadata.json. GeoJSON and JSON carry it in a "
        "top-level 'metadata' member.",
    )
    p.add_argument("--table", choices=["features", "events", "passages"], default="features")
    p.add_argument(
        "--format",
        choices=["geojson", "json", "csv"],
        help="geojson or csv for the features (default geojson), json or csv for the others "
        "(default json)",
    )
    _filter_options(p)
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.add_argument("--data-dir", default=data_dir, help=data_help)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "ingest",
        help="put new texts into the inbox with review candidates",
        description="Put UTF-8 texts (files, or folders of .txt/.md files) into DATA_DIR/inbox/ "
        "with their metadata and a review file of candidate mentions and events. A file may "
        "start with a '---' front-matter header of 'key: value' lines (title, publisher, "
        "published, url, lang, authors, ...); the options fill what it lacks.",
    )
    p.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER")
    p.add_argument("--title")
    p.add_argument("--publisher")
    p.add_argument("--published", help="YYYY-MM-DD (or YYYY-MM, YYYY)")
    p.add_argument("--url")
    p.add_argument("--lang", help="language code of the text: en, zh, ru, kk, ky, uz, ...")
    p.add_argument("--authors", help="semicolon-separated names")
    p.add_argument("--rights", help="the text's rights statement (a default notice otherwise)")
    p.add_argument("--data-dir", default=data_dir, help=data_help)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("review", help="list, show, accept or reject inbox items")
    p.add_argument("--data-dir", default=data_dir, help=data_help)
    p.set_defaults(func=cmd_review)
    actions = p.add_subparsers(dest="action")
    a = actions.add_parser("list", help="the items awaiting review")
    a.add_argument("--data-dir", default=argparse.SUPPRESS, help=data_help)
    for name, text in (("show", "an item's candidates"), ("reject", "delete an item")):
        a = actions.add_parser(name, help=text)
        a.add_argument("id", help="source id (a unique prefix will do)")
        a.add_argument("--data-dir", default=argparse.SUPPRESS, help=data_help)
    a = actions.add_parser("accept", help="move an item into the atlas")
    a.add_argument("id", help="source id (a unique prefix will do)")
    a.add_argument(
        "--only",
        nargs="*",
        metavar="CAND",
        help="accept only these candidates (m1 e2 ...; none: only the source); the other "
        "mentions are suppressed",
    )
    a.add_argument("--data-dir", default=argparse.SUPPRESS, help=data_help)

    p = sub.add_parser(
        "evaluate",
        help="score the linker and the date resolver against a hand annotation",
        description="Score the linker (mentions) and the date resolver (dates) against a gold "
        "file: a JSON list of documents {id, url, language, published, text, mentions [{feature, "
        "start, end, text}], dates [{date, precision, start, end, text}]} (see data/README.md). "
        "Prints precision, recall and F1 overall and per language.",
    )
    p.add_argument("gold", metavar="GOLD.json")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--data-dir", default=data_dir, help=data_help)
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser(
        "phases",
        help="each feature's status history, with the rule or curation behind each transition",
    )
    p.add_argument("features", nargs="*", metavar="FEATURE", help="feature ids (default: all "
                   "with a dated phase or a skipped transition)")  # fmt: skip
    p.add_argument("--all", action="store_true", help="every feature, undated ones too")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.add_argument("--data-dir", default=data_dir, help=data_help)
    p.set_defaults(func=cmd_phases)

    p = sub.add_parser(
        "changes",
        help="what changed after a day (or since a data version), grouped by corridor",
        description="New events, status changes, new sources and new figures after a day, "
        "grouped by corridor, each with its evidence — among the features the filter options "
        "choose (the link's filters, same names).",
    )
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--since", help="YYYY-MM-DD: changes dated after this day")
    when.add_argument("--since-version", help="a data version: what later versions added")
    p.add_argument("--format", choices=["md", "json"], default="md")
    _filter_options(p)
    p.add_argument("--data-dir", default=data_dir, help=data_help)
    p.set_defaults(func=cmd_changes)

    p = sub.add_parser("versions", help="the data version history (versions.json)")
    p.add_argument("action", nargs="?", choices=["list", "record"], default="list")
    p.add_argument("--note", default="recorded by hand", help="what the version is (record)")
    p.add_argument("--data-dir", default=data_dir, help=data_help)
    p.set_defaults(func=cmd_versions)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except MemoryError:
        # Every file read is capped (geo.reading.MAX_FILE_BYTES); a tight memory limit may
        # still be met while working: say so in one line instead of a traceback.
        raise SystemExit(
            f"python -m geo {args.command}: out of memory; give it more memory (ulimit -v) or a "
            f"smaller input (files are read up to {MAX_FILE_BYTES // 2**20} MiB)"
        ) from None


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
