"""Rewrite zip packages (DOCX, EPUB) with fixed entry times, so identical inputs give identical bytes."""

import io
import zipfile
from datetime import datetime, timezone

EARLIEST_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def read_members(data, names):
    """The bytes of those of `names` that are members of the zip `data`."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        present = set(archive.namelist())
        return {name: archive.read(name) for name in names if name in present}


def zip_time(timestamp):
    """A zip entry time (which cannot be before 1980)."""
    moment = datetime.fromtimestamp(max(timestamp, 315532800), timezone.utc)
    return moment.timetuple()[:6]


def rewrite_zip(data, replacements, date_time=EARLIEST_ZIP_TIME, stored=()):
    """The zip `data` with members replaced or added (added ones last, by name); fixed times and modes.
    The members named in `stored` are stored uncompressed (an EPUB's mimetype must be)."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        names = [info.filename for info in source.infolist()]
        added = sorted(set(replacements) - set(names))
        for name in names + added:
            member = zipfile.ZipInfo(name, date_time=date_time)
            member.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, replacements[name] if name in replacements else source.read(name))
    return output.getvalue()
