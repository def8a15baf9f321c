"""The facilitator's status report: what was skipped and why, the log's state, voice coverage."""

from __future__ import annotations

from kiosk.core.content import Library
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
        lines.append("\nServicios de ayuda sin fecha de verificación (llame o consulte antes de "
                     f"confiar en ellos): {', '.join(unchecked)}")
    lines.append(f"\nRegistro de uso: {usage.written} eventos guardados en esta sesión, "
                 f"{usage.pending} esperando.")
    if usage.status:
        lines.append(f"  ATENCIÓN: {usage.status}")
    for warning in usage.warnings:
        lines.append(f"  ATENCIÓN: {warning}")
    lines.append("\nVoces (recorded = grabadas, synthetic = sintéticas, stale = de un texto anterior, "
                 "missing = sin clip, se sintetizan en vivo):")
    lines.append(voices)
    drafts = sorted({lang for statuses in library.statuses.values()
                     for lang, st in statuses.items() if st.status == "draft"})
    if drafts:
        lines.append(f"\nTraducciones en borrador (sin revisión de la comunidad): {', '.join(drafts)}")
    return "\n".join(lines)
