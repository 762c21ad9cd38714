"""Make ``data/gold/annotations.json`` from hand annotations kept beside staged articles.

Each input folder holds staged articles (``NAME.md``: a ``---`` front matter, then the text) and a
``gold/`` folder of hand annotations (``NAME.json``: ``{file, language, published, mentions,
dates}``, offsets into the text after the front matter). This script copies each annotated text
into a self-contained gold document (text, url, title, publisher, rights from the front matter) and
checks every span; it never runs the linker or the date resolver.

    python scripts/import_gold.py /work/corpus/cku_horgos /work/corpus/middle_tianjin \
        /work/corpus/issue14_gold
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.ingest import parse_front_matter  # noqa: E402

OUT = ROOT / "data" / "gold" / "annotations.json"


def gold_documents(folder: Path) -> list[dict]:
    docs = []
    for path in sorted((folder / "gold").glob("*.json")):
        ann = json.loads(path.read_text(encoding="utf-8"))
        article = folder / ann["file"]
        front, text = parse_front_matter(article.read_text(encoding="utf-8"), str(article))
        where = f"{path}"
        if front.get("lang") != ann["language"] or front.get("published") != ann["published"]:
            raise SystemExit(f"{where}: language or published differs from {article.name}")
        for item in [*ann["mentions"], *ann["dates"]]:
            if text[item["start"] : item["end"]] != item["text"]:
                raise SystemExit(f"{where}: span {item['start']}-{item['end']} does not match")
        docs.append(
            {
                "id": f"{folder.name}/{article.stem}",
                "url": front.get("url"),
                "title": front.get("title", ""),
                "publisher": front.get("publisher", ""),
                "rights": front.get("rights", ""),
                "language": ann["language"],
                "published": ann["published"],
                "text": text,
                "mentions": [
                    {k: m[k] for k in ("feature", "start", "end", "text")} for m in ann["mentions"]
                ],
                "dates": [
                    {k: d[k] for k in ("date", "precision", "start", "end", "text")}
                    for d in ann["dates"]
                ],
            }
        )
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    docs = [d for folder in args.folders for d in gold_documents(folder)]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(docs, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{args.output}: {len(docs)} documents", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
