"""The docstring examples in geo/ run with the suite: pytest collects them from every module
(``--doctest-modules`` over ``geo`` in pyproject's testpaths), so a new module needs no listing."""


def test_the_suite_runs_the_doctests_of_geo(request):
    config = request.config
    assert config.getoption("doctestmodules"), "pyproject's addopts lost --doctest-modules"
    assert "geo" in config.getini("testpaths"), "pyproject's testpaths lost geo"
