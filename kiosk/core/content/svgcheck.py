"""A picture's cost before anything draws it: size, elements, and what ``<use>`` and ``url(#…)``
references would expand to. Qt-free and static (the checker also times the real renderer, in
``kiosk.svgprobe``). A 2.3 KB file whose ``<use>`` elements fan out ten per level, seven levels
deep, is ten million elements to a renderer: refused here, so the kiosk never draws it.

XML is read with defusedxml: no DTD, no entities, no external references.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

MAX_BYTES = 64_000  # the largest shipped picture is 8 KB
MAX_ELEMENTS = 300  # drawn, once every reference is expanded; the most a shipped picture has is 44
MAX_DEPTH = 32
_REF = re.compile(r"url\(\s*['\"]?#([^)'\"\s]+)")
_HREFS = ("href", "{http://www.w3.org/1999/xlink}href")


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


def inspect_bytes(data: bytes) -> Refusal | None:
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as safe_et
    from defusedxml import DefusedXmlException

    try:
        root = safe_et.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        return Refusal(0, "a DTD or entities: not allowed in a picture")
    except ParseError as exc:
        return Refusal(exc.position[0], f"not valid XML ({exc})")
    except (ValueError, RecursionError):
        return Refusal(0, "not valid XML")
    refusal = _cost(root)
    if refusal is not None and refusal.line == 0:  # ElementTree keeps no lines: the first reference
        at = max(data.find(b"<use"), 0)
        refusal = refusal._replace(line=data[:at].count(b"\n") + 1)
    return refusal


_SLOW_TAGS = ("filter", "mask", "pattern", "style")
_SLOW_ATTRIBUTES = ("filter", "mask", "style")


def _slow_effect(el: Any) -> str | None:
    """An effect whose cost the element count does not bound (a blur is drawn per pixel): no
    shipped picture uses one."""
    tag = str(el.tag).rsplit("}", 1)[-1]
    if tag in _SLOW_TAGS or tag.startswith("fe"):
        return f"<{tag}>"
    for name in _SLOW_ATTRIBUTES:
        if name in el.attrib:
            return f"{name}=…"
    return None


def _cost(root: Any) -> Refusal | None:
    # Elements in document order, their depth, and what each id names; no recursion.
    elements: list[Any] = []
    parents: dict[int, Any] = {}
    depth = {id(root): 1}
    stack = [root]
    while stack:
        el = stack.pop()
        elements.append(el)
        if len(elements) > MAX_ELEMENTS:
            return Refusal(0, f"more than {MAX_ELEMENTS} elements")
        slow = _slow_effect(el)
        if slow:
            return Refusal(0, f"{slow}: filters, masks, patterns and style sheets are not allowed "
                              "(200 blurred circles took half a second to draw)")
        for child in el:
            parents[id(child)] = el
            depth[id(child)] = depth[id(el)] + 1
            if depth[id(child)] > MAX_DEPTH:
                return Refusal(0, f"elements nested deeper than {MAX_DEPTH} levels")
            stack.append(child)
    ids = {el.get("id"): el for el in elements if el.get("id")}

    def refs(el: Any) -> list[Any]:
        out: list[Any] = []
        for name in _HREFS:
            value = el.get(name) or ""
            if value.startswith("#") and value[1:] in ids:
                out.append(ids[value[1:]])
        for value in el.attrib.values():
            out.extend(ids[m] for m in _REF.findall(value) if m in ids)
        return out

    # Expanded size of each element = itself + its children + every element it references,
    # computed children-first with an explicit stack; a reference cycle is refused.
    size: dict[int, int] = {}
    state: dict[int, int] = {}  # 1: on the stack, 2: done
    work: list[tuple[Any, bool]] = [(root, False)]
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
            return Refusal(0, f"a reference cycle through '{el.get('id', el.tag)}'")
        state[key] = 1
        work.append((el, True))
        for nxt in list(el) + refs(el):
            if state.get(id(nxt)) == 1:
                return Refusal(0, f"a reference cycle through '{nxt.get('id', nxt.tag)}'")
            if state.get(id(nxt)) != 2:
                work.append((nxt, False))
    if size[id(root)] > MAX_ELEMENTS:
        return Refusal(0, f"<use> and url(#…) references expand to more than {MAX_ELEMENTS} "
                          "elements drawn (a renderer would take minutes)")
    return None
