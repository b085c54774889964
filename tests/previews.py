"""`doit serve` run by the tests: started in a session of its own on a free loopback port, asked over
HTTP and waited for; and the processes at work in a project's folder."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from projects import signals_by_default


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def fetch_fails(base):
    try:
        fetch(base + "/")
    except OSError:
        return True
    return False


def processes_in(folder):
    """The processes whose working folder is `folder`."""
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if os.readlink(f"/proc/{entry.name}/cwd") == str(folder):
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def wait_for(condition, seconds=60, interval=0.3):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(interval)
    return False


def serving(project, port):
    """`doit serve` in `project`, in a session of its own (a signal to its group reaches its builder)."""
    return subprocess.Popen([sys.executable, "-m", "doit", "serve", "--port", str(port)], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
                            preexec_fn=signals_by_default)
