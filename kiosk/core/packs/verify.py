"""Verify a pack before anything of it is unpacked: names, sizes, signature, every member's hash.

Every refusal is a ``PackError`` whose message is one line: ``<pack>: <member>: <why>``. Sizes
come from reading each member through a bounded stream, never from the zip's headers alone.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import stat
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any, NamedTuple

from kiosk.core.packs import keys
from kiosk.core.packs.fmt import (
    LIMITS,
    MANIFEST,
    MAX_MANIFEST,
    MAX_MEMBERS,
    MAX_SIGNATURE,
    MAX_TOTAL,
    SIGNATURE,
    PackError,
    member_kind,
    parse_manifest,
)

CHUNK = 64 * 1024
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError,
              NotImplementedError, RuntimeError, ValueError)


class Verified(NamedTuple):
    manifest: dict[str, Any]
    signer: keys.Trusted
    members: dict[str, zipfile.ZipInfo]  # name -> info, every one listed, hashed and in bounds


def _end_record(pack: Path) -> None:
    """Read the zip's end record before ``zipfile`` does: it would build an object for every
    entry of the central directory, however many the file claims (millions fit in 500 MB)."""
    try:
        size = pack.stat().st_size
        with open(pack, "rb") as f:
            f.seek(max(0, size - 65_557))
            tail = f.read()
    except OSError as exc:
        raise PackError(f"{pack.name}: cannot be read ({exc.strerror or exc})") from exc
    if size > MAX_TOTAL + 50_000_000:
        raise PackError(f"{pack.name}: {size} bytes, larger than a pack can be")
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        raise PackError(f"{pack.name}: not a zip file (no end record)")
    entries, cd_size = struct.unpack_from("<HI", tail, at + 10)
    if entries == 0xFFFF or cd_size == 0xFFFFFFFF or b"PK\x06\x06" in tail[:at]:
        raise PackError(f"{pack.name}: zip64 is not used by packs")
    if entries > MAX_MEMBERS + 2 or cd_size > (MAX_MEMBERS + 2) * 400:
        raise PackError(f"{pack.name}: {entries} members, more than {MAX_MEMBERS}")


def open_zip(pack: Path) -> zipfile.ZipFile:
    _end_record(pack)
    try:
        return zipfile.ZipFile(pack)
    except ZIP_ERRORS as exc:
        raise PackError(f"{pack.name}: not a readable zip file ({exc})") from exc


def _safe_name(pack: str, info: zipfile.ZipInfo, seen: set[str]) -> str:
    name = info.filename
    mode = info.external_attr >> 16
    if info.is_dir():
        raise PackError(f"{pack}: {name}: folders are not members of a pack")
    if stat.S_ISLNK(mode) or (stat.S_IFMT(mode) not in (0, stat.S_IFREG)):
        raise PackError(f"{pack}: {name}: links and special files are not allowed")
    path = PurePosixPath(name)
    if name.startswith(("/", "\\")) or path.is_absolute() or "\\" in name or ":" in name \
            or any(part in ("..", ".", "") for part in name.split("/")) \
            or any(ord(c) < 32 for c in name):
        raise PackError(f"{pack}: {name}: a path that leaves the pack's folder is not allowed")
    folded = unicodedata.normalize("NFC", name).casefold()
    if folded in seen:
        raise PackError(f"{pack}: {name}: the same name twice")
    seen.add(folded)
    if info.flag_bits & 0x1:
        raise PackError(f"{pack}: {name}: encrypted members are not allowed")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise PackError(f"{pack}: {name}: compression {info.compress_type} is not allowed")
    return name


def stream(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, pack: str) -> Iterator[bytes]:
    """The member's bytes in chunks; refused once more than ``limit`` bytes come out."""
    total = 0
    try:
        with zf.open(info) as f:
            while True:
                chunk = f.read(CHUNK)
                if not chunk:
                    return
                total += len(chunk)
                if total > limit:
                    raise PackError(f"{pack}: {info.filename}: inflates past {limit} bytes")
                yield chunk
    except PackError:
        raise
    except ZIP_ERRORS as exc:
        raise PackError(f"{pack}: {info.filename}: damaged ({exc})") from exc


def _read_small(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, pack: str) -> bytes:
    return b"".join(stream(zf, info, limit, pack))


def digest(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, pack: str,
           out: IO[bytes] | None = None) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    for chunk in stream(zf, info, limit, pack):
        h.update(chunk)
        size += len(chunk)
        if out is not None:
            out.write(chunk)
    return h.hexdigest(), size


def verify(pack: Path, trusted: list[keys.Trusted], zf: zipfile.ZipFile | None = None) -> Verified:
    """Check everything that can be checked without writing a byte; see the module doc."""
    label = pack.name
    own = zf is None
    zf = zf or open_zip(pack)
    try:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS + 2:
            raise PackError(f"{label}: {len(infos)} members, more than {MAX_MEMBERS}")
        seen: set[str] = set()
        by_name = {_safe_name(label, info, seen): info for info in infos}
        if MANIFEST not in by_name or SIGNATURE not in by_name:
            raise PackError(f"{label}: {SIGNATURE}: unsigned (a pack needs {MANIFEST} and {SIGNATURE})")
        data = _read_small(zf, by_name.pop(MANIFEST), MAX_MANIFEST, label)
        raw_sig = _read_small(zf, by_name.pop(SIGNATURE), MAX_SIGNATURE, label)
        try:
            sig = json.loads(raw_sig.decode("utf-8"))
            raw_key = base64.b64decode(sig["key"], validate=True)
            signature = base64.b64decode(sig["signature"], validate=True)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, binascii.Error) as exc:
            raise PackError(f"{label}: {SIGNATURE}: not a signature file") from exc
        signer = next((t for t in trusted if t.raw == raw_key), None)
        if signer is None:
            fp = keys.fingerprint(raw_key) if len(raw_key) == 32 else "?"
            raise PackError(f"{label}: {SIGNATURE}: signed by key {fp}, which this kiosk does not trust")
        if not keys.verify(raw_key, signature, data):
            raise PackError(f"{label}: {MANIFEST}: the signature does not match (changed after signing)")
        doc = parse_manifest(label, data)
        listed: dict[str, dict[str, Any]] = doc["members"]
        for name in by_name:
            if name not in listed:
                raise PackError(f"{label}: {name}: not listed in the signed manifest")
        total = 0
        for name, entry in listed.items():
            kind = member_kind(name)
            if kind is None:
                raise PackError(f"{label}: {name}: not something a pack may hold")
            info = by_name.get(name)
            if info is None:
                raise PackError(f"{label}: {name}: listed in the manifest but missing")
            if info.file_size != entry["size"] or entry["size"] > LIMITS[kind]:
                raise PackError(f"{label}: {name}: size {info.file_size} in the zip, {entry['size']} "
                                f"in the manifest, at most {LIMITS[kind]}")
            total += entry["size"]
            if total > MAX_TOTAL:
                raise PackError(f"{label}: {name}: the pack passes {MAX_TOTAL} bytes")
        for name, entry in listed.items():
            got, size = digest(zf, by_name[name], min(LIMITS[member_kind(name) or "text"],
                                                      entry["size"]), label)
            if got != entry["sha256"] or size != entry["size"]:
                raise PackError(f"{label}: {name}: its SHA-256 does not match the signed manifest")
        return Verified(doc, signer, by_name)
    finally:
        if own:
            zf.close()
