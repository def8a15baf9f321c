"""Bounded, safe YAML loading that remembers line numbers.

Content comes from USB sticks and from people who are not programmers, so loading must never run
code, never blow up memory, and must say *where* something is wrong. PyYAML's SafeLoader already
refuses arbitrary objects; on top of it this loader refuses any alias (the
"billion laughs" expansion needs them, and content has no use for them), caps the file size, and
returns mappings that know the line of each key. Nesting deeper than ``MAX_DEPTH`` is refused
(counted on the composed nodes, without recursion, before any object is built).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

MAX_BYTES = 1_000_000
# Content is at most ~6 levels deep (module > questions > choice > text > language); libyaml stops
# at 1,000 by itself, but building Python objects that deep overflows the interpreter's stack.
MAX_DEPTH = 16


class YamlError(Exception):
    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


class Map(dict[str, Any]):
    """A mapping from a YAML file: ``line`` is where it starts, ``lines[key]`` where each key is."""

    line: int = 0
    lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


class Seq(list[Any]):
    line: int = 0


@lru_cache(maxsize=1)
def _loader() -> Any:
    """The loader class, built on first use: importing PyYAML costs ~25 ms that a start whose
    content all comes from the cache (kiosk.core.content.cache) need not pay."""
    import yaml
    import yaml.resolver
    from yaml.nodes import MappingNode, Node

    base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: about 10× faster

    class _Loader(base):  # type: ignore[misc]
        """Safe loading with line numbers. An anchor/alias shows up as one node reached twice while
        constructing (libyaml composes aliases as shared nodes, without expanding them): refused at
        the first repeat, so an alias bomb costs no more than reading its text."""

        def construct_object(self, node: Node, deep: bool = False) -> Any:
            if node in self.constructed_objects or node in self.recursive_objects:
                raise _Refused(node.start_mark.line + 1, "anchors and aliases (& and *) are not allowed")
            return super().construct_object(node, deep)

        def construct_mapping(self, node: MappingNode, deep: bool = False) -> Map:
            result = Map()
            result.line = node.start_mark.line + 1
            result.lines = {}
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=True)
                if not isinstance(key, (str, int, float, bool)) or key is None:
                    raise _Refused(key_node.start_mark.line + 1, "keys must be plain words")
                skey = str(key)
                if skey in result:
                    raise _Refused(key_node.start_mark.line + 1, f"{skey}: appears twice")
                result[skey] = self.construct_object(value_node, deep=True)
                result.lines[skey] = key_node.start_mark.line + 1
            return result

        def construct_sequence(self, node: Any, deep: bool = False) -> Seq:
            result = Seq(self.construct_object(child, deep=True) for child in node.value)
            result.line = node.start_mark.line + 1
            return result

    def _map_constructor(loader: _Loader, node: MappingNode) -> Map:
        return loader.construct_mapping(node)

    def _seq_constructor(loader: _Loader, node: Any) -> Seq:
        return loader.construct_sequence(node)

    # YAML 1.1 reads yes/no/on/off as booleans, which turns a choice called "no" into False.
    # Only true/false are booleans here.
    _Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
    }
    _Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    _Loader.add_constructor("tag:yaml.org,2002:map", _map_constructor)
    _Loader.add_constructor("tag:yaml.org,2002:seq", _seq_constructor)
    return _Loader


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def load(path: Path) -> Any:
    """Load one YAML document; raise YamlError naming the file and line on any problem."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise YamlError(path, 0, f"cannot read: {exc.strerror}") from exc
    if size > MAX_BYTES:
        raise YamlError(path, 0, f"file is {size} bytes; the limit is {MAX_BYTES}")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(path, 0, "not UTF-8 text (save the file as UTF-8)") from exc
    except OSError as exc:
        raise YamlError(path, 0, f"cannot read: {exc.strerror}") from exc
    return loads(text, path)


def loads(text: str, path: Path) -> Any:
    import yaml

    loader = _loader()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_depth(node)
        return loader.construct_document(node)
    except _Refused as exc:
        raise YamlError(path, exc.line, exc.message) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise YamlError(path, line, f"not valid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise YamlError(path, 0, f"not valid YAML: {exc}") from None
    except RecursionError:  # the pure-Python loader (no libyaml) composes recursively
        raise YamlError(path, 0, f"nested deeper than {MAX_DEPTH} levels") from None
    finally:
        loader.dispose()


def _check_depth(root: Any) -> None:
    """Refuse nesting deeper than MAX_DEPTH, walking the nodes with a list, not recursion."""
    from yaml.nodes import MappingNode, SequenceNode

    stack = [(root, 1)]
    seen: set[int] = set()
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:  # an alias: a shared node (walking it again would expand the bomb)
            raise _Refused(node.start_mark.line + 1, "anchors and aliases (& and *) are not allowed")
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise _Refused(node.start_mark.line + 1, f"nested deeper than {MAX_DEPTH} levels")
        if isinstance(node, SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, MappingNode):
            stack.extend((child, depth + 1) for pair in node.value for child in pair)
