"""Reading and checking the source: one read of each publication unit (read, source_map),
the decisions and findings of the pre-flight (checks, metadata, bibliography, styles,
images, links), the transforms in their declared order (transforms), the citations and
the files every edition reads (parse), and the publication's own citation (how_to_cite)."""
