"""Qt widgets. They read core objects and send actions; the rules live in kiosk.core."""
