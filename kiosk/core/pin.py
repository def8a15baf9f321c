"""The facilitator's PIN: stored only as a salted scrypt hash, never logged, with a lockout.

``<data>/pin.json`` holds the salt, the scrypt parameters, the hash, the count of wrong tries in
a row and until when the pad is locked. Five wrong tries lock it for 30 s; each further wrong
try doubles the wait, up to 15 min. The count and the lock live in the file, so a restart does
not clear them, and a clock set back does not shorten a wait. Nothing here logs or prints.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

FREE_TRIES = 5
FIRST_WAIT = 30.0
MAX_WAIT = 15 * 60.0
SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}
MIN_DIGITS, MAX_DIGITS = 4, 8


class Answer(NamedTuple):
    ok: bool
    wait: float  # seconds until the next try is allowed (0: now)


def valid(pin: str) -> bool:
    return pin.isascii() and pin.isdigit() and MIN_DIGITS <= len(pin) <= MAX_DIGITS


def _hash(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    import hashlib  # OpenSSL's: only when a PIN is set or checked, never at start-up

    return hashlib.scrypt(pin.encode("ascii"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32)


class PinStore:
    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.clock = clock

    def _load(self) -> dict[str, object]:
        try:
            doc = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return doc if isinstance(doc, dict) else {}

    def _save(self, doc: dict[str, object]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".part")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(doc, f)
        os.replace(tmp, self.path)

    @property
    def is_set(self) -> bool:
        return isinstance(self._load().get("hash"), str)

    def set(self, pin: str) -> None:
        if not valid(pin):
            raise ValueError(f"a PIN is {MIN_DIGITS} to {MAX_DIGITS} digits")
        import secrets  # imports hmac, which loads OpenSSL: not at start-up

        salt = secrets.token_bytes(16)
        doc = self._load()  # a lockout under way stays
        doc.update({"salt": salt.hex(), **SCRYPT, "hash": _hash(pin, salt, **SCRYPT).hex()})
        self._save(doc)

    def wait(self) -> float:
        doc = self._load()
        now = self.clock()
        last = float(doc.get("last", 0.0) or 0.0)  # type: ignore[arg-type]
        until = float(doc.get("until", 0.0) or 0.0)  # type: ignore[arg-type]
        if now < last:  # the clock went back: the whole wait starts again from now
            until = now + (until - last)
        return max(0.0, until - now)

    def check(self, pin: str) -> Answer:
        """Right or wrong, and how long until the next try. While locked, the PIN is not even tried."""
        wait = self.wait()
        if wait > 0:
            return Answer(False, wait)
        doc = self._load()
        try:
            salt = bytes.fromhex(str(doc["salt"]))
            expected = bytes.fromhex(str(doc["hash"]))
            n, r, p = (int(str(doc[k])) for k in ("n", "r", "p"))
            got = _hash(pin, salt, n, r, p)
        except (KeyError, ValueError, TypeError, UnicodeEncodeError):
            got, expected = b"", b"x"
        import hmac

        now = self.clock()
        if hmac.compare_digest(got, expected):
            doc.update({"failures": 0, "until": 0.0, "last": now})
            self._save(doc)
            return Answer(True, 0.0)
        failures = int(doc.get("failures", 0) or 0) + 1  # type: ignore[call-overload]
        wait = 0.0 if failures < FREE_TRIES else min(MAX_WAIT, FIRST_WAIT * 2 ** (failures - FREE_TRIES))
        doc.update({"failures": failures, "until": now + wait, "last": now})
        self._save(doc)
        return Answer(False, wait)
