"""Every limit on what comes in from outside, in one place (README.md "Limits" states them).

Anything a person or a link hands the application is measured against these before the expensive
work starts: a file's size and, for a workbook, what it unpacks to and the rows and columns it
declares; a CSV's rows and columns before it is parsed; a backup's unpacked size before it is
read; a link's length before it is decompressed and its nesting before it is parsed. Checks report
the first :data:`MAX_PROBLEMS` problems and count the rest by kind.
"""
from __future__ import annotations

from typing import Final

# --- files people upload or import (CSV, XLSX) ------------------------------------------------------
MAX_FILE_MB: Final = 30
MAX_FILE_BYTES: Final = MAX_FILE_MB * 1024 * 1024
MAX_UNPACKED_MB: Final = 300  # an XLSX is a zip: what it may unpack to
MAX_UNPACKED_BYTES: Final = MAX_UNPACKED_MB * 1024 * 1024
MAX_ROWS: Final = 300_000  # data rows per file or sheet (a year of monthly records for 2,000 buildings fits)
MAX_COLUMNS: Final = 100  # columns per file or sheet (the widest table has 13)
MAX_CELL_CHARS: Final = 2_000  # characters in a text cell whose column declares no tighter limit
MAX_PROBLEMS: Final = 500  # problems listed one by one; beyond, each kind is counted

# --- backups (restore) ------------------------------------------------------------------------------
MAX_BACKUP_MB: Final = 200
MAX_BACKUP_BYTES: Final = MAX_BACKUP_MB * 1024 * 1024
MAX_BACKUP_UNPACKED_MB: Final = 1_000
MAX_BACKUP_UNPACKED_BYTES: Final = MAX_BACKUP_UNPACKED_MB * 1024 * 1024

# --- links (?levers=…, ?scenario=…) and lever files -------------------------------------------------
MAX_LINK_CHARS: Final = 4_096  # the encoded ``levers=`` value, before it is decompressed
MAX_LEVERS_BYTES: Final = 65_536  # the levers' JSON once decompressed (or read from a file)
MAX_LEVERS_DEPTH: Final = 8  # nesting of lists and objects in the levers' JSON (legitimate levers use 3)
MAX_NAME_CHARS: Final = 100  # a scenario name in a link (the store holds names of at most 100)
