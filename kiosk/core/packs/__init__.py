"""Signed packs: the one way anything the kiosk says changes after it is installed.

fmt (members and manifest, ``build``), keys (Ed25519 via ``cryptography``), verify (everything
checked before a byte is unpacked), media (clip and picture headers), install (stage, check,
atomic switch, rollback), commands (``kiosk pack …`` and ``kiosk voices export|import``).
See docs/decisions/012-packs-signing.md.
"""

from kiosk.core.packs.fmt import PackError

__all__ = ["PackError"]
