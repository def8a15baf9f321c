"""Ed25519 keys: the programme's (shipped), the ones a facilitator added, and this kiosk's own.

Keys are PEM files made and read by ``cryptography``; nothing here is hand-written crypto. A key
is named by its fingerprint: the first 64 bits of the SHA-256 of its raw 32 bytes, as four groups
of four hex digits (``3F9A-72C1-0B4E-91D0``) short enough to read aloud over the phone.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import NamedTuple

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.paths import Paths

MAX_KEY_FILE = 4096


class KeyError_(Exception):
    """A key file that is not an Ed25519 key of the expected kind."""


class Trusted(NamedTuple):
    fingerprint: str
    raw: bytes
    origin: str  # "programme" | "added here" | "this kiosk"
    file: Path


def fingerprint(raw: bytes) -> str:
    digest = hashlib.sha256(raw).hexdigest()[:16].upper()
    return "-".join(digest[i:i + 4] for i in range(0, 16, 4))


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def _read_small(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_KEY_FILE + 1)
    except OSError as exc:
        raise KeyError_(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if len(data) > MAX_KEY_FILE:
        raise KeyError_(f"{path}: too large to be a key")
    return data


def load_public(path: Path) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(_read_small(path))
    except (ValueError, TypeError) as exc:
        raise KeyError_(f"{path}: not a public key file (PEM)") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise KeyError_(f"{path}: not an Ed25519 public key")
    return key


def load_private(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(_read_small(path), password=None)
    except (ValueError, TypeError) as exc:
        raise KeyError_(f"{path}: not an unencrypted Ed25519 private key file (PEM)") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyError_(f"{path}: not an Ed25519 private key")
    return key


def _write_private(key: Ed25519PrivateKey, path: Path) -> None:
    data = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # never over another key
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def keygen(base: Path) -> tuple[Path, Path, str]:
    """``base.key`` (private: keep it off every kiosk) and ``base.pub`` (what kiosks trust)."""
    key = Ed25519PrivateKey.generate()
    private, public = base.with_name(base.name + ".key"), base.with_name(base.name + ".pub")
    if private.exists() or public.exists():
        raise KeyError_(f"{private}: already exists; choose another name (a key is never overwritten)")
    _write_private(key, private)
    public.write_bytes(public_pem(key.public_key()))
    return private, public, fingerprint(raw_public(key.public_key()))


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    return key.sign(data)


def verify(raw: bytes, signature: bytes, data: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(raw).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


# ------------------------------------------------------------------ where keys live
def added_dir(paths: Paths) -> Path:
    return paths.data / "keys" / "trusted"


def own_files(paths: Paths) -> tuple[Path, Path]:
    return paths.data / "keys" / "own.key", paths.data / "keys" / "own.pub"


def own_key(paths: Paths) -> Ed25519PrivateKey:
    """This kiosk's key, made on first use; it signs ``kiosk voices export``."""
    private, public = own_files(paths)
    if not private.exists():
        key = Ed25519PrivateKey.generate()
        _write_private(key, private)
        public.write_bytes(public_pem(key.public_key()))
    return load_private(private)


def trusted(paths: Paths) -> list[Trusted]:
    """Every key whose signature this kiosk accepts. A broken key file is skipped, not fatal."""
    found: list[Trusted] = []
    sources = [(p, "programme") for p in sorted(paths.shipped_keys.glob("*.pub"))]
    sources += [(p, "added here") for p in sorted(added_dir(paths).glob("*.pub"))]
    own = own_files(paths)[1]
    if own.exists():
        sources.append((own, "this kiosk"))
    seen: set[bytes] = set()
    for path, origin in sources:
        try:
            raw = raw_public(load_public(path))
        except KeyError_:
            continue
        if raw not in seen:
            seen.add(raw)
            found.append(Trusted(fingerprint(raw), raw, origin, path))
    return found


def add_trusted(paths: Paths, pub: Path) -> Trusted:
    raw = raw_public(load_public(pub))
    fp = fingerprint(raw)
    folder = added_dir(paths)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{fp}.pub"
    tmp = folder / f".{fp}.part"
    tmp.write_bytes(public_pem(Ed25519PublicKey.from_public_bytes(raw)))
    os.replace(tmp, target)
    return Trusted(fp, raw, "added here", target)


def remove_trusted(paths: Paths, fp: str) -> bool:
    """Only keys added here can be removed; the programme's key ships with the kiosk."""
    target = added_dir(paths) / f"{fp}.pub"
    if target.exists():
        target.unlink()
        return True
    return False
