"""YAML an author wrote (front matter, series settings, a CSL-YAML bibliography), read so that whatever it
holds ends as data or as a YAML error at a place: PyYAML itself raises RecursionError on values nested a
few hundred deep, and builds without complaint a value that holds an alias of itself (which every reader
after it then follows for ever), aliases that expand to millions of values, or text with half of a UTF-16
pair in it ("\\ud800"), which no file can hold, or a control character no edition can ("\\x01").
"""

import re

import yaml

from publish.source.files import UNHOLDABLE, unholdable

EXPANDED_VALUES_LIMIT = 100_000
SURROGATE = re.compile("[\ud800-\udfff]")


def safe_yaml(text):
    """(data, node) of YAML text, as yaml.safe_load and yaml.compose give them; what PyYAML cannot read, or
    what no one could use after it, raises a yaml.YAMLError that names its place."""
    try:
        node = yaml.compose(text)
        trouble = alias_trouble(node) or unwritable_text(node)
        if trouble:
            raise trouble
        return (constructed(node) if node is not None else None), node
    except RecursionError:
        raise nested_too_deep(text) from None


def constructed(node):
    """The data of a node graph; a value that looks like a date and is none ('2024-02-30', which PyYAML
    lets out as ValueError: day is out of range) raises a YAMLError at that value."""
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(node)
    except (ValueError, OverflowError):
        raise unconstructable(node) from None
    finally:
        loader.dispose()


def unconstructable(root):
    """The YAMLError of the first plain value PyYAML's constructor cannot make what it looks like."""
    pending, loader = [root], yaml.SafeLoader("")
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.ScalarNode):
            try:
                loader.construct_object(node)
            except (ValueError, OverflowError) as error:
                looks = "a date" if node.tag.endswith(":timestamp") else "a number"
                return mistake(node, f"'{node.value}' looks like {looks} and is none ({error}): correct it, or put it "
                                     "in quotes if it is text")
        pending.extend(reversed(children(node)))
    loader.dispose()
    return mistake(root, "a value PyYAML cannot read")


def children(node):
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def alias_trouble(root):
    """A YAMLError at the first value that holds an alias of itself, or whose aliases expand past
    EXPANDED_VALUES_LIMIT values; None when there is none. A walk of the node graph, each node once."""
    sizes, open_values, pending = {}, set(), [(root, False)] if root is not None else []
    while pending:
        node, walked = pending.pop()
        if walked:
            open_values.discard(id(node))
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children(node))
            if sizes[id(node)] > EXPANDED_VALUES_LIMIT:
                return mistake(node, f"the aliases in this value expand to more than {EXPANDED_VALUES_LIMIT:,} values: "
                                     "write out what it means, with fewer aliases")
        elif id(node) in open_values:
            return mistake(node, "this value holds an alias of itself ('*' and its own anchor's name), so it never "
                                 "ends: alias another value, or write it out")
        elif id(node) not in sizes:
            open_values.add(id(node))
            pending.append((node, True))
            pending.extend((child, False) for child in children(node))
    return None


def unwritable_text(root):
    """A YAMLError at the first text holding what no file or edition can: half of a UTF-16 pair ("\\ud800",
    which PyYAML takes; written out, it stopped the parse with a UnicodeEncodeError), or a control character
    written as an escape ("\\x01"); None when there is none. PyYAML reads a pair escaped as two
    ("\\ud83d\\ude00") as two halves: they are joined here, in place, into the one character they are."""
    seen, pending = set(), [root] if root is not None else []
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode) and SURROGATE.search(node.value):
            try:
                node.value = node.value.encode("utf-16", "surrogatepass").decode("utf-16")
            except UnicodeDecodeError:
                return mistake(node, f"{SURROGATE.search(node.value)[0]!r} in this value is half of a UTF-16 pair, "
                                     "not a character: write the character itself")
        if isinstance(node, yaml.ScalarNode) and (found := UNHOLDABLE.search(node.value)):
            return mistake(node, unholdable(found[0]))
        pending.extend(reversed(children(node)))
    return None


def mistake(node, problem):
    return yaml.MarkedYAMLError(problem=problem, problem_mark=node.start_mark)


def nested_too_deep(text):
    """The YAMLError of values nested deeper than PyYAML can read, at the first bracket of the deepest."""
    opened, (deepest, at) = [], (0, 0)
    for offset, character in enumerate(text):
        if character in "[{":
            opened.append(offset)
            deepest, at = max((deepest, at), (len(opened), opened[0]), key=lambda found: found[0])
        elif character in "]}" and opened:
            opened.pop()
    line = text.count("\n", 0, at)
    column = at - (text.rfind("\n", 0, at) + 1)
    return yaml.MarkedYAMLError(problem="values nested hundreds deep, more than YAML can be read with here: nest "
                                        "fewer lists and mappings",
                                problem_mark=yaml.Mark("<text>", at, line, column, None, None))
