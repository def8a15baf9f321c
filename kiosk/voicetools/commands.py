"""``kiosk voices render | report | check | add | export | import``: the command-line handlers.

Each handler takes the parsed arguments and the install's ``Paths`` and returns the exit status.
The work is done in ``render``, ``checking``, ``recording`` and ``kiosk.core.packs``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kiosk.core.audio.coverage import coverage, format_report, text_groups
from kiosk.core.audio.voices import SYNTH_VOICES
from kiosk.paths import Paths
from kiosk.voicetools import dsp
from kiosk.voicetools.checking import check_clips
from kiosk.voicetools.recording import save_recording
from kiosk.voicetools.render import load, render_clips


def _render_cmd(args: argparse.Namespace, paths: Paths) -> int:
    bad = [lang for lang in (args.lang or []) if lang not in SYNTH_VOICES]
    if bad:
        print(f"no synthetic voice for {', '.join(bad)}; use {', '.join(SYNTH_VOICES)}", file=sys.stderr)
        return 2
    library = load(paths)
    known = {group for group, _texts in text_groups(library)}  # lessons, prompts, help, exercise:<id>…
    unknown = [m for m in (args.module or []) if m not in known]
    if unknown:
        print(f"unknown module {', '.join(unknown)}; known: {', '.join(sorted(known))}", file=sys.stderr)
        return 2
    result = render_clips(paths, args.lang, args.module, args.jobs, sys.stderr, library)
    for line in result.failed[:20]:
        print(f"failed: {line}", file=sys.stderr)
    print(result.summary())
    return 1 if result.failed else 0


def _report_cmd(args: argparse.Namespace, paths: Paths) -> int:
    cov = coverage(paths, load(paths))
    if args.json:
        print(json.dumps(cov, indent=1))
    else:
        print(format_report(cov))
    return 0


def _check_cmd(args: argparse.Namespace, paths: Paths) -> int:
    records = check_clips(paths, args.jobs, None if args.json else sys.stderr)
    bad = [r for r in records if r["problems"]]
    unvoiced = 0
    if args.complete:
        cov = coverage(paths, load(paths))
        unvoiced = sum(d["total"]["unvoiced"] for d in cov.values())
    if args.json:
        print(json.dumps({"clips": records, "failed": len(bad), "unvoiced": unvoiced}, indent=1))
    else:
        for r in bad:
            print(f"{r['path']}: {'; '.join(r['problems'])}")
        if records:
            worst_lead = max(r.get("leading_silence_ms", 0) for r in records)
            levels = [r["loudness_lufs"] for r in records if "loudness_lufs" in r]
            peaks = [r["peak_dbfs"] for r in records if "peak_dbfs" in r]
            print(f"checked {len(records)} clips: {len(bad)} failed; loudness {min(levels):.1f} to "
                  f"{max(levels):.1f} LUFS, highest peak {max(peaks):.2f} dBFS, longest leading "
                  f"silence {worst_lead} ms")
        else:
            print("checked 0 clips (none found)")
        if args.complete:
            print(f"{unvoiced} texts have no current clip" if unvoiced else "every text has a clip")
    return 1 if bad or unvoiced else 0


def _add_cmd(args: argparse.Namespace, paths: Paths) -> int:
    library = load(paths)
    text = library.text(args.key)
    words = text.get(args.lang) if text else None
    if not words:
        print(f"no text '{args.key}' in {args.lang}", file=sys.stderr)
        return 2
    root = paths.audio if args.bundled else paths.recordings
    try:
        path, entry = save_recording(Path(args.file), root, args.lang, args.key, words,
                                     args.speaker, args.role, args.consent)
    except (ValueError, RuntimeError, OSError) as exc:
        print(f"not added: {exc}", file=sys.stderr)
        return 1
    print(f"added {path} ({entry['duration_s']:.1f} s, {entry['loudness_lufs']:.1f} LUFS)")
    problems = dsp.failures(entry)
    for p in problems:
        print(f"warning: {p}", file=sys.stderr)
    return 0


def _export_cmd(args: argparse.Namespace, paths: Paths) -> int:
    from kiosk.core.packs.commands import voices_export  # a pack signed with this kiosk's own key

    return voices_export(paths, Path(args.pack), sys.stdout, sys.stderr)


def _import_cmd(args: argparse.Namespace, paths: Paths) -> int:
    from kiosk.core.packs.commands import voices_import  # only if the signer is trusted here

    return voices_import(paths, Path(args.pack), sys.stdout, sys.stderr)


COMMANDS = {"render": _render_cmd, "report": _report_cmd, "check": _check_cmd, "add": _add_cmd,
            "export": _export_cmd, "import": _import_cmd}


def voices_command(args: argparse.Namespace, paths: Paths) -> int:
    return COMMANDS[args.voices_command](args, paths)

