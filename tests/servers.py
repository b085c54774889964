"""Local HTTP servers for the tests: one that serves a folder, one that counts what reaches it."""

import functools
import http.server
import threading
from contextlib import contextmanager


class CountingHandler(http.server.BaseHTTPRequestHandler):
    """Answers everything, and keeps the path of every request it gets."""

    def do_GET(self):
        self.server.requests.append(self.path)
        body = b"body { color: red }" if self.path.endswith(".css") else PIXEL
        self.send_response(200)
        self.send_header("Content-Type", "text/css" if self.path.endswith(".css") else "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *arguments):
        pass


class QuietFolderHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *arguments):
        pass


# A 1x1 PNG, so that an image that does load shows as loaded.
PIXEL = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                      "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a2d6a4"
                      "b30000000049454e44ae426082")


@contextmanager
def running(server):
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def counting_server():
    """A server on a free loopback port; `.requests` lists every path asked of it, `.url` its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), CountingHandler)
    server.requests = []
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    with running(server):
        yield server


@contextmanager
def folder_server(folder):
    """A server of `folder` on a free loopback port; `.url` its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietFolderHandler, directory=str(folder)))
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    with running(server):
        yield server
