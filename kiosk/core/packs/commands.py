"""``kiosk pack keygen|build|verify|install|rollback|list|trust`` and ``kiosk voices export|import``.

Each refusal is one line on stderr and a non-zero exit status; never a traceback.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from kiosk.core.audio import manifest as clip_manifest
from kiosk.core.model import LANGUAGES
from kiosk.core.packs import fmt, install, keys
from kiosk.core.packs.fmt import PackError
from kiosk.core.packs.verify import verify
from kiosk.paths import Paths


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    pack = sub.add_parser("pack", help="signed packs of content and voices")
    psub = pack.add_subparsers(dest="pack_command", required=True)
    keygen = psub.add_parser("keygen", help="make a programme key pair (on the programme's computer)")
    keygen.add_argument("base", help="writes BASE.key (private, keep it off kiosks) and BASE.pub")
    build = psub.add_parser("build", help="sign a folder holding content/… and audio/… into a pack")
    build.add_argument("folder")
    build.add_argument("--key", required=True, help="the private key (BASE.key)")
    build.add_argument("--name", help="the pack's name (default: the folder's name)")
    build.add_argument("--note", default="", help="what changed, in one line")
    build.add_argument("out", help="the zip to write")
    ver = psub.add_parser("verify", help="check a pack's signature and members without installing")
    ver.add_argument("pack")
    ver.add_argument("--pub", help="check against this public key instead of the trusted ones")
    inst = psub.add_parser("install", help="install a pack signed by a trusted key")
    inst.add_argument("pack")
    psub.add_parser("rollback", help="go back to what was installed before the last install")
    psub.add_parser("list", help="installed packs and trusted keys")
    trust = psub.add_parser("trust", help="trust another public key (e.g. another kiosk's voices)")
    trust.add_argument("pub", help="a public key file (.pub)")


def pack_command(args: argparse.Namespace, paths: Paths, out: TextIO, err: TextIO) -> int:
    try:
        return _run(args, paths, out)
    except (PackError, keys.KeyError_) as exc:
        print(f"refused: {exc}", file=err)
        return 1
    except OSError as exc:
        print(f"refused: {getattr(exc, 'filename', '') or ''}: {exc.strerror or exc}", file=err)
        return 1


def _run(args: argparse.Namespace, paths: Paths, out: TextIO) -> int:
    cmd = args.pack_command
    if cmd == "keygen":
        private, public, fp = keys.keygen(Path(args.base))
        print(f"key {fp}: private {private} (keep it offline, never on a kiosk), public {public}", file=out)
        return 0
    if cmd == "build":
        folder = Path(args.folder)
        doc = fmt.build(folder, Path(args.key), Path(args.out), args.name or folder.resolve().name, args.note)
        print(f"{args.out}: pack '{doc['name']}', {len(doc['members'])} members, signed", file=out)
        return 0
    if cmd == "verify":
        if args.pub:
            raw = keys.raw_public(keys.load_public(Path(args.pub)))
            trusted = [keys.Trusted(keys.fingerprint(raw), raw, "given", Path(args.pub))]
        else:
            trusted = keys.trusted(paths)
        checked = verify(Path(args.pack), trusted)
        print(f"{args.pack}: good: pack '{checked.manifest['name']}', {len(checked.members)} members, "
              f"signed by {checked.signer.fingerprint} ({checked.signer.origin})", file=out)
        return 0
    if cmd == "install":
        return _install(paths, Path(args.pack), out)
    if cmd == "rollback":
        print(f"rolled back; now in use: {install.rollback(paths)}", file=out)
        return 0
    if cmd == "trust":
        t = keys.add_trusted(paths, Path(args.pub))
        print(f"now trusted: {t.fingerprint}", file=out)
        return 0
    print(install.describe(paths), file=out)
    return 0


def _install(paths: Paths, pack: Path, out: TextIO) -> int:
    record = install.install(paths, pack)
    print(f"{pack.name}: installed pack '{record['name']}' signed by {record['signer']} "
          f"({len(record['members'])} files); the kiosk uses it from its next start", file=out)
    return 0


def voices_export(paths: Paths, out_file: Path, out: TextIO, err: TextIO) -> int:
    """Every recording made here, in a pack signed with this kiosk's own key (made on first use)."""
    files: list[tuple[str, Path]] = []
    for lang in LANGUAGES:
        folder = paths.recordings / lang / "recorded"
        entries = clip_manifest.load(folder)
        keep = {}
        for versions in clip_manifest.clip_files(folder).values():
            for _digest, path in versions:
                if path.name in entries:
                    files.append((f"audio/{lang}/recorded/{path.name}", path))
                    keep[path.name] = entries[path.name]
        if keep:
            files.append((f"audio/{lang}/recorded/{clip_manifest.MANIFEST_NAME}",
                          clip_manifest.manifest_path(folder)))
    if not files:
        print(f"refused: {out_file.name}: no recordings made here to export", file=err)
        return 1
    try:
        private = keys.own_key(paths)
        fp = keys.fingerprint(keys.raw_public(private.public_key()))
        fmt.build_from(files, private, out_file, f"voces-{fp[:4].lower()}{fp[5:9].lower()}",
                       "recordings made at another kiosk")
    except (PackError, keys.KeyError_, OSError) as exc:
        print(f"refused: {exc}", file=err)
        return 1
    clips = sum(1 for rel, _ in files if not rel.endswith(clip_manifest.MANIFEST_NAME))
    print(f"{clips} recordings written to {out_file}, signed by this kiosk's key {fp}; another kiosk "
          f"imports them once it trusts that key (kiosk pack trust {keys.own_files(paths)[1]})", file=out)
    return 0


def voices_import(paths: Paths, pack: Path, out: TextIO, err: TextIO) -> int:
    """The same install as ``kiosk pack install``: only a pack signed by a trusted key."""
    try:
        return _install(paths, pack, out)
    except (PackError, keys.KeyError_) as exc:
        print(f"refused, nothing installed: {exc}", file=err)
        return 1
