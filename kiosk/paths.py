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


PACKS_CURRENT = "current"  # in <data>/packs: the name of the generation in use (kiosk.core.packs.install)


def installed_generation(data: Path) -> Path | None:
    """The folder of the installed packs in use, if any (one small file read)."""
    try:
        name = (data / "packs" / PACKS_CURRENT).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    folder = data / "packs" / name
    return folder if name.startswith("g-") and "/" not in name and folder.is_dir() else None


def base_stamp(base: Path) -> str:
    """The folder and when its parts last changed: a new release (or an edit) changes it. A few
    ``stat`` calls, cheap enough for every start."""
    times = []
    for part in ("", "prompts.yaml", "attitudes.yaml", "help", "modules", "pictures", "glossary"):
        try:
            times.append(str((base / part).stat().st_mtime_ns))
        except OSError:
            times.append("-")
    return f"{base}\n{' '.join(times)}"


def overlay_for(data: Path, base: Path, stale_ok: bool = False) -> Path | None:
    """The content installed from signed packs on top of ``base`` (the bundled content, or the one
    given), if packs are installed and were merged over that folder as it is now (``stale_ok``:
    or as it was; ``kiosk.core.packs.install.remerge`` brings it up to date)."""
    gen = installed_generation(data)
    if gen is None:
        return None
    try:
        merged_over = (gen / "base.txt").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    content = gen / "content"
    same = merged_over == base_stamp(base) or (stale_ok and merged_over.split("\n")[0] == str(base))
    return content if same and content.is_dir() else None


class Paths(NamedTuple):
    content: Path  # what the kiosk loads: the base content, or the installed packs merged over it
    audio: Path
    data: Path
    base: Path | None = None  # the content folder packs were merged over (None: content itself)

    @classmethod
    def resolve(
        cls, data_dir: str | os.PathLike[str] | None = None, content_dir: str | os.PathLike[str] | None = None
    ) -> Paths:
        root = bundle_root()
        data = Path(data_dir or os.environ.get(DATA_DIR_ENV) or default_data_dir())
        base = Path(content_dir or os.environ.get(CONTENT_DIR_ENV) or root / "content")
        return cls(content=overlay_for(data, base) or base, audio=root / "audio", data=data, base=base)

    @property
    def base_content(self) -> Path:
        return self.base or self.content

    def packs_stale(self) -> bool:
        """Packs are installed but were merged over an older version of the base content."""
        base = self.base_content
        return self.content == base and overlay_for(self.data, base, stale_ok=True) is not None

    @property
    def shipped_keys(self) -> Path:
        """The programme's public keys, shipped with the kiosk (never in a pack, never the private one)."""
        return bundle_root() / "keys"

    @property
    def packs(self) -> Path:
        return self.data / "packs"

    @property
    def pin(self) -> Path:
        return self.data / "pin.json"

    def pack_audio(self) -> list[tuple[Path, str]]:
        """Audio folders of the installed packs, with where they came from (``pack NAME, key FP``)."""
        import json

        gen = installed_generation(self.data)
        if gen is None:
            return []
        out = []
        for folder in sorted((gen / "packs").glob("*/audio")):
            try:
                signer = json.loads((folder.parent / "installed.json").read_text(encoding="utf-8"))["signer"]
            except (OSError, ValueError, KeyError, TypeError):
                signer = "?"
            out.append((folder, f"pack {folder.parent.name}, key {signer}"))
        return out

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

    @property
    def help_confirmed(self) -> Path:
        """{help entry id: the day a facilitator confirmed it} (kiosk.core.content.confirmed)."""
        return self.data / "help-confirmed.json"

    def ensure(self) -> None:
        self.data.mkdir(mode=0o700, parents=True, exist_ok=True)  # usage log and settings: the user's only


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
