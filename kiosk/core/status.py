"""The facilitator's status report: what was skipped and why, the log's state, voice coverage."""

from __future__ import annotations

from kiosk.core.content import LANGUAGES, Library
from kiosk.core.settings import Settings
from kiosk.core.usage import UsageLog
from kiosk.core.voices import Voices


def voice_coverage(library: Library, voices: Voices) -> dict[str, dict[str, int]]:
    """Per language: texts with a recorded clip, a pre-rendered one, or only live synthesis."""
    result: dict[str, dict[str, int]] = {}
    for lang in LANGUAGES:
        counts = {"recorded": 0, "synthetic": 0, "live": 0, "no text": 0}
        for text in library.all_texts():
            words = text.get(lang)
            if not words:
                counts["no text"] += 1
            elif voices.find_clip(text.key, lang, words, "recorded"):
                counts["recorded"] += 1
            elif voices.find_clip(text.key, lang, words, "synthetic"):
                counts["synthetic"] += 1
            else:
                counts["live"] += 1
        result[lang] = counts
    return result


def facilitator_report(library: Library, settings: Settings, usage: UsageLog, voices: Voices) -> str:
    lines = [f"Lecciones cargadas: {len(library.modules)}; "
             f"servicios de ayuda: {len(library.help)}."]
    errors = library.errors
    if errors:
        lines.append(f"\nArchivos con errores (no se muestran), {len(errors)}:")
        lines += [f"  {p}" for p in errors]
    if settings.problems:
        lines.append("\nAjustes con problemas (se usa el valor por defecto):")
        lines += [f"  {p}" for p in settings.problems]
    lines.append(f"\nRegistro de uso: {usage.written} eventos guardados en esta sesión, "
                 f"{usage.pending} esperando.")
    if usage.status:
        lines.append(f"  ATENCIÓN: {usage.status}")
    lines.append("\nVoces por idioma (grabada / pre-generada / sintética en vivo / sin texto):")
    for lang, c in voice_coverage(library, voices).items():
        lines.append(f"  {lang}: {c['recorded']} / {c['synthetic']} / {c['live']} / {c['no text']}")
    drafts = sorted({lang for statuses in library.statuses.values()
                     for lang, st in statuses.items() if st.status == "draft"})
    if drafts:
        lines.append(f"\nTraducciones en borrador (sin revisión de la comunidad): {', '.join(drafts)}")
    return "\n".join(lines)
