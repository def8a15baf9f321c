"""The suppressed aggregates as files people already use: SQLite (Datasette), CSV for Excel, DHIS2
``dataValueSets`` (JSON and CSV); merging several kiosks' exports. Column types are declared, never
inferred from the first rows. Bad files are answered with ``ExportError`` (one line, naming the file).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
import uuid
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from kiosk.core.settings import ORG_UNIT
from kiosk.core.usage.insights import DEFAULT_K, aggregate, suppress
from kiosk.core.usage.log import Cell, read_counts

FORMAT = "willay-usage-export/2"
MERGED = "willay-usage-merge/2"
KEY = ("period", "kind", "language", "module", "item", "value")
TABLE = """CREATE TABLE counts (
    period TEXT NOT NULL, kind TEXT NOT NULL, language TEXT NOT NULL, module TEXT NOT NULL,
    item TEXT NOT NULL, value TEXT NOT NULL, count INTEGER NOT NULL CHECK (typeof(count) = 'integer'),
    PRIMARY KEY (period, kind, language, module, item, value)) WITHOUT ROWID"""
FORMATS = ("sqlite", "csv", "dhis2-json", "dhis2-csv")
MAPPING_FILE = "dhis2-mapping.json"
DHIS2_CSV = ("dataelement", "period", "orgunit", "categoryoptioncombo", "attributeoptioncombo",
             "value", "storedby", "lastupdated", "comment", "followup")


class ExportError(Exception):
    """A bad input file or option: ``str()`` is one line naming the file."""


def install_id(data_dir: Path) -> str:
    """A random id for this install (not the device, not a person), made on first use; it only
    lets ``merge`` count a kiosk once."""
    path = data_dir / "install-id"
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        value = uuid.uuid4().hex
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.write_text(value + "\n", encoding="utf-8")
        return value


def published(db_path: Path, period: str = "month", k: int = DEFAULT_K) -> dict[Cell, int]:
    """The kiosk's suppressed aggregates (what every format and the insights page show)."""
    if k < DEFAULT_K:
        raise ExportError(f"--k: must be at least {DEFAULT_K} (it can only be raised), not {k}")
    try:
        counts = read_counts(db_path)
    except sqlite3.Error as exc:
        raise ExportError(f"{db_path}: not a readable usage log ({exc})") from None
    return suppress(aggregate(counts, period), k)


def _write_sqlite(out: Path, cells: dict[Cell, int], meta: dict[str, str]) -> None:
    tmp = out.with_name(out.name + ".part")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp, isolation_level=None)
    db.execute("BEGIN")
    db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)")
    db.execute(TABLE)
    db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
    db.executemany("INSERT INTO counts VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [(*c, int(n)) for c, n in sorted(cells.items())])
    db.execute("COMMIT")
    db.close()
    tmp.replace(out)


def _write_csv(out: Path, cells: dict[Cell, int]) -> None:
    with out.open("w", encoding="utf-8-sig", newline="") as f:  # the BOM: Excel reads UTF-8
        w = csv.writer(f)
        w.writerow([*KEY, "count"])
        w.writerows([*c, n] for c, n in sorted(cells.items()))


def load_mapping(data_dir: Path) -> dict[str, object]:
    """``dhis2-mapping.json`` in the data folder (example: docs/dhis2-mapping.example.json)."""
    path = data_dir / MAPPING_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ExportError(f"{path}: no DHIS2 mapping (copy docs/dhis2-mapping.example.json)") from None
    except (OSError, UnicodeDecodeError, RecursionError) as exc:
        raise ExportError(f"{path}: unreadable: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ExportError(f"{path}:{exc.lineno}: {exc.msg}") from None
    if not isinstance(raw, dict):
        raise ExportError(f"{path}:1: mapping: must be an object")
    for field in ("org_unit", "data_elements", "category_option_combos"):
        if field not in raw:
            raise ExportError(f"{path}:1: {field}: missing")
    # Codes as settings.json's org unit: a "=HYPERLINK(…)" or a newline never reaches the CSV
    if not isinstance(raw["org_unit"], str) or not ORG_UNIT.match(raw["org_unit"]):
        raise ExportError(f"{path}:1: org_unit: must be the centre's org-unit code (letters, digits, "
                          "'_', '.', '-')")
    for field in ("data_elements", "category_option_combos"):
        table = raw[field]
        if not isinstance(table, dict) or not all(
                isinstance(a, str) and isinstance(b, str) and ORG_UNIT.match(b) for a, b in table.items()):
            raise ExportError(f"{path}:1: {field}: must map names to codes (letters, digits, '_', '.', '-')")
    return raw


def _dhis2_values(cells: dict[Cell, int], mapping: dict[str, object]) -> list[dict[str, str]]:
    """One data value per published cell the mapping names: data element ``kind`` or
    ``kind/module``; category option combo by language (``*`` = all languages)."""
    elements: dict[str, str] = mapping["data_elements"]  # type: ignore[assignment]
    combos: dict[str, str] = mapping["category_option_combos"]  # type: ignore[assignment]
    out = []
    for (period, kind, language, module, item, value), n in sorted(cells.items()):
        if item not in ("", "*") or value not in ("", "*"):
            continue
        element = elements.get(f"{kind}/{module}") if module not in ("", "*") else elements.get(kind)
        combo = combos.get(language or "*")
        if element is None or combo is None:
            continue
        out.append({"dataElement": element, "period": dhis2_period(period),
                    "orgUnit": str(mapping["org_unit"]), "categoryOptionCombo": combo,
                    "value": str(n)})
    return out


def dhis2_period(period: str) -> str:
    """``2026-11`` → ``202611``; ``2026-W48`` → ``2026W48``; ``2026-Q4`` → ``2026Q4``."""
    return period.replace("-", "").replace("W0", "W")


def export(db_path: Path, out: Path, data_dir: Path, period: str = "month", k: int = DEFAULT_K,
           fmt: str = "sqlite", today: dt.date | None = None, org_unit: str = "") -> dict[str, int]:
    """``org_unit``: the centre's code from settings.json (set on the facilitator's Ajustes page);
    it replaces the mapping file's ``org_unit`` when given."""
    cells = published(db_path, period, k)
    if fmt == "sqlite":
        _write_sqlite(out, cells, {"format": FORMAT, "kiosk": install_id(data_dir), "k": str(k),
                                   "period": period,
                                   "exported_on": (today or dt.date.today()).isoformat()})
    elif fmt == "csv":
        _write_csv(out, cells)
    elif fmt in ("dhis2-json", "dhis2-csv"):
        mapping = load_mapping(data_dir)
        if org_unit:
            mapping["org_unit"] = org_unit
        values = _dhis2_values(cells, mapping)
        if fmt == "dhis2-json":
            out.write_text(json.dumps({"dataValues": values}, ensure_ascii=False, indent=1) + "\n",
                           encoding="utf-8")
        else:
            with out.open("w", encoding="utf-8", newline="") as f:
                w = csv.writer(f)
                w.writerow(DHIS2_CSV)
                w.writerows([v["dataElement"], v["period"], v["orgUnit"], v["categoryOptionCombo"],
                             "", v["value"], "", "", "", ""] for v in values)
        return {"cells": len(values)}
    else:
        raise ExportError(f"--format: one of {', '.join(FORMATS)}, not {fmt!r}")
    return {"cells": len(cells)}


def read_export(path: Path) -> tuple[dict[str, str], dict[Cell, int]]:
    """An export's meta and counts, checked: a bad file is one ``ExportError`` line."""
    if not path.is_file():
        raise ExportError(f"{path}: no such file")
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = dict(db.execute("SELECT name, value FROM meta").fetchall())
            if meta.get("format") not in (FORMAT, MERGED):
                raise ExportError(f"{path}: meta.format: not a Willay usage export "
                                  f"({meta.get('format')!r}; export again with this version)")
            rows = db.execute(f"SELECT {', '.join(KEY)}, count FROM counts").fetchall()
        finally:
            db.close()
    except sqlite3.Error as exc:
        raise ExportError(f"{path}: not a Willay usage export ({exc})") from None
    cells: dict[Cell, int] = {}
    for row in rows:
        if not all(isinstance(x, str) for x in row[:6]) or type(row[6]) is not int or row[6] < 0:
            raise ExportError(f"{path}: counts: row {row[:6]!r} has a count that is not a number")
        cells[tuple(row[:6])] = row[6]
    return meta, cells


def merge(inputs: Iterable[Path], out: Path) -> dict[str, int]:
    """Add up several kiosks' exports (each install once: its newest export). A cell a kiosk did
    not list was 0 or suppressed there, so a merged count is what the kiosks published."""
    newest: dict[str, tuple[str, dict[Cell, int]]] = {}
    periods = set()
    for path in inputs:
        meta, cells = read_export(path)
        periods.add(meta.get("period", "?"))
        kiosks = meta.get("kiosks", meta.get("kiosk", str(path))).split(",")
        key = ",".join(sorted(kiosks))
        if key not in newest or meta.get("exported_on", "") > newest[key][0]:
            newest[key] = (meta.get("exported_on", ""), cells)
    if len(periods) > 1:
        raise ExportError(f"{out}: inputs have different periods ({', '.join(sorted(periods))})")
    totals: dict[Cell, int] = defaultdict(int)
    for _when, cells in newest.values():
        for cell, n in cells.items():
            totals[cell] += n
    ids = sorted({i for key in newest for i in key.split(",")})
    _write_sqlite(out, dict(totals), {"format": MERGED, "kiosks": ",".join(ids),
                                      "period": periods.pop() if periods else "month"})
    return {"kiosks": len(ids), "cells": len(totals)}
