"""What WeasyPrint may load while it lays out an edition: the files of the allowed folders (the
publication's, styles/, the brand's fonts), data: URLs and the edition's pictures from the picture cache
(publish.editions.picture_sizes), nothing else, never the network; and the
folder it copies the @font-face files into, removed once the edition is laid out."""

import shutil
from pathlib import Path


def local_files_only(allowed_folders, pictures=None):
    """A WeasyPrint URL fetcher that serves files inside the allowed folders, and `pictures` ({hash:
    Picture}) at the print size their address asks, and nothing else."""
    from urllib.request import url2pathname

    from publish.editions.picture_sizes import fetched
    from publish.editions.weasyprint_loading import load_weasyprint
    from publish.pictures.facts import SCHEME

    load_weasyprint()
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    roots = [Path(folder).resolve() for folder in allowed_folders]

    class LocalFilesOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):  # formulas drawn as images: no file, no network
                return super().fetch(url, headers)
            if url.startswith(SCHEME) and pictures is not None:
                media_type, data = fetched(url, pictures, "print")
                return URLFetcherResponse(url, data, {"Content-Type": media_type})
            if url.startswith("file:"):
                path = Path(url2pathname(url.split("?")[0].removeprefix("file:"))).resolve()
                if any(path.is_relative_to(root) for root in roots):
                    return super().fetch(url, headers)
            raise ValueError(f"blocked: {url} is not a file of this publication or its styles")

    return LocalFilesOnly(allowed_protocols={"file", "data", SCHEME[:-1]})


def remove_font_folder(fonts):
    """Remove the folder a WeasyPrint FontConfiguration copied its fonts into. WeasyPrint removes it only
    when the configuration is garbage-collected, which a build's exit may skip: each PDF and EPUB cover
    left a folder in /tmp (10,500 of them after a day of builds)."""
    if fonts._folder:
        shutil.rmtree(fonts._folder, ignore_errors=True)
