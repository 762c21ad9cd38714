import subprocess
import sys


def test_geo_does_not_import_streamlit():
    code = (
        "import sys, importlib, pkgutil, geo\n"
        "for m in pkgutil.iter_modules(geo.__path__):\n"
        "    importlib.import_module('geo.' + m.name) if m.name != '__main__' else None\n"
        "assert 'streamlit' not in sys.modules, 'streamlit imported'\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
