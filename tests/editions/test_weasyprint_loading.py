"""WeasyPrint loaded with find_library answered from the linker's cache alone (publish/editions/
weasyprint_loading.py), in a process of its own each time: the module is loaded once a process."""

import subprocess
import sys
import textwrap

LOADED = """
    import ctypes.util
    {before}
    kept = (ctypes.util._findLib_gcc, ctypes.util._findLib_ld)
    from publish.editions.weasyprint_loading import load_weasyprint
    weasyprint = load_weasyprint()
    assert weasyprint.HTML(string="<p>A page.</p>").render().pages, "nothing laid out"
    assert (ctypes.util._findLib_gcc, ctypes.util._findLib_ld) == kept, "ctypes left changed"
    assert load_weasyprint() is weasyprint
    print("loaded")
"""

FAILING_ONCE = """
    import importlib.abc, sys
    class FailingOnce(importlib.abc.MetaPathFinder):
        tried = 0
        def find_spec(self, name, path, target=None):
            if name == "weasyprint.text.ffi" and not FailingOnce.tried:
                FailingOnce.tried = 1
                raise OSError("cannot load library 'libpango-1.0-0'")
    sys.meta_path.insert(0, FailingOnce())
"""


def run(before=""):
    code = textwrap.dedent(LOADED.format(before=textwrap.dedent(before).strip().replace("\n", "\n    ")))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_weasyprint_loads_and_ctypes_is_left_as_it_was():
    done = run()
    assert done.returncode == 0, done.stderr
    assert done.stdout == "loaded\n"


def test_where_the_linker_cache_is_not_enough_weasyprint_is_loaded_as_ctypes_would():
    done = run(FAILING_ONCE)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "loaded\n"


COUNTING = """
    import ctypes.util
    asked = []
    ctypes.util._findLib_gcc = lambda name: asked.append(name)
    ctypes.util._findLib_ld = lambda name: asked.append(name)
    import atexit
    atexit.register(lambda: print("gcc or ld asked for", len(asked)))
"""


def test_no_compiler_or_linker_is_run_to_find_the_libraries():
    """Without this module WeasyPrint's import asks gcc and ld for every name it tries that is no file."""
    done = run(COUNTING)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "loaded\ngcc or ld asked for 0\n"
    plain = subprocess.run([sys.executable, "-c", textwrap.dedent(COUNTING) + "\nimport weasyprint\n"],
                           capture_output=True, text=True)
    assert plain.stdout.startswith("gcc or ld asked for ") and plain.stdout != "gcc or ld asked for 0\n"
