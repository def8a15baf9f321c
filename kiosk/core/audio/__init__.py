"""Audio: which clip speaks a text (voices), clip manifests, coverage counts, synthesis."""
