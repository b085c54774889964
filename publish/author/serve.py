"""`doit serve`: a preview of the series' site (build/site/, as `doit site` assembles it) on
127.0.0.1 that rebuilds what an edit affects and reloads the open page when the rebuild is done.

The server runs `doit site` (which reruns only the affected tasks) whenever a file under
source/, templates/ or styles/ changes. It serves the site and nothing else: not build/'s
work files, caches or doit's state, nor anything outside the site. Pages it serves get a small script that asks
/__status once a second and reloads on a new build, or shows the build's errors.
The editions in build/ are never changed: the script is added on the way out.
"""

import http.server
import json
import signal
import subprocess
import sys
import threading
import time
from functools import partial
from pathlib import Path

from publish.paths import SITE, SOURCE, STYLES, TEMPLATES

WATCHED = (SOURCE, TEMPLATES, STYLES)
STATUS_PATH, SCRIPT_PATH = "/__status", "/__preview.js"
POLL_SECONDS = 0.5
PREVIEW_SCRIPT = """(() => {
  let seen = null;
  const banner = document.createElement("pre");
  banner.style.cssText = "position:fixed;left:0;right:0;bottom:0;margin:0;padding:1em;max-height:40vh;overflow:auto;" +
    "background:#7a0000;color:#fff;font:14px/1.4 monospace;white-space:pre-wrap;z-index:9999;display:none";
  document.body.append(banner);
  async function poll() {
    try {
      const status = await (await fetch("%s", {cache: "no-store"})).json();
      if (seen !== null && status.generation !== seen && !status.error) location.reload();
      seen = status.generation;
      banner.textContent = status.error ? "Build failed:\\n" + status.error : "";
      banner.style.display = status.error ? "block" : "none";
    } catch (error) { /* the server is restarting */ }
    setTimeout(poll, 1000);
  }
  poll();
})();
""" % STATUS_PATH


class BuildState:
    """The latest build: a number that grows with each build, and its errors if it failed."""

    def __init__(self):
        self.generation = 0
        self.error = ""
        self.lock = threading.Lock()

    def record(self, error):
        with self.lock:
            self.generation += 1
            self.error = error

    def as_json(self):
        with self.lock:
            return json.dumps({"generation": self.generation, "error": self.error}).encode("utf-8")


def snapshot():
    """(path, modification time, size) of every watched file: what an edit changes."""
    return {(str(path), path.stat().st_mtime_ns, path.stat().st_size)
            for folder in WATCHED for path in folder.rglob("*") if path.is_file()}


def error_lines(output):
    """The lines of doit's output that say what went wrong."""
    lines = [line for line in output.splitlines() if ": error: " in line or line.startswith("error:")]
    return "\n".join(dict.fromkeys(lines)) or output.strip()[-2000:]  # each once, in order


def rebuild(state):
    started = time.perf_counter()
    # in a session of its own: Ctrl-C stops the preview, not a build half-way (and its traceback)
    process = subprocess.run([sys.executable, "-m", "doit", "site"], capture_output=True, text=True, start_new_session=True)
    took = time.perf_counter() - started
    if process.returncode == 0:
        print(f"rebuilt in {took:.1f} s", flush=True)
        state.record("")
    else:
        error = error_lines(process.stdout + process.stderr)
        print(f"build failed after {took:.1f} s:\n{error}", flush=True)
        state.record(error)


def watch(state, stop):
    """Rebuild whenever a watched file changes, until `stop` is set."""
    seen = snapshot()
    while not stop.wait(POLL_SECONDS):
        now = snapshot()
        if now != seen:
            seen = now
            rebuild(state)
            seen = snapshot()


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
        if path == SCRIPT_PATH:
            return self.send_bytes(PREVIEW_SCRIPT.encode("utf-8"), "text/javascript")
        if path.endswith(".html"):
            file = Path(self.translate_path(path))
            if file.is_file():
                return self.send_bytes(with_preview_script(file.read_text(encoding="utf-8")), "text/html; charset=utf-8")
        return super().do_GET()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        return self.send_bytes(with_preview_script(page.read_text(encoding="utf-8")), "text/html; charset=utf-8", 404)

    def send_bytes(self, data, content_type, status=200):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *arguments):
        pass  # the terminal shows builds, not every request


def with_preview_script(page):
    """The page with the reload script, and its policy opened just enough to run it."""
    page = page.replace("default-src 'none';", "default-src 'none'; script-src 'self'; connect-src 'self';", 1)
    page = page.replace("default-src &#39;none&#39;;", "default-src &#39;none&#39;; script-src &#39;self&#39;; "
                        "connect-src &#39;self&#39;;", 1)
    return page.replace("</body>", f'<script src="{SCRIPT_PATH}"></script>\n</body>', 1).encode("utf-8")


def serve(port=8000, host="127.0.0.1"):
    """Build once, then serve the site and rebuild on every change until Ctrl-C (or SIGTERM), which
    stops it with one line."""
    signal.signal(signal.SIGTERM, stop_by_signal)
    try:
        run_preview(port, host)
    except KeyboardInterrupt:
        print("stopped", flush=True)


def stop_by_signal(number, frame):
    raise KeyboardInterrupt


def run_preview(port, host):
    state = BuildState()
    rebuild(state)
    handler = type("Handler", (PreviewHandler,), {"state": state})
    SITE.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer((host, int(port)), partial(handler, directory=str(SITE.resolve())))
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(state, stop), daemon=True)
    watcher.start()
    pages = sorted(path.relative_to(SITE).as_posix() for path in SITE.glob("*/index.html"))
    print(f"serving the site (build/site/) at http://{host}:{server.server_address[1]}/ "
          f"({', '.join(pages) or 'no page yet'}); Ctrl-C stops", flush=True)
    try:
        server.serve_forever()
    finally:
        stop.set()
        server.server_close()
