"""The facilitator's status report: what was skipped and why, the log's state, voice coverage."""

from __future__ import annotations

from kiosk.core.content import Library
from kiosk.core.model import LANGUAGES
from kiosk.core.settings import Settings
from kiosk.core.usage.log import UsageLog


def facilitator_report(library: Library, settings: Settings, usage: UsageLog, voices: str) -> str:
    """``voices`` is the coverage table of ``kiosk voices report`` (recorded, synthetic, stale,
    missing and minutes per language and part)."""
    lines = [f"Lecciones cargadas: {len(library.modules)}; "
             f"servicios de ayuda: {len(library.help)}."]
    errors = library.errors
    if errors:
        lines.append(f"\nArchivos con errores (no se muestran), {len(errors)}:")
        lines += [f"  {p}" for p in errors]
    if settings.problems:
        lines.append("\nAjustes con problemas (se usa el valor por defecto):")
        lines += [f"  {p}" for p in settings.problems]
    unchecked = [h.name for h in library.help if h.checked is None]
    if unchecked:
        lines.append("\nServicios de ayuda nunca confirmados por una persona (llame al número antes "
                     f"de confiar en él y confírmelo): {'; '.join(unchecked)}")
    lines.append(f"\nRegistro de uso: {usage.written} eventos guardados en esta sesión, "
                 f"{usage.pending} esperando.")
    if usage.status:
        lines.append(f"  ATENCIÓN: {usage.status}")
    for warning in usage.warnings:
        lines.append(f"  ATENCIÓN: {warning}")
    lines.append("\nVoces (recorded = grabadas, synthetic = sintéticas, stale = de un texto anterior, "
                 "missing = sin clip, se sintetizan en vivo):")
    lines.append(voices)
    lines.append("\nTextos revisados por la comunidad (los demás son borradores):")
    pairs = library.texts_with_files()
    for lang in LANGUAGES:
        texts = [(t, f) for t, f in pairs if t.get(lang)]
        done = sum(1 for t, f in texts if library.is_reviewed(t, lang, f))
        lines.append(f"  {lang}: {done} de {len(texts)}")
    return "\n".join(lines)
