"""One file a stage: the digest of what every publication's task of the stage reads alike (its templates,
style sheets, house style, fonts, label catalogues, the package's modules it runs) and of the versions of
the tools that make its bytes, in build/.work/inputs/<stage>.sha256. Each publication's task depends on
that one file, where it depended on each of its sixty to eighty: doit checks every dependency of every
task, and a catalogue's no-op spent most of its time there."""

import hashlib
from pathlib import Path

from publish import atomic
from publish.paths import SHARED_WORK

INPUTS = SHARED_WORK / "inputs"


def digest_file(stage):
    return INPUTS / f"{stage}.sha256"


def write_digest(target, files, tools):
    """Each file's SHA-256 and name (as sha256sum writes them), then each tool and its version; the file is
    written only when that changed, so the tasks that depend on it stay up to date when nothing they read did."""
    lines = [f"{hashlib.sha256(Path(path).read_bytes()).hexdigest()}  {path}" for path in files]
    text = "\n".join([*lines, *(f"{name} {version}" for name, version in sorted(tools.items()))]) + "\n"
    target = Path(target)
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        atomic.write_text(target, text)
