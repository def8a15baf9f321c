"""Signed packs, from real files: each bad pack is refused with one line naming pack and member,
and the installed content stays byte-for-byte the same; the good one changes what the kiosk says
for a help entry, and rollback restores the previous words."""

from __future__ import annotations

import hashlib
import stat
import struct
import tracemalloc
import zipfile
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from kiosk.cli import main
from kiosk.core.audio.voices import Voices, text_hash
from kiosk.core.content import load_library
from kiosk.core.packs import PackError, fmt, keys
from kiosk.core.packs.install import install, installed, rollback
from kiosk.paths import Paths

OLD = "La Línea cien es gratis"
NEW = "La Línea cien, ahora con Warmi Ñan, es gratis"


@pytest.fixture
def env(paths: Paths, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A kiosk whose data folder trusts a programme key made here (the shipped one is only public)."""
    private, public, _fp = keys.keygen(tmp_path / "programme")
    paths.ensure()
    keys.add_trusted(paths, public)
    return Paths.resolve(paths.data, paths.content)._replace(audio=paths.audio), private


def tree_hash(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        h.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


def help_folder(paths: Paths, tmp_path: Path, words: str = NEW) -> Path:
    folder = tmp_path / "help-pack"
    (folder / "content" / "help").mkdir(parents=True, exist_ok=True)
    text = (paths.base_content / "help" / "national.yaml").read_text(encoding="utf-8")
    (folder / "content" / "help" / "national.yaml").write_text(text.replace(OLD, words), encoding="utf-8")
    return folder


def good_pack(env, tmp_path: Path, name: str = "help-2026", words: str = NEW) -> Path:  # type: ignore[no-untyped-def]
    paths, key = env
    out = tmp_path / f"{name}.zip"
    fmt.build(help_folder(paths, tmp_path, words), key, out, name, "Warmi Ñan")
    return out


def rewrite(src: Path, dst: Path, change=None, extra=()) -> Path:  # type: ignore[no-untyped-def]
    """Copy a zip member by member, changing some and adding others."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if change is not None:
                data = change(info.filename, data)
            zout.writestr(info.filename, data)
        for info, data in extra:
            zout.writestr(info, data)
    return dst


def spoken(paths: Paths, key: str = "help.linea-100") -> str:
    again = Paths.resolve(paths.data, paths.base_content)
    lib = load_library(again.content)
    entry = lib.help_entry("linea-100")
    assert entry is not None
    voices = Voices(lib, [again.audio], again.recordings, again.data / "cache", can_synthesize=True)
    return voices.resolve(entry.say.key, "es").words


def test_the_good_pack_changes_what_the_kiosk_says_and_rollback_restores_it(env, tmp_path) -> None:  # type: ignore[no-untyped-def]
    paths, _key = env
    assert spoken(paths).startswith(OLD)
    record = install(paths, good_pack(env, tmp_path))
    assert record["signer"] == keys.trusted(paths)[-1].fingerprint or record["signer"]
    assert spoken(paths).startswith(NEW)
    assert [p["name"] for p in installed(paths)] == ["help-2026"]
    rollback(paths)
    assert spoken(paths).startswith(OLD)
    rollback(paths)  # a second rollback redoes the install
    assert spoken(paths).startswith(NEW)
    second = good_pack(env, tmp_path / "b", words="La Línea cien, versión dos, es gratis") \
        if (tmp_path / "b").mkdir() is None else None
    install(paths, second)
    assert "versión dos" in spoken(paths)
    rollback(paths)
    assert spoken(paths).startswith(NEW)


def refused(paths: Paths, pack: Path, expect: str, capsys) -> str:  # type: ignore[no-untyped-def]
    before = tree_hash(paths.data)
    with pytest.raises(PackError) as exc:
        install(paths, pack)
    message = str(exc.value)
    assert "\n" not in message and message.startswith(pack.name), message
    assert expect in message, message
    assert tree_hash(paths.data) == before
    code = main(["--data-dir", str(paths.data), "--content-dir", str(paths.base_content),
                 "pack", "install", str(pack)])
    err = capsys.readouterr().err
    assert code == 1 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert tree_hash(paths.data) == before
    return message


@pytest.fixture
def with_one_installed(env, tmp_path):  # type: ignore[no-untyped-def]
    """Refusals must leave an installed pack (not only an empty folder) untouched."""
    install(env[0], good_pack(env, tmp_path, "first"))
    return env


def test_unsigned_pack(with_one_installed, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    paths, _ = with_one_installed
    src = good_pack(with_one_installed, tmp_path / "x", "help") if (tmp_path / "x").mkdir() is None else None
    bare = tmp_path / "unsigned.zip"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bare, "w") as zout:
        for info in zin.infolist():
            if info.filename != fmt.SIGNATURE:
                zout.writestr(info.filename, zin.read(info))
    refused(paths, bare, "unsigned", capsys)


def test_pack_signed_by_an_untrusted_key(with_one_installed, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    paths, _ = with_one_installed
    stranger, _pub, fp = keys.keygen(tmp_path / "stranger")
    out = tmp_path / "stranger.zip"
    fmt.build(help_folder(paths, tmp_path), stranger, out, "help")
    assert fp in refused(paths, out, "does not trust", capsys)


def test_one_byte_changed_in_a_member_and_in_the_manifest(with_one_installed, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    paths, _ = with_one_installed
    good = good_pack(with_one_installed, tmp_path, "help")

    def flip_member(name: str, data: bytes) -> bytes:
        return data.replace(b"gratis", b"gratiz", 1) if name.endswith("national.yaml") else data

    def flip_manifest(name: str, data: bytes) -> bytes:
        return data.replace(b"Warmi", b"Warmy", 1) if name == fmt.MANIFEST else data

    msg = refused(paths, rewrite(good, tmp_path / "member.zip", flip_member), "SHA-256", capsys)
    assert "content/help/national.yaml" in msg
    refused(paths, rewrite(good, tmp_path / "manifest.zip", flip_manifest), "signature does not match",
            capsys)


def test_path_tricks_links_duplicates_and_unlisted_members(with_one_installed, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    paths, _ = with_one_installed
    good = good_pack(with_one_installed, tmp_path, "help")
    link = zipfile.ZipInfo("content/help/link.yaml")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    cases = [
        ((zipfile.ZipInfo("../../evil.yaml"), b"x"), "../../evil.yaml"),
        ((zipfile.ZipInfo("/etc/cron.d/evil"), b"x"), "/etc/cron.d/evil"),
        ((zipfile.ZipInfo("content/../../x.yaml"), b"x"), "content/../../x.yaml"),
        ((link, b"/etc/passwd"), "links"),
        ((zipfile.ZipInfo("content/help/extra.yaml"), b"entries: []"), "not listed"),
        ((zipfile.ZipInfo("content/help/NATIONAL.yaml"), b"x"), "twice"),
    ]
    for n, (extra, expect) in enumerate(cases):
        msg = refused(paths, rewrite(good, tmp_path / f"trick{n}.zip", extra=[extra]), expect, capsys)
        assert extra[0].filename in msg


def test_a_zip_bomb_whose_header_lies(with_one_installed, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    """The member inflates to 60 MB; the zip and the signed manifest both say 1,000 bytes."""
    paths, key = with_one_installed
    folder = tmp_path / "bomb"
    (folder / "content" / "help").mkdir(parents=True)
    (folder / "content" / "help" / "more.yaml").write_bytes(b"\0" * 1000)
    out = tmp_path / "bomb.zip"
    fmt.build(folder, key, out, "bomb")
    member = "content/help/more.yaml"
    with zipfile.ZipFile(out) as zin:
        parts = [(i, zin.read(i)) for i in zin.infolist()]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in parts:
            zout.writestr(info.filename, b"\0" * 60_000_000 if info.filename == member else data)
    blob = bytearray(out.read_bytes())
    with zipfile.ZipFile(out) as z:
        info = z.getinfo(member)
    struct.pack_into("<I", blob, info.header_offset + 22, 1000)  # local header: uncompressed size
    central = blob.index(b"PK\x01\x02")
    while blob[central + 46:central + 46 + len(member)] != member.encode():
        central = blob.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", blob, central + 24, 1000)  # central directory: uncompressed size
    out.write_bytes(bytes(blob))
    tracemalloc.start()
    refused(paths, out, member, capsys)
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 50_000_000, peak


def test_a_member_larger_than_its_kind_allows(with_one_installed, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    paths, key = with_one_installed
    folder = tmp_path / "big"
    (folder / "content" / "help").mkdir(parents=True)
    (folder / "content" / "help" / "big.yaml").write_bytes(b"#" * (fmt.LIMITS["yaml"] + 1))
    with pytest.raises(PackError, match="more than"):
        fmt.build(folder, key, tmp_path / "big.zip", "big")


def test_a_non_audio_clip(with_one_installed, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    paths, key = with_one_installed
    folder = tmp_path / "clips"
    now = Paths.resolve(paths.data, paths.base_content)  # what the kiosk says with "first" installed
    words = load_library(now.content).help_entry("linea-100").say.get("es")  # type: ignore[union-attr]
    clips = folder / "audio" / "es" / "synthetic"
    clips.mkdir(parents=True)
    name = f"help.linea-100.{text_hash(words)}.ogg"
    (clips / name).write_bytes(b"#!/bin/sh\nrm -rf ~\n")
    out = tmp_path / "clips.zip"
    fmt.build(folder, key, out, "clips")
    msg = refused(paths, out, "not an Ogg file", capsys)
    assert f"audio/es/synthetic/{name}" in msg
    # a real clip of the same text installs, and the report names where it came from
    (clips / name).unlink()
    rate = 16000
    sf.write(str(clips / name), 0.2 * np.sin(np.arange(rate) / rate * 2 * np.pi * 220), rate,
             format="OGG", subtype="VORBIS")
    fmt.build(folder, key, out, "clips")
    install(paths, out)
    from kiosk.core.audio.coverage import coverage, format_report

    again = Paths.resolve(paths.data, paths.base_content)._replace(audio=paths.audio)
    cov = coverage(again, load_library(again.content), ["es"])
    assert cov["es"]["clips"][name].startswith("pack clips, key ")
    assert "pack clips, key" in format_report(cov)


def test_a_pack_whose_content_fails_the_checker(with_one_installed, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    paths, key = with_one_installed
    folder = tmp_path / "broken"
    (folder / "content" / "help").mkdir(parents=True)
    (folder / "content" / "help" / "national.yaml").write_text("entries:\n  - id: linea-100\n",
                                                                encoding="utf-8")
    out = tmp_path / "broken.zip"
    fmt.build(folder, key, out, "first")  # a new version of the installed pack
    assert "content/help/national.yaml:" in refused(paths, out, "content check fails", capsys)


def test_cli_keygen_build_verify_install_list_rollback(env, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    paths, _ = env
    base = ["--data-dir", str(paths.data), "--content-dir", str(paths.base_content)]
    assert main([*base, "pack", "keygen", str(tmp_path / "office")]) == 0
    assert main([*base, "pack", "trust", str(tmp_path / "office.pub")]) == 0
    folder = help_folder(paths, tmp_path)
    out = tmp_path / "p.zip"
    assert main([*base, "pack", "build", str(folder), "--key", str(tmp_path / "office.key"),
                 "--name", "help", str(out)]) == 0
    assert main([*base, "pack", "verify", str(out)]) == 0
    assert main([*base, "pack", "install", str(out)]) == 0
    assert main([*base, "pack", "list"]) == 0
    assert "help: firmado por" in capsys.readouterr().out
    assert main([*base, "pack", "rollback"]) == 0
    assert spoken(paths).startswith(OLD)
    assert main([*base, "pack", "keygen", str(tmp_path / "office")]) == 1  # never overwrites a key


def test_no_private_key_ships_and_the_programme_key_is_public() -> None:
    root = Path(__file__).resolve().parent.parent
    shipped = sorted((root / "keys").glob("*"))
    assert shipped and all(p.suffix == ".pub" for p in shipped)
    for p in shipped:
        assert b"PRIVATE" not in p.read_bytes()
        keys.load_public(p)
    assert not [p for p in root.rglob("*.key") if ".venv" not in p.parts and ".git" not in p.parts]


def test_too_many_members_are_refused_before_parsing(with_one_installed, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    paths, _ = with_one_installed
    crowded = tmp_path / "crowded.zip"
    with zipfile.ZipFile(crowded, "w") as zf:
        for n in range(fmt.MAX_MEMBERS + 5):
            zf.writestr(f"content/help/h{n}.yaml", b"")
    refused(paths, crowded, "members, more than", capsys)


def test_packs_are_merged_again_over_a_new_release(env, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A new release changes the base content: the installed packs still apply, merged again."""
    from kiosk.app import build_core

    paths, _ = env
    install(paths, good_pack(env, tmp_path))
    (paths.base_content / "modules" / "99-new.yaml").write_text("# a new release\n", encoding="utf-8")
    stale = Paths.resolve(paths.data, paths.base_content)
    assert stale.content == paths.base_content and stale.packs_stale()
    core = build_core(stale, start_log=False)
    try:
        assert core.paths.content != paths.base_content and not core.paths.packs_stale()
        assert (core.paths.content / "modules" / "99-new.yaml").exists()
        assert spoken(paths).startswith(NEW)
    finally:
        core.usage.close()


def test_member_names_end_where_they_seem_to_and_practices_travel_in_packs() -> None:
    """A name with a final newline is refused (``$`` let one through); the practice phone's
    exercises and the facilitator's texts change what the kiosk says, so a signed pack may carry them."""
    from kiosk.core.packs.fmt import member_kind

    assert member_kind("content/modules/01-a.yaml\n") is None
    assert member_kind("content/exercises/call-line-100.yaml") == "yaml"
    assert member_kind("content/staff.yaml") == "yaml"
    assert member_kind("content/plans.json") is None
