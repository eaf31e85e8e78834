"""Browser pages."""
