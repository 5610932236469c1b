"""Waiting, as a person would, for a page's rows read in the background."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtTest import QTest

Page = TypeVar("Page")


def settled(page: Page, timeout_ms: int = 10_000) -> Page:
    """``page`` once the rows it is reading are shown."""
    waited = 0
    while page.loading:  # type: ignore[attr-defined]
        assert waited < timeout_ms, f"{type(page).__name__} never showed its rows"
        QTest.qWait(5)
        waited += 5
    return page
