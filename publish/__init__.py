"""The publishing pipeline: one Markdown source, three editions (PDF, DOCX, HTML).

One module per stage: `parse` (Markdown and citations to a pandoc document),
`html_edition`, `pdf_edition`, `docx_edition`; `tasks` declares them for doit.
"""
