"""The facilitator's status report: what was skipped and why, the log's state, voice coverage —
in the facilitator's language (``content/staff.yaml``); file names, fields and reasons as found."""

from __future__ import annotations

from kiosk.core.content import Library
from kiosk.core.content.staff import StaffTexts
from kiosk.core.model import LANGUAGES
from kiosk.core.settings import Settings
from kiosk.core.usage.log import UsageLog


def facilitator_report(library: Library, settings: Settings, usage: UsageLog, voices: str,
                       words: StaffTexts | None = None) -> str:
    """``voices`` is the coverage table of ``kiosk voices report`` (recorded, synthetic, stale,
    missing and minutes per language and part)."""
    say = words or StaffTexts()
    lines = [say("staff.report.loaded", lessons=len(library.modules), help=len(library.help))]
    errors = library.errors
    if errors:
        lines.append("\n" + say("staff.report.errors", n=len(errors)))
        lines += [f"  {p}" for p in errors]
    if settings.problems:
        lines.append("\n" + say("staff.report.settings"))
        lines += [f"  {p}" for p in settings.problems]
    unchecked = [h.name for h in library.help if h.checked is None]
    if unchecked:
        lines.append("\n" + say("staff.report.unchecked", names="; ".join(unchecked)))
    lines.append("\n" + say("staff.report.usage", written=usage.written, pending=usage.pending))
    for warning in ([usage.status] if usage.status else []) + list(usage.warnings):
        lines.append("  " + say("staff.report.warning", why=warning))
    lines.append("\n" + say("staff.report.voices"))
    lines.append(voices)
    lines.append("\n" + say("staff.report.reviewed"))
    pairs = library.texts_with_files()
    for lang in LANGUAGES:
        texts = [(t, f) for t, f in pairs if t.get(lang)]
        done = sum(1 for t, f in texts if library.is_reviewed(t, lang, f))
        lines.append("  " + say("staff.report.reviewed_lang", lang=say(f"staff.lang.{lang}"), done=done,
                                n=len(texts)))
    return "\n".join(lines)
