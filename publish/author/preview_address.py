"""Where `doit serve` listens (--host, --port), and one line a person can act on when it cannot:
a port in use, a port out of range, an address that is not this machine's."""

import errno
import http.server
import socket

from publish.errors import PublishError


def listening_port(text):
    """The port `--port` names (a number from 1 to 65535), or one line saying what a port is."""
    try:
        port = int(str(text).strip())
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise PublishError(f"--port {str(text)!r}: a port is a number from 1 to 65535, such as doit serve --port 8001")
    return port


def open_server(host, port, handler):
    """An HTTP server listening on host:port, or one line saying why it cannot."""
    server = http.server.ThreadingHTTPServer
    if ":" in host:  # an IPv6 address, such as ::1
        server = type("IPv6Server", (server,), {"address_family": socket.AF_INET6})
    try:
        return server((host, port), handler)
    except OSError as error:
        raise PublishError(why_not_listening(host, port, error)) from None


def page_address(host, port):
    """The address a browser opens: http://127.0.0.1:8000/, http://[::1]:8000/."""
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def why_not_listening(host, port, error):
    other_port = port + 1 if port < 65535 else 8000
    if isinstance(error, socket.gaierror):
        return f"--host {host!r}: no such address: leave --host out to serve this machine only (127.0.0.1)"
    if error.errno == errno.EADDRINUSE:
        return (f"port {port} is already in use (another doit serve, or another server): stop it, or choose another "
                f"port: doit serve --port {other_port}")
    if error.errno == errno.EACCES:
        return (f"port {port} needs administrator rights on this machine: choose one above 1023, such as "
                f"doit serve --port 8000")
    if error.errno == errno.EADDRNOTAVAIL:
        return f"--host {host}: not an address of this machine: leave --host out to serve this machine only (127.0.0.1)"
    return f"cannot serve on {host} port {port} ({error.strerror or error}): choose another with --host or --port"


def check_can_listen(host, port):
    """Fail at once, before the first build, when the server could not listen where asked."""
    open_server(host, port, http.server.BaseHTTPRequestHandler).server_close()
