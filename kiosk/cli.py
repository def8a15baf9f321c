"""Command line: ``kiosk`` (run), ``kiosk content check``, ``kiosk voices …``, ``kiosk pack …``,
``kiosk pin set``; internal: ``kiosk speech-worker``, ``kiosk save-recording`` (the studio's child
process) and ``kiosk svg-probe`` (the checker's)."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from kiosk.paths import Paths

# What `kiosk voices …` needs beyond the kiosk: the `[authoring]` extra, left out of the bundle.
AUTHORING = frozenset({"numpy", "scipy", "soundfile", "pyloudnorm", "pylabeador", "pyphen"})

if TYPE_CHECKING:
    import argparse


def _parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(prog="kiosk", description="Willay learning kiosk")
    parser.add_argument("--data-dir", help="user data folder (usage log, settings, recordings); "
                        "default $WILLAY_DATA_DIR or ~/.local/share/willay")
    parser.add_argument("--content-dir", help="content folder (default: the bundled content/)")
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser("run", help="start the kiosk (the default)")
    run.add_argument("--window", action="store_true", help="a normal window instead of full screen")
    content = sub.add_parser("content", help="content tools")
    csub = content.add_subparsers(dest="content_command", required=True)
    check = csub.add_parser("check", help="validate content; file:line: field: message")
    check.add_argument("path", nargs="?", help="content folder (default: the bundled content/)")
    check.add_argument("--json", action="store_true", help="machine-readable output")
    check.add_argument("--no-render", action="store_true",
                       help="skip timing Qt's renderer on every picture (the static budget still applies)")
    sheet = csub.add_parser("review-sheet", help="a CSV sheet of every text of a language for a "
                            "community reviewer (Spanish beside it, key, clip, verdict/role/date to fill)")
    sheet.add_argument("--lang", required=True, choices=("es", "qu", "ay"))
    sheet.add_argument("out", help="the .csv file to write")
    apply = csub.add_parser("review-apply", help="mark the texts a filled sheet says ok as reviewed "
                            "(role and date, never a name); nothing is applied if a row is wrong")
    apply.add_argument("sheet", help="the filled .csv sheet")
    voices = sub.add_parser("voices", help="render and report the clips that speak every text")
    vsub = voices.add_subparsers(dest="voices_command", required=True)
    render = vsub.add_parser("render", help="render missing or stale synthetic clips")
    render.add_argument("--lang", action="append", help="only this language (repeatable)")
    render.add_argument("--module", action="append", help="only this module id (repeatable)")
    render.add_argument("--jobs", type=int, default=0, help="parallel speech processes (default: cores)")
    report = vsub.add_parser("report", help="recorded / synthetic / stale / missing per language and module")
    report.add_argument("--json", action="store_true", help="machine-readable output")
    vcheck = vsub.add_parser("check", help="decode every clip: loudness, peak, leading silence")
    vcheck.add_argument("--json", action="store_true", help="machine-readable output")
    vcheck.add_argument("--jobs", type=int, default=0, help="parallel processes (default: cores)")
    vcheck.add_argument("--complete", action="store_true",
                        help="also fail if a text in some language has no current clip")
    vadd = vsub.add_parser("add", help="add a recording made by hand (WAV, FLAC, OGG or MP3)")
    vadd.add_argument("file", help="the recording")
    vadd.add_argument("--key", required=True, help="text key, e.g. prompt.home.arrive")
    vadd.add_argument("--lang", required=True, choices=("es", "qu", "ay"))
    vadd.add_argument("--speaker", required=True, help="a pseudonym such as voz-07, never a real name")
    vadd.add_argument("--role", required=True, help="the speaker's role, e.g. 'promotora de salud'")
    vadd.add_argument("--consent", required=True, help="how consent was given, e.g. 'oral, recorded'")
    vadd.add_argument("--bundled", action="store_true",
                      help="save into the install's audio/ folder (to commit) instead of user recordings")
    export = vsub.add_parser("export", help="put this kiosk's recordings in one zip for other kiosks")
    export.add_argument("pack", help="the zip file to write")
    imp = vsub.add_parser("import", help="install the recordings of a pack made by 'voices export'")
    imp.add_argument("pack", help="the zip file to read")
    usage = sub.add_parser("usage", help="anonymous statistics: export, merge, report")
    usub = usage.add_subparsers(dest="usage_command", required=True)
    uexp = usub.add_parser("export", help="counts per period with small counts suppressed")
    uexp.add_argument("out", help="the file to write (e.g. a USB stick)")
    uexp.add_argument("--period", choices=("week", "month", "quarter"), default="month")
    uexp.add_argument("--k", type=int, default=None,
                      help="suppress counts from 1 to k-1 (default: settings.json's suppression_k; "
                           "never lower)")
    uexp.add_argument("--format", choices=("sqlite", "csv", "dhis2-json", "dhis2-csv"),
                      default="sqlite", help="sqlite (Datasette, merge), csv (Excel), DHIS2 dataValueSets")
    umerge = usub.add_parser("merge", help="add up exports from several kiosks")
    umerge.add_argument("out", help="the merged file to write")
    umerge.add_argument("inputs", nargs="+", help="export files")
    usub.add_parser("rollup", help="fold an old event log into counts (done at every start too)")
    ureport = usub.add_parser("report", help="a PDF report, one page per month")
    ureport.add_argument("out", help="the PDF to write")
    ureport.add_argument("--k", type=int, default=None)
    from kiosk.core.packs.commands import add_parser as add_pack_parser

    add_pack_parser(sub)
    pin = sub.add_parser("pin", help="the facilitator's PIN")
    pinsub = pin.add_subparsers(dest="pin_command", required=True)
    pinset = pinsub.add_parser("set", help="set or change the PIN (4 to 8 digits; asked twice, not shown)")
    pinset.add_argument("--stdin", action="store_true", help="read the PIN from one line of stdin")
    sub.add_parser("self-test", help="check this install can show, speak, play and log")
    sub.add_parser("speech-worker", help=argparse.SUPPRESS)
    probe = sub.add_parser("svg-probe", help=argparse.SUPPRESS)
    probe.add_argument("files", nargs="*")
    sub.add_parser("save-recording", help=argparse.SUPPRESS)
    return parser


def _usage(args: argparse.Namespace, paths: Paths) -> int:
    import sqlite3
    from pathlib import Path

    from kiosk.core.settings import load_settings
    from kiosk.core.usage import formats

    settings = load_settings(paths.settings)  # the facilitator's threshold and org unit
    try:
        if getattr(args, "k", None) is None:
            args.k = settings.suppression_k
        elif args.k < settings.suppression_k:
            raise formats.ExportError(f"--k: settings.json sets {settings.suppression_k}; "
                                      "it can only be raised")
        if args.usage_command != "merge" and not paths.database.exists():
            raise formats.ExportError(f"{paths.database}: no usage log")
        if args.usage_command == "export":
            result = formats.export(paths.database, Path(args.out), paths.data, period=args.period,
                                    k=args.k, fmt=args.format, org_unit=settings.dhis2_org_unit)
            print(f"{result['cells']} counts per {args.period} written to {args.out} "
                  f"(counts under {args.k} and what would reveal them left out)")
        elif args.usage_command == "merge":
            result = formats.merge([Path(p) for p in args.inputs], Path(args.out))
            print(f"{result['kiosks']} kiosks, {result['cells']} counts merged into {args.out}")
        elif args.usage_command == "report":
            from kiosk.ui.report import write_report

            pages = write_report(paths.database, Path(args.out), k=args.k)
            print(f"{pages} pages written to {args.out}")
        else:
            from kiosk.core.usage.log import read_counts

            print(f"{len(read_counts(paths.database))} counts in {paths.database}; no per-event rows")
    except formats.ExportError as exc:
        print(exc, file=sys.stderr)
        return 1
    except (sqlite3.Error, OSError) as exc:
        where = paths.database if args.usage_command != "merge" else "usage merge"
        print(f"{where}: {exc}", file=sys.stderr)
        return 1
    return 0


def _review(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kiosk.core.review import apply_sheet, write_sheet

    paths = Paths.resolve(args.data_dir, args.content_dir)
    if args.content_command == "review-apply":
        return apply_sheet(paths, Path(args.sheet), sys.stdout)
    out = Path(args.out)
    if out.suffix.lower() != ".csv":
        print(f"{out}: a review sheet is a .csv file (it opens in any spreadsheet; "
              "docs/decisions/024-review-kit.md)", file=sys.stderr)
        return 2
    try:
        rows = write_sheet(paths, args.lang, out)
    except OSError as exc:
        print(f"{out}: cannot be written ({exc.strerror or exc})", file=sys.stderr)
        return 1
    print(f"{out}: {rows} texts in {args.lang}, each with its Spanish, key and clip; fill in "
          "verdict (ok / cambiar), role and date, then: kiosk content review-apply")
    return 0


def _pin(args: argparse.Namespace, paths: Paths) -> int:
    from kiosk.core.pin import MAX_DIGITS, MIN_DIGITS, PinStore, valid

    if args.stdin:
        first = second = sys.stdin.readline().strip()
    else:
        import getpass

        first = getpass.getpass("New PIN: ")
        second = getpass.getpass("Again: ")
    if first != second:
        print("not set: the two PINs differ", file=sys.stderr)
        return 1
    if not valid(first):
        print(f"not set: a PIN is {MIN_DIGITS} to {MAX_DIGITS} digits", file=sys.stderr)
        return 1
    paths.ensure()
    PinStore(paths.pin).set(first)
    print(f"PIN set in {paths.pin} (only a salted scrypt hash is kept)")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if not argv:
        # The kiosk itself, as a community centre starts it. Building the command line above
        # (argparse and its sub-commands) and importing multiprocessing cost ~25 ms of a ~250 ms
        # start-up; with nothing to parse neither is needed (bench/README.md, measure 1).
        import gc

        gc.disable()  # until the first screen is up: app.run resumes it (decision 006)
        from kiosk.app import run

        return run(Paths.resolve(None, None))
    if getattr(sys, "frozen", False):
        import multiprocessing

        multiprocessing.freeze_support()  # `voices render` starts processes from the bundle too
    args = _parser().parse_args(argv)
    if args.command == "speech-worker":
        from kiosk.core.audio.synth import serve

        return serve()
    if args.command == "svg-probe":
        from kiosk.svgprobe import serve as serve_probe

        return serve_probe(args.files)
    if args.command == "save-recording":
        from kiosk.voicetools.recording import serve_save

        return serve_save()
    if args.command == "content" and args.content_command != "check":
        return _review(args)
    if args.command == "content":
        from kiosk.core.check import check_command
        from kiosk.svgprobe import probe

        paths = Paths.resolve(args.data_dir, args.path or args.content_dir)
        return check_command(paths, as_json=args.json, out=sys.stdout,
                             render=None if args.no_render else probe)
    if args.command == "self-test":
        from kiosk.selftest import self_test

        return self_test(Paths.resolve(args.data_dir, args.content_dir))
    if args.command == "usage":
        return _usage(args, Paths.resolve(args.data_dir, args.content_dir))
    if args.command == "pack":
        from kiosk.core.packs.commands import pack_command

        return pack_command(args, Paths.resolve(args.data_dir, args.content_dir), sys.stdout, sys.stderr)
    if args.command == "pin":
        return _pin(args, Paths.resolve(args.data_dir, args.content_dir))
    if args.command == "voices":
        try:
            from kiosk.voicetools.commands import voices_command

            return voices_command(args, Paths.resolve(args.data_dir, args.content_dir))
        except ModuleNotFoundError as exc:  # the bundle leaves the authoring tools out (build.spec)
            if exc.name not in AUTHORING:
                raise
            print(f"kiosk voices: this install has no {exc.name}: install the authoring tools "
                  "(pip install 'willay-kiosk[authoring]', or run from a checkout)", file=sys.stderr)
            return 2
    from kiosk.app import run

    paths = Paths.resolve(args.data_dir, args.content_dir)
    return run(paths, fullscreen=not getattr(args, "window", False))


