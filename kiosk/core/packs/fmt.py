"""The pack format: one zip for everything that speaks (lessons, prompts, help, attitudes,
pictures, voices), with a signed manifest.

Members::

    willay-pack.json                   the manifest (below), exactly the bytes that are signed
    willay-pack.sig                    {"key": base64 raw Ed25519 public key, "signature": base64}
    content/prompts.yaml | attitudes.yaml | help/<id>.yaml | modules/<id>.yaml | glossary/<lang>.yaml
    content/reviews/<lang>.yaml (per-text community reviews: docs/decisions/024-review-kit.md)
    content/pictures/<name>.svg | .png | .jpg, content/pictures/ATTRIBUTION.md
    audio/<lang>/<recorded|synthetic>/<key>.<hash>.<ogg|opus|wav|mp3>, audio/<lang>/<kind>/manifest.json

The manifest: ``{"format": 1, "name": "help-2026", "created": "2026-11-30", "note": "…",
"members": {"content/help/national.yaml": {"sha256": "…", "size": 123}, …}}``. Nothing else may
be in the zip: no folders, links, or members the manifest does not list.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import re
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from kiosk.core.audio import manifest as clip_manifest
from kiosk.core.model import LANGUAGES
from kiosk.core.packs import keys

FORMAT = 1
MANIFEST = "willay-pack.json"
SIGNATURE = "willay-pack.sig"
MAX_MEMBERS = 5000
MAX_MANIFEST = 2_000_000
MAX_SIGNATURE = 4096
MAX_TOTAL = 500_000_000
LIMITS = {"yaml": 2_000_000, "picture": 5_000_000, "clip": 20_000_000, "json": 2_000_000, "text": 200_000}
AUDIO_EXTS = (".ogg", ".opus", ".wav", ".mp3")
PICTURE_EXTS = (".svg", ".png", ".jpg", ".jpeg")
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,47}\Z")
FILE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}\Z")


class PackError(Exception):
    """The pack is refused as a whole; the message is one line naming the pack and the member."""


CONTENT_FOLDERS = ("help", "modules", "glossary", "reviews", "exercises")


def member_kind(name: str) -> str | None:
    """What a member is ("yaml", "picture", "clip", "json", "text"), or None if not allowed."""
    path = PurePosixPath(name)
    parts = path.parts
    if not parts or not all(FILE_RE.match(p) for p in parts) or ".." in name:
        return None
    if parts[0] == "content":
        if len(parts) == 2 and parts[1] in ("prompts.yaml", "attitudes.yaml", "staff.yaml"):
            return "yaml"
        if len(parts) == 3 and parts[1] in CONTENT_FOLDERS and parts[2].endswith(".yaml"):
            return "yaml"
        if len(parts) == 3 and parts[1] == "pictures":
            if parts[2].lower().endswith(PICTURE_EXTS):
                return "picture"
            if parts[2] == "ATTRIBUTION.md":
                return "text"
        return None
    if parts[0] == "audio" and len(parts) == 4 and parts[1] in LANGUAGES \
            and parts[2] in ("recorded", "synthetic"):
        if parts[3] == clip_manifest.MANIFEST_NAME:
            return "json"
        parsed = clip_manifest.parse_clip_name(parts[3])
        if parsed is not None and parts[3].endswith(AUDIO_EXTS):
            return "clip"
    return None


def parse_manifest(pack: str, data: bytes) -> dict[str, Any]:
    """The manifest's fields, checked. Only ever called on bytes whose signature was verified."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise PackError(f"{pack}: {MANIFEST}: not valid JSON ({exc})") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise PackError(f"{pack}: {MANIFEST}: format: expected {FORMAT}")
    name = doc.get("name")
    if not isinstance(name, str) or not NAME_RE.match(name):
        raise PackError(f"{pack}: {MANIFEST}: name: lowercase letters, digits and dashes")
    members = doc.get("members")
    if not isinstance(members, dict) or not members:
        raise PackError(f"{pack}: {MANIFEST}: members: an object listing every member")
    for member, entry in members.items():
        if not (isinstance(entry, dict) and isinstance(entry.get("sha256"), str)
                and re.fullmatch(r"[0-9a-f]{64}", entry["sha256"])
                and isinstance(entry.get("size"), int) and entry["size"] >= 0):
            raise PackError(f"{pack}: {member}: manifest entry needs sha256 and size")
    return doc


def _files(folder: Path) -> list[tuple[str, Path]]:
    out = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for fn in sorted(filenames):
            path = Path(dirpath) / fn
            rel = path.relative_to(folder).as_posix()
            if fn.startswith(".") or fn == "manifest.json" and "audio/" not in rel:
                continue
            out.append((rel, path))
    return out


def build(folder: Path, key_file: Path, out: Path, name: str, note: str = "",
          created: dt.date | None = None) -> dict[str, Any]:
    """Zip ``folder`` (holding ``content/…`` and/or ``audio/…``) into a pack signed with the key."""
    private = keys.load_private(key_file)
    return build_from(_files(folder), private, out, name, note, created)


def build_from(files: list[tuple[str, Path]], private: Any, out: Path, name: str, note: str = "",
               created: dt.date | None = None) -> dict[str, Any]:
    if not NAME_RE.match(name):
        raise PackError(f"{out}: name '{name}': lowercase letters, digits and dashes")
    members: dict[str, dict[str, Any]] = {}
    for rel, path in files:
        kind = member_kind(rel)
        if kind is None or path.is_symlink():
            raise PackError(f"{out}: {rel}: not something a pack may hold (see docs/decisions/012)")
        data = path.read_bytes()
        if len(data) > LIMITS[kind]:
            raise PackError(f"{out}: {rel}: {len(data)} bytes, more than {LIMITS[kind]}")
        members[rel] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    if not members:
        raise PackError(f"{out}: nothing to pack (expected content/… or audio/… files)")
    doc = {"format": FORMAT, "name": name, "created": (created or dt.date.today()).isoformat(),
           "note": note, "members": members}
    data = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    sig = {"key": base64.b64encode(keys.raw_public(private.public_key())).decode(),
           "signature": base64.b64encode(keys.sign(private, data)).decode()}
    tmp = out.with_name(out.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST, data)
        zf.writestr(SIGNATURE, json.dumps(sig))
        for rel, path in files:
            zf.write(path, rel)
    os.replace(tmp, out)
    return doc
