"""Rewrite zip packages (DOCX) with fixed entry times, so identical inputs give identical bytes."""

import io
import zipfile

EARLIEST_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def rewrite_zip(data, replacements, date_time=EARLIEST_ZIP_TIME):
    """The zip `data` with some members' bytes replaced; same order, fixed times and modes."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=date_time)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, replacements.get(info.filename, source.read(info.filename)))
    return output.getvalue()
