"""Settings from a hand-edited file: bad fields are named, defaults used, nothing stops."""

from __future__ import annotations

import json

from kiosk.core.settings import Settings, load_settings, save_settings
from kiosk.paths import DATA_DIR_ENV, Paths


def test_missing_file_gives_defaults(tmp_path) -> None:
    s = load_settings(tmp_path / "settings.json")
    assert s == Settings() and s.idle_seconds == 120 and s.problems == ()


def test_bad_values_are_named_and_replaced_by_defaults(tmp_path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"idle_seconds": "soon", "languages": ["qu", "xx"],
                                "default_language": "qu", "colour": "red"}))
    s = load_settings(path)
    assert s.idle_seconds == 120 and s.default_language == "qu"
    assert any(f"{path}:1: idle_seconds:" in p for p in s.problems)
    assert any(f"{path}:1: languages:" in p for p in s.problems)
    assert any(f"{path}:1: colour: unknown" in p for p in s.problems)


def test_broken_json_keeps_the_kiosk_running_on_defaults(tmp_path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{idle_seconds: 30")
    s = load_settings(path)
    assert s.idle_seconds == 120 and "settings.json:1: file: not valid JSON" in s.problems[0]


def test_round_trip(tmp_path) -> None:
    path = tmp_path / "settings.json"
    save_settings(path, Settings(idle_seconds=60, languages=("qu", "es"), default_language="qu"))
    s = load_settings(path)
    assert (s.idle_seconds, s.languages, s.default_language) == (60, ("qu", "es"), "qu")


def test_data_dir_from_environment_and_option(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "env"))
    assert Paths.resolve().data == tmp_path / "env"
    assert Paths.resolve(tmp_path / "opt").data == tmp_path / "opt"
