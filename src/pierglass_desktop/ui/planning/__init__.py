"""Widgets, table models and dialogs of the Library and Sessions pages (planning meetings)."""
