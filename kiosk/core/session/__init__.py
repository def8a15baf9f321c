"""The kiosk as a state machine: the one author of what every screen shows and says."""

from kiosk.core.session.machine import GROUP_SIZES, Session
from kiosk.core.session.view import Act, Action, Item, ItemKind, Layout, Outcome, Screen, State, View

__all__ = ["GROUP_SIZES", "Act", "Action", "Item", "ItemKind", "Layout", "Outcome", "Screen", "Session",
           "State", "View"]
