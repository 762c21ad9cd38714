"""The examples in geo.draw's docstrings run, so they cannot go stale."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import geo.draw

MODULES = ["geo.draw", *(f"geo.draw.{m.name}" for m in pkgutil.iter_modules(geo.draw.__path__))]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name} failed"
