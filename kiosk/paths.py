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
    def logs(self) -> Path:
        """The crash log and fault log (kiosk.crash): code locations only, no content or usage."""
        return self.data / "logs"

    @property
    def local_help(self) -> Path:
        return self.data / "help-local.yaml"

    def ensure(self) -> None:
        self.data.mkdir(parents=True, exist_ok=True)


def replace_file(src: Path, dst: Path, attempts: int = 20, wait: float = 0.05) -> None:
    """``os.replace`` that survives Windows' file locks: a target the player, a virus scanner or
    the indexer holds open refuses to be replaced (PermissionError) for a moment; try again for
    about a second before giving up. On Linux the first attempt succeeds."""
    import time

    for attempt in range(attempts):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if attempt == attempts - 1:
                raise
            time.sleep(wait)


def remove_file(path: Path) -> bool:
    """Delete ``path`` if it can be deleted now. On Windows a file that is open (a clip being
    played) cannot be: it is left in place and False returned, so the caller can try again later
    (an older recording no longer in the manifest is swept on the next import)."""
    try:
        path.unlink(missing_ok=True)
        return True
    except PermissionError:
        return False
