"""One way to run a service call from a screen: run it, show a refusal, announce what changed.

As Anki's ``aqt.operations``: ``run(context, parent, service.fn, *args)`` calls the service
directly (fast writes) or, with ``slow=True``, through ``context.tasks`` off the GUI thread. A
refusal (a typed ``PierglassError``) is shown once, the same way everywhere: a
``ValidationError`` goes under the fields of ``form`` when the form has them, anything else in
a message box with its sentence. After success the kinds the service declared with
``@changes`` (plus ``also``) are announced on ``context.changes``, and every page that shows
one of them refreshes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol

from PySide6.QtWidgets import QWidget

from pierglass_desktop.domain.errors import PierglassError, ValidationError
from pierglass_desktop.i18n import _
from pierglass_desktop.services.changes import Change, changes_of
from pierglass_desktop.ui.context import AppContext
from pierglass_desktop.ui.widgets import messages


class ShowsFieldErrors(Protocol):
    """A form that can place a ValidationError's messages under its fields."""

    def show(self, error: ValidationError) -> bool:
        """True if at least one field took a message."""

    def clear(self) -> None: ...


def declared(call: Callable, also: Iterable[Change] = ()) -> frozenset[Change]:
    """What ``call`` changes; a call that declares nothing is a mistake caught at once."""
    kinds = changes_of(call)
    if kinds is None and not also:
        raise TypeError(f"{call!r} does not declare what it changes")
    return (kinds or frozenset()) | frozenset(also)


def run(
    context: AppContext,
    parent: QWidget | None,
    call: Callable[..., Any],
    *args: Any,
    form: ShowsFieldErrors | None = None,
    also: Iterable[Change] = (),
    slow: bool = False,
    on_success: Callable[[Any], None] | None = None,
    title: str | None = None,
    **kwargs: Any,
) -> tuple[bool, Any]:
    """Run ``call(*args, **kwargs)``; returns (True, result) or (False, None) once told why.

    With ``slow=True`` the call goes to the background runner and this returns (True, None)
    at once; ``on_success(result)`` runs on the GUI thread when it is done.
    """
    kinds = declared(call, also)

    def succeeded(result: Any) -> None:
        if form is not None:
            form.clear()
        context.changes.announce(kinds)
        if on_success is not None:
            on_success(result)

    def failed(error: Exception) -> None:
        if not isinstance(error, PierglassError):
            raise error  # a bug: the crash handler reports it, nothing is swallowed
        refuse(parent, error, form, title)

    if slow:
        context.tasks.run(
            lambda _progress: call(*args, **kwargs), on_success=succeeded, on_failure=failed
        )
        return True, None
    try:
        result = call(*args, **kwargs)
    except PierglassError as error:
        failed(error)
        return False, None
    succeeded(result)
    return True, result


def refuse(
    parent: QWidget | None,
    error: PierglassError,
    form: ShowsFieldErrors | None = None,
    title: str | None = None,
) -> None:
    """Show a refusal: under the form's fields when it names them, else in a message box."""
    if isinstance(error, ValidationError) and form is not None and form.show(error):
        return
    messages.show_error(parent, title or _("Pier-glass"), error)


def exec_dialog(context: AppContext, dialog: Any) -> bool:
    """Open a form dialog; when it was accepted, announce what its save changed."""
    if not dialog.exec():
        return False
    context.changes.announce(dialog.changes)
    return True
