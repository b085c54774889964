"""Check what pip cannot install: Python 3.11+ and Pango (WeasyPrint needs it for the PDF).

Runs with the system Python before the virtual environment exists, so it uses
the standard library only. Prints one line and exits 1 when something is missing.
"""

import ctypes
import ctypes.util
import sys

PANGO_LIBRARIES = {
    "pango-1.0": ("libpango-1.0.so.0", "libpango-1.0.dylib", "libpango-1.0-0.dll"),
    "pangoft2-1.0": ("libpangoft2-1.0.so.0", "libpangoft2-1.0.dylib", "libpangoft2-1.0-0.dll"),
}
PANGO_HINT = (
    "Pango is missing (WeasyPrint needs it to make the PDF): install it with "
    "'sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0' (Debian, Ubuntu), "
    "'sudo dnf install pango' (Fedora) or 'brew install pango' (macOS), then run make again"
)


def library_loads(name, file_names):
    candidates = [ctypes.util.find_library(name), *file_names]
    for candidate in filter(None, candidates):
        try:
            ctypes.CDLL(candidate)
            return True
        except OSError:
            continue
    return False


def pango_version():
    """The installed Pango's version ('1.50.12'), which changes how WeasyPrint lays out text; '' if none."""
    for candidate in filter(None, [ctypes.util.find_library("pango-1.0"), *PANGO_LIBRARIES["pango-1.0"]]):
        try:
            library = ctypes.CDLL(candidate)
        except OSError:
            continue
        library.pango_version_string.restype = ctypes.c_char_p
        return library.pango_version_string().decode("ascii")
    return ""


def problems():
    found = []
    if sys.version_info < (3, 11):
        found.append(f"Python 3.11 or newer is needed, this is {sys.version.split()[0]}: install it, or run 'make PYTHON=python3.11'")
    if not all(library_loads(name, files) for name, files in PANGO_LIBRARIES.items()):
        found.append(PANGO_HINT)
    return found


def main():
    found = problems()
    for problem in found:
        print(f"make: {problem}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
