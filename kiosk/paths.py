"""The one place that knows where files live.

Bundled data (content/, audio/) sits next to the package when run from source and under
``sys._MEIPASS`` in a PyInstaller bundle. User data (usage database, settings, recordings, the
speech cache) goes to a per-user folder that an option or ``WILLAY_DATA_DIR`` can override.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple

DATA_DIR_ENV = "WILLAY_DATA_DIR"
CONTENT_DIR_ENV = "WILLAY_CONTENT_DIR"


def bundle_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def default_data_dir() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
        return base / "Willay"
    base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "willay"


class Paths(NamedTuple):
    content: Path
    audio: Path
    data: Path

    @classmethod
    def resolve(
        cls, data_dir: str | os.PathLike[str] | None = None, content_dir: str | os.PathLike[str] | None = None
    ) -> Paths:
        root = bundle_root()
        data = Path(data_dir or os.environ.get(DATA_DIR_ENV) or default_data_dir())
        content = Path(content_dir or os.environ.get(CONTENT_DIR_ENV) or root / "content")
        return cls(content=content, audio=root / "audio", data=data)

    @property
    def database(self) -> Path:
        return self.data / "usage.sqlite3"

    @property
    def settings(self) -> Path:
        return self.data / "settings.json"

    @property
    def recordings(self) -> Path:
        return self.data / "recordings"

    @property
    def rendered_audio(self) -> Path:
        """Synthetic clips rendered on this machine when the install folder is read-only."""
        return self.data / "audio"

    @property
    def speech_cache(self) -> Path:
        return self.data / "speech-cache"

    @property
    def local_help(self) -> Path:
        return self.data / "help-local.yaml"

    def ensure(self) -> None:
        self.data.mkdir(mode=0o700, parents=True, exist_ok=True)  # usage log and settings: the user's only
