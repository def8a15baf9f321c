"""Break each rule of the screens once, by hand as a reviewer would, and check a test notices.

    python scripts/mutations.py            # every mutation; exits 1 if any survives
    python scripts/mutations.py quick      # only those whose description says "quick"

Each mutation is applied to a copy of the project in a temporary folder (the work tree is never
touched) and the test suite runs there, stopping at the first failure. A mutation "survives" when
every test still passes: that rule is not pinned by any test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
S = "kiosk/core/session/"

# (what the reviewer changed, file, text, replacement)
MUTATIONS = [
    ("the feedback screen shows the lesson's picture, not the chosen one", S + "lessons.py",
     'picture = chosen.picture if chosen else "dont-know"', "picture = self.mod(s).picture"),
    ("help tiles never show the number", S + "base.py",
     'return f"{name}: {entry.number}"', "return name"),
    ("captions lose the fallback language", S + "machine.py",
     "return text.get(lang) or text.get(self.settings.fallback_language) or \"\"",
     'return text.get(lang) or ""'),
    ("the end screen drops the group discussion", S + "lessons.py",
     "if mod and self.s.group and mod.discussion:", "if False:"),
    ("the quick-exit notice is said every time", S + "lessons.py",
     "if not s.told_quick_exit:", "if True:"),
    ("Back on the feedback screen goes home", S + "lessons.py",
     'return self.s.enter(s._replace(screen=Screen.QUESTION, focus=0, answer=None))',
     "return self.s.go_home(s)"),
    ("Prev stops at the first item instead of going round", S + "base.py",
     "focus = numbers[(numbers.index(s.focus) + direction) % len(numbers)]",
     "focus = numbers[max(0, numbers.index(s.focus) + direction)]"),
    ("a touch of the neutral screen does nothing", S + "menus.py",
     "len(mod.steps),\n                                touch=True)", "len(mod.steps))"),
    ("a touch of any picture screen activates", S + "base.py",
     "Act.ACTIVATE if touch else None", "Act.ACTIVATE"),
    ("group mode keeps the normal idle time", S + "machine.py",
     "return self.settings.group_idle_seconds if self.group else self.settings.idle_seconds",
     "return self.settings.idle_seconds"),
    ("the step interrupted by a quick exit is logged", S + "machine.py",
     "        if self.visit is None:\n            return []\n        quarter", "        quarter"),
    ("a quick exit logs the open lesson", S + "machine.py",
     'module = s.module if kind not in ("session_started", "quick_exit", "idle_reset") else None',
     "module = s.module"),
    ("language names hidden when captions are off", S + "menus.py",
     'return self.grid(s, title, "attract", always_captions=True)', 'return self.grid(s, title, "attract")'),
    ("the question screen is drawn as a picture", S + "base.py",
     "return View(s.screen, Layout.GRID,", "return View(s.screen, Layout.PICTURE,"),
    ("a pointer moving over a picture counts as its first touch", S + "machine.py",
     "return Move(s, self.item_speech(s, a.n), changed=False)",
     "return Move(s._replace(focus=a.n), self.item_speech(s, a.n), changed=False)"),
    ("a fixed button acts on its first touch", S + "machine.py",
     "            if armed == target:", "            if True:"),
    ("the first press of a picture chooses it", S + "machine.py",
     "if s.focus == a.n:  # the second press", "if True:  # the second press"),
    # issue 15, points 7–10 (decision 022): each with the tests that pin it (faster than all)
    ("the help numbers move on a short last page", S + "menus.py",
     "items += [GAP_ITEM] * (HOME_PAGE_SIZE - len(items))", "pass", "tests/test_by_ear.py"),
    ("the page is not announced", S + "machine.py",
     "if not 1 < pages <= PAGES_SAID:", "if True:", "tests/test_by_ear.py"),
    ("the language numbers are said in Spanish", S + "menus.py",
     'self.s.prompt(f"number.{number}", code)', 'self.s.prompt(f"number.{number}", "es")',
     "tests/test_by_ear.py"),
    ("the end of a lesson is one long monologue again", "kiosk/core/session/lessons.py",
     "if later:", "if False:", "tests/test_by_ear.py"),
    ("help entries past nine are cut off", S + "menus.py",
     "return self.ordered()[s.page * HELP_PAGE_SIZE:(s.page + 1) * HELP_PAGE_SIZE]",
     "return self.ordered()[:HELP_PAGE_SIZE]", "tests/test_by_ear.py"),
    ("after a quick exit the neutral lesson is in the default language", S + "machine.py",
     "State(screen=Screen.NEUTRAL, lang=s.lang,", "State(screen=Screen.NEUTRAL,", "tests/test_by_ear.py"),
    ("the attract screen shows only the default language", S + "menus.py",
     'for code in self.s.settings.languages)\n        return View(s.screen, Layout.ATTRACT',
     'for code in [lang])\n        return View(s.screen, Layout.ATTRACT', "tests/test_by_ear.py"),
    ("every language shows the same picture", S + "menus.py",
     'f"language-{lang}"', '"language"', "tests/test_pictures_meaning.py"),
    ("a help entry's picture is ignored", S + "base.py",
     "picture = entry.picture or (", "picture = (", "tests/test_pictures_meaning.py"),
    ("the feedback screen has no verdict", S + "lessons.py",
     "return view._replace(verdict=self.verdict(s))", "return view", "tests/test_pictures_meaning.py"),
    ("the feedback sign is not drawn", "kiosk/ui/screens/picture.py",
     "        if self.verdict:\n", "        if False:\n", "tests/test_pictures_meaning.py"),
    ("a picture paints beyond its place onto the card", "kiosk/ui/widgets.py",
     "        painter.setClipRect(rect)  #", "        painter.setClipping(False)  #",
     "tests/test_pictures_meaning.py"),
    ("the picture beside the words is half the card's height", "kiosk/ui/widgets.py",
     "side = max(0.0, min(r.height() - 12, r.width() * 0.45))",
     "side = max(0.0, min(r.height() * 0.5, r.width() * 0.45))", "tests/test_text_fits.py"),
    ("the tiles' minimum makes the window taller than 600", "kiosk/ui/widgets.py",
     "self.setMinimumSize(QSize(90, 90))", "self.setMinimumSize(QSize(110, 110))", "tests/test_text_fits.py"),
    ("the attract screen shows every button", S + "menus.py",
     "        return ATTRACT_HIDES", "        return NO_BUTTONS", "tests/test_bar.py"),
    ("a hidden button gives its place to the others", "kiosk/ui/widgets.py",
     "policy.setRetainSizeWhenHidden(True)  # a hidden button", "policy.setRetainSizeWhenHidden(False)  # a",
     "tests/test_bar.py"),
    ("the button touched once looks like the others", S + "machine.py",
     "._replace(armed=self._armed)", "", "tests/test_bar.py"),
    ("the quick exit dots stay after the presses expire", "kiosk/ui/bar.py",
     "live = [c.live() for c in self.counters]", "live = [c.presses for c in self.counters]",
     "tests/test_bar.py"),
    ("progress dots to come at 3:1", "kiosk/ui/widgets.py",
     'TO_COME = "#8fa0c0"', 'TO_COME = "#5c6b8a"', "tests/test_bar.py"),
    ("the neutral screen keeps the default language's words", "kiosk/ui/window.py",
     "neutral.set_caption(view.title)", "pass", "tests/test_safety.py"),
    ("a choice's picture gives the answer away", "content/modules/13-calling-for-help.yaml",
     "picture: wrapped-gift", "picture: check-mark-button", "tests/test_pictures_meaning.py"),
    ("a tile's words never get smaller", "kiosk/ui/widgets.py",
     "for px in (px for px in self.caption_sizes if px <= max(14, largest)):",
     "for px in (self.caption_sizes[0],):", "tests/test_text_fits.py"),
    # the practice phone (decision 020)
    ("the phone's asked-for element waits for a second touch", S + "phone.py",
     "if goal is not None and goal.target == el.id:  # the voice asked", "if False:  # the voice asked"),
    ("the phone never gives the hint", S + "phone.py", "        if tries >= 2:", "        if False:"),
    ("digits typed on the phone reach the usage log", S + "phone.py",
     'goal.id, tries_bucket(p.tries + 1))]', 'goal.id, tries_bucket(p.tries + 1) + p.typed + p.kept)]'),
    ("the Repeat button types zero in the dialler", S + "machine.py",
     "return self._dispatch(s, Action(target, FROM_BUTTON))", "return self._dispatch(s, Action(target))"),
]


def _not_needed(folder: str, names: list[str]) -> set[str]:
    skip = {"__pycache__"}
    if Path(folder) == ROOT:  # the clips, the venv and build output are not needed to test
        skip |= {".git", ".venv", "audio", "build", "dist", "bench", "willay_kiosk.egg-info"}
    return skip & set(names)


def run(description: str, rel: str, old: str, new: str, tests: str = "tests") -> bool:
    """True when a test fails (the mutation is caught). With ``old`` empty: the copy unchanged,
    which must pass (else every mutation would look caught)."""
    with tempfile.TemporaryDirectory(prefix="willay-mutant-") as tmp:
        copy = Path(tmp) / "w"
        shutil.copytree(ROOT, copy, ignore=_not_needed)
        target = copy / rel
        text = target.read_text(encoding="utf-8")
        if old and text.count(old) != 1:
            raise SystemExit(f"{rel}: the text to mutate for '{description}' is not there once")
        target.write_text(text.replace(old, new), encoding="utf-8")
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(copy)}
        result = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
                                 "-m", "not soak", tests], cwd=copy, env=env, capture_output=True,
                                text=True)
        if not old and result.returncode != 0:
            raise SystemExit("the unchanged copy fails its tests:\n" + result.stdout[-3000:])
        return result.returncode != 0


def main() -> int:
    only = sys.argv[1] if len(sys.argv) > 1 else ""  # a part of the descriptions: only those
    if not only:
        run("nothing", MUTATIONS[0][1], "", "")
    survivors = []
    chosen = [m for m in MUTATIONS if only in m[0]]
    for description, rel, old, new, *tests in chosen:
        caught = run(description, rel, old, new, *tests)
        print(f"{'caught  ' if caught else 'SURVIVED'}  {description}")
        if not caught:
            survivors.append(description)
    print(f"{len(chosen) - len(survivors)} of {len(chosen)} mutations caught")
    return 1 if survivors else 0


if __name__ == "__main__":
    raise SystemExit(main())
