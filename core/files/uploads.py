"""Which uploaded files count: uploading a corrected file again replaces the earlier one of that name."""
from __future__ import annotations

from collections.abc import Sequence


def latest_by_name(files: Sequence[tuple[str, bytes]]) -> tuple[list[tuple[str, bytes]], list[str]]:
    """The files that count, in upload order (oldest first), and the names uploaded more than once.

    Of several files with the same name (a file corrected and uploaded again; the uploader keeps them
    all) only the last one counts, in the place of the first; names are compared without letter case,
    as Windows, where the Bureau's files are saved, compares them.
    """
    last: dict[str, int] = {}
    for i, (name, _) in enumerate(files):
        last[name.casefold()] = i
    seen: set[str] = set()
    kept: list[tuple[str, bytes]] = []
    replaced: list[str] = []
    for name, _ in files:
        folded = name.casefold()
        if folded in seen:
            if name not in replaced:
                replaced.append(name)
            continue
        seen.add(folded)
        kept.append(files[last[folded]])
    return kept, replaced
