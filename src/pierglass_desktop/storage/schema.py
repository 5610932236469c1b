"""The schema revision this version of the program writes.

Kept as a constant so that opening an up-to-date database needs no Alembic import; a test
checks it against the newest revision file.
"""

HEAD_REVISION = "0006"
