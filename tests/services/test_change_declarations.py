"""Every write says what it changed, so the UI can refresh every page that shows it."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pierglass_desktop.services as services_package
from pierglass_desktop.services.changes import Change, changes, changes_of

# A function writes if it opens a transaction, or calls one in its module that does.
_OPENS_TRANSACTION = re.compile(r"\.begin\(\)|\bwriting\(")
_CALL = re.compile(r"\b([A-Za-z_]\w*)\s*\(")


def _service_functions() -> dict:
    found = {}
    for info in pkgutil.iter_modules(services_package.__path__):
        module = importlib.import_module(f"{services_package.__name__}.{info.name}")
        for obj in vars(module).values():
            if inspect.isfunction(obj) and obj.__module__ == module.__name__:
                found[obj] = (module, inspect.getsource(obj))
    return found


def _writers() -> set:
    functions = _service_functions()
    writers = {fn for fn, (_m, source) in functions.items() if _OPENS_TRANSACTION.search(source)}
    grew = True
    while grew:
        grew = False
        for fn, (module, source) in functions.items():
            calls = {getattr(module, name, None) for name in _CALL.findall(source)}
            if fn not in writers and calls & writers:
                writers.add(fn)
                grew = True
    return {fn for fn in writers if not fn.__name__.startswith("_")}


def test_every_public_service_write_declares_what_it_changes():
    writers = _writers()
    assert len(writers) > 40  # the walk found the writes, not an empty set
    silent = sorted(f"{fn.__module__}.{fn.__name__}" for fn in writers if changes_of(fn) is None)
    assert silent == []


def test_the_walk_notices_a_write_that_says_nothing(monkeypatch):
    from pierglass_desktop.services import groups

    monkeypatch.delattr(groups.create_group, "__changes__")
    silent = [fn for fn in _writers() if changes_of(fn) is None]
    assert groups.create_group in silent


def test_a_declaration_is_a_frozen_set_of_kinds():
    from pierglass_desktop.services import attendance, running

    assert changes_of(attendance.mark) == frozenset({Change.ATTENDANCE})
    assert changes_of(running.run_screen) == frozenset()  # a snapshot read, says so

    @changes(Change.GROUPS)
    def write() -> None: ...

    assert changes_of(write) == frozenset({Change.GROUPS})
