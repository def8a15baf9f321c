"""What the synthesiser is given to say: the written text made speakable, per language.

The screen keeps what is written (``Línea 100``, ``Ley 30364``); the voice needs words. Two steps,
both pure string work (no Qt, no I/O), cheap enough for the UI thread:

1. **Numbers in words**, from each language's own number words. A number written with a dash or a
   leading zero (``0800-15-170``) is what people dial: it is read digit by digit, with a pause at
   each dash. Any other number (``100``, ``105``, ``1410``, ``30364``) is read as a number — the
   way the services name themselves ("Línea cien", "ciento cinco") and the way laws are said.
2. **Respelling for the stand-in voice**. espeak-ng's Quechua rules read ``c`` as "ts" and ``x`` as
   "ks", and know no long vowels. Spanish loans in qu and ay texts (``celular``, ``Policía``) get
   ``c`` → ``k``/``s``; Aymara (spoken by the Quechua voice) also gets ``x`` → ``qh`` and
   ``ä ï ü`` → doubled vowels. The table and its reasons: docs/speakable.md.

``speakable`` is idempotent (its output has no digits, no ``c`` outside ``ch``, no ``x``), so a
text that passes through it twice is spoken the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# --------------------------------------------------------------------------- number words

_ES_UNITS = ("cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve")
_ES_TEENS = ("diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete",
             "dieciocho", "diecinueve")
_ES_TWENTIES = ("veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco",
                "veintiséis", "veintisiete", "veintiocho", "veintinueve")
_ES_TENS = {3: "treinta", 4: "cuarenta", 5: "cincuenta", 6: "sesenta", 7: "setenta",
            8: "ochenta", 9: "noventa"}
_ES_HUNDREDS = {1: "ciento", 2: "doscientos", 3: "trescientos", 4: "cuatrocientos",
                5: "quinientos", 6: "seiscientos", 7: "setecientos", 8: "ochocientos",
                9: "novecientos"}

# Southern Quechua (official alphabet): 0 is ch'usaq ("empty"), the word school books use.
_QU_DIGITS = ("ch'usaq", "huk", "iskay", "kimsa", "tawa", "pichqa", "suqta", "qanchis", "pusaq",
              "isqun")
# Aymara (official alphabet): 0 is ch'usa ("empty").
_AY_DIGITS = ("ch'usa", "maya", "paya", "kimsa", "pusi", "phisqa", "suxta", "paqallqu",
              "kimsaqallqu", "llätunka")

MAX_NUMBER = 999_999  # larger numbers are read digit by digit


def _es_below_1000(n: int) -> str:
    if n == 100:
        return "cien"
    hundreds, rest = divmod(n, 100)
    parts = [_ES_HUNDREDS[hundreds]] if hundreds else []
    if rest or not parts:
        if rest < 10:
            parts.append(_ES_UNITS[rest])
        elif rest < 20:
            parts.append(_ES_TEENS[rest - 10])
        elif rest < 30:
            parts.append(_ES_TWENTIES[rest - 20])
        else:
            tens, unit = divmod(rest, 10)
            parts.append(_ES_TENS[tens] + (f" y {_ES_UNITS[unit]}" if unit else ""))
    return " ".join(parts)


def spanish_number(n: int) -> str:
    thousands, rest = divmod(n, 1000)
    if not thousands:
        return _es_below_1000(rest)
    head = "mil" if thousands == 1 else f"{_es_below_1000(thousands).replace('uno', 'un')} mil"
    if thousands % 10 == 1 and thousands % 100 != 11 and thousands > 1:
        head = head.replace("veintiun mil", "veintiún mil")
    return head if not rest else f"{head} {_es_below_1000(rest)}"


class _Andean:
    """Quechua and Aymara numbers are built alike: [k] chunka/tunka, [k] pachak/patak, [k]
    waranqa, highest first; the last part, when it follows a larger one, takes a suffix
    ("having"): Quechua -yuq after a vowel, -niyuq after a consonant; Aymara -ni, -ani."""

    def __init__(self, digits: tuple[str, ...], ten: str, hundred: str, thousand: str,
                 suffix: tuple[str, str], multiplier: dict[int, str]) -> None:
        self.digits, self.ten, self.hundred, self.thousand = digits, ten, hundred, thousand
        self.suffix, self.multiplier = suffix, multiplier

    def _times(self, k: int, word: str) -> str:
        return word if k == 1 else f"{self.multiplier.get(k, self.digits[k])} {word}"

    def _parts(self, n: int) -> list[str]:
        """1 to 999, unsuffixed."""
        hundreds, rest = divmod(n, 100)
        tens, unit = divmod(rest, 10)
        parts = [self._times(hundreds, self.hundred)] if hundreds else []
        if tens:
            parts.append(self._times(tens, self.ten))
        if unit:
            parts.append(self.digits[unit])
        return parts

    def _join(self, parts: list[str]) -> str:
        if len(parts) > 1:
            vowel, consonant = self.suffix
            parts[-1] += vowel if parts[-1][-1] in "aiuä" else consonant
        return " ".join(parts)

    def __call__(self, n: int) -> str:
        if n == 0:
            return self.digits[0]
        thousands, rest = divmod(n, 1000)
        parts = []
        if thousands == 1:
            parts.append(self.thousand)
        elif thousands:
            head = (self.multiplier.get(thousands, self.digits[thousands]) if thousands < 10
                    else self._join(self._parts(thousands)))
            parts.append(f"{head} {self.thousand}")
        return self._join(parts + self._parts(rest))


quechua_number = _Andean(_QU_DIGITS, "chunka", "pachak", "waranqa", ("yuq", "niyuq"), {})
aymara_number = _Andean(_AY_DIGITS, "tunka", "patak", "waranqa", ("ni", "ani"), {2: "pä"})

CARDINALS: dict[str, Callable[[int], str]] = {"es": spanish_number, "qu": quechua_number, "ay": aymara_number}
DIGITS = {"es": _ES_UNITS, "qu": _QU_DIGITS, "ay": _AY_DIGITS}

# A number, with optional dash-separated groups; not part of a word (ids like linea-100 are not
# in spoken texts, but a letter next to a digit means it is not a plain number).
_NUMBER = re.compile(r"(?<![\w-])\d+(?:-\d+)*(?![\w]|-\w)")


def dial(number: str, lang: str) -> str:
    """Digit by digit, a pause (comma) at each dash: what to press on the keypad."""
    words = DIGITS[lang]
    return ", ".join(" ".join(words[int(d)] for d in group) for group in number.split("-"))


def number_words(number: str, lang: str) -> str:
    """``number`` as spoken in ``lang``: dialled sequences digit by digit, others as numbers."""
    if "-" in number or (len(number) > 1 and number.startswith("0")) or int(number) > MAX_NUMBER:
        return dial(number, lang)
    return CARDINALS[lang](int(number))


# --------------------------------------------------------------------------- respelling

# Spanish loans in Quechua and Aymara texts, for espeak's Quechua rules (c → ts otherwise).
_LOANS = (
    (re.compile(r"qu(?=[eiéí])"), "k"),
    (re.compile(r"Qu(?=[eiéí])"), "K"),
    (re.compile(r"QU(?=[EIÉÍ])"), "K"),
    (re.compile(r"c(?=[eiéí])"), "s"),
    (re.compile(r"C(?=[eiéíEIÉÍ])"), "S"),
    (re.compile(r"c(?!h)"), "k"),
    (re.compile(r"C(?![hH])"), "K"),
    (re.compile(r"z"), "s"),
    (re.compile(r"Z"), "S"),
    (re.compile(r"[’ʼ`´]"), "'"),
)
# Aymara letters that espeak's Quechua rules read wrongly (docs/speakable.md).
_AYMARA = (
    (re.compile(r"x"), "qh"),    # uvular fricative [χ]; qu reads x as "ks". qh: same place.
    (re.compile(r"X"), "Qh"),
    (re.compile(r"ä"), "aa"),    # long vowels: qu rules know no diaeresis and drop the length
    (re.compile(r"ï"), "ii"),
    (re.compile(r"ü"), "uu"),
    (re.compile(r"Ä"), "Aa"),
    (re.compile(r"Ï"), "Ii"),
    (re.compile(r"Ü"), "Uu"),
)
RESPELL = {"qu": _LOANS, "ay": _LOANS + _AYMARA}


def respell(text: str, lang: str) -> str:
    for pattern, replacement in RESPELL.get(lang, ()):
        text = pattern.sub(replacement, text)
    return text


def speakable(text: str, lang: str) -> str:
    """The words to send to the synthesiser for ``text`` in ``lang`` (es, qu or ay)."""
    if lang in CARDINALS and any(ch.isdigit() for ch in text):
        text = _NUMBER.sub(lambda m: number_words(m.group(0), lang), text)
    return respell(text, lang)
