"""What WeasyPrint may load while it lays out an edition: the files of the allowed folders (the
publication's, styles/) and data: URLs, nothing else, never the network."""

from pathlib import Path


def local_files_only(allowed_folders):
    """A WeasyPrint URL fetcher that serves files inside the allowed folders and nothing else."""
    from urllib.request import url2pathname

    from weasyprint.urls import URLFetcher

    roots = [Path(folder).resolve() for folder in allowed_folders]

    class LocalFilesOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):  # images embedded by the parse stage: no file, no network
                return super().fetch(url, headers)
            if url.startswith("file:"):
                path = Path(url2pathname(url.split("?")[0].removeprefix("file:"))).resolve()
                if any(path.is_relative_to(root) for root in roots):
                    return super().fetch(url, headers)
            raise ValueError(f"blocked: {url} is not a file of this publication or its styles")

    return LocalFilesOnly(allowed_protocols={"file", "data"})
