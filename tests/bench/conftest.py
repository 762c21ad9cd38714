"""The benchmarks' own tests: nginx is needed by some (CI installs it; elsewhere they skip)."""

import pytest

from devtools.replicas import NginxMissing, nginx_binary
from tests.conftest import skip_unless_ci


@pytest.fixture
def nginx() -> str:
    """The nginx binary; skips (or fails in CI) when there is none."""
    try:
        return nginx_binary()
    except NginxMissing as e:
        skip_unless_ci(str(e), "nginx tests")
