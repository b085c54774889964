"""The digest of what a stage's tasks read alike (publish/stage_inputs.py): written again only when a file
or a tool's version it digests changed, so that the tasks depending on it rerun only then."""

import hashlib

from publish.stage_inputs import write_digest


def test_the_digest_is_rewritten_only_when_what_it_digests_changed(tmp_path):
    template, target = tmp_path / "web.html.j2", tmp_path / "inputs" / "html.sha256"
    template.write_text("<p>{{ text }}</p>", encoding="utf-8")
    write_digest(target, [template], {"jinja2": "3.1.6"})
    first = target.stat()
    assert target.read_text(encoding="utf-8").splitlines() == [
        f"{hashlib.sha256(template.read_bytes()).hexdigest()}  {template}", "jinja2 3.1.6"]
    write_digest(target, [template], {"jinja2": "3.1.6"})
    assert (target.stat().st_ino, target.stat().st_mtime_ns) == (first.st_ino, first.st_mtime_ns)
    write_digest(target, [template], {"jinja2": "3.1.7"})
    assert target.read_text(encoding="utf-8").endswith("jinja2 3.1.7\n")
    template.write_text("<p>{{ text }}!</p>", encoding="utf-8")
    write_digest(target, [template], {"jinja2": "3.1.7"})
    assert hashlib.sha256(template.read_bytes()).hexdigest() in target.read_text(encoding="utf-8")
