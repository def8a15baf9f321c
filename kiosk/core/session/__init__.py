"""The kiosk as a state machine: the one author of what every screen shows and says."""
