"""User preferences, declared once with their types and defaults, kept as JSON in the data folder.

Window geometry and other screen state belong to QSettings in ui/; these are the choices a person
makes in Settings, which the command line and the reports honour too.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from pierglass_desktop.paths import data_dir

PREFERENCES_FILENAME = "preferences.json"


@dataclass(frozen=True)
class Preferences:
    language: str = ""  # "" follows the system
    large_text: bool = False  # run-session screen in large type
    low_attendance_threshold: float = 0.5  # below this share of recent meetings: at risk
    low_attendance_window: int = 3  # how many recent held meetings count
    tutor_name: str = ""  # shown on printouts and in the audit trail
    retention_years: int = 5  # years after a person's last group ended before erasure is due


def preferences_path() -> Path:
    return data_dir() / PREFERENCES_FILENAME


def load_preferences(path: Path | None = None) -> Preferences:
    """The saved preferences; unknown keys and values of the wrong type fall back to defaults."""
    path = path or preferences_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Preferences()
    if not isinstance(raw, dict):
        return Preferences()
    defaults = Preferences()
    values = {}
    for spec in fields(Preferences):
        value = raw.get(spec.name, getattr(defaults, spec.name))
        default = getattr(defaults, spec.name)
        if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if type(value) is type(default):
            values[spec.name] = value
    return replace(defaults, **values)


def save_preferences(preferences: Preferences, path: Path | None = None) -> None:
    path = path or preferences_path()
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(asdict(preferences), indent=2), encoding="utf-8")
    partial.replace(path)
