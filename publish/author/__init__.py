"""The author's tools: starting a publication (new) and the live preview (serve)."""
