"""SHA-1 and BLAKE2b from Python's built-in modules, not ``hashlib``.

``hashlib`` loads and sets up OpenSSL: ~2.5 ms of start-up and ~2 MiB of the kiosk's memory before
the first screen (bench/README.md, measures 1 and 7). Nothing here protects a secret: these name
clips, fingerprint reviewed texts and check cache lines. Signatures use ``cryptography``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the same interface, typed
    from hashlib import blake2b, sha1
else:
    try:
        from _blake2 import blake2b
        from _sha1 import sha1
    except ImportError:  # pragma: no cover (a Python built without them)
        from hashlib import blake2b, sha1

__all__ = ["blake2b", "sha1"]
