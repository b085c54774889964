"""Bringing a reviewed DOCX back to its source: read its tracked changes and comments, place each in
the Markdown it came from, and apply them (doit review)."""
