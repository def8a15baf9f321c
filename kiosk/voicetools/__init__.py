"""The voice tools: the clips that speak every text (``kiosk voices …``) and the studio's save.

One job per module, none of them imported by the kiosk's participant path:

* ``dsp``: numpy and soundfile: mono, loudness (BS.1770), trim, limiter, normalise, measure,
  encode, and what a measured clip gets wrong (``failures``).
* ``pool``: child processes (spawn) and the progress bar.
* ``render``: what is spoken (``select`` → ``SpokenText``) and the rendering of synthetic clips.
* ``checking``: ``check_clips``: decode and measure every clip.
* ``recording``: ``save_recording`` (a facilitator's take → a named, measured clip) and
  ``serve_save``, the child process the studio runs it in (``kiosk save-recording``).
* ``commands``: the ``kiosk voices render|report|check|add|export|import`` handlers.

This package imports nothing at import time: ``kiosk.voicetools.recording`` does not bring in the
command line, and nothing here imports Qt. Layout and manifest: ``audio/README.md``.
"""
