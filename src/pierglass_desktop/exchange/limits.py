"""How large an exchange workbook may be: every bound the reader and writer keep, in one place.

A workbook is a zip, and a zip's central directory tells each member's uncompressed size before
anything is inflated, so the reader checks these bounds before openpyxl opens the file: a 300 KB
pack can otherwise hold a 300 MB cell, and a 1.4 MB one gigabytes of XML. The sheets are then
scanned as a stream (no member is held in memory) for rows and cell lengths, so memory stays
bounded whatever the file holds. A refusal is one sentence, within a second.

The bounds are generous for their purpose: a library pack of a few hundred methods with files
of up to 20 MB each, and a project-sync export of a coordinator's groups.
"""

from __future__ import annotations

# Excel keeps at most 32,767 characters in a cell: no text may be longer, either way.
CELL_TEXT_LIMIT = 32_767
# Rows in one sheet (the header included). A library has hundreds; a sync tens of thousands.
MAX_ROWS = 200_000
# Columns read from a sheet: columns beyond this are never looked at.
MAX_COLUMNS = 200
# Parts of the zip (an xlsx of ten sheets has about twenty).
MAX_MEMBERS = 1_000
# The workbook's list of sheets and its relations, read before anything else.
MAX_INDEX_BYTES = 4 * 1024 * 1024
# Uncompressed size of one part (a sheet, or the shared texts) and of them all together.
MAX_MEMBER_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
# How much a part may shrink when compressed. Spreadsheet XML shrinks 5–20 times, base64 file
# content hardly at all; a zip bomb of repeated bytes about 1,000 times.
MAX_COMPRESSION_RATIO = 100
# Parts smaller than this are not held to the ratio (a tiny styles.xml may shrink a lot).
RATIO_FLOOR_BYTES = 1024 * 1024
# Integers every int column stays within unless it names tighter bounds: SQLite's INTEGER.
INT_LOW, INT_HIGH = -(2**63), 2**63 - 1
