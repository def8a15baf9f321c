"""Audio processing with numpy and soundfile: the same pipeline for synthetic and recorded clips.

Mono → trim silence → −16 LUFS (ITU-R BS.1770) with a peak limiter → Ogg Opus at a speech
bitrate (~24 kbit/s; Opus takes 8, 12, 16, 24 or 48 kHz, so a 22.05 kHz voice is resampled to
24 kHz first, band-limited with numpy's FFT), measured after decoding (what will play). Loudness
is pyloudnorm's: libebur128 (pyebur128) differs from it by up to 0.94 LU on the shipped clips,
more than the 0.2 LU allowed (docs/decisions/018-voicetools-save.md). The limiter's filters are
numpy's; scipy is imported only by pyloudnorm's K-weighting.
"""

from __future__ import annotations

import math
import os
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import soundfile as sf

TARGET_LUFS = -16.0
LOUDNESS_TOLERANCE_LU = 2.0
PEAK_LIMIT_DBFS = -1.0  # what ``check`` accepts
RENDER_CEILING_DBFS = -2.5  # what the limiter aims for: the codec overshoots sample peaks ~1 dB
MAX_LEADING_SILENCE_S = 0.150
LEAD_KEEP_S = 0.040  # silence kept before the first sound: a soft start, well under the limit
TAIL_KEEP_S = 0.150
SILENCE_FLOOR_DBFS = -50.0
CLIP_EXT = ".opus"  # Ogg Opus (Ogg Vorbis clips, .ogg, still play: voices.AUDIO_EXTENSIONS)
OPUS_RATES = (8000, 12000, 16000, 24000, 48000)
# libsndfile maps 0..1 linearly onto Opus's bitrate, ~256 down to ~9 kbit/s for mono: 0.94 ≈ 24
# kbit/s, where Opus speech is transparent enough for a kiosk's speaker (Vorbis needed ~50).
OPUS_COMPRESSION = 0.94


def mono(data: np.ndarray) -> np.ndarray:
    data = np.asarray(data, dtype=np.float64)
    return data.mean(axis=1) if data.ndim == 2 else data


def db(value: float) -> float:
    return 20 * math.log10(value) if value > 0 else -math.inf


_METERS: dict[int, Any] = {}


def integrated_loudness(x: np.ndarray, rate: int) -> float:
    """BS.1770 integrated loudness (LUFS) of a mono signal, by pyloudnorm (−inf: all gated out)."""
    if rate not in _METERS:
        import pyloudnorm

        _METERS[rate] = pyloudnorm.Meter(rate)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(_METERS[rate].integrated_loudness(x))


def warm_up(rate: int = 22050) -> None:
    """Load the meter (and what it imports) before the first clip needs it."""
    loudness(np.zeros(rate // 10), rate)


def loudness(x: np.ndarray, rate: int) -> float:
    """Integrated loudness (ITU-R BS.1770, LUFS). Clips shorter than one 400 ms gating block are
    measured repeated end to end (the K-weighted level of the whole clip); if that fails too, the
    plain RMS level stands in."""
    if x.size == 0:
        return -math.inf
    block = int(round(0.4 * rate))
    y = x if x.size > block else np.tile(x, 2 * block // x.size + 2)
    try:
        value = integrated_loudness(y, rate)
    except ValueError:
        value = -math.inf
    if math.isfinite(value):
        return value
    return db(float(np.sqrt(np.mean(x ** 2)))) - 0.691


def speech_bounds(x: np.ndarray, rate: int) -> tuple[int, int] | None:
    """First and last sample of sound, or None for silence. Sound is a 10 ms frame louder than
    −50 dBFS, 40 dB under the loudest frame and 12 dB over the background (10th percentile),
    and never more than 20 dB under the loudest frame."""
    if x.size == 0:
        return None
    n = max(1, int(rate * 0.010))
    frames = -(-x.size // n)
    padded = np.zeros(frames * n)
    padded[:x.size] = np.abs(x)
    rms = np.sqrt(np.mean(padded.reshape(frames, n) ** 2, axis=1))
    top = float(rms.max())
    if top <= 0:
        return None
    background = float(np.percentile(rms, 10))
    thr = max(10 ** (SILENCE_FLOOR_DBFS / 20), top * 10 ** (-40 / 20), background * 10 ** (12 / 20))
    thr = min(thr, top * 10 ** (-20 / 20))
    loud = np.flatnonzero(rms > thr)
    if loud.size == 0:
        return None
    lo = max(0, (int(loud[0]) - 1) * n)
    hits = np.flatnonzero(padded[lo:(int(loud[0]) + 1) * n] > thr)
    start = lo + int(hits[0]) if hits.size else int(loud[0]) * n
    hi = min(x.size, (int(loud[-1]) + 2) * n)
    lo2 = int(loud[-1]) * n
    hits = np.flatnonzero(padded[lo2:hi] > thr)
    end = lo2 + int(hits[-1]) + 1 if hits.size else min(x.size, (int(loud[-1]) + 1) * n)
    return start, min(end, x.size)


def leading_silence(x: np.ndarray, rate: int) -> float:
    """Seconds before the first sound (the whole length for a silent clip)."""
    bounds = speech_bounds(x, rate)
    return bounds[0] / rate if bounds else x.size / rate


def trim(x: np.ndarray, rate: int) -> np.ndarray:
    """Keep ~40 ms before the first sound and ~150 ms after the last; short fades at both ends."""
    bounds = speech_bounds(x, rate)
    if bounds is None:
        raise ValueError("the clip is silent")
    start, end = bounds
    lo = max(0, start - int(LEAD_KEEP_S * rate))
    hi = min(x.size, end + int(TAIL_KEEP_S * rate))
    y = x[lo:hi].copy()
    fade_in = min(start - lo, int(0.005 * rate))
    if fade_in > 1:
        y[:fade_in] *= np.linspace(0.0, 1.0, fade_in)
    fade_out = min(hi - end, int(0.020 * rate))
    if fade_out > 1:
        y[-fade_out:] *= np.linspace(1.0, 0.0, fade_out)
    return y


def running_min(x: np.ndarray, size: int) -> np.ndarray:
    """Minimum over a centred window of odd ``size``, edges repeated (van Herk / Gil-Werman:
    block prefix and suffix minima, linear in the length whatever the window)."""
    r = size // 2
    padded = np.pad(x, (r, r), mode="edge")
    n = padded.size
    blocks = np.pad(padded, (0, -n % size), mode="edge").reshape(-1, size)
    prefix = np.minimum.accumulate(blocks, axis=1).ravel()
    suffix = np.minimum.accumulate(blocks[:, ::-1], axis=1)[:, ::-1].ravel()
    out: np.ndarray = np.minimum(suffix[:n - size + 1], prefix[size - 1:n])
    return out


def running_mean(x: np.ndarray, size: int) -> np.ndarray:
    """Mean over a centred window of odd ``size``, edges repeated."""
    r = size // 2
    sums = np.concatenate([[0.0], np.cumsum(np.pad(x, (r, r), mode="edge"))])
    out: np.ndarray = (sums[size:] - sums[:-size]) / size
    return out


def limit(x: np.ndarray, rate: int, ceiling_dbfs: float = RENDER_CEILING_DBFS) -> np.ndarray:
    """Peak limiter: a smooth gain (10 ms look-ahead and release) that keeps |x| ≤ ceiling."""
    ceiling = 10 ** (ceiling_dbfs / 20)
    need = np.minimum(1.0, ceiling / np.maximum(np.abs(x), 1e-12))
    if need.min() >= 1.0:
        return x
    w = max(1, int(0.010 * rate))
    gain = running_min(need, 2 * w + 1)
    # A moving average no wider than the minimum's window stays under what each sample needs
    # (and the last minimum makes sure of it whatever the rounding).
    gain = running_mean(gain, w | 1)
    y: np.ndarray = x * np.minimum(gain, need)
    return y


def normalise(x: np.ndarray, rate: int, target: float = TARGET_LUFS) -> np.ndarray:
    """Gain to ``target`` LUFS, peaks limited to the ceiling; repeated since limiting lowers it."""
    for _ in range(8):
        level = loudness(x, rate)
        if not math.isfinite(level):
            raise ValueError("the clip is silent")
        if abs(level - target) <= 0.2:
            break
        x = limit(x * 10 ** ((target - level) / 20), rate)
    return x


def clean(data: np.ndarray, rate: int) -> np.ndarray:
    """Mono, silence trimmed, loudness normalised, no peak above the ceiling."""
    return normalise(trim(mono(data), rate), rate)


def measure(x: np.ndarray, rate: int) -> dict[str, Any]:
    x = mono(x)
    peak = float(np.max(np.abs(x))) if x.size else 0.0
    return {"duration_s": round(x.size / rate, 3),
            "loudness_lufs": round(loudness(x, rate), 2),
            "peak_dbfs": round(db(peak), 2) if peak > 0 else -120.0,
            "leading_silence_ms": round(1000 * leading_silence(x, rate))}


def resample(x: np.ndarray, rate: int, new_rate: int) -> np.ndarray:
    """Band-limited resampling (the spectrum cut or zero-padded); enough for a short clip."""
    if rate == new_rate or not x.size:
        return x
    n = int(round(x.size * new_rate / rate))
    spectrum = np.fft.rfft(x)
    return np.fft.irfft(spectrum, n) * (n / x.size)


def opus_rate(rate: int) -> int:
    return rate if rate in OPUS_RATES else 24000 if rate <= 24000 else 48000


def encode(x: np.ndarray, rate: int, tmp: Path) -> dict[str, Any]:
    """Encode Ogg Opus into ``tmp``, check the decoded peak (limiting harder if the codec
    overshot); measurements are of the decoded file (what will play)."""
    limit_lin = 10 ** (PEAK_LIMIT_DBFS / 20)
    ceiling = RENDER_CEILING_DBFS
    x, rate = resample(x, rate, opus_rate(rate)), opus_rate(rate)
    for _attempt in range(4):
        sf.write(tmp, x, rate, format="OGG", subtype="OPUS", compression_level=OPUS_COMPRESSION)
        decoded, drate = sf.read(tmp, dtype="float64", always_2d=False)
        peak = float(np.max(np.abs(decoded))) if decoded.size else 0.0
        if peak <= limit_lin:
            break
        ceiling -= db(peak) - PEAK_LIMIT_DBFS + 0.3
        x = limit(x, rate, ceiling)
    return measure(decoded, drate)


def part_path(out: Path) -> Path:
    """The hidden file a clip is written to before it gets its name (never parsed as a clip)."""
    return out.with_name(f".{out.name}.{os.getpid()}.part")


def write_clip(x: np.ndarray, rate: int, out: Path) -> dict[str, Any]:
    """Encode to a temp file beside ``out`` and rename it into place."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = part_path(out)
    try:
        stats = encode(x, rate, tmp)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return stats


def read(path: Path | str) -> tuple[np.ndarray, int]:
    data, rate = sf.read(str(path), dtype="float64", always_2d=False)
    return data, int(rate)


def failures(stats: dict[str, Any]) -> list[str]:
    """What a measured clip gets wrong, in words."""
    out = []
    level = stats["loudness_lufs"]
    if not (math.isfinite(level) and abs(level - TARGET_LUFS) <= LOUDNESS_TOLERANCE_LU):
        out.append(f"loudness {level:.1f} LUFS (want {TARGET_LUFS:.0f} ± {LOUDNESS_TOLERANCE_LU:.0f})")
    if stats["peak_dbfs"] > PEAK_LIMIT_DBFS + 0.005:
        out.append(f"peak {stats['peak_dbfs']:.2f} dBFS (want ≤ {PEAK_LIMIT_DBFS:.0f})")
    if stats["leading_silence_ms"] >= MAX_LEADING_SILENCE_S * 1000:
        out.append(f"starts after {stats['leading_silence_ms']} ms of silence "
                   f"(want < {MAX_LEADING_SILENCE_S * 1000:.0f})")
    return out
