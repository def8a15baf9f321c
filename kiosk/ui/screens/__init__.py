"""One module per kind of screen; each re-reads its texts on every show (language switches at once)."""
