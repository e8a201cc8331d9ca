"""Actor and quote extraction from a parsed spaCy document."""
