"""Releases: bundles with manifests and checksums (dist) and the rebuild-and-compare check (verify)."""
