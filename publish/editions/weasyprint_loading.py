"""WeasyPrint loaded without a compiler's help: it finds Pango, HarfBuzz and fontconfig by trying three or
four names for each, and for every name that is no file, ctypes.util.find_library asks the linker's cache,
then runs gcc, then ld, a process each (22 lookups, 0.23 s of the 0.65 s every process that draws a page
spent importing WeasyPrint, on the critical path of every cold build). While WeasyPrint loads, a name the
linker's cache lacks is taken as not found, without gcc and ld; WeasyPrint then tries its next name, and
each library has one that dlopen finds itself (libpango-1.0.so.0). On a system where only gcc or ld would
have found them, the load fails (its message kept back), and WeasyPrint is loaded again as ctypes looks
libraries up.

Once loaded, WeasyPrint subsets a PDF's fonts with fontTools, never with the system's HarfBuzz subsetter:
WeasyPrint takes the latter whenever the system has it (Chromium's package brings it), and the two write
different bytes, so the same source made one PDF on an author's machine and another where Chromium is
installed. fontTools' version is the lock file's. A subset keeps its face's own date: fontTools dates
each font it writes now (unless SOURCE_DATE_EPOCH is set), which made two builds' PDFs differ.
"""

import contextlib
import ctypes.util
import functools
import io
import sys


@contextlib.contextmanager
def linker_cache_only():
    """ctypes.util.find_library without its gcc and ld lookups (Linux's; elsewhere they are not there)."""
    kept = {name: getattr(ctypes.util, name) for name in ("_findLib_gcc", "_findLib_ld") if hasattr(ctypes.util, name)}
    for name in kept:
        setattr(ctypes.util, name, lambda _library: None)
    try:
        yield
    finally:
        for name, function in kept.items():
            setattr(ctypes.util, name, function)


def load_weasyprint():
    """The weasyprint module, loaded once a process (see above), and told how to subset fonts even when
    some other module loaded it first."""
    if "weasyprint" not in sys.modules:
        try:
            with linker_cache_only(), contextlib.redirect_stdout(io.StringIO()):
                import weasyprint  # noqa: F401
        except OSError:  # a library only gcc or ld knew where to find
            import weasyprint  # noqa: F401
    subset_with_fonttools()
    return sys.modules["weasyprint"]


def subset_with_fonttools():
    """Tell WeasyPrint it has no HarfBuzz subsetter, and have fontTools keep each face's date when it
    writes a subset (see above)."""
    import weasyprint.pdf.fonts
    from fontTools.ttLib import TTFont

    weasyprint.pdf.fonts.harfbuzz_subset = None
    weasyprint.pdf.fonts.TTFont = functools.partial(TTFont, recalcTimestamp=False)
