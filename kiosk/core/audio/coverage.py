"""What speaks every text: recorded, synthetic, stale or missing clips, per language and part.

One count for `kiosk voices report`, `kiosk content check` and the facilitator panel, so they can
never disagree. Pure Python (no Qt, no numpy): durations come from the clip manifests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from kiosk.core.audio import manifest
from kiosk.core.audio.voices import clip_words, text_hash
from kiosk.core.content import Library
from kiosk.core.model import LANGUAGES, Text
from kiosk.paths import Paths

LANGUAGE_SELF = "prompt.language.self"  # each language's own name, only ever said in it
GROUP_PROMPTS, GROUP_HELP = "prompts", "help"


def text_groups(library: Library) -> list[tuple[str, list[Text]]]:
    """The library's texts by where they are spoken: prompts, each module, the help directory."""
    groups = [(GROUP_PROMPTS, list(library.prompts.values()))]
    groups += [(m.id, list(m.texts())) for m in library.modules]
    groups.append((GROUP_HELP, [h.say for h in library.help]))
    if library.attitudes:
        groups.append(("attitudes", list(library.attitudes.texts())))
    groups += [(f"exercise:{e.id}", list(e.texts())) for e in library.exercises]  # the practice phone
    return groups


def _unique(roots: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for root in roots:
        if root not in out:
            out.append(root)
    return out


def synthetic_roots(paths: Paths) -> list[Path]:
    """Same order as the kiosk's ``Voices(audio_dirs=…)``: rendered here first, then bundled."""
    packs = [folder for folder, _origin in paths.pack_audio()]
    return _unique([*packs, paths.rendered_audio, paths.audio])


def recorded_roots(paths: Paths) -> list[Path]:
    packs = [folder for folder, _origin in paths.pack_audio()]
    return _unique([paths.recordings, *packs, paths.rendered_audio, paths.audio])


COLUMNS = ("texts", "recorded", "synthetic", "stale", "missing", "untranslated", "minutes")


def _row() -> dict[str, Any]:
    return {"texts": 0, "recorded": 0, "synthetic": 0, "stale": 0, "missing": 0,
            "untranslated": 0, "minutes": 0.0, "unvoiced": 0, "stale_recorded": 0}


class _Index:
    """Clip files by (lang, kind) → key → [(hash, path)], over several roots."""

    def __init__(self, roots: dict[str, list[Path]]) -> None:
        self.roots = roots
        self.cache: dict[tuple[str, str], dict[str, list[tuple[str, Path]]]] = {}
        self.manifests: dict[Path, dict[str, dict[str, Any]]] = {}

    def clips(self, lang: str, kind: str, key: str) -> list[tuple[str, Path]]:
        if (lang, kind) not in self.cache:
            merged: dict[str, list[tuple[str, Path]]] = {}
            for root in self.roots[kind]:
                for k, found in manifest.clip_files(root / lang / kind).items():
                    merged.setdefault(k, []).extend(found)
            self.cache[(lang, kind)] = merged
        return self.cache[(lang, kind)].get(key, [])

    def duration(self, path: Path) -> float:
        folder = path.parent
        if folder not in self.manifests:
            self.manifests[folder] = manifest.load(folder)
        seconds = self.manifests[folder].get(path.name, {}).get("duration_s")
        if isinstance(seconds, (int, float)):
            return float(seconds)
        try:
            import soundfile  # only for a clip without a manifest entry

            return float(soundfile.info(str(path)).duration)
        except Exception:
            return 0.0


def coverage(paths: Paths, library: Library, langs: Iterable[str] | None = None) -> dict[str, Any]:
    """Per language: a total row and one per group (prompts, each module, help).

    Each (text, language) counts once: *recorded* (a recording of the current text), else *stale*
    (only clips of an older text; or a recording of an older text, even while a synthetic clip
    covers it: it needs recording again), else *synthetic*, else *missing*. *untranslated* texts
    have no version in that language (the kiosk says them in the fallback language)."""
    index = _Index({"recorded": recorded_roots(paths), "synthetic": synthetic_roots(paths)})
    out: dict[str, Any] = {}
    origin_of = _origins(paths)
    for lang in langs or LANGUAGES:
        total = _row()
        origins: dict[str, int] = {}
        clips: dict[str, str] = {}
        groups: dict[str, dict[str, Any]] = {}
        for group, texts in text_groups(library):
            row = groups.setdefault(group, _row())
            for text in texts:
                words = text.get(lang)
                if not words:
                    if text.key != LANGUAGE_SELF:
                        row["untranslated"] += 1
                    continue
                row["texts"] += 1
                digest = text_hash(words)
                spoken = text_hash(clip_words(words, lang, "synthetic"))
                rec = index.clips(lang, "recorded", text.key)
                syn = index.clips(lang, "synthetic", text.key)
                cur_rec = next((p for h, p in rec if h == digest), None)
                cur_syn = next((p for h, p in syn if h == spoken), None)
                playing = cur_rec or cur_syn
                if cur_rec:
                    row["recorded"] += 1
                elif rec or (syn and not cur_syn):
                    row["stale"] += 1
                    row["stale_recorded"] += bool(rec)
                elif cur_syn:
                    row["synthetic"] += 1
                else:
                    row["missing"] += 1
                if playing:
                    row["minutes"] += index.duration(playing) / 60
                    label = origin_of(playing)
                    origins[label] = origins.get(label, 0) + 1
                    clips[playing.name] = label
                else:
                    row["unvoiced"] += 1
        for row in groups.values():
            for name, value in row.items():
                total[name] += value
            row["minutes"] = round(row["minutes"], 2)
        total["minutes"] = round(total["minutes"], 2)
        out[lang] = {"total": total, "groups": groups, "origins": origins, "clips": clips}
    return out


def _origins(paths: Paths) -> Any:
    """Where each playing clip came from: shipped, recorded here, rendered here, pack from key X."""
    packs = paths.pack_audio()
    others = [(paths.recordings, "recorded here"), (paths.rendered_audio, "rendered here")]

    def origin(clip: Path) -> str:
        for folder, label in [*packs, *others]:
            if clip.is_relative_to(folder):
                return label
        return "shipped"

    return origin


def format_report(cov: dict[str, Any], words: Callable[[str], str] | None = None) -> str:
    """The coverage table; ``words`` names its columns (the facilitator's panel gives them in
    the facilitator's language; the command line keeps these English ones)."""
    w = words or (lambda name: name)
    lines = []
    head = f"{w('lang'):<5} {w('group'):<28}" + "".join(f"{w(c):>13}" for c in COLUMNS)
    for lang, data in cov.items():
        lines.append(head)
        for group, row in data["groups"].items():
            lines.append(f"{lang:<5} {group:<28}" + "".join(f"{row[c]:>13}" for c in COLUMNS))
        tot = data["total"]
        lines.append(f"{lang:<5} {w('TOTAL'):<28}" + "".join(f"{tot[c]:>13}" for c in COLUMNS))
        lines.append("")
    for lang, data in cov.items():
        t = data["total"]
        lines.append(f"{lang}: {t['texts']} {w('texts')}: {t['recorded']} {w('recorded')}, "
                     f"{t['synthetic']} {w('synthetic')}, {t['stale']} {w('stale')}, "
                     f"{t['missing']} {w('missing')}, {t['untranslated']} {w('untranslated')}; "
                     f"{t['minutes']:.1f} {w('minutes')}")
        if data.get("origins"):
            lines.append(f"{lang}: {w('clips from')}: " + "; ".join(
                f"{label} {n}" for label, n in sorted(data["origins"].items())))
    return "\n".join(lines)
