"""One module per kind of screen; each re-reads its texts on every show (language switches at once).

``VIEW_SCREENS`` names the screens that draw a whole ``View`` themselves: for each such
``Layout``, the module and class to import when it is first shown. Such a class takes the
window's ``Pictures``, has a ``show_view(view)`` method and an ``acted`` signal carrying the
``Action`` a touch on it means; the window connects that signal to the session and decides
nothing else about it. A new screen of this kind is one entry here and its module.
"""

from __future__ import annotations

from kiosk.core.session import Layout

VIEW_SCREENS: dict[Layout, tuple[str, str]] = {
    Layout.PHONE: ("kiosk.ui.screens.phone", "PhoneScreen"),  # the practice phone (issue 16)
    Layout.PRESENTER: ("kiosk.ui.screens.presenter", "PresenterScreen"),  # a group session in a room
}
