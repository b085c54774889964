"""`doit site`: the series' website from the brief and two example publications, read as a browser,
the Nu HTML Checker, a feed reader and a search engine read it."""

import json
import os
import shutil
import subprocess
import sys
from urllib.parse import urlparse

import feedparser
import lxml.html
import pytest
from clients import followed_links, in_browser, nu_errors
from lxml import etree
from projects import ROOT, SLUG, commit_all, copy_project, run_doit
from servers import folder_server

SITE_URL = "https://publications.example.org/briefs/"
EXAMPLES = ("brief-furniture", "from-plain-pandoc")
TRANSLATED = "brief-furniture"  # into French


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A git checkout with the brief and two example publications, one with a French translation, the series'
    site address set, and its site built."""
    project = copy_project(tmp_path_factory.mktemp("site"))
    for name in EXAMPLES:
        shutil.copytree(ROOT / "examples" / name, project / "source" / name)
    series = project / "source" / "series.yaml"
    series.write_text(series.read_text(encoding="utf-8").replace('site-url: ""', f'site-url: "{SITE_URL}"'), encoding="utf-8")
    run_doit(project, "new", "--translation-of", TRANSLATED, "--lang", "fr")
    commit_all(project)
    run_doit(project, "site")
    return project


@pytest.fixture(scope="module")
def site(project):
    return project / "build" / "site"


def test_the_site_has_an_index_a_folder_a_publication_a_feed_a_sitemap_and_a_404(site):
    for name in ("index.html", "feed.xml", "sitemap.xml", "robots.txt", "404.html"):
        assert (site / name).is_file(), name
    for slug in (SLUG, *EXAMPLES):
        assert (site / slug / "index.html").read_bytes() == (site / slug / f"{slug}.html").read_bytes()
        assert {f"{slug}.pdf", f"{slug}.docx", f"{slug}.ris", f"{slug}.bib", f"{slug}.json"} <= {p.name for p in (site / slug).iterdir()}
    assert not any(part.startswith(".") for path in site.rglob("*") for part in path.relative_to(site).parts)


def test_the_index_lists_every_publication_newest_first_with_its_editions(site, project):
    page = lxml.html.parse(str(site / "index.html")).getroot()
    titles = [a.text_content() for a in page.xpath("//article[@class='listing']/h3/a")]
    dates = [time.get("datetime") for time in page.xpath("//article[@class='listing']//time")]
    assert len(titles) == 3 and dates == sorted(dates, reverse=True)
    years = [a.get("href") for a in page.xpath("//nav[@class='site-nav']//a")][:-1]
    assert years == [f"#year-{date[:4]}" for date in dict.fromkeys(d[:4] for d in dates)]
    brief = page.xpath(f"//article[h3/a/@href='{SLUG}/index.html']")[0]
    links = {a.text: a.get("href") for a in brief.xpath(".//ul[@class='listing-links']//a")}
    assert links == {"HTML": f"{SLUG}/index.html", "PDF": f"{SLUG}/{SLUG}.pdf", "DOCX": f"{SLUG}/{SLUG}.docx",
                     "EPUB": f"{SLUG}/{SLUG}.epub", "RIS": f"{SLUG}/{SLUG}.ris", "BibTeX": f"{SLUG}/{SLUG}.bib",
                     "CSL-JSON": f"{SLUG}/{SLUG}.json"}
    for href in links.values():
        assert (site / href).is_file(), href  # a file, which a browser opens from disk too: not a folder
    author = brief.xpath(".//p[@class='byline']/a")[0]
    assert author.text == "Romain Malejacq" and (site / author.get("href")).is_file()
    assert SLUG in (site / author.get("href")).read_text(encoding="utf-8")


def test_the_index_and_the_other_pages_pass_the_nu_checker(site):
    assert nu_errors(site / "index.html", site / "404.html", *sorted((site / "authors").glob("*.html")),
                     site / SLUG / "index.html") == []


@pytest.fixture(scope="module")
def index_in_browser(site, tmp_path_factory):
    return in_browser(site / "index.html", tmp_path_factory.mktemp("site-screens"))


@pytest.mark.parametrize("view", ["wide", "phone", "dark"])
def test_axe_finds_no_violation_on_the_index(index_in_browser, view):
    assert index_in_browser[view]["violations"] == []


def test_the_index_makes_no_request_and_fits_a_phone(index_in_browser):
    assert index_in_browser["requests"] == []
    phone = index_in_browser["phone"]["layout"]
    assert phone["scrollWidth"] <= phone["clientWidth"] == 375


def inside_site(url):
    return url.startswith(SITE_URL) and ".." not in urlparse(url).path


def test_the_feed_is_atom_with_one_entry_a_publication_and_absolute_links(site):
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo and feed.version == "atom10"
    assert {entry.link for entry in feed.entries} == {f"{SITE_URL}{slug}/" for slug in (SLUG, *EXAMPLES)}
    brief = next(entry for entry in feed.entries if entry.link == f"{SITE_URL}{SLUG}/")
    assert brief.title.startswith("Engaging with the Taliban") and [a.name for a in brief.authors] == ["Romain Malejacq"]
    assert brief.summary and brief.published.startswith("2024")
    assert [entry.id for entry in feed.entries] == [entry.link for entry in feed.entries]  # a page's address names it
    for entry in feed.entries:
        assert all(inside_site(link.href) for link in entry.links)
        assert {link.type for link in entry.links if link.rel == "enclosure"} >= {"application/pdf"}
    assert all(inside_site(link.href) for link in feed.feed.links)


def test_with_a_site_address_the_citation_metadata_is_absolute_and_inside_the_site(site):
    page = lxml.html.parse(str(site / SLUG / "index.html")).getroot()
    meta = {element.get("name") or element.get("property"): element.get("content") for element in page.iter("meta")}
    assert meta["citation_pdf_url"] == f"{SITE_URL}{SLUG}/{SLUG}.pdf"
    assert meta["og:url"] == f"{SITE_URL}{SLUG}/"
    data = json.loads(page.xpath("//script[@type='application/ld+json']")[0].text)
    assert data["url"] == f"{SITE_URL}{SLUG}/"
    urls = [loc.text for loc in etree.parse(str(site / "sitemap.xml")).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert urls[0] == SITE_URL and all(inside_site(url) for url in urls)
    assert f"Sitemap: {SITE_URL}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")


# The links of a listing (the index, an author's page) to a publication's web page: its title, its HTML edition
# (the first of its editions) and its translations.
PAGE_LINKS = "article.listing h3 a, ul.listing-links li:first-child a, ul.listing-links a[hreflang]"


@pytest.mark.parametrize("opened", ["from disk", "served"])
def test_every_link_to_a_publications_page_reaches_it_from_disk_and_served(site, opened):
    """The site is uploaded, but also opened from build/site/index.html: a link to a folder would show a
    listing of files there (file://), not the publication."""
    with folder_server(site) as server:
        base = site.as_uri() if opened == "from disk" else server.url
        for listing in ("index.html", "authors/example-author.html"):
            landed = followed_links(f"{base}/{listing}", PAGE_LINKS)
            assert len(landed) >= 3, listing
            for link in landed:
                assert link["citationTitle"] and link["title"].startswith(link["citationTitle"]), link


def test_each_publication_page_names_its_canonical_address_under_the_site_address(site):
    """Its own address, absolute (the page is at /<slug>/ and /<slug>/<slug>.html alike): search engines
    then index one; a translation's is its own page, not the original's."""
    pages = {site / slug / "index.html": f"{SITE_URL}{slug}/" for slug in (SLUG, *EXAMPLES)}
    pages[site / TRANSLATED / f"{TRANSLATED}.fr.html"] = f"{SITE_URL}{TRANSLATED}/{TRANSLATED}.fr.html"
    for page, address in pages.items():
        assert lxml.html.parse(str(page)).xpath("//head/link[@rel='canonical']/@href") == [address], page


def assemble(folder, *arguments):
    """`python -m publish.release.site` run in `folder`, as the README's last CI job runs it."""
    return subprocess.run([sys.executable, "-m", "publish.release.site", *arguments], cwd=folder, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)


def files_of(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_assembling_the_site_from_build_says_what_it_assembled_and_makes_the_site_doit_makes(project, site, tmp_path):
    made_by_doit = files_of(site)
    shutil.move(site, tmp_path / "site")
    try:
        process = assemble(project)
        assert process.returncode == 0 and process.stderr == ""
        assert process.stdout == ("build/site/: 3 publications and 1 translation from the editions in build/; "
                                  "open build/site/index.html\n")
        assert files_of(site) == made_by_doit
    finally:
        shutil.rmtree(site, ignore_errors=True)
        shutil.move(tmp_path / "site", site)


def test_assembling_the_site_says_in_one_line_why_it_cannot_or_how_it_is_used(tmp_path):
    unbuilt = copy_project(tmp_path / "unbuilt")
    (tmp_path / "elsewhere").mkdir()
    for folder, arguments, status, said in [
            (unbuilt, [], 1, "error: no publication is built in build/ yet: run doit first"),
            (tmp_path / "elsewhere", [], 1, "error: no source/ folder here: run it in the project's folder"),
            (unbuilt, ["--help"], 0, "usage: python -m publish.release.site"),
            (unbuilt, ["--site"], 2, "usage: python -m publish.release.site")]:
        process = assemble(folder, *arguments)
        [line] = (process.stdout + process.stderr).splitlines()
        assert process.returncode == status and line.startswith(said), (arguments, line)
    assert not (unbuilt / "build" / "site").exists()  # no empty site to deploy


def ran(project, *arguments):
    """Every task whose actions ran, from doit's JSON report (the index's task has no publication in its name)."""
    report = json.loads(run_doit(project, "-r", "json", *arguments).stdout)
    return {task["name"] for task in report["tasks"] if task["result"] == "success" and task.get("actions", True)}


def test_the_index_is_rebuilt_when_a_title_changes_not_when_the_text_does(project):
    index = project / "source" / SLUG / "index.md"
    original = index.read_text(encoding="utf-8")
    try:
        index.write_text(original.replace("Three years in", "Three years later", 1), encoding="utf-8")
        after_text = ran(project, "site")
        assert f"site:{SLUG}" in after_text and "site_index" not in after_text
        index.write_text(original.replace('title: "Engaging with the Taliban"', 'title: "Engaging the Taliban"', 1),
                         encoding="utf-8")
        assert "site_index" in ran(project, "site")
        assert "Engaging the Taliban" in (project / "build" / "site" / "index.html").read_text(encoding="utf-8")
    finally:
        index.write_text(original, encoding="utf-8")
        run_doit(project, "site")


def test_a_deleted_translation_or_publication_leaves_the_site_with_the_next_doit_site(project, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(project, copy, symlinks=True)
    site = copy / "build" / "site"
    translated = {path.name for path in (site / TRANSLATED).iterdir() if path.name.startswith(f"{TRANSLATED}.fr.")}
    assert translated and (site / "from-plain-pandoc").is_dir()
    (copy / "source" / TRANSLATED / "index.fr.md").unlink()
    shutil.rmtree(copy / "source" / "from-plain-pandoc")
    run_doit(copy, "site")
    kept = {path.name for path in (site / TRANSLATED).iterdir()}
    assert not kept & translated and {"index.html", f"{TRANSLATED}.html", f"{TRANSLATED}.pdf"} <= kept
    assert not (site / "from-plain-pandoc").exists() and (site / SLUG / "index.html").is_file()
    assert "from-plain-pandoc" not in (site / "index.html").read_text(encoding="utf-8")


def test_a_shard_builds_every_other_publication_and_all_shards_cover_the_catalogue(project):
    def listed(shard):
        environment = {**os.environ, "PUBLISH_SHARD": shard}
        output = subprocess.run([sys.executable, "-m", "doit", "list", "--all"], cwd=project, env=environment,
                                capture_output=True, text=True, check=True).stdout
        # a translation (slug.fr) goes with its original
        return {line.split()[0].split(":")[1].split(".")[0] for line in output.splitlines() if line.startswith("html:")}

    first, second = listed("1/2"), listed("2/2")
    assert first and second and not first & second and first | second == {SLUG, *EXAMPLES}
    assert first == set(sorted({SLUG, *EXAMPLES})[0::2])


def test_check_warns_once_when_the_site_has_no_address(project):
    assert "site-url" not in run_doit(project, "check").stdout
    series = project / "source" / "series.yaml"
    original = series.read_text(encoding="utf-8")
    try:
        series.write_text(original.replace(f'site-url: "{SITE_URL}"', 'site-url: ""'), encoding="utf-8")
        output = run_doit(project, "check").stdout
        assert output.count("'site-url' is not set") == 1
    finally:
        series.write_text(original, encoding="utf-8")


def test_only_a_publications_editions_no_unit_makes_leave_the_site(tmp_path, monkeypatch):
    """Author pages, fonts and other shared folders stay whatever their files are called; a deleted
    translation's editions and a deleted publication's folder go."""
    from publish.paths import Publication
    from publish.release.site import remove_stale_editions

    monkeypatch.chdir(tmp_path)
    site = tmp_path / "build" / "site"
    kept = ["authors/ann-example.html", "authors/zoe.html", "fonts/a-font.woff2", "brief/brief.pdf", "brief/index.html",
            "brief/brief.fr.pdf"]
    for name in [*kept, "brief/brief.de.pdf", "gone/gone.pdf", "gone/index.html"]:
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("x", encoding="utf-8")
    remove_stale_editions([Publication("brief"), Publication("brief", "fr")])
    assert sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()) == sorted(kept)
    assert not (site / "gone").exists()
