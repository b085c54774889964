"""The publishing pipeline: one Markdown source, three editions (PDF, DOCX, HTML).

The folders follow the data flow:

    source/<slug>/index.md ──► publish.source   (read once, check, transform, cite)
                               build/<slug>/.work/document.json, metadata.json
                           ──► publish.editions (html, pdf, docx, citation files)
                               build/<slug>/<slug>.html, .pdf, .docx, ...
                           ──► publish.release  (dist bundles, verify)
    the author's tools:        publish.author   (new, serve)
    a reviewed DOCX comes home: publish.review   (doit review: its changes placed in index.md)

Shared by all: paths (every path and file name), tasks (what dodo.py declares),
pandoc, document (the pandoc AST), atomic (safe writes), errors and findings.
"""
