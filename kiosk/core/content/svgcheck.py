"""A picture's cost before anything draws it: size, elements, and what ``<use>`` and ``url(#…)``
references would expand to. Qt-free and static (the checker also times the real renderer, in
``kiosk.svgprobe``). A 2.3 KB file whose ``<use>`` elements fan out ten per level, seven levels
deep, is ten million elements to a renderer: refused here, so the kiosk never draws it.

XML is read with the standard library's expat parser, refusing what defusedxml's ``forbid_dtd``
refuses: any DTD — so no entity can be declared, expanded or fetched — and, should one slip past,
any entity declaration or external reference. Expat (not ElementTree and defusedxml, ~5 ms to
import) because the attract screen's picture is checked before the first paint (bench/README.md,
measure 1); it also gives each element its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

MAX_BYTES = 64_000  # the largest shipped picture is 8 KB
MAX_ELEMENTS = 300  # drawn, once every reference is expanded; the most a shipped picture has is 44
MAX_DEPTH = 32
_REF = re.compile(r"url\(\s*['\"]?#([^)'\"\s]+)")


class Refusal(NamedTuple):
    line: int
    message: str


def inspect(path: Path) -> Refusal | None:
    """Why the picture at ``path`` must not be drawn, or None if it is within every budget."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Refusal(0, f"{size} bytes; the limit for a picture is {MAX_BYTES}")
        data = path.read_bytes()
    except OSError as exc:
        return Refusal(0, f"cannot read: {exc.strerror}")
    return inspect_bytes(data)


class _Element:
    """What the budget needs of an element: its tag, attributes, children and line."""

    __slots__ = ("attrib", "children", "line", "tag")

    def __init__(self, tag: str, attrib: dict[str, str], line: int) -> None:
        self.tag, self.attrib, self.line = tag, attrib, line
        self.children: list[_Element] = []

    def __iter__(self) -> Iterator[_Element]:
        return iter(self.children)

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrib.get(name, default)

    @property
    def name(self) -> str:
        return self.tag.rsplit("}", 1)[-1]


class _Forbidden(Exception):
    pass


def _parse(data: bytes) -> _Element:
    from xml.parsers import expat

    parser = expat.ParserCreate(namespace_separator="}")
    root: list[_Element] = []
    open_: list[_Element] = []

    def start(tag: str, attrib: dict[str, str]) -> None:
        # "uri}name" as ElementTree spells it "{uri}name"; the budget only reads the local name
        el = _Element(tag, attrib, parser.CurrentLineNumber)
        (open_[-1].children if open_ else root).append(el)
        open_.append(el)

    def end(_tag: str) -> None:
        open_.pop()

    def forbid(*_args: object) -> int:
        raise _Forbidden

    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.StartDoctypeDeclHandler = forbid
    parser.EntityDeclHandler = forbid
    parser.UnparsedEntityDeclHandler = forbid
    parser.ExternalEntityRefHandler = forbid
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.Parse(data, True)
    return root[0]


def inspect_bytes(data: bytes) -> Refusal | None:
    from xml.parsers.expat import ExpatError

    try:
        root = _parse(data)
    except _Forbidden:
        return Refusal(0, "a DTD or entities: not allowed in a picture")
    except ExpatError as exc:
        return Refusal(exc.lineno, f"not valid XML ({exc})")
    except (ValueError, RecursionError, IndexError):
        return Refusal(0, "not valid XML")
    return _cost(root)


_SLOW_TAGS = ("filter", "mask", "pattern", "style")
# Qt draws an <image>'s data: or file address with its own reader, outside this budget: a 1.6 KB
# picture holding a fan of <use> as a data: SVG took 0.7 s to load (six levels), ten times that
# per level more. No shipped picture embeds one.
_EMBEDS = ("image", "foreignObject")
_SLOW_ATTRIBUTES = ("filter", "mask", "style")


def _slow_effect(el: _Element) -> str | None:
    """An effect whose cost the element count does not bound (a blur is drawn per pixel): no
    shipped picture uses one."""
    tag = el.name
    if tag in _SLOW_TAGS or tag.startswith("fe"):
        return f"<{tag}>"
    for name in _SLOW_ATTRIBUTES:
        if name in el.attrib:
            return f"{name}=…"
    return None


def _cost(root: _Element) -> Refusal | None:
    # Elements in document order, their depth, and what each id names; no recursion.
    elements: list[_Element] = []
    depth = {id(root): 1}
    stack = [root]
    while stack:
        el = stack.pop()
        elements.append(el)
        if len(elements) > MAX_ELEMENTS:
            return Refusal(el.line, f"more than {MAX_ELEMENTS} elements")
        if el.name in _EMBEDS:
            return Refusal(el.line, f"<{el.name}>: a picture inside a picture is not allowed (an "
                                    "SVG in a data: address is drawn unchecked: seconds to load)")
        slow = _slow_effect(el)
        if slow:
            return Refusal(el.line, f"{slow}: filters, masks, patterns and style sheets are not "
                                    "allowed (200 blurred circles took half a second to draw)")
        for child in el:
            depth[id(child)] = depth[id(el)] + 1
            if depth[id(child)] > MAX_DEPTH:
                return Refusal(child.line, f"elements nested deeper than {MAX_DEPTH} levels")
            stack.append(child)
    # every element of an id: a renderer may take another of two than this order's last (Qt
    # takes the one defined by then), so a reference costs as much as the dearest of them
    ids: dict[str, list[_Element]] = {}
    for el in elements:
        if name := el.get("id"):
            ids.setdefault(name, []).append(el)

    def refs(el: _Element) -> list[_Element]:
        out: list[_Element] = []
        for name, value in el.attrib.items():
            # any "href", whatever its namespace (expat spells one "uri}href"): Qt follows
            # "xlink:href" by its prefix alone, even with xmlns:xlink bound to another namespace
            if name.rsplit("}", 1)[-1] == "href" and value.startswith("#"):
                out.extend(ids.get(value[1:], ()))
            for m in _REF.findall(value):
                out.extend(ids.get(m, ()))
        return out

    def cycle(el: _Element) -> Refusal:
        return Refusal(el.line, f"a reference cycle through '{el.get('id') or el.name}'")

    # Expanded size of each element = itself + its children + every element it references,
    # computed children-first with an explicit stack; a reference cycle is refused.
    size: dict[int, int] = {}
    state: dict[int, int] = {}  # 1: on the stack, 2: done
    work: list[tuple[_Element, bool]] = [(root, False)]
    while work:
        el, expanded = work.pop()
        key = id(el)
        if expanded:
            total = 1 + sum(size[id(c)] for c in el) + sum(size[id(r)] for r in refs(el))
            size[key] = min(total, MAX_ELEMENTS + 1)
            state[key] = 2
            continue
        if state.get(key) == 2:
            continue
        if state.get(key) == 1:
            return cycle(el)
        state[key] = 1
        work.append((el, True))
        for nxt in el.children + refs(el):
            if state.get(id(nxt)) == 1:
                return cycle(nxt)
            if state.get(id(nxt)) != 2:
                work.append((nxt, False))
    if size[id(root)] > MAX_ELEMENTS:
        first = next((el.line for el in elements if refs(el)), root.line)
        return Refusal(first, f"<use> and url(#…) references expand to more than {MAX_ELEMENTS} "
                              "elements drawn (a renderer would take minutes)")
    return None
