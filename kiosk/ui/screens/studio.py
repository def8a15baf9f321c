"""The recording studio: a facilitator records her community's voices, segment by segment.

Pick a lesson (or the kiosk's prompts, the help directory, the attitude statements) and a language;
for each text: see it, hear the current clip, record, hear the take, keep it or redo. A kept take
is trimmed, brought to the common loudness and saved with its manifest entry (a pseudonym and
role, never a name; how consent was given) in the data folder by a child process (``kiosk
save-recording``, JSON in and out), so numpy and soundfile never load into the kiosk."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.audio.voices import Voices
from kiosk.core.content import Library
from kiosk.core.model import LANGUAGES, Say, Text
from kiosk.ui.speaker import Speaker
from kiosk.ui.staff import LanguageBar, Said, StaffTexts
from kiosk.ui.tasks import TaskManager
from kiosk.voicetools.recording import request  # the request's fields; numpy stays in the child


class Recorder(QObject):
    """Records from a microphone into a file. ``finished(path)`` once the file is complete."""

    finished = Signal(str)
    failed = Signal(str)

    def start(self, path: Path) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError


class QtRecorder(Recorder):
    """QMediaCaptureSession + QAudioInput (default microphone) + QMediaRecorder writing WAV."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QAudioInput, QMediaCaptureSession, QMediaFormat, QMediaRecorder

        self.session = QMediaCaptureSession(self)
        self.input = QAudioInput(self)
        self.session.setAudioInput(self.input)
        self.recorder = QMediaRecorder(self)
        self.session.setRecorder(self.recorder)
        fmt = QMediaFormat(QMediaFormat.FileFormat.Wave)
        fmt.setAudioCodec(QMediaFormat.AudioCodec.Wave)
        self.recorder.setMediaFormat(fmt)
        self.recorder.setQuality(QMediaRecorder.Quality.HighQuality)
        self.recorder.recorderStateChanged.connect(self._state)
        self.recorder.errorOccurred.connect(lambda _e, msg: self.failed.emit(msg))
        self._stopping = False

    def start(self, path: Path) -> None:
        self._stopping = False
        self.recorder.setOutputLocation(QUrl.fromLocalFile(str(path)))
        self.recorder.record()

    def stop(self) -> None:
        self._stopping = True
        self.recorder.stop()

    def _state(self, state: object) -> None:
        from PySide6.QtMultimedia import QMediaRecorder

        if self._stopping and state == QMediaRecorder.RecorderState.StoppedState:
            self._stopping = False
            self.finished.emit(self.recorder.actualLocation().toLocalFile())


def save_command() -> list[str]:
    """``kiosk save-recording`` from a checkout, an install or the bundle (as the speech worker)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "save-recording"]
    return [sys.executable, "-m", "kiosk", "save-recording"]


def save_in_child(request: dict[str, Any], timeout_s: float = 120.0) -> Path:
    """Run one save in a child process; the saved clip's path, or an error with its reason."""
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # Windows: no console flashes up
    done = subprocess.run(save_command(), input=json.dumps(request), capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout_s, creationflags=flags, check=False)
    lines = done.stdout.strip().splitlines()
    try:
        reply = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        reason = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        raise RuntimeError(f"the save process failed: {reason}") from None
    if not reply.get("ok"):
        raise RuntimeError(str(reply.get("error")))
    return Path(reply["path"])


MIN_TAKE_BYTES = 8_000  # a quarter of a second of 16 kHz audio; less is no recording at all
SOURCES = {"recorded": "staff.studio.recorded", "synthetic": "staff.studio.synthetic",
           "cache": "staff.studio.synthetic"}  # what the current voice of a text is; else none


class StudioPanel(QWidget):
    closed = Signal()
    saved = Signal(str, str, str)  # key, language, path
    language_chosen = Signal(str)  # the staff pages' language (kiosk/ui/staff.py)

    def __init__(self, library: Library, voices: Voices, speaker: Speaker, recorder: Recorder,
                 recordings: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.library, self.voices, self.speaker = library, voices, speaker
        self.recorder, self.recordings = recorder, recordings
        self.tasks = TaskManager(self)
        self.scratch = Path(tempfile.mkdtemp(prefix="willay-studio-"))
        self.take: Path | None = None
        self.recording = False
        self.texts: list[Text] = []
        self.index = 0
        recorder.finished.connect(self._recorded)
        recorder.failed.connect(lambda msg: self._say_status("staff.studio.failed", why=msg))
        self._labels: list[tuple[object, str]] = []  # (setter, key): retranslate
        self._build()
        self._load_group()
        self.retranslate(StaffTexts())

    def retranslate(self, texts: StaffTexts) -> None:
        """Every text of the studio in the facilitator's language; the texts to record are as
        written in the content (the language chosen on the page)."""
        self.languages.retranslate(texts)
        for setter, key in self._labels:
            setter(texts(key))  # type: ignore[operator]
        for i in range(self.group.count()):
            gid = self.group.itemData(i)
            self.group.setItemText(i, self._group_label(gid, texts))
        for i, code in enumerate(LANGUAGES):
            self.lang.setItemText(i, texts(f"staff.lang.{code}"))
        self.said.show(texts)
        self._show_text()
        self._enable()

    def _group_label(self, gid: str, texts: StaffTexts) -> str:
        if gid in ("prompts", "help", "attitudes"):
            return texts(f"staff.studio.group.{gid}")
        e = self.library.exercise(gid.removeprefix("exercise:")) if gid.startswith("exercise:") else None
        m = e or self.library.module(gid)
        title = (m.title.get(texts.lang) or m.title.get("es") or m.id) if m else gid
        return texts("staff.studio.exercise", title=title) if e else title

    def _text(self, key: str, setter: object) -> None:
        self._labels.append((setter, key))

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.setStyleSheet("""
            QLabel { color: white; font-size: 20px; }
            QLabel#text { font-size: 30px; background: #0b1426; padding: 12px; }
            QPushButton { background: #fff8e7; color: #111; font-size: 21px; font-weight: bold;
                          border-radius: 10px; min-height: 58px; padding: 4px 8px;
                          border: 4px solid transparent; }
            QPushButton:disabled { background: #5c6b8a; color: #ccc; }
            QPushButton:focus { border-color: #ffd400; outline: none; }
            QComboBox, QLineEdit { font-size: 20px; min-height: 40px; }
            QCheckBox { color: white; font-size: 20px; }""")
        layout = QVBoxLayout(self)
        top = QGridLayout()
        self.group = QComboBox()
        groups = ["prompts", *(m.id for m in self.library.modules), "help"]
        groups += ["attitudes"] if self.library.attitudes else []
        groups += [f"exercise:{e.id}" for e in self.library.exercises]
        for gid in groups:
            self.group.addItem(gid, gid)
        self.lang = QComboBox()
        for code in LANGUAGES:
            self.lang.addItem(code, code)
        self.speaker_name = QLineEdit()
        self._text("staff.studio.pseudonym_hint", self.speaker_name.setPlaceholderText)
        self.role = QLineEdit()
        self._text("staff.studio.role_hint", self.role.setPlaceholderText)
        self.consent = QCheckBox()
        self._text("staff.studio.consent", self.consent.setText)
        for key, widget, row, column in (("staff.studio.part", self.group, 0, 0),
                                         ("staff.studio.lang", self.lang, 0, 2),
                                         ("staff.studio.voice", self.speaker_name, 1, 0),
                                         ("staff.studio.role", self.role, 1, 2)):
            label = QLabel()
            self._text(key, label.setText)
            top.addWidget(label, row, column)
            top.addWidget(widget, row, column + 1)
        top.addWidget(self.consent, 2, 0, 1, 4)
        self.languages = LanguageBar()
        self.languages.chosen.connect(self.language_chosen)
        layout.addWidget(self.languages, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(top)
        self.position = QLabel()
        self.position.setProperty("data", True)  # a number and the text's key
        layout.addWidget(self.position)
        self.text = QLabel()
        self.text.setObjectName("text")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.text, 1)
        self.status = QLabel()
        self.said = Said(self.status)  # the studio's last word, said again in a new language
        layout.addWidget(self.status)
        grid = QGridLayout()  # two rows of four: every text whole on a 1024×600 screen too
        self.buttons: dict[str, QPushButton] = {}
        for i, (name, slot) in enumerate((
            ("prev", self.previous), ("current", self.hear_current), ("record", self.toggle_record),
            ("take", self.hear_take), ("keep", self.keep), ("redo", self.redo), ("next", self.next),
            ("close", self.close_studio),
        )):
            button = QPushButton()
            if name != "record":  # its text says whether it records (_enable)
                self._text(f"staff.studio.{name}", button.setText)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(slot)
            self.buttons[name] = button
            grid.addWidget(button, i // 4, i % 4)
        layout.addLayout(grid)
        self.group.currentIndexChanged.connect(self._load_group)
        self.lang.currentIndexChanged.connect(self._show)

    # ------------------------------------------------------------------ navigation
    def _load_group(self) -> None:
        gid = self.group.currentData()
        if gid == "prompts":
            self.texts = list(self.library.prompts.values())
        elif gid == "help":
            self.texts = [h.say for h in self.library.help]
        elif gid == "attitudes" and self.library.attitudes:
            self.texts = list(self.library.attitudes.texts())
        elif gid.startswith("exercise:"):  # a practice-phone exercise (its elements' names are prompts)
            exercise = self.library.exercise(gid.removeprefix("exercise:"))
            self.texts = list(exercise.texts()) if exercise else []
        else:
            module = self.library.module(gid)
            self.texts = list(module.texts()) if module else []
        self.index = 0
        self._show()

    @property
    def language(self) -> str:
        return str(self.lang.currentData())

    @property
    def current(self) -> Text | None:
        return self.texts[self.index] if 0 <= self.index < len(self.texts) else None

    def _show(self) -> None:
        self._discard_take()
        text = self.current
        words = text.get(self.language) if text else None
        self.position.setText(f"{self.index + 1} / {len(self.texts)}   {text.key if text else ''}")
        self._show_text()
        if text and words:
            res = self.voices.resolve(text.key, self.language, synthesize=False)
            now = "staff.studio.none" if res.fallback else SOURCES.get(res.source, "staff.studio.none")
            self._say_status("staff.studio.current_voice", source=now)
        self._enable()

    def _show_text(self) -> None:
        """The text to record, as the content writes it in the chosen language (data, not the
        facilitator's words), or why there is none."""
        words = self.current.get(self.language) if self.current else None
        self.text.setProperty("data", bool(words))
        self.text.setText(words or StaffTexts()("staff.studio.no_text"))

    def _enable(self) -> None:
        has_words = bool(self.current and self.current.get(self.language))
        self.buttons["record"].setEnabled(has_words)
        self.buttons["record"].setText(StaffTexts()(f"staff.studio.{'stop' if self.recording else 'record'}"))
        for name in ("take", "keep", "redo"):
            self.buttons[name].setEnabled(self.take is not None and not self.recording)
        self.buttons["prev"].setEnabled(self.index > 0 and not self.recording)
        self.buttons["next"].setEnabled(self.index + 1 < len(self.texts) and not self.recording)

    def previous(self) -> None:
        if self.index > 0:
            self.index -= 1
            self._show()

    def next(self) -> None:
        if self.index + 1 < len(self.texts):
            self.index += 1
            self._show()

    # ------------------------------------------------------------------ sound
    def hear_current(self) -> None:
        if self.current:
            self.speaker.say([Say(self.current.key, self.language)])

    def toggle_record(self) -> None:
        if self.recording:
            self.recording = False
            self._say_status("staff.studio.processing")
            self.recorder.stop()  # a recorder may answer at once: its message must win
        else:
            self.speaker.stop()
            self._discard_take()
            self.recording = True
            self.recorder.start(self.scratch / f"take-{self.index}.wav")
            self._say_status("staff.studio.recording")
        self._enable()

    def _recorded(self, path: str) -> None:
        take = Path(path)
        if not take.is_file() or take.stat().st_size < MIN_TAKE_BYTES:
            # Seen with a virtual PulseAudio source: a WAV with a header and no sound.
            take.unlink(missing_ok=True)
            self._say_status("staff.studio.silent")
            self._enable()
            return
        self.take = take
        self._say_status("staff.studio.listen")
        self._enable()

    def hear_take(self) -> None:
        if self.take is not None:
            self.speaker.play_file(self.take)

    def redo(self) -> None:
        self._discard_take()
        self._say_status("staff.studio.again")
        self._enable()

    def keep(self) -> None:
        text, take = self.current, self.take
        if text is None or take is None:
            return
        pseudonym = self.speaker_name.text().strip()
        role = self.role.text().strip()
        if not self.consent.isChecked():
            self._say_status("staff.studio.no_consent")
            return
        lang, key, words = self.language, text.key, text.get(self.language) or ""
        self.buttons["keep"].setEnabled(False)
        self.speaker.stop()  # the clip being replaced may be the one playing
        self._say_status("staff.studio.saving")
        req = request(take, self.recordings, lang, key, words, pseudonym, role,
                      "aceptó en el estudio del kiosko (casilla marcada)")

        def work() -> Path:
            return save_in_child(req)

        def done(path: Path | None, error: BaseException | None) -> None:
            if error is not None or path is None:
                self._say_status("staff.refused", why=error)
                self._enable()
                return
            self._discard_take()
            self.saved.emit(key, lang, str(path))
            self._show()
            self._say_status("staff.studio.saved", source="staff.studio.recorded")

        self.tasks.run(work, done)

    def _discard_take(self) -> None:
        if self.take is not None:
            try:
                self.take.unlink(missing_ok=True)
            except PermissionError:  # Windows: the player still holds it; the scratch folder goes at cleanup
                pass
        self.take = None

    def _say_status(self, key: str, **values: object) -> None:
        self.said.say(key, **values)

    def close_studio(self) -> None:
        if self.recording:
            self.recording = False
            self.recorder.stop()
        self._discard_take()
        self.closed.emit()

    def cleanup(self) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)
