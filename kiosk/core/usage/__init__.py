"""The anonymous usage log (writer, schema) and what is made from it (insights, exports)."""
