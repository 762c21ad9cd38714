"""Generated input for ``python -m geo link``, ``events`` and ``validate`` (issue 11): whatever the
text, the ``--published`` value or the JSON in a data file, the command answers — a JSON list, or
an exit with one line saying what is wrong — and never raises. Hypothesis generates the inputs
with a fixed seed (``derandomize``) and a small budget (``max_examples``), so that the suite
stays short and a failure is the same on every run.

The commands run in this process (``geo.cli.main``) on the data folder checked (and its linker
built) once; ``validate``
checks a copy of data/ with one file, feature or event replaced by a generated JSON value.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil

import pytest

# An environment installed before hypothesis joined the test extra skips these tests, saying how
# to get them, rather than stopping the whole run at collection.
pytest.importorskip("hypothesis", reason="install the test extra: pip install -e '.[test]'")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import geo.cli  # noqa: E402
from geo.validate import Problem, check_data, validate  # noqa: E402
from tests.conftest import DATA  # noqa: E402

FUZZ = settings(
    derandomize=True,  # a fixed seed: the same examples on every run
    database=None,
    deadline=None,  # time is measured in bench/, not asserted here
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Pieces that reach the linker's and the date rules' corners, mixed with any text.
FRAGMENTS = [
    "Khorgos", "Horgos", "Middle Corridor", "TITR", "中吉乌铁路", "Средний коридор", "Қорғас",
    "On March 3", "12 May 2024", "last June", "2019–2021", "18日", "2025年1月", "в 2023 году",
    " ", "\n", "\r\n", "\t", "\x00", "\x1b[31m", "\u202e", "\ufeff", "\ud7ff", "«", "—", ".", ";",
]  # fmt: skip
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=40).map(
    "".join
)
published = st.one_of(
    st.none(),
    st.dates().map(lambda d: d.isoformat()),
    st.from_regex(r"-?\d{1,6}(-\d{1,3}){0,2}(T\d\d:\d\d)?", fullmatch=True),
    st.text(max_size=12),
)
json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.sampled_from([10**400, -(10**400), 10**4000]),  # 5,000 digits: tests/broken
        st.floats(),  # NaN and ±Infinity too, as json.dumps writes them
        st.text(max_size=20),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=5), st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=12,
)


@pytest.fixture(scope="module")
def checked_once():
    """``geo.cli`` checks the data folder once for the whole module (not once per example)."""
    checked = check_data(DATA)
    assert not checked.problems
    linker = geo.cli.build_linker(checked)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(geo.cli, "check_data", lambda data_dir: checked)
        mp.setattr(geo.cli, "build_linker", lambda checked: linker)
        yield


def run_geo(*args: str) -> tuple[int | str | None, str]:
    """``python -m geo ARGS`` in this process: (exit code or message, standard output)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        try:
            code: int | str | None = geo.cli.main(list(args))
        except SystemExit as e:
            code = e.code
    return code, out.getvalue()


def answered(code: int | str | None, stdout: str) -> None:
    """A JSON list on success, or one line saying what is wrong."""
    if code == 0:
        assert isinstance(json.loads(stdout), list)
    else:
        assert isinstance(code, str) and code and "\n" not in code, code


@settings(FUZZ, max_examples=40)
@given(text=texts, raw=st.one_of(st.none(), st.binary(max_size=40)))
def test_link_answers_any_text(checked_once, tmp_path, text, raw):
    path = tmp_path / "article.txt"
    path.write_bytes(raw if raw is not None else text.encode("utf-8", "surrogatepass"))
    answered(*run_geo("link", str(path), "--json"))


@settings(FUZZ, max_examples=40)
@given(text=texts, when=published)
def test_events_answers_any_text_and_publication_date(checked_once, tmp_path, text, when):
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    args = ["events", str(path), "--json"] + ([f"--published={when}"] if when is not None else [])
    answered(*run_geo(*args))


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    copy = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("inbox"))
    return copy


def reported(folder) -> None:
    problems = validate(folder)
    assert problems and all(isinstance(p, Problem) for p in problems)
    for p in problems:
        assert "\n" not in str(p), str(p)


DATA_FILES = [
    "corridors.geojson", "events.json", "links.json", "figures.json", "phases.json",
    "people.json", "attributions.json", "gazetteer.json",
]  # fmt: skip


@settings(FUZZ, max_examples=8)
@given(name=st.sampled_from(DATA_FILES), value=json_values)
def test_validate_reports_any_json_value_as_a_data_file(folder, name, value):
    path = folder / name
    before = path.read_bytes()
    try:
        path.write_text(json.dumps(value), encoding="utf-8")
        if value != json.loads(before):
            reported(folder)
    finally:
        path.write_bytes(before)


def _replace_in_records(folder, name: str, key: str, field: str, value, index: int) -> None:
    path = folder / name
    doc = json.loads(path.read_text(encoding="utf-8"))
    records = doc[key] if key else doc
    record = records[index % len(records)]
    target = record["properties"] if field in record.get("properties", {}) else record
    target[field] = value
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


@settings(FUZZ, max_examples=12)
@given(
    where=st.sampled_from(
        [
            ("corridors.geojson", "features", f)
            for f in ("geometry", "id", "kind", "countries", "aliases", "status_as_of", "waypoints")
        ]
        + [("events.json", "", f) for f in ("date", "features", "date_span", "evidence")]
    ),
    value=json_values,
    index=st.integers(min_value=0, max_value=200),
)
def test_validate_reports_any_json_value_in_a_feature_or_event(folder, where, value, index):
    name, key, field = where
    path = folder / name
    before = path.read_bytes()
    try:
        _replace_in_records(folder, name, key, field, value, index)
        problems = validate(folder)  # the value may happen to be valid (an empty list of ids)
        assert all("\n" not in str(p) for p in problems), problems
    finally:
        path.write_bytes(before)
