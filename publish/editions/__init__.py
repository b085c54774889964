"""The editions, each rendered from the parse stage's files and nothing else: html (the web
page), pdf (print, with long_notes; where a footnote becomes a page-bottom note), docx (with
docx_reference and docx_package), citation_files (RIS, BibTeX, CSL-JSON); house_style and
templates are shared by all of them."""
