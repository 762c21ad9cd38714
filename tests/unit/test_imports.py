import subprocess
import sys


def test_geo_imports_neither_streamlit_nor_the_development_tools():
    code = (
        "import sys, importlib, pkgutil, geo\n"
        "for m in pkgutil.walk_packages(geo.__path__, 'geo.'):\n"
        "    importlib.import_module(m.name) if not m.name.endswith('__main__') else None\n"
        "assert 'streamlit' not in sys.modules, 'streamlit imported'\n"
        "assert 'devtools' not in sys.modules, 'devtools imported'\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
