"""The practice phone: its screens and elements (``device``), plain data the content checker and
the session share. Nothing here calls, sends or stores anything."""

from kiosk.core.phone.device import (
    PAD_SCREENS,
    SCREENS,
    Element,
    PhoneScreenSpec,
    PhoneState,
    element,
    elements_on,
)

__all__ = ["PAD_SCREENS", "SCREENS", "Element", "PhoneScreenSpec", "PhoneState", "element",
           "elements_on"]
