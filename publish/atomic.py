"""Write outputs atomically, so a failed or killed build never leaves half a file."""

import os
import tempfile
from pathlib import Path


def write_bytes(path, data):
    """Write `data` to `path` through a temporary file in the same folder."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f".{path.name}.*.tmp"):  # left by a build that was killed
        if not written_by_a_live_process(stale):  # not another build's write of the same file, under way
            stale.unlink(missing_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def written_by_a_live_process(temporary):
    """Whether a temporary file's name carries the id of a running process other than this one (two
    builds may write the same cache file at once, and neither may take the other's for stale)."""
    pid = temporary.name[:-len(".tmp")].rsplit(".", 2)[-2]
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_text(path, text):
    write_bytes(path, text.encode("utf-8"))
