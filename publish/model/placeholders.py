"""The words `doit new` writes for the author to replace (publish.author.new), declared once: the
pre-flight reports each one still there (publish.source.placeholders), and a release refuses them
(publish.release.dist), so a placeholder is never published."""

AUTHOR_NAME = "Your Name"
AFFILIATION = "Your institution"
OPENING = "Write the brief here, in Markdown."
CODE = "placeholder.unfilled"
