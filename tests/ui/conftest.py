import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "services"))


import pytest


@pytest.fixture
def context(database, qtbot):
    """What the main window hands every page: the open database, a task runner, changes."""
    from pierglass_desktop.preferences import Preferences
    from pierglass_desktop.ui.context import AppContext, Changes
    from pierglass_desktop.ui.tasks import TaskRunner

    tasks = TaskRunner()
    yield AppContext(database, tasks, Changes(), Preferences(tutor_name="Helena"))
    tasks.wait()
