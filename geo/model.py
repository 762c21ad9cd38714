"""The typed shapes of the atlas's data files (pydantic models) and the vocabularies they use.

Every data file in ``data/`` is read through one of these models, so a wrong field is reported with
the file, the record id and the field that is wrong (see :mod:`geo.validate`).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

KINDS = (
    "railway",
    "corridor",
    "freight_service",
    "ferry",
    "road",
    "port",
    "dry_port",
    "border_crossing",
    "station",
    "tunnel",
    "city",
    "logistics_hub",
)
ROUTE_KINDS = ("railway", "corridor", "freight_service", "ferry", "road")
SITE_KINDS = tuple(k for k in KINDS if k not in ROUTE_KINDS)
STATUSES = (
    "operational",
    "under_construction",
    "planned",
    "agreed",
    "proposed",
    "suspended",
    "cancelled",
    "existing",
)
# The declared order of a project's phases (geo.phases): a feature moves forward through them.
# ``suspended`` and ``cancelled`` interrupt any of them; ``existing`` is a place that is simply
# there (a city) and has no phases.
PHASE_ORDER = ("proposed", "agreed", "planned", "under_construction", "operational")
INTERRUPTIONS = ("suspended", "cancelled")
PHASE_STATUSES = PHASE_ORDER + INTERRUPTIONS
GEOMETRY_QUALITIES = ("surveyed", "traced", "schematic", "approximate")
LANGUAGES = ("en", "zh", "ru", "kk", "ky", "uz", "tr", "az", "ka", "ja")
LANGUAGE_NAMES = {
    "en": "English", "zh": "Chinese", "ru": "Russian", "kk": "Kazakh", "ky": "Kyrgyz",
    "uz": "Uzbek", "tr": "Turkish", "az": "Azerbaijani", "ka": "Georgian", "ja": "Japanese",
}  # fmt: skip
PRECISIONS = ("day", "month", "year", "range")

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
RANGE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?/\d{4}(-\d{2}(-\d{2})?)?$")


def _snake_case(v: str) -> str:
    if not ID_RE.match(v):
        raise ValueError(f"id {v!r} is not snake_case (a-z, 0-9, _)")
    return v


# A stable id: lower-case letters, digits and underscores, starting with a letter.
SnakeId = Annotated[str, AfterValidator(_snake_case)]


def _iso2(code: str) -> str:
    import pycountry

    if pycountry.countries.get(alpha_2=code) is None:
        raise ValueError(f"country {code!r} is not an ISO 3166-1 alpha-2 code")
    return code


# An ISO 3166-1 alpha-2 country code.
CountryCode = Annotated[str, AfterValidator(_iso2)]


def _known_languages(aliases: dict) -> dict:
    unknown = sorted(set(aliases) - set(LANGUAGES))
    if unknown:
        raise ValueError(f"aliases in unknown languages {unknown}; known: {list(LANGUAGES)}")
    return aliases


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Alias(Strict):
    """A name that the linker looks for. ``context`` words, when given, must also occur in the same
    passage (e.g. "Koshtobe" is the CKU tunnel only where the passage speaks of a tunnel), or in
    the same sentence when ``scope`` is ``"sentence"`` (a description such as "China–Europe
    (Central Asia) trains" names the Tianjin service only in a sentence that names Tianjin).
    ``source`` is the URL of a page where this spelling is used."""

    text: str = Field(min_length=1)
    context: tuple[str, ...] = ()
    scope: Literal["passage", "sentence"] = "passage"
    source: str | None = None

    @model_validator(mode="after")
    def _scope_needs_context(self) -> Alias:
        if self.scope == "sentence" and not self.context:
            raise ValueError(f"alias {self.text!r}: scope 'sentence' needs context words")
        return self


class Span(Strict):
    """An exact span of a source passage: ``passage_text[start:end] == quote``."""

    source: str
    passage: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end <= self.start:
            raise ValueError(f"span end {self.end} is not after start {self.start}")
        if self.end - self.start != len(self.quote):
            raise ValueError(
                f"span {self.start}..{self.end} is {self.end - self.start} characters long "
                f"but its quote is {len(self.quote)}"
            )
        return self


class Reference(Strict):
    """Evidence outside the atlas's own sources: a publication or dataset, with its address."""

    citation: str = Field(min_length=3)
    url: str | None = None


class Evidence(Strict):
    """Where something is known from: a span of one of our sources, or an outside reference."""

    span: Span | None = None
    reference: Reference | None = None

    @model_validator(mode="after")
    def _one(self) -> Evidence:
        if (self.span is None) == (self.reference is None):
            raise ValueError(f"{self._what} needs exactly one of 'span' or 'reference'")
        return self

    _what = "evidence"


class StatusEvidence(Evidence):
    """Why a feature has its status: a span of one of our sources, or an outside reference."""

    _what = "status evidence"


class FeatureProperties(Strict):
    id: SnakeId
    name: str = Field(min_length=1)
    kind: Literal[KINDS]  # type: ignore[valid-type]
    project: str | None = None
    status: Literal[STATUSES]  # type: ignore[valid-type]
    status_as_of: str
    status_evidence: StatusEvidence
    aliases: dict[str, tuple[str | Alias, ...]]
    countries: tuple[str, ...] = Field(min_length=1)
    geometry_quality: Literal[GEOMETRY_QUALITIES]  # type: ignore[valid-type]
    geometry_source: str = Field(min_length=3)
    geometry_source_url: str | None = None
    waypoints: tuple[str, ...] = ()
    description: str = Field(min_length=1)
    # Why no passage of the sources mentions the feature (a junction the drawing needs that no
    # source names); the card says it where the passages would be.
    no_passage_reason: str | None = Field(default=None, min_length=3)

    @field_validator("status_as_of")
    @classmethod
    def _date(cls, v: str) -> str:
        if not DATE_RE.match(v):
            raise ValueError(f"status_as_of {v!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        return v

    @field_validator("aliases")
    @classmethod
    def _languages(cls, v: dict) -> dict:
        _known_languages(v)
        if not v.get("en"):
            raise ValueError("aliases need at least one English ('en') name")
        return v

    @field_validator("countries")
    @classmethod
    def _iso2(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for code in v:
            _iso2(code)
        return v

    def alias_items(self) -> list[tuple[str, Alias]]:
        """(language, alias) for every alias, the name included."""
        out = [("en", Alias(text=self.name))]
        for lang, items in self.aliases.items():
            out += [(lang, item if isinstance(item, Alias) else Alias(text=item)) for item in items]
        return out

    def alias_entries(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """(language, text, context words) for every alias, the name included."""
        return [(lang, a.text, a.context) for lang, a in self.alias_items()]


class SourceMeta(Strict):
    id: str
    title: str = Field(min_length=1)
    title_supplied: bool = False
    publisher: str = Field(min_length=1)
    authors: tuple[str, ...] = ()
    interviewer: str | None = None
    published: str
    published_precision: Literal["day", "month", "year"]
    published_evidence: str = Field(min_length=3)
    url: str | None = None
    language: str = Field(min_length=2, max_length=3)
    translated_from: str | None = None
    rights: str = Field(min_length=3)
    notes: str | None = None

    @model_validator(mode="after")
    def _precision_matches(self) -> SourceMeta:
        if not DATE_RE.match(self.published):
            raise ValueError(f"published {self.published!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        parts = {1: "year", 2: "month", 3: "day"}[len(self.published.split("-"))]
        if parts != self.published_precision:
            raise ValueError(
                f"published {self.published!r} has {parts} precision but "
                f"published_precision says {self.published_precision!r}"
            )
        return self


class Event(Strict):
    id: SnakeId
    date: str
    precision: Literal[PRECISIONS]  # type: ignore[valid-type]
    title: str = Field(min_length=1)
    features: tuple[str, ...] = ()
    date_span: Span
    evidence: Span

    @model_validator(mode="after")
    def _date_matches_precision(self) -> Event:
        check_precision(self.date, self.precision)
        return self


def check_precision(date: str, precision: str) -> None:
    """Raise ValueError unless ``date`` is written as its ``precision`` says (``range``:
    ``START/END``; ``day``: ``YYYY-MM-DD``; ...)."""
    if precision == "range":
        if not RANGE_RE.match(date):
            raise ValueError(f"date {date!r} is not START/END for a range")
    else:
        want = {"year": 1, "month": 2, "day": 3}[precision]
        if not DATE_RE.match(date) or len(date.split("-")) != want:
            raise ValueError(f"date {date!r} does not have {precision} precision")


class LinkAddition(Strict):
    feature: str
    span: Span
    reason: str = Field(min_length=3)


class LinkSuppression(Strict):
    feature: str
    span: Span
    reason: str = Field(min_length=3)


class LinkOverrides(Strict):
    add: tuple[LinkAddition, ...] = ()
    suppress: tuple[LinkSuppression, ...] = ()


class FalseFriend(Strict):
    """A phrase that contains an alias but names something else. ``lang`` gives it the endings
    of that language (a Kazakh, Kyrgyz or Uzbek phrase takes Turkic suffixes: "Қазақстан темір
    жолының"); ``source`` is the URL of a page where it is used."""

    text: str = Field(min_length=1)
    reason: str = Field(min_length=3)
    lang: str = ""
    source: str | None = None


class Gazetteer(Strict):
    """Extra linker knowledge: phrases that contain an alias but are not a mention of it, and
    aliases deliberately shared by two features."""

    false_friends: tuple[FalseFriend, ...] = ()
    shared_aliases: tuple[str, ...] = ()


class GoldMention(Strict):
    """A span of a gold document's text that a careful reader links to a feature."""

    feature: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str = Field(min_length=1)


class GoldDate(Strict):
    """A span of a gold document's text that names a date, with the date it means."""

    date: str
    precision: Literal[PRECISIONS]  # type: ignore[valid-type]
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str = Field(min_length=1)

    @model_validator(mode="after")
    def _date_matches_precision(self) -> GoldDate:
        check_precision(self.date, self.precision)
        return self


class GoldDocument(Strict):
    """One hand-annotated text of a gold file (``data/gold/``): the text itself, what it is, and
    the mentions and dates a reader marked in it, with code-point offsets into ``text``."""

    id: str = Field(min_length=1)
    url: str | None
    title: str = ""
    publisher: str = ""
    rights: str = ""
    language: str = Field(min_length=2, max_length=3)
    published: str | None
    text: str = Field(min_length=1)
    mentions: tuple[GoldMention, ...]
    dates: tuple[GoldDate, ...]

    @field_validator("published")
    @classmethod
    def _published_shape(cls, v: str | None) -> str | None:
        if v is not None and not DATE_RE.match(v):
            raise ValueError(f"published {v!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        return v


# --------------------------------------------------------------------------------------- figures

# ISO 4217 codes of the currencies a cost may be given in.
CURRENCIES = ("USD", "EUR", "CNY", "RUB", "KZT", "KGS", "UZS", "AZN", "GEL", "TRY")

# Every unit a figure may be given in: its family (values of one family can be compared) and the
# factor that turns it into the family's first unit. Currencies are each their own family: the
# atlas does not convert money.
UNITS: dict[str, tuple[str, float]] = {
    "km": ("distance", 1.0),
    "m": ("distance", 0.001),
    "mi": ("distance", 1.609344),
    "mm": ("gauge", 1.0),
    "count": ("count", 1.0),
    **{c: (c, 1.0) for c in CURRENCIES},
    "days": ("duration", 1.0),
    "hours": ("duration", 1 / 24),
    "t": ("tonnes", 1.0),
    "TEU": ("TEU", 1.0),
    "containers": ("containers", 1.0),
    "trains": ("trains", 1.0),
    "persons": ("persons", 1.0),
    "vehicles": ("vehicles", 1.0),
    "t/year": ("tonnes/year", 1.0),
    "TEU/year": ("TEU/year", 1.0),
    "containers/year": ("containers/year", 1.0),
    "trains/year": ("trains/year", 1.0),
    "trains/day": ("trains/day", 1.0),
    "persons/year": ("persons/year", 1.0),
    "persons/day": ("persons/day", 1.0),
    "vehicles/day": ("vehicles/day", 1.0),
}


class MetricSpec(Strict):
    """One metric of the figures vocabulary: its label, the units it may be given in, whether a
    figure of it names the country it is about, and whether it is a quantity of a period (its
    ``as_of`` says which: a volume of 2024), so that only figures of one period are compared."""

    label: str
    units: tuple[str, ...]
    needs_country: bool = False
    per_period: bool = False


_DISTANCES = ("km", "m", "mi")
METRICS: dict[str, MetricSpec] = {
    "length": MetricSpec(label="Length", units=_DISTANCES),
    "section_length": MetricSpec(label="Section length", units=_DISTANCES, needs_country=True),
    "gauge": MetricSpec(label="Gauge", units=("mm",)),
    "tunnels": MetricSpec(label="Tunnels", units=("count",)),
    "bridges": MetricSpec(label="Bridges", units=("count",)),
    "cost": MetricSpec(label="Cost", units=CURRENCIES),
    "capacity": MetricSpec(label="Capacity", units=tuple(u for u in UNITS if "/" in u)),
    "transit_time": MetricSpec(label="Transit time", units=("days", "hours")),
    "volume": MetricSpec(
        label="Volume",
        units=("t", "TEU", "containers", "trains", "persons", "vehicles"),
        per_period=True,
    ),
}


class Figure(Strict):
    """A number a source states about a feature: ``span.quote`` contains it as written."""

    id: SnakeId
    feature: str
    metric: Literal[tuple(METRICS)]  # type: ignore[valid-type]
    value: float = Field(ge=0, allow_inf_nan=False, strict=True)
    unit: str
    country: CountryCode | None = None
    scope: str | None = Field(default=None, min_length=1)
    as_of: str
    span: Span

    @model_validator(mode="after")
    def _fits_metric(self) -> Figure:
        spec = METRICS[self.metric]
        if self.unit not in spec.units:
            raise ValueError(
                f"unit {self.unit!r} is not one of {self.metric}'s units: {', '.join(spec.units)}"
            )
        if spec.needs_country and self.country is None:
            raise ValueError(f"a {self.metric} figure needs the country it is about ('country')")
        if not DATE_RE.match(self.as_of):
            raise ValueError(f"as_of {self.as_of!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        return self


# ---------------------------------------------------------------------------------------- phases


class CuratedTransition(Strict):
    """A status change the rules on the event evidence cannot tell (see :mod:`geo.phases`): the
    ``feature`` entered ``status`` with ``event``, because ``reason``. ``out_of_order`` says why
    it goes back in :data:`PHASE_ORDER`, when it does."""

    feature: str
    event: str
    status: Literal[PHASE_STATUSES]  # type: ignore[valid-type]
    reason: str = Field(min_length=3)
    out_of_order: str | None = Field(default=None, min_length=3)


class SuppressedTransition(Strict):
    """A transition the rules derive from ``event`` for ``feature`` that is wrong, and why."""

    feature: str
    event: str
    reason: str = Field(min_length=3)


class PhaseCuration(Strict):
    """``phases.json``: curated transitions and suppressed derived ones."""

    add: tuple[CuratedTransition, ...] = ()
    suppress: tuple[SuppressedTransition, ...] = ()


# ------------------------------------------------------------------------- people and attributions

PERSON_KINDS = ("person", "organisation")


class Person(Strict):
    """A person or an organisation whose words our sources report.

    ``organisation`` is the id of an organisation entry (a person's employer, an organisation's
    parent); ``aliases`` are other names by language, as the sources write them; ``evidence``
    says where the name, role and organisation are known from."""

    id: SnakeId
    kind: Literal[PERSON_KINDS]  # type: ignore[valid-type]
    name: str = Field(min_length=1)
    role: str | None = Field(default=None, min_length=1)
    organisation: str | None = None
    country: CountryCode | None = None
    aliases: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    evidence: Evidence

    @field_validator("aliases")
    @classmethod
    def _languages(cls, v: dict) -> dict:
        return _known_languages(v)

    @model_validator(mode="after")
    def _a_person_has_a_role(self) -> Person:
        if self.kind == "person" and self.role is None:
            raise ValueError("a person needs a 'role' (as the source gives it)")
        return self

    def names(self) -> list[tuple[str, str]]:
        """(language, text) for the name and every alias; the name counts as English."""
        return [("en", self.name)] + [
            (lang, a) for lang, items in self.aliases.items() for a in items
        ]


# How an attribution was found (geo.attribute), or "curated" when a person made it by hand.
ATTRIBUTION_RULES = (
    "turn",
    "interviewer_turn",
    "turn_continued",
    "quote_said",
    "said_quote",
    "according_to",
    "reported_speech",
    "curated",
)


class Attribution(Strict):
    """Words of a source attributed to a speaker: ``said`` is what they said, ``cue`` where the
    text says who said it (a turn's label, "said Liu Yanong", "По словам Жапарова")."""

    speaker: str
    said: Span
    cue: Span
    rule: Literal[ATTRIBUTION_RULES]  # type: ignore[valid-type]


# ---------------------------------------------------------------------------------- data versions

VERSION_KINDS = ("sources", "events", "figures", "features")


class VersionEntry(Strict):
    """One recorded data version (``versions.json``, see :mod:`geo.versions`): what it added,
    changed (id → fingerprint of the record) and removed, by kind, since the one before it."""

    version: str = Field(pattern=r"^[0-9a-f]{10}$")
    recorded: str
    note: str = ""
    added: dict[str, dict[str, str]] = {}
    changed: dict[str, dict[str, str]] = {}
    removed: dict[str, tuple[str, ...]] = {}

    @model_validator(mode="after")
    def _kinds(self) -> VersionEntry:
        if not DATE_RE.match(self.recorded) or len(self.recorded) != 10:
            raise ValueError(f"recorded {self.recorded!r} is not YYYY-MM-DD")
        for part in (self.added, self.changed, self.removed):
            unknown = sorted(set(part) - set(VERSION_KINDS))
            if unknown:
                raise ValueError(f"unknown kinds {unknown}; known: {list(VERSION_KINDS)}")
        return self
