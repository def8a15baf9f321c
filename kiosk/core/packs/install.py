"""Install, roll back and list packs in the user data folder, all or nothing.

``<data>/packs/`` holds generations ``g-NNNNNN/`` and two pointer files, ``current`` and
``previous``. A generation is complete in itself::

    base.txt                   the content folder the packs were merged over
    content/                   that content with every installed pack's content files on top
    packs/<name>/installed.json  who signed it, when, what it changed
    packs/<name>/content/…, packs/<name>/audio/…

Installing builds a new generation in a staging folder (``.stage-*``): the packs in use, plus the
new one unpacked with every hash checked again, every clip and picture decoded, recorded clips'
manifests checked, and the merged content loaded by the content loader. Only if all of that
passes is the staging folder renamed to a generation and ``current`` replaced (``os.replace``,
atomic); the generation it replaces stays as ``previous``. ``rollback`` swaps the two.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from kiosk.core.audio import manifest as clip_manifest
from kiosk.core.content import load_library
from kiosk.core.content.staff import StaffTexts
from kiosk.core.packs import keys, media
from kiosk.core.packs.fmt import LIMITS, PackError, member_kind
from kiosk.core.packs.verify import digest, open_zip, verify
from kiosk.paths import PACKS_CURRENT, Paths, base_stamp, installed_generation, overlay_for

PREVIOUS = "previous"


def _line(content: Path) -> dict[tuple[str, str, str], str]:
    lib = load_library(content, None)
    out = {}
    for p in lib.errors:
        rel = p.file.relative_to(content).as_posix() if p.file.is_relative_to(content) else str(p.file)
        out[(rel, p.field, p.message)] = f"content/{rel}:{p.line}: {p.field}: {p.message}"
    return out


def _copy_tree(src: Path, dst: Path) -> None:
    def link_or_copy(a: str, b: str) -> None:
        try:
            os.link(a, b)  # generations share unchanged files
        except OSError:
            shutil.copy2(a, b)

    shutil.copytree(src, dst, copy_function=link_or_copy, symlinks=False)


def merge_content(base: Path, packs_dir: Path, target: Path) -> None:
    """``base`` copied (real copies: the base may change under a new release), then each pack's
    content files on top, in name order."""
    shutil.copytree(base, target, symlinks=False, ignore=shutil.ignore_patterns(".*"))
    for pack in sorted(p for p in packs_dir.iterdir() if p.is_dir()) if packs_dir.is_dir() else []:
        content = pack / "content"
        if not content.is_dir():
            continue
        for src in sorted(content.rglob("*")):
            if src.is_file():
                dst = target / src.relative_to(content)
                dst.parent.mkdir(parents=True, exist_ok=True)
                dst.unlink(missing_ok=True)
                shutil.copyfile(src, dst)


def _next_name(root: Path) -> str:
    numbers = [int(p.name[2:]) for p in root.glob("g-*") if p.name[2:].isdigit()]
    return f"g-{max(numbers, default=0) + 1:06d}"


def _point(root: Path, which: str, name: str) -> None:
    tmp = root / f".{which}.part"
    tmp.write_text(name + "\n", encoding="utf-8")
    os.replace(tmp, root / which)


def _tidy(root: Path) -> None:
    keep = set()
    for which in (PACKS_CURRENT, PREVIOUS):
        try:
            keep.add((root / which).read_text(encoding="utf-8").strip())
        except OSError:
            pass
    for folder in root.iterdir():
        if folder.is_dir() and (folder.name.startswith(".stage-") or
                                (folder.name.startswith("g-") and folder.name not in keep)):
            shutil.rmtree(folder, ignore_errors=True)


def _unpack(pack: Path, stage_pack: Path, label: str, trusted: list[keys.Trusted]) -> dict[str, Any]:
    with open_zip(pack) as zf:
        checked = verify(pack, trusted, zf)
        doc = checked.manifest
        for name, entry in doc["members"].items():
            kind = member_kind(name) or "text"
            target = stage_pack / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "xb") as out:  # x: a name twice can never overwrite
                got, size = digest(zf, checked.members[name], min(LIMITS[kind], entry["size"]), label, out)
            if got != entry["sha256"] or size != entry["size"]:
                raise PackError(f"{label}: {name}: changed while it was read (SHA-256 differs)")
            why = media.clip_problem(target) if kind == "clip" else \
                media.picture_problem(target) if kind == "picture" else None
            if why:
                raise PackError(f"{label}: {name}: {why}")
    _check_clip_manifests(stage_pack, label)
    return {"name": doc["name"], "created": doc.get("created", ""), "note": doc.get("note", ""),
            "signer": checked.signer.fingerprint, "signer_origin": checked.signer.origin,
            "installed": dt.date.today().isoformat(), "members": sorted(doc["members"])}


def _check_clip_manifests(stage_pack: Path, label: str) -> None:
    audio = stage_pack / "audio"
    if not audio.is_dir():
        return
    for folder in sorted(p for p in audio.glob("*/*") if p.is_dir()):
        entries = clip_manifest.load(folder)
        for clip in sorted(folder.iterdir()):
            if clip.name == clip_manifest.MANIFEST_NAME:
                continue
            member = clip.relative_to(stage_pack).as_posix()
            entry = entries.get(clip.name)
            if folder.name == "recorded":
                problems = clip_manifest.problems(entry) if isinstance(entry, dict) else ["no manifest entry"]
                if isinstance(entry, dict) and entry.get("source") != "recorded":
                    problems.append("not a recording")
                if problems:
                    raise PackError(f"{label}: {member}: {'; '.join(problems)}")


def install(paths: Paths, pack: Path) -> dict[str, Any]:
    """Install ``pack`` or refuse it whole (``PackError``); returns its installed.json record."""
    label = pack.name
    root = paths.packs
    root.mkdir(parents=True, exist_ok=True)
    trusted = keys.trusted(paths)
    stage = Path(tempfile.mkdtemp(prefix=".stage-", dir=root))
    try:
        current = installed_generation(paths.data)
        packs_dir = stage / "packs"
        if current is not None and (current / "packs").is_dir():
            _copy_tree(current / "packs", packs_dir)
        packs_dir.mkdir(exist_ok=True)
        incoming = stage / "incoming"
        record = _unpack(pack, incoming, label, trusted)
        name = record["name"]
        for other in sorted(p for p in packs_dir.iterdir() if p.is_dir() and p.name != name):
            theirs = set(json.loads((other / "installed.json").read_text(encoding="utf-8"))["members"])
            clash = sorted(theirs & set(record["members"]))
            if clash:
                raise PackError(f"{label}: {clash[0]}: also in installed pack '{other.name}' "
                                "(send a new version of that pack instead)")
        shutil.rmtree(packs_dir / name, ignore_errors=True)
        os.replace(incoming, packs_dir / name)
        (packs_dir / name / "installed.json").write_text(json.dumps(record, indent=1), encoding="utf-8")
        base = paths.base_content
        merge_content(base, packs_dir, stage / "content")
        before = set(_line(overlay_for(paths.data, base) or base))
        after = _line(stage / "content")
        new = [line for problem, line in after.items() if problem not in before]
        if new:
            raise PackError(f"{label}: {new[0]} (the content check fails; {len(new)} problem(s))")
        (stage / "base.txt").write_text(base_stamp(base) + "\n", encoding="utf-8")
        generation = _next_name(root)
        os.replace(stage, root / generation)
    except PackError:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    except (OSError, ValueError, KeyError, TypeError) as exc:
        shutil.rmtree(stage, ignore_errors=True)
        raise PackError(f"{label}: not installed ({type(exc).__name__}: {exc})") from exc
    if current is not None:
        _point(root, PREVIOUS, current.name)
    else:
        (root / PREVIOUS).unlink(missing_ok=True)
    _point(root, PACKS_CURRENT, generation)  # the one atomic switch
    _tidy(root)
    return record


def remerge(paths: Paths) -> Paths:
    """The base content changed (a new release) since the packs were merged over it: merge them
    again, in a new generation, and switch to it. Nothing is verified again: every pack in it was
    verified when it was installed. Returns the paths to use."""
    root = paths.packs
    current = installed_generation(paths.data)
    if current is None:
        return paths
    base = paths.base_content
    stage = Path(tempfile.mkdtemp(prefix=".stage-", dir=root))
    try:
        _copy_tree(current / "packs", stage / "packs")
        merge_content(base, stage / "packs", stage / "content")
        (stage / "base.txt").write_text(base_stamp(base) + "\n", encoding="utf-8")
        generation = _next_name(root)
        os.replace(stage, root / generation)
    except OSError:
        shutil.rmtree(stage, ignore_errors=True)
        return paths  # the base content alone, as before any pack
    _point(root, PREVIOUS, current.name)
    _point(root, PACKS_CURRENT, generation)
    _tidy(root)
    return paths._replace(content=root / generation / "content")


def rollback(paths: Paths) -> str:
    """Back to what was in use before the last install (or rollback). Returns what is now in use."""
    root = paths.packs
    current = installed_generation(paths.data)
    try:
        previous = (root / PREVIOUS).read_text(encoding="utf-8").strip()
    except OSError:
        previous = ""
    if current is None:  # a rollback undid the first install: this one redoes it
        if previous.startswith("g-") and (root / previous).is_dir():
            _point(root, PACKS_CURRENT, previous)
            return ", ".join(p["name"] for p in installed(paths))
        raise PackError("rollback: nothing to roll back to")
    if previous and (root / previous).is_dir():
        _point(root, PREVIOUS, current.name)
        _point(root, PACKS_CURRENT, previous)
        return ", ".join(p["name"] for p in installed(paths)) or "no packs"
    # the first install: the previous state is no pack at all; keep it so a rollback undoes this
    _point(root, PREVIOUS, current.name)
    (root / PACKS_CURRENT).unlink()
    return "no packs (the shipped content)"


def installed(paths: Paths) -> list[dict[str, Any]]:
    gen = installed_generation(paths.data)
    if gen is None:
        return []
    out = []
    for record in sorted((gen / "packs").glob("*/installed.json")):
        try:
            out.append(json.loads(record.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    return out


def describe(paths: Paths, words: StaffTexts | None = None) -> str:
    """Installed packs and trusted keys, for the facilitator's panel (in her language) and
    ``kiosk pack list`` (in Spanish)."""
    say = words or StaffTexts(lang="es")
    lines = [say("staff.packs.installed")]
    packs = installed(paths)
    for p in packs:
        changed = ", ".join(p.get("members", [])[:4]) + (" …" if len(p.get("members", [])) > 4 else "")
        lines.append("  " + say("staff.packs.pack", name=p["name"], signer=p["signer"],
                                origin=p.get("signer_origin", ""), created=p.get("created", ""),
                                installed=p.get("installed", ""), n=len(p.get("members", [])),
                                changed=changed))
    if not packs:
        lines.append("  " + say("staff.packs.none"))
    lines.append(say("staff.packs.keys"))
    for t in keys.trusted(paths):
        lines.append(f"  {t.fingerprint}  {t.origin}")
    return "\n".join(lines)
