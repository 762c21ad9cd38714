"""Check ``figures.json``: each figure fits its schema and its metric's units, is about a feature
that exists (and, when it names a country, one the feature lies in or crosses), cites an exact
span, and its value is a number that span's quote states (:func:`geo.numerals.states_value`)."""

from __future__ import annotations

from geo.model import Figure
from geo.numerals import format_decimal, numbers_in, states_value
from geo.validate.checked import (
    FIGURES,
    CheckedData,
    date_problem,
    read_json_list,
    unique_records,
)
from geo.validate.sources import check_span


def number_problem(fig: Figure) -> str | None:
    """Why ``fig.value`` is not a number its quote states, or None when it is.

    >>> from geo.model import Span
    >>> span = Span(source="s", passage=0, start=0, end=12, quote="$4.7bn loans")
    >>> number_problem(Figure(id="c", feature="f", metric="cost", value=4.7, unit="USD",
    ...                       as_of="2025", span=span))
    "value 4.7 is not a number its quote states (the quote's numbers read: 4700000000); give the value as the quote means it, scale words included"
    """
    if states_value(fig.span.quote, fig.value):
        return None
    numbers = numbers_in(fig.span.quote)
    if not numbers:
        return "its quote states no number in digits; quote the words that give the number"
    read = ", ".join(dict.fromkeys(format_decimal(n.readings[0]) for n in numbers))
    return (
        f"value {format_decimal(fig.value)} is not a number its quote states "
        f"(the quote's numbers read: {read}); give the value as the quote means it, "
        "scale words included"
    )


def check_figures(checked: CheckedData) -> None:
    name = checked.name(FIGURES)
    doc = read_json_list(checked, checked.data_dir / FIGURES, "figure")
    for fig in unique_records(checked, Figure, doc or [], name, "figure"):
        bad_date = date_problem(fig.as_of)
        if bad_date:
            checked.problem(name, fig.id, f"as_of: {bad_date}")
            continue
        if not checked.feature_exists(fig.feature):
            checked.problem(name, fig.id, f"feature {fig.feature!r} does not exist")
        elif fig.country and fig.feature in checked.props:
            declared = checked.props[fig.feature].countries
            if fig.country not in declared:
                checked.problem(
                    name,
                    fig.id,
                    f"country {fig.country!r} is not among the countries of feature "
                    f"{fig.feature!r} ({', '.join(declared)})",
                )
        check_span(checked, name, fig.id, fig.span, "span")
        bad_number = number_problem(fig)
        if bad_number:
            checked.problem(name, fig.id, bad_number)
        checked.figures.append(fig)
