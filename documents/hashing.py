"""The SHA-256 of a stored file, read in chunks.

One function, so that it can give way to the hash recorded at upload once every file model stores it.
"""

import hashlib
from collections.abc import Iterable

from django.db.models.fields.files import FieldFile

CHUNK_BYTES = 1024 * 1024


def bytes_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def chunks_sha256(chunks: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()


def file_sha256(stored: FieldFile) -> str:
    """The hex SHA-256 of a stored file's content (the file is opened and closed again)."""
    with stored.open("rb") as handle:
        return chunks_sha256(iter(lambda: handle.read(CHUNK_BYTES), b""))
