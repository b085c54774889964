"""The registry of the package's in-process caches (publish/caches.py), and what a warm rebuild of the
preview forgets."""

import ast
import importlib
from pathlib import Path

from publish import caches


ROOT = Path(__file__).resolve().parent.parent


def test_every_cache_of_the_package_is_declared_in_the_registry():
    """No module makes a cache of its own (functools.cache or lru_cache) beside the registry, where
    a warm rebuild could neither see it nor know whether to keep it."""
    for path in sorted((ROOT / "publish").rglob("*.py")):
        if path.name == "caches.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("cache", "lru_cache", "cached_property"):
                raise AssertionError(f"{path.relative_to(ROOT)}:{node.lineno} caches outside publish.caches")


def test_a_warm_rebuild_forgets_what_holds_watched_files_and_keeps_the_rest(monkeypatch):
    monkeypatch.setattr(caches, "REGISTRY", {})
    calls = []

    @caches.cached(survives_warm_rebuild=False, holds="a file's text")
    def read(name):
        calls.append(name)
        return name.upper()

    @caches.cached(survives_warm_rebuild=True, holds="a binary's path")
    def locate(name):
        calls.append(name)
        return name

    memory = caches.Remembered("test.memory", survives_warm_rebuild=False, holds="a last run")
    memory.remember("key", 42)
    read("a"), locate("b")
    caches.forget_before_warm_rebuild()
    read("a"), locate("b")
    assert calls == ["a", "b", "a"]
    assert memory.recall("key") is None
    assert sorted(caches.REGISTRY) == sorted(["test.memory", f"{__name__}.{read.__qualname__}",
                                              f"{__name__}.{locate.__qualname__}"])


def test_the_package_caches_say_what_they_hold():
    for module in ("publish.labels", "publish.pandoc", "publish.editions.templates", "publish.source.citations"):
        importlib.import_module(module)
    assert caches.REGISTRY["publish.labels.read_catalogue"].survives_warm_rebuild is False
    assert caches.REGISTRY["publish.pandoc.pandoc_binary"].survives_warm_rebuild is True
    assert all(entry.holds for entry in caches.REGISTRY.values())


def test_a_remembered_value_is_recalled_only_under_its_key():
    memory = caches.Remembered("test.other", survives_warm_rebuild=True, holds="a last run")
    assert memory.recall("a") is None
    memory.remember("a", 1)
    assert memory.recall("a") == 1 and memory.recall("b") is None
    memory.remember(None, 2)  # nothing may be recalled under no key
    assert memory.recall(None) is None
    caches.REGISTRY.pop("test.other")


def test_a_warm_build_reads_a_changed_catalogue_afresh(tmp_path, monkeypatch):
    """The warm builder clears what the package caches in its process before each build: a label
    catalogue edited during a preview is read again."""
    from publish import labels
    from publish.caches import forget_before_warm_rebuild

    monkeypatch.setattr(labels, "LOCALE", tmp_path)
    catalogue = tmp_path / "fr.po"
    catalogue.write_text('msgid ""\nmsgstr ""\n\nmsgid "Edition"\nmsgstr "Édition"\n', encoding="utf-8")
    assert labels.Labels("fr").word("Edition") == "Édition"
    catalogue.write_text('msgid ""\nmsgstr ""\n\nmsgid "Edition"\nmsgstr "Version"\n', encoding="utf-8")
    forget_before_warm_rebuild()
    assert labels.Labels("fr").word("Edition") == "Version"
    forget_before_warm_rebuild()  # what this test read is not left for the next
