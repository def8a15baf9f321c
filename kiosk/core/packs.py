"""Recording packs: voices recorded at one centre, carried to other kiosks as one zip file.

A pack holds ``<lang>/recorded/<key>.<hash>.ogg`` files and each folder's ``manifest.json``.
Import trusts nothing: every name must be a clip name or a manifest, in a known language, with no
path tricks (absolute paths, ``..``, links), within size limits; every clip needs a manifest
entry with a pseudonym and consent. Files are written to a temporary name and renamed into place,
so a pulled-out USB stick leaves no half-written clip. Pure Python: no Qt.
"""

from __future__ import annotations

import json
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kiosk.core.audio import manifest
from kiosk.core.model import LANGUAGES
from kiosk.paths import remove_file, replace_file

MAX_FILE_BYTES = 20_000_000
MAX_PACK_BYTES = 2_000_000_000
MAX_FILES = 20_000


class PackError(Exception):
    """The pack is refused as a whole: nothing was installed."""


@dataclass
class ImportResult:
    installed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # with the reason


def export_recordings(root: Path, pack: Path) -> int:
    """Zip every recorded clip under ``root`` (with its manifest entry). Returns the clip count."""
    count = 0
    tmp = pack.with_name(pack.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as zf:
        for lang in LANGUAGES:
            folder = root / lang / "recorded"
            entries = manifest.load(folder)
            keep: dict[str, dict[str, object]] = {}
            for versions in manifest.clip_files(folder).values():
                for _digest, path in versions:
                    if path.name in entries:
                        zf.write(path, f"{lang}/recorded/{path.name}")
                        keep[path.name] = entries[path.name]
                        count += 1
            if keep:
                doc = {"format": manifest.FORMAT, "lang": lang, "kind": "recorded", "clips": keep}
                zf.writestr(f"{lang}/recorded/{manifest.MANIFEST_NAME}",
                            json.dumps(doc, ensure_ascii=False, indent=1))
    replace_file(tmp, pack)
    return count


def _member_parts(info: zipfile.ZipInfo) -> tuple[str, str]:
    name = info.filename
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise PackError(f"{name}: links are not allowed in a pack")
    path = PurePosixPath(name)
    if path.is_absolute() or "\\" in name or any(part in ("..", "") for part in path.parts) \
            or ":" in name:
        raise PackError(f"{name}: a path that leaves the pack's folder is not allowed")
    if len(path.parts) != 3 or path.parts[0] not in LANGUAGES or path.parts[1] != "recorded":
        raise PackError(f"{name}: a pack holds only <language>/recorded/<clip> files")
    if info.file_size > MAX_FILE_BYTES:
        raise PackError(f"{name}: {info.file_size} bytes is more than a clip can be")
    return path.parts[0], path.parts[2]


def import_recordings(pack: Path, root: Path) -> ImportResult:
    """Install a pack's clips into ``root`` (the user recordings folder); see the module doc."""
    try:
        zf = zipfile.ZipFile(pack)
    except (OSError, zipfile.BadZipFile) as exc:
        raise PackError(f"{pack}: not a readable zip file ({exc})") from exc
    result = ImportResult()
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(infos) > MAX_FILES or sum(i.file_size for i in infos) > MAX_PACK_BYTES:
            raise PackError(f"{pack}: too many or too large files for a recording pack")
        by_lang: dict[str, dict[str, zipfile.ZipInfo]] = {}
        manifests: dict[str, dict[str, dict[str, object]]] = {}
        for info in infos:
            lang, name = _member_parts(info)
            if name == manifest.MANIFEST_NAME:
                try:
                    doc = json.loads(zf.read(info).decode("utf-8"))
                    clips = doc["clips"]
                    assert isinstance(clips, dict)
                except RecursionError:
                    raise PackError(f"{info.filename}: not a valid manifest (nested too deeply)") from None
                except (ValueError, KeyError, TypeError, AssertionError, UnicodeDecodeError) as exc:
                    raise PackError(f"{info.filename}: not a valid manifest ({exc})") from exc
                manifests[lang] = clips
            elif manifest.parse_clip_name(name) is None:
                raise PackError(f"{info.filename}: not a clip name (<key>.<hash>.ogg)")
            else:
                by_lang.setdefault(lang, {})[name] = info
        for lang, clips in by_lang.items():
            entries = manifests.get(lang, {})
            folder = root / lang / "recorded"
            added: dict[str, dict[str, object]] = {}
            for name, info in sorted(clips.items()):
                entry = entries.get(name)
                problems = manifest.problems(entry) if isinstance(entry, dict) else ["no manifest entry"]
                if isinstance(entry, dict) and entry.get("source") != "recorded":
                    problems.append("not a recording")
                if problems:
                    result.skipped.append(f"{lang}/recorded/{name}: {'; '.join(problems)}")
                    continue
                folder.mkdir(parents=True, exist_ok=True)
                tmp = folder / f".{name}.part"
                tmp.write_bytes(zf.read(info))
                replace_file(tmp, folder / name)
                added[name] = dict(entry)  # type: ignore[arg-type]
                result.installed.append(f"{lang}/recorded/{name}")
            if added:
                parsed = {manifest.parse_clip_name(n)[0]: n for n in added}  # type: ignore[index]
                older = [p.name for key, versions in manifest.clip_files(folder).items()
                         if key in parsed for _h, p in versions if p.name != parsed[key]]
                for other in older:
                    remove_file(folder / other)
                manifest.update(folder, lang, "recorded", added, remove=older)
    return result
