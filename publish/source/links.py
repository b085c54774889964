"""What a link's address is, decided in one place for the checks and for the editions.

- anchor: `#section`, a place in the document (the checks make sure it exists);
- web, mail: `https://host.tld/...`, `http://...`, `mailto:name@host`: links in every edition;
- placeholder: `#` or empty, an address not known yet: plain text in every edition;
- local: a file path (`other.md`): plain text in every edition, since editions travel alone;
- unsafe: any other scheme (`javascript:`, `file:`), or a malformed web address: an error.
"""

from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")
KEPT = ("anchor", "web", "mail")  # the kinds the editions keep as links


def link_kind(target):
    if target in ("", "#"):
        return "placeholder"
    if target.startswith("#"):
        return "anchor"
    parts = urlsplit(target)
    if parts.scheme in WEB_SCHEMES and parts.hostname and "." in parts.hostname:
        return "web"
    if parts.scheme == "mailto" and "@" in parts.path:
        return "mail"
    if parts.scheme or parts.netloc or target.startswith("//"):
        return "unsafe"
    return "local"
