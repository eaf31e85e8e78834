"""Checking a case file on its own: every file the manifest lists is there with its SHA-256 and size,
and nothing else was added."""

import hashlib
import json
import zipfile
from typing import IO

from documents.case_file import MANIFEST, SHA256SUMS
from iprgov.file_integrity import CHUNK_BYTES


def case_file_problems(archive_file: str | IO[bytes]) -> list[str]:
    """What is wrong with a case file; an empty list when every file matches its manifest."""
    try:
        archive = zipfile.ZipFile(archive_file)
    except (zipfile.BadZipFile, OSError) as exc:
        return [f"not a ZIP file: {exc}"]
    with archive:
        names = set(archive.namelist())
        if MANIFEST not in names:
            return [f"{MANIFEST} is missing"]
        try:
            listed = json.loads(archive.read(MANIFEST))["files"]
        except (ValueError, KeyError, TypeError) as exc:
            return [f"{MANIFEST} cannot be read: {exc}"]
        problems = []
        for entry in listed:
            path = entry.get("path", "")
            if path not in names:
                problems.append(f"{path}: missing")
                continue
            digest, size = hashlib.sha256(), 0
            with archive.open(path) as member:
                for chunk in iter(lambda: member.read(CHUNK_BYTES), b""):  # noqa: B023 — consumed at once
                    digest.update(chunk)
                    size += len(chunk)
            if digest.hexdigest() != entry.get("sha256") or size != entry.get("size"):
                problems.append(
                    f"{path}: SHA-256 {digest.hexdigest()} differs from the manifest's {entry.get('sha256')}"
                )
        unlisted = names - {entry.get("path") for entry in listed} - {MANIFEST, SHA256SUMS}
        problems += [f"{path}: not in the manifest" for path in sorted(unlisted)]
        return problems
