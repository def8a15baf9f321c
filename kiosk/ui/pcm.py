"""Short clips from memory: decoded ahead into PCM, played on a sound device without a decoder start.

A QMediaPlayer has to open, probe and start decoding a file at every press (~25 ms on the bench
machine before the first sample, ~55 ms before its clock reports it). The session knows what a
screen may say next (``kiosk.core.session.ahead``); ``ClipCache`` decodes those clips in the background
(one ``QAudioDecoder``, one clip at a time) and keeps their PCM, least recently used out first,
within a byte budget; ``PcmPlayer`` writes a cached clip straight into a ``QAudioSink``, so the
first samples reach the device within a millisecond of the press. Clips longer than
``MAX_CLIP_SECONDS`` are never held (they play through the QMediaPlayer, as do clips not decoded
yet, and every clip when there is no sound device). Decision 023.
"""

from __future__ import annotations

import logging
import os
import time
from collections import OrderedDict, deque

from PySide6.QtCore import QIODevice, QObject, QTimer, QUrl, Signal
from PySide6.QtMultimedia import QAudioDecoder, QAudioFormat, QAudioSink, QMediaDevices, QtAudio

log = logging.getLogger(__name__)

RATE = 22050  # what the synthetic voice renders at; speech needs no more
BYTES_PER_SECOND = RATE * 2  # mono, 16-bit
MAX_CLIP_SECONDS = 15.0  # a longer clip (a long step) is not held: it plays from its file
CACHE_BYTES = 2 * 1024 * 1024  # ~47 s of speech: a screen's items, buttons and neighbours
FEED_MS = 40  # how often the device's buffer is topped up while a clip plays


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def pcm_format() -> QAudioFormat:
    fmt = QAudioFormat()
    fmt.setSampleRate(RATE)
    fmt.setChannelCount(1)
    fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    return fmt


class ClipCache(QObject):
    """PCM of clips decoded ahead, by path; the least recently used go first past ``budget``."""

    def __init__(self, budget: int = CACHE_BYTES, max_clip: float = MAX_CLIP_SECONDS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.budget = budget
        self.max_bytes = int(max_clip * BYTES_PER_SECOND)
        self.size = 0
        self._pcm: OrderedDict[str, bytes] = OrderedDict()
        self._stamp: dict[str, tuple[int, int] | None] = {}  # the file's (mtime, size) when decoded
        self._wanted: deque[str] = deque()
        self._skip: set[str] = set()  # too long, or not decodable: not tried again
        self._decoder: QAudioDecoder | None = None  # made on first use
        self._decoding: str | None = None
        self._chunks: list[bytes] = []
        self._got = 0
        self._decoding_stamp: tuple[int, int] | None = None

    def get(self, path: str) -> bytes | None:
        """The clip's PCM if it was decoded from the file as it is now (a take saved again under
        the same name — the same words — replaces the file: its old sound is dropped)."""
        if not self._fresh(path):
            return None
        self._pcm.move_to_end(path)
        return self._pcm[path]

    def _fresh(self, path: str) -> bool:
        if path not in self._pcm:
            return False
        if self._stamp.get(path) == _stamp(path):
            return True
        self.size -= len(self._pcm.pop(path))
        self._stamp.pop(path, None)
        return False

    def want(self, paths: list[str]) -> None:
        """Decode these (most wanted first) in place of what was wanted before; keep them longest."""
        for path in reversed(paths):
            if self._fresh(path):
                self._pcm.move_to_end(path)
        self._wanted = deque(p for p in dict.fromkeys(paths) if p not in self._pcm and p not in self._skip)
        if self._decoding is None:
            self._next()

    def stop(self) -> None:
        """Forget what was wanted and stop decoding (shutdown)."""
        self._wanted.clear()
        if self._decoder is not None and self._decoding is not None:
            self._decoder.stop()
        self._decoding = None

    # -- internals
    def _next(self) -> None:
        while self._wanted:
            path = self._wanted.popleft()
            if path in self._pcm or path in self._skip:
                continue
            decoder = self._decoder or self._make_decoder()
            self._decoding = None
            decoder.setSource(QUrl.fromLocalFile(path))  # emits ``finished`` for the old source
            self._decoding, self._chunks, self._got = path, [], 0
            self._decoding_stamp = _stamp(path)
            decoder.start()
            return
        self._decoding = None
        if self._decoder is not None and not self._decoder.source().isEmpty():
            self._decoder.setSource(QUrl())  # let go of the last file (Windows: it could not be replaced)

    def _make_decoder(self) -> QAudioDecoder:
        decoder = QAudioDecoder(self)
        decoder.setAudioFormat(pcm_format())  # FFmpeg resamples whatever the file holds
        decoder.bufferReady.connect(self._buffer)
        decoder.finished.connect(self._finished)
        decoder.error.connect(self._error)
        self._decoder = decoder
        return decoder

    def _buffer(self) -> None:
        assert self._decoder is not None
        buffer = self._decoder.read()
        if self._decoding is None or not buffer.isValid():
            return
        chunk = bytes(buffer.constData())
        self._chunks.append(chunk)
        self._got += len(chunk)
        if self._got > self.max_bytes:  # a long clip: it plays from its file
            self._skip.add(self._decoding)
            self._abandon()

    def _finished(self) -> None:
        path, self._decoding = self._decoding, None
        if path is None:  # a source was replaced, or a clip abandoned: nothing was finished
            return
        if self._chunks:
            data = b"".join(self._chunks)
            self._pcm[path] = data
            self._stamp[path] = self._decoding_stamp
            self.size += len(data)
            while self.size > self.budget and len(self._pcm) > 1:
                old, dropped = self._pcm.popitem(last=False)
                self._stamp.pop(old, None)
                self.size -= len(dropped)
        self._chunks = []
        QTimer.singleShot(0, self, self._next)  # not from inside the decoder's own signal

    def _error(self, _error: QAudioDecoder.Error) -> None:
        if self._decoding is not None:
            log.info("could not decode %s ahead: %s", self._decoding,
                     self._decoder.errorString() if self._decoder else "")
            self._skip.add(self._decoding)
        self._abandon()

    def _abandon(self) -> None:
        self._decoding, self._chunks = None, []
        if self._decoder is not None:
            self._decoder.stop()
        QTimer.singleShot(0, self, self._next)  # not from inside the decoder's own signal


class PcmPlayer(QObject):
    """Plays PCM from memory on the default sound device; ``available`` is False without one."""

    finished = Signal()
    started = Signal(str)  # a clip's first samples went to the device (benchmarks)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        device = QMediaDevices.defaultAudioOutput()
        fmt = pcm_format()
        self.available = not device.isNull() and device.isFormatSupported(fmt)
        self._sink = QAudioSink(device, fmt, self) if self.available else None
        self._io: QIODevice | None = None  # the sink's device while a clip plays (deleted on stop)
        self._data = memoryview(b"")
        self._pos = 0
        self._played = 0.0
        self._ends_at = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(FEED_MS)
        self._timer.timeout.connect(self._feed)

    def warm(self) -> None:
        """Open and close the device once, so the first clip does not pay for connecting to it."""
        if self._sink is not None and self._io is None:
            self._sink.start()
            self._sink.stop()

    @property
    def playing(self) -> bool:
        return self._io is not None

    def play(self, path: str, data: bytes) -> bool:
        """Start ``data`` at once; False when the device refused (the caller plays the file)."""
        self.stop()
        if self._sink is None:
            return False
        self._io = self._sink.start()
        if self._io is None or self._sink.error() != QtAudio.Error.NoError:
            self._io = None
            return False
        self._data, self._pos, self._played = memoryview(data), 0, 0.0
        self._ends_at = time.monotonic() + len(data) / BYTES_PER_SECOND + 1.0  # if the device stalls
        self._feed()
        self._timer.start()
        self.started.emit(path)
        return True

    def stop(self) -> None:
        """Silence now: what the device still buffers is dropped."""
        if self._io is None:
            return
        self._played = self.fraction()
        self._timer.stop()
        self._io = None
        assert self._sink is not None
        self._sink.stop()

    def fraction(self) -> float:
        if self._io is None or self._sink is None:
            return self._played
        if not self._data:
            return 0.0
        played = self._sink.processedUSecs() / 1e6 * BYTES_PER_SECOND  # by the device's clock
        return max(0.0, min(1.0, played / len(self._data)))

    def set_volume(self, volume: float) -> None:
        if self._sink is not None:
            self._sink.setVolume(volume)

    def _feed(self) -> None:
        if self._io is None or self._sink is None:
            return
        if self._pos < len(self._data):
            free = self._sink.bytesFree()
            if free > 0:
                written = self._io.write(bytes(self._data[self._pos:self._pos + free]))
                self._pos += max(0, written)
            return
        drained = self._sink.state() != QtAudio.State.ActiveState or \
            self._sink.bytesFree() >= self._sink.bufferSize()
        if drained or time.monotonic() > self._ends_at:
            self._played = 1.0
            self._timer.stop()
            self._io = None
            self._sink.stop()
            self.finished.emit()
