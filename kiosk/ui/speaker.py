"""The single audio output: say things, interrupt, queue, report how much of a step was heard.

``Speaker`` turns ``Say`` items into clips through ``Voices`` (asking the speech worker when a
clip has to be synthesised) and plays them one after another on one ``Output``. A new utterance
interrupts the old one. The UI thread never waits: synthesis replies arrive as signals.
``Output`` is the sound-device boundary; tests replace it with one that "plays" instantly.
``expect`` takes what the screen may say next (``kiosk.core.session.ahead``): ``QtOutput`` decodes those clips
into memory and plays them without a decoder start (``kiosk/ui/pcm.py``, decision 023).
"""

from __future__ import annotations

import os
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

from kiosk.core.audio.voices import Resolution, Voices
from kiosk.core.model import Say

if TYPE_CHECKING:
    from kiosk.ui.pcm import ClipCache, PcmPlayer


class Output(QObject):
    """Plays one file at a time. Subclasses: QtOutput (real device), tests' FakeOutput."""

    finished = Signal()
    failed = Signal(str)
    volume = 1.0  # 0–1 (the facilitator's volume control)

    def set_volume(self, volume: float) -> None:
        self.volume = max(0.0, min(1.0, volume))

    def play(self, path: str) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def fraction(self) -> float:
        """Share of the current clip played so far (0–1)."""
        raise NotImplementedError

    def prefetch(self, paths: list[str]) -> None:
        """These clips may be played next, most likely first (an output may prepare them)."""


class QtOutput(Output):
    """Clips decoded ahead play from memory on a ``QAudioSink``; any other clip (not decoded yet,
    long, or no sound device to open a sink on) plays from its file on the ``QMediaPlayer``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.player.setAudioOutput(self.audio)
        self.player.mediaStatusChanged.connect(self._status)
        self.player.errorOccurred.connect(lambda _e, msg: self.failed.emit(msg))
        self._max_position = 0
        # The in-memory path is made on the first prefetch (after the first screen is painted:
        # asking for the sound device and opening a sink cost start-up ~30 ms, bench measure 1).
        self.pcm: PcmPlayer | None = None
        self.clips: ClipCache | None = None
        self._on_pcm = False

    def _memory_path(self) -> PcmPlayer:
        if self.pcm is None:
            from kiosk.ui.pcm import ClipCache, PcmPlayer

            self.pcm = PcmPlayer(self)
            self.pcm.finished.connect(self.finished)
            self.pcm.set_volume(self.volume)
            self.clips = ClipCache(parent=self) if self.pcm.available else None
        return self.pcm

    def set_volume(self, volume: float) -> None:
        super().set_volume(volume)
        self.audio.setVolume(self.volume)
        if self.pcm is not None:
            self.pcm.set_volume(self.volume)

    def play(self, path: str) -> None:
        self._max_position = 0
        data = self.clips.get(path) if self.clips is not None else None
        if data is not None and self.pcm is not None:
            if self.player.playbackState() != QMediaPlayer.PlaybackState.StoppedState:
                self.player.stop()
            if self.pcm.play(path, data):
                self._on_pcm = True
                return
        self._on_pcm = False
        if self.pcm is not None:
            self.pcm.stop()
        self.player.setSource(QUrl.fromLocalFile(path))
        self.player.play()

    def stop(self) -> None:
        if self._on_pcm and self.pcm is not None:
            self.pcm.stop()
            return
        self._max_position = max(self._max_position, self.player.position())
        self.player.stop()

    def prefetch(self, paths: list[str]) -> None:
        pcm = self._memory_path()
        if self.clips is not None:
            if not self.clips.size and not pcm.playing:
                pcm.warm()
            self.clips.want(paths)

    def fraction(self) -> float:
        if self._on_pcm and self.pcm is not None:
            return self.pcm.fraction()
        duration = self.player.duration()
        if duration <= 0:
            return 0.0
        return min(1.0, max(self._max_position, self.player.position()) / duration)

    def _status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self._max_position = self.player.duration()
            self.finished.emit()
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self.failed.emit("invalid media")


class _Pending:
    __slots__ = ("say", "res", "ready", "retried")

    def __init__(self, say: Say, res: Resolution, ready: bool) -> None:
        self.say, self.res, self.ready, self.retried = say, res, ready, False


class Speaker(QObject):
    """Say things in order; ``spoken`` fires as each clip starts, ``heard`` when a step ends."""

    spoken = Signal(str, str, str, str)  # key, language spoken, path, source
    heard = Signal(str, str, str, float)  # language, module, step, share heard
    idle = Signal()  # nothing left to say

    def __init__(self, voices: Voices, output: Output, speech=None,  # type: ignore[no-untyped-def]
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.voices = voices
        self.output = output
        self.speech = speech  # a SpeechWorker, or None when synthesis is unavailable
        self.queue: deque[_Pending] = deque()
        self.current: _Pending | None = None
        output.finished.connect(self._clip_done)
        output.failed.connect(self._clip_failed)
        if speech is not None:
            speech.rendered.connect(self._rendered)
            speech.unavailable.connect(self._speech_unavailable)

    # -- public
    def say(self, items: list[Say], interrupt: bool = True) -> None:
        if interrupt:
            self.stop()
        if not items:
            return
        notice_given = False
        for item in items:
            res = self.voices.resolve(item.key, item.lang)
            if res.fallback and not notice_given:
                notice = self.voices.resolve("prompt.fallback.notice", item.lang)
                if notice.source != "missing" and not notice.fallback:
                    self._enqueue(Say(notice.key, item.lang), notice)
                notice_given = True
            if res.source == "missing":
                continue
            self._enqueue(item, res)
        if self.current is None:
            self._play_next()

    def play_file(self, path: Path) -> None:
        """Play one file as it is (the studio's fresh take), interrupting anything else."""
        self.stop()
        res = Resolution("studio.take", "", "", str(path), "take")
        self.current = _Pending(Say("studio.take", ""), res, True)
        self.output.play(str(path))
        self.spoken.emit("studio.take", "", str(path), "take")

    def stop(self) -> None:
        """Silence at once and forget everything queued (quick exit, interrupt)."""
        current, self.current = self.current, None
        self.queue.clear()
        if current is not None:
            self.output.stop()
            self._report(current, self.output.fraction())

    def expect(self, items: list[Say]) -> None:
        """What may be said next (most likely first): the output may prepare those clips. Only
        clips that exist are passed on; nothing is synthesised for this."""
        paths: list[str] = []
        for item in dict.fromkeys(items):
            res = self.voices.resolve(item.key, item.lang, synthesize=False)
            if res.path is not None and res.source != "missing":
                paths.append(res.path)
        self.output.prefetch(paths)

    def set_volume(self, percent: int) -> None:
        """The room's loudness, 0–100 (settings.json ``volume``; the facilitator's pages)."""
        self.output.set_volume(percent / 100)

    @property
    def busy(self) -> bool:
        return self.current is not None or bool(self.queue)

    # -- internals
    def _enqueue(self, item: Say, res: Resolution) -> None:
        ready = not res.needs_synthesis
        if not ready and self.speech is None:
            res = self.voices.resolve(item.key, item.lang, synthesize=False)
            if res.source == "missing":
                return
            ready = True
        self.queue.append(_Pending(item, res, ready))
        if not ready:
            self.speech.request(res)  # may answer at once (worker gone): the item is queued already

    def _play_next(self) -> None:
        while self.queue:
            head = self.queue[0]
            if not head.ready:
                return  # waiting for the speech worker; _rendered resumes
            self.queue.popleft()
            if head.res.path is None or not os.path.exists(head.res.path):
                continue
            self.current = head
            self.output.play(head.res.path)
            self.spoken.emit(head.say.key, head.res.lang, head.res.path, head.res.source)
            return
        self.current = None
        self.idle.emit()

    def _clip_done(self) -> None:
        done, self.current = self.current, None
        if done is not None:
            self._report(done, 1.0)
        self._play_next()

    def _clip_failed(self, _message: str) -> None:
        done, self.current = self.current, None
        if done is not None:
            self._report(done, self.output.fraction())
        QTimer.singleShot(0, self._play_next)

    def _report(self, item: _Pending, fraction: float) -> None:
        if item.say.track:
            module, step = item.say.track
            self.heard.emit(item.res.lang, module, step, fraction)

    def _rendered(self, path: str, ok: bool) -> None:
        changed = False
        for pending in list(self.queue):
            if pending.res.path == path and not pending.ready:
                if ok:
                    pending.ready = True
                elif not pending.retried and self.speech is not None and not self.speech.dead:
                    pending.retried = True  # one more try: a busy machine can time out once
                    self.speech.request(pending.res)
                    continue
                else:
                    # Synthesis failed: next link of the fallback chain (never a silent screen).
                    res = self.voices.resolve(pending.say.key, pending.say.lang, synthesize=False)
                    if res.source == "missing":
                        self.queue.remove(pending)
                    else:
                        pending.res, pending.ready = res, True
                changed = True
        if changed and self.current is None:
            self._play_next()

    def _speech_unavailable(self) -> None:
        """Synthesis is gone for good: stop asking for it. What already waits for it is failed
        one by one through ``_rendered``, which takes the next link of the fallback chain."""
        self.voices.can_synthesize = False
