"""Review a DOCX in LibreOffice itself, with change recording on, as a reviewer would: run by the
system's Python (which has LibreOffice's UNO bridge, python3-uno), not the project's.

Comments are written by tests/reviewing.py instead: LibreOffice 7.4 aborts, headless, soon after a
comment (a text field annotation) is inserted through UNO.

    /usr/bin/python3 tests/libreoffice_review.py in.docx out.docx edits.json

edits.json is a list of steps, each done by the reviewer it names (LibreOffice records the user
profile's name as a change's author):
    {"reviewer": "Ada Editor", "replace": "old words", "with": "new words"}   ("" deletes)
    {"reviewer": "...", "paragraph_after": "words ending a paragraph", "text": "a new paragraph"}
    {"record": false}   (Track Changes off for the steps that follow)
"""

import json
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK


def properties(**values):
    found = []
    for name, value in values.items():
        item = PropertyValue()
        item.Name, item.Value = name, value
        found.append(item)
    return tuple(found)


def connect(pipe, profile):
    """LibreOffice listening on a pipe, with a profile of its own. A new profile is made by a first run
    that ends by itself: the first start of a new profile restarts LibreOffice, which would drop a
    connection made meanwhile."""
    office = subprocess.Popen(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--invisible",
                               "--norestore", "--nologo", f"--accept=pipe,name={pipe};urp;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            time.sleep(3)  # let it finish starting
            return office, context
        except Exception:
            time.sleep(0.25)
    office.kill()
    raise SystemExit("LibreOffice did not start")


def set_reviewer(context, name):
    """The user profile's name, which LibreOffice writes as the author of each change and comment."""
    provider = context.ServiceManager.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", context)
    access = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess",
                                                  properties(nodepath="/org.openoffice.UserProfile/Data"))
    given, _, family = name.partition(" ")
    access.setPropertyValue("givenname", given)
    access.setPropertyValue("sn", family)
    access.commitChanges()


def find(document, words):
    search = document.createSearchDescriptor()
    search.SearchString = words
    search.SearchCaseSensitive = True
    found = document.findFirst(search)
    if found is None:
        raise SystemExit(f"not found in the document: {words!r}")
    return found


def review(document, context, steps):
    for step in steps:
        if "record" in step:
            document.RecordChanges = step["record"]
            continue
        set_reviewer(context, step["reviewer"])
        if "replace" in step:
            find(document, step["replace"]).setString(step["with"])
        elif "paragraph_after" in step:
            found = find(document, step["paragraph_after"])
            cursor = found.getText().createTextCursorByRange(found.getEnd())
            cursor.getText().insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
            cursor.getText().insertString(cursor, step["text"], False)


def main(source, target, plan):
    steps = json.loads(open(plan, encoding="utf-8").read())
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as work:
        office, context = connect(f"review{os.getpid()}", profile)
        try:
            desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
            copy = os.path.join(work, "reviewing.docx")  # LibreOffice's lock file goes beside the copy
            with open(source, "rb") as original, open(copy, "wb") as stream:
                stream.write(original.read())
            document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(copy), "_blank", 0, properties(Hidden=True))
            document.RecordChanges = True
            review(document, context, steps)
            document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)), properties(FilterName="MS Word 2007 XML"))
            document.close(True)
        finally:
            try:
                desktop.terminate()
            except Exception:
                pass
            office.wait(timeout=30)


if __name__ == "__main__":
    main(*sys.argv[1:4])
