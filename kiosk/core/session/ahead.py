"""What a screen may say next (issue 15.10, decision 023): the window passes it to the speaker,
which decodes those clips ahead so that a press plays from memory."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.core.model import Say
from kiosk.core.session.view import Act, Action

if TYPE_CHECKING:
    from kiosk.core.session.machine import Session


def ahead(session: Session) -> list[Say]:
    """Most likely first: where Next, Back, a press of the focused picture and Repeat lead, each
    picture's number and name, the fixed buttons. Working it out changes nothing: the moves are
    tried and all the session's fields put back (handlers return moves and change nothing else;
    a group session's handlers keep its run — time, blanking, what was logged — so during one
    the moves are not tried)."""
    s, says = session.state, []
    kept = dict(vars(session))  # every field, so a field added later is put back too
    for act in (Act.NEXT, Act.BACK, Act.ACTIVATE, Act.REPEAT) if session.course is None else ():
        try:
            says += session._dispatch(s, Action(act)).speech
        finally:
            vars(session).clear()
            vars(session).update(kept)
    for number in range(1, len(session.items(s)) + 1):
        says += session.item_speech(s, number)
    says += [button.say for button in session.buttons(session.lang_of(s))]
    return list(dict.fromkeys(says))
