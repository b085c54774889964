"""`doit serve`: a preview of the series' site (build/site/, as `doit site` assembles it) on
127.0.0.1 that rebuilds what a save affects and reloads the open page as soon as its HTML is rebuilt.

    watchfiles (a save under source/, templates/ or styles/, or to the brand's files)
      -> the warm builder (publish.author.preview_builds): the HTML edition first, then the rest
      -> the page, told at once by server-sent events (/__events): it reloads on a new HTML
         edition, shows when the PDF and DOCX are fresh again, or shows the build's errors.

It serves the site and nothing else: not build/'s work files, caches or doit's state, nor anything
outside the site. The editions in build/ are never changed: the script is added on the way out.
"""

import contextlib
import html
import http.server
import json
import multiprocessing
import os
import signal
import threading
from functools import partial
from pathlib import Path

from publish.author.preview_address import (
    check_can_listen,
    listening_port,
    open_server,
    page_address,
)
from publish.author.preview_builds import PHASE_WORDS, PHASES, serve_builds
from publish.errors import PublishError
from publish.paths import SITE, SOURCE, STYLES, TEMPLATES

WATCHED = (SOURCE, TEMPLATES, STYLES)
STATUS_PATH, EVENTS_PATH, SCRIPT_PATH = "/__status", "/__events", "/__preview.js"
KEEP_ALIVE_SECONDS = 15
BANNER_ID = "preview-build-error"
BANNER_STYLE = ("position:fixed;left:0;right:0;bottom:0;margin:0;padding:1em;max-height:40vh;overflow:auto;"
                "background:#7a0000;color:#fff;font:14px/1.4 monospace;white-space:pre-wrap;z-index:9999")
# The banner the server wrote into the page (a failed build), or a hidden one, kept up to date.
PREVIEW_SCRIPT = """(() => {
  let seen = null;
  const banner = document.getElementById("%(banner)s") || document.createElement("pre");
  banner.style.cssText = "%(style)s" + (banner.isConnected ? "" : ";display:none");
  banner.id = "%(banner)s";
  banner.setAttribute("role", "alert");
  const badge = document.createElement("p");
  badge.setAttribute("role", "status");
  badge.style.cssText = "position:fixed;right:1em;top:1em;margin:0;padding:.3em .6em;border-radius:.3em;" +
    "background:#222;color:#fff;font:13px/1.4 sans-serif;z-index:9999";
  document.body.append(banner, badge);
  const events = new EventSource("%(events)s");
  events.onmessage = (message) => {
    const status = JSON.parse(message.data);
    if (seen !== null && status.generation !== seen) return location.reload();  // errors show again after it
    seen = status.generation;
    banner.textContent = status.error ? "Build failed:\\n" + status.error : "";
    banner.style.display = status.error ? "block" : "none";
    badge.textContent = {updating: "Updating the PDF and DOCX…", fresh: "PDF and DOCX up to date"}[status.editions] || "";
    badge.dataset.editions = status.editions;
    badge.style.display = badge.textContent ? "block" : "none";
  };
})();
""" % {"banner": BANNER_ID, "style": BANNER_STYLE, "events": EVENTS_PATH}


class BuildState:
    """What the page needs to know: `generation` grows with each new HTML edition, `editions` says
    whether the other editions (the PDF and DOCX first, then the rest and the site) are "updating", "fresh"
    or "failed", `error` holds a failed build's errors."""

    def __init__(self):
        self.generation, self.editions, self.error = 0, "updating", ""
        self.version = 0  # grows with every change, for those waiting on one
        self.changed = threading.Condition()

    def record(self, report):
        with self.changed:
            if report["phase"] == "page":  # a new web page (or, for a publication that failed, the old one)
                self.generation += 1
                self.editions = "updating"
            elif report["error"]:
                self.editions = "failed"
            elif report["phase"] == PHASES[-1][0]:  # fresh once all are: the PDF and the DOCX come before the rest
                self.editions = "fresh"
            self.error = report["error"]
            self.version += 1
            self.changed.notify_all()

    def error_now(self):
        with self.changed:
            return self.error

    def as_json(self):
        with self.changed:
            return json.dumps({"generation": self.generation, "editions": self.editions,
                               "error": self.error}).encode("utf-8")

    def next_change(self, version, timeout):
        """(version, status) once the state differs from `version`, or (version, None) after `timeout`."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != version, timeout)
            if self.version == version:
                return version, None
            return self.version, self.as_json()


class Builder:
    """The warm builder process, and a thread that records what it reports."""

    def __init__(self, state):
        self.state = state
        self.first_page = threading.Event()
        context = multiprocessing.get_context("fork")  # the worker starts with doit and dodo.py already loaded
        self.connection, worker_end = context.Pipe()
        self.process = context.Process(target=serve_builds, args=(worker_end,))  # not daemonic: it forks workers
        self.process.start()
        with contextlib.suppress(OSError):  # it may have ended already
            os.setpgid(self.process.pid, self.process.pid)  # as the worker does itself: whichever runs first
        worker_end.close()
        threading.Thread(target=self.listen, daemon=True).start()

    def wait_for_first_page(self):
        while not self.first_page.wait(0.5):
            if not self.process.is_alive():
                raise PublishError("the preview's builder stopped before the first build: run 'doit' to see why")

    def request(self):
        self.connection.send("build")

    def listen(self):
        while True:
            try:
                report = self.connection.recv()
            except (EOFError, OSError):
                return
            print_report(report, self.state.error)
            self.state.record(report)
            if report["phase"] == "page":
                self.first_page.set()

    def stop(self):
        """End the builder and the workers a build of its may have forked (its process group)."""
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass  # it has ended already
        self.process.join(5)
        self.connection.close()


def print_report(report, errors_shown):
    """One line a phase, and a failed build's errors (not twice in a row: the PDF and DOCX phase
    meets again the errors the HTML phase met)."""
    what = PHASE_WORDS[report["phase"]]
    if not report["error"]:
        print(f"{what} rebuilt in {report['took']:.1f} s", flush=True)
    elif report["error"] == errors_shown and report["phase"] != "page":
        print(f"{what}: the same errors", flush=True)
    else:
        print(f"build failed after {report['took']:.1f} s:\n{report['error']}", flush=True)


def watched_paths():
    """What a save in asks for a build: the text, templates and styles, and the brand file with the folders
    of its logos and fonts (the brand file itself where it stands at the project's root, where build/ is)."""
    from publish.tasks import brand_files

    brand = {path if path.parent == Path(".") else path.parent for path in brand_files()}
    inside = [path for path in brand if not any(path.resolve().is_relative_to(folder.resolve())
                                                for folder in (*WATCHED, *(other for other in brand if other != path)))]
    return (*WATCHED, *sorted(inside))


def watch(builder, stop, watching):
    """Ask for a build after each save, until `stop` is set. `watching` is set once the folders are
    watched: watchfiles yields its first (empty) set after a quiet 0.2 s, by when its watches stand."""
    from watchfiles import watch as changes

    try:
        for changed in changes(*watched_paths(), stop_event=stop, step=30, rust_timeout=200, yield_on_timeout=True):
            watching.set()
            if changed:
                builder.request()
    finally:
        watching.set()  # a watcher that could not start must not hold the preview back


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site (and nothing outside it), with the reload script added to HTML pages, and the
    site's own 404 page for an address it does not have."""

    state = None

    def do_GET(self):
        path = self.path.split("?")[0]
        if any(part.startswith(".") for part in path.split("/")):
            return self.send_error(404)  # no hidden file, whatever the site holds
        if path == STATUS_PATH:
            return self.send_bytes(self.state.as_json(), "application/json")
        if path == EVENTS_PATH:
            return self.send_events()
        if path == SCRIPT_PATH:
            return self.send_bytes(PREVIEW_SCRIPT.encode("utf-8"), "text/javascript")
        page = self.html_page(path)
        if page:
            return self.send_page(page.read_text(encoding="utf-8"))
        return super().do_GET()

    def html_page(self, path):
        """The HTML file an address shows: the file itself, or a folder's index.html (/<slug>/, the
        address a publication is known by); None for anything else, which the file server answers
        (it redirects /<slug> to /<slug>/)."""
        file = Path(self.translate_path(path))
        if path.endswith("/") and file.is_dir():
            file = file / "index.html"
        return file if file.suffix == ".html" and file.is_file() else None

    def list_directory(self, path):
        self.send_error(404)  # a folder without a page is no address of the site

    def send_page(self, page, status=200):
        data = with_preview_script(page, self.state.error_now())
        return self.send_bytes(data, "text/html; charset=utf-8", status)

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        return self.send_page(page.read_text(encoding="utf-8"), 404)

    def send_events(self):
        """The build's status now and after each change, as server-sent events, until the page goes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        version, status = -1, None
        try:
            while True:
                version, status = self.state.next_change(version, KEEP_ALIVE_SECONDS)
                self.wfile.write(b"data: " + status + b"\n\n" if status else b": still here\n\n")
                self.wfile.flush()
        except OSError:
            return  # the page was closed or reloaded

    def send_bytes(self, data, content_type, status=200):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *arguments):
        pass  # the terminal shows builds, not every request


def with_preview_script(page, error=""):
    """The page with the reload script, and its policy opened just enough to run it; with a failed
    build's `error` in a banner, there before any script runs (and for a reader without scripts)."""
    page = page.replace("default-src 'none';", "default-src 'none'; script-src 'self'; connect-src 'self';", 1)
    page = page.replace("default-src &#39;none&#39;;", "default-src &#39;none&#39;; script-src &#39;self&#39;; "
                        "connect-src &#39;self&#39;;", 1)
    banner = (f'<pre id="{BANNER_ID}" role="alert" style="{BANNER_STYLE}">Build failed:\n{html.escape(error)}</pre>\n'
              if error else "")
    before, end, after = page.rpartition("</body>")
    return f'{before}{banner}<script src="{SCRIPT_PATH}"></script>\n{end}{after}'.encode()


def serve(port=8000, host="127.0.0.1"):
    """Build once, then serve the site and rebuild on every save until Ctrl-C (or SIGTERM), which
    stops it with one line. An address it cannot listen on is said at once, before any build."""
    port = listening_port(port)
    check_can_listen(host, port)
    signal.signal(signal.SIGTERM, stop_by_signal)
    try:
        run_preview(port, host)
    except KeyboardInterrupt:
        print("stopped", flush=True)


def stop_by_signal(number, frame):
    raise KeyboardInterrupt


def run_preview(port, host):
    state = BuildState()
    builder = Builder(state)  # before the server's socket exists, which the worker must not inherit
    stop, watching = threading.Event(), threading.Event()
    try:
        # watched before the first build: a save made while it runs, or as soon as the page is served, is seen
        threading.Thread(target=watch, args=(builder, stop, watching), daemon=True).start()
        watching.wait()
        builder.request()
        builder.wait_for_first_page()
        handler = type("Handler", (PreviewHandler,), {"state": state})
        SITE.mkdir(parents=True, exist_ok=True)
        server = open_server(host, port, partial(handler, directory=str(SITE.resolve())))
        pages = sorted(path.relative_to(SITE).as_posix() for path in SITE.glob("*/index.html"))
        print(f"serving the site (build/site/) at {page_address(host, server.server_address[1])} "
              f"({', '.join(pages) or 'no page yet'}); Ctrl-C stops", flush=True)
        try:
            server.serve_forever()
        finally:
            server.server_close()
    finally:
        stop.set()
        builder.stop()
