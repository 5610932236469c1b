"""Everything that imports PySide6 lives here and nowhere else."""

import builtins

# Python's own import function, kept before PySide6 puts its hook in its place (this package is
# imported before PySide6 is): see ``ui.app.data_layer_imports``.
PLAIN_IMPORT = builtins.__import__
