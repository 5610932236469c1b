"""Everything that imports PySide6 lives here and nowhere else."""
