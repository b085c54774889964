"""`doit site`: the series' website in build/site/, static, ready to upload anywhere.

    build/site/index.html              every publication, newest first, grouped by year
    build/site/authors/<name>.html     every publication of one author
    build/site/<slug>/index.html       the publication's web edition, at an address that never changes,
    build/site/<slug>/<slug>.pdf, ...  and its other editions, translations and citation files beside it
    build/site/feed.xml                Atom 1.0, one entry per publication
    build/site/sitemap.xml, robots.txt, 404.html

The publication folders are copied from each unit's editions (one task a unit); the index, the
author pages, the feed and the sitemap read only the metadata they show, so they are rebuilt when a
publication's title, authors, date or summary change, not when its text does.
"""

import json
import re
import shutil
import sys
import unicodedata
import uuid

from lxml import etree
from markupsafe import Markup

from publish import atomic
from publish.editions.templates import render
from publish.editions.web_fonts import data_url_for, faces_used, page_characters
from publish.errors import PublishError, ending_in_one_line
from publish.findings import plural
from publish.house_style import font_faces, load_house_style, stylesheet
from publish.labels import Labels
from publish.model.editions import ARTIFACTS, artifacts, downloads
from publish.model.front_matter import DEFAULT_HTML_POLICY, facts_read_by
from publish.paths import SITE, SOURCE, WEB_CSS, publications
from publish.source.settings import series_settings

ATOM = "http://www.w3.org/2005/Atom"
EPOCH = "1970-01-01T00:00:00Z"  # a feed's time when it lists nothing
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
# What the index, the author pages and the feed show of a publication: the site's index is rebuilt
# when one of these changes, and only then (publish.tasks).
LISTED = facts_read_by("site")


def site_settings():
    """(site address or '', the series' language) from the series settings."""
    series, _ = series_settings()
    return str(series.get("site-url") or ""), str(series.get("lang") or "en")


def listed_metadata(publication):
    metadata = json.loads(publication.metadata.read_text(encoding="utf-8"))
    return {key: metadata.get(key, "") for key in LISTED}


def originals():
    """The original of every publication with a built metadata file, newest first (then by title)."""
    units = [unit for unit in publications() if not unit.lang and unit.metadata.is_file()]
    listed = [(unit, listed_metadata(unit)) for unit in units]
    return sorted(listed, key=lambda pair: (pair[1]["date"], pair[1]["title"]), reverse=True)


def name_slug(name):
    """An author's page name: 'Romain Malejacq' -> 'romain-malejacq'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "author"


def address(site_url, path):
    """A page's address: absolute under the site's address when it is known, else relative to the site's root."""
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def linked(how):
    """(kind, label) of each artifact a listing links to as an edition or as a citation file."""
    return [(artifact.kind, artifact.label) for artifact in artifacts(linked=how)]


def entry(publication, metadata, prefix=""):
    """What a listing shows of a publication: its metadata and the links to its editions, relative to
    a page `prefix` folders below the site's root. Its page is linked as <slug>/index.html, a file:
    a link to the folder would open a listing of its files when the site is opened from disk."""
    folder = f"{prefix}{publication.slug}/"
    links = [(label, folder + (publication.artifact_name(kind) if kind != "html" else "index.html"))
             for kind, label in linked("edition") if publication.artifact(kind).is_file()]
    citations = [(label, folder + publication.artifact_name(kind)) for kind, label in linked("citation")
                 if publication.artifact(kind).is_file()]
    translations = [{**edition, "href": folder + edition["html"]} for edition in metadata["languages"] if not edition["current"]]
    authors = [{"name": author["name"], "href": f"{prefix}authors/{name_slug(author['name'])}.html"}
               for author in metadata["authors"]]
    return {**metadata, "href": folder + "index.html", "editions": links, "citations": citations, "translations": translations,
            "author_pages": authors}


def pages(wanted, lang):
    """The site's pages {name: html} from {name: (template, title, context)}, in the house's web style.
    Their fonts are cut to the characters of all of them together: one subset of each face, made once
    (and cached), however many pages there are."""
    house = load_house_style()
    css = stylesheet(WEB_CSS, house)

    def rendered(fonts, template, title, context):
        meta = {"lang": lang, "title": title, "html_policy": DEFAULT_HTML_POLICY}
        return render(template, meta=meta, css=Markup(fonts + css), **context)

    drafts = {name: rendered("", *page) for name, page in wanted.items()}
    everything = "".join(drafts.values())
    faces = font_faces(house, data_url_for(page_characters(everything)), faces_used(everything))
    return {name: rendered(faces, *page) for name, page in wanted.items()}


def by_year(entries):
    years = {}
    for item in entries:
        years.setdefault(item["year"], []).append(item)
    return sorted(years.items(), reverse=True)


def authors_of(entries):
    """[(name, page name, [entries])] in name order."""
    found = {}
    for item in entries:
        for author in item["authors"]:
            found.setdefault((author["name"], name_slug(author["name"])), []).append(item)
    return sorted((name, slug, items) for (name, slug), items in found.items())


def atom_feed(listed, site_url, title):
    """Atom 1.0: one entry per publication, newest first."""
    root = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    base = site_url or ""
    etree.SubElement(root, f"{{{ATOM}}}title").text = title
    etree.SubElement(root, f"{{{ATOM}}}id").text = site_url or f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'feed')}"
    etree.SubElement(root, f"{{{ATOM}}}updated").text = max((metadata["published"] for _, metadata in listed),
                                                             default=EPOCH)
    if site_url:
        etree.SubElement(root, f"{{{ATOM}}}link", rel="self", href=address(site_url, "feed.xml"))
        etree.SubElement(root, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=address(site_url, ""))
    for publication, metadata in listed:
        item = etree.SubElement(root, f"{{{ATOM}}}entry")
        etree.SubElement(item, f"{{{ATOM}}}title").text = metadata["title"] + (f": {metadata['subtitle']}" if metadata["subtitle"] else "")
        page_address = address(base, f"{publication.slug}/")
        etree.SubElement(item, f"{{{ATOM}}}id").text = page_address if site_url else \
            f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, publication.slug)}"
        etree.SubElement(item, f"{{{ATOM}}}updated").text = metadata["published"]
        etree.SubElement(item, f"{{{ATOM}}}published").text = metadata["published"]
        for author in metadata["authors"]:
            etree.SubElement(etree.SubElement(item, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = author["name"]
        etree.SubElement(item, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=page_address,
                         hreflang=metadata["lang"])
        for artifact in downloads():
            if publication.artifact(artifact.kind).is_file():
                etree.SubElement(item, f"{{{ATOM}}}link", rel="enclosure", type=artifact.media_type,
                                 href=address(base, f"{publication.slug}/{publication.artifact_name(artifact.kind)}"))
        summary = metadata["summary"] or metadata["description"] or metadata["subtitle"]
        if summary:
            etree.SubElement(item, f"{{{ATOM}}}summary").text = summary
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def sitemap(paths, site_url):
    root = etree.Element(f"{{{SITEMAP}}}urlset", nsmap={None: SITEMAP})
    for path in paths:
        etree.SubElement(etree.SubElement(root, f"{{{SITEMAP}}}url"), f"{{{SITEMAP}}}loc").text = address(site_url, path)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def robots(site_url):
    lines = ["User-agent: *", "Allow: /"]
    return "\n".join(lines + ([f"Sitemap: {address(site_url, 'sitemap.xml')}"] if site_url else [])) + "\n"


def build_site_index():
    """The index, the author pages, the feed, the sitemap, robots.txt and the 404 page."""
    site_url, lang = site_settings()
    listed = originals()
    labels = Labels(lang)
    title = labels.word("Publications")
    entries = [entry(unit, metadata) for unit, metadata in listed]
    authors = authors_of(entries)
    wanted = {"index.html": ("site/index.html.j2", title, {"years": by_year(entries), "authors": authors,
                                                          "prefix": "", "feed": "feed.xml"})}
    for name, slug, items in authors_of([entry(unit, metadata, "../") for unit, metadata in listed]):
        wanted[f"authors/{slug}.html"] = ("site/author.html.j2", name, {"author": name, "items": items, "prefix": "../"})
    wanted["404.html"] = ("site/404.html.j2", labels.word("Page not found"), {"prefix": address(site_url, "") or "/"})
    written = pages(wanted, lang)
    written["feed.xml"] = atom_feed(listed, site_url, title)
    paths = ["./" if not site_url else "", *(f"{unit.slug}/" for unit, _ in listed), *(f"authors/{slug}.html" for _, slug, _ in authors)]
    written["sitemap.xml"] = sitemap(paths, site_url)
    written["robots.txt"] = robots(site_url)
    for stale in (SITE / "authors").glob("*.html") if (SITE / "authors").is_dir() else []:
        if f"authors/{stale.name}" not in written:
            stale.unlink()  # an author no publication names any more
    remove_stale_editions(publications())
    for name, data in written.items():
        atomic.write_bytes(SITE / name, data if isinstance(data, bytes) else data.encode("utf-8"))


def remove_stale_editions(units):
    """Remove from the site the editions no unit makes any more: a deleted translation's files in its
    publication's folder, a deleted publication's folder (a folder is a publication's when each file in it
    is named after it or is its index.html)."""
    made = {}
    for unit in units:
        made.setdefault(unit.slug, {"index.html"}).update(unit.artifact_name(kind) for kind in ARTIFACTS)
    for folder in sorted(SITE.iterdir()) if SITE.is_dir() else []:
        files = [path for path in folder.iterdir() if path.is_file()] if folder.is_dir() else []
        if not files or not all(path.name == "index.html" or path.name.startswith(f"{folder.name}.") for path in files):
            continue
        for path in files:
            if path.name not in made.get(folder.name, ()):
                path.unlink()
        if folder.name not in made and not any(folder.iterdir()):
            folder.rmdir()


def site_files(publication):
    """The files of a unit in its publication's folder of the site; the original's web edition is also
    the folder's index.html, so that the publication's address is /<slug>/."""
    files = {publication.artifact_name(kind): publication.artifact(kind) for kind in publication.kinds_kept_fresh()
             if publication.artifact(kind).is_file()}
    if not publication.lang and publication.artifact("html").is_file():
        files["index.html"] = publication.artifact("html")
    return files


def copy_site_files(publication, kinds=None):
    """The unit's files into the site; only those of `kinds` (html, pdf...), if given."""
    chosen = None if kinds is None else {publication.artifact(kind) for kind in kinds}
    for name, path in site_files(publication).items():
        if chosen is None or path in chosen:
            atomic.write_bytes(SITE / publication.slug / name, path.read_bytes())


def remove_site():
    shutil.rmtree(SITE, ignore_errors=True)


def assemble_site(units):
    """The whole site from the editions already in build/ (made by one build or by the shards of a CI
    matrix, whose build/ folders were put together): every unit's folder, then the index."""
    for publication in units:
        copy_site_files(publication)
    build_site_index()


USAGE = ("usage: python -m publish.release.site (in the project's folder): assembles build/site/ from the editions "
         "already in build/, as the last job of a sharded CI build does; 'doit site' builds them first")


def main(arguments):
    """`python -m publish.release.site`: assemble the site and say what is in it, in a line; what stops
    it (run elsewhere than the project, nothing built yet) is a PublishError. The exit status."""
    if arguments:
        asked = arguments in (["-h"], ["--help"])
        print(USAGE, file=sys.stdout if asked else sys.stderr)
        return 0 if asked else 2
    if not SOURCE.is_dir():
        raise PublishError("no source/ folder here: run it in the project's folder, where dodo.py is")
    units = publications()
    built = [unit for unit in units if unit.artifact("html").is_file()]
    if not built:
        raise PublishError("no publication is built in build/ yet: run doit first (or, in CI, put the shards' "
                           "build/ folders together)")
    assemble_site(units)
    originals = sum(not unit.lang for unit in built)
    translations = f" and {plural(len(built) - originals, 'translation')}" if len(built) > originals else ""
    print(f"{SITE.as_posix()}/: {plural(originals, 'publication')}{translations} from the editions in build/; "
          f"open {SITE.as_posix()}/index.html", flush=True)
    missing = [unit.name for unit in units if unit not in built]
    if missing:
        print(f"warning: not built, so not on the site: {', '.join(missing)} (run doit)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(ending_in_one_line(main)(sys.argv[1:]))
