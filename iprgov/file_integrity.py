"""What a stored file was when it was stored: its SHA-256, size and content type, and the check against it.

A model that stores files inherits `HashedFilesModel`, names its file fields in `hashed_files` and, for
each, declares `<field>_sha256`, `<field>_size` and `<field>_content_type` with `integrity_fields()`.
Saving the model records the three for every file that is new or has nothing recorded yet, so every
upload path (forms, the API, the admin, factories) records them without calling anything.

    class EvidenceFile(HashedFilesModel):
        hashed_files = ("file",)
        file = models.FileField(...)
        file_sha256, file_size, file_content_type = integrity_fields()

`sha256_hex(file)` hashes any file object; `file_check(field_file)` says whether a stored file still
matches its record (`FileState.OK`, `CHANGED`, `MISSING` or `UNRECORDED`); `copy_verified(field_file)`
reads a stored file once, hashing as it reads, and gives the bytes only if they match.
"""

import hashlib
import mimetypes
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import IO, Any, ClassVar

from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

CHUNK_BYTES = 1024 * 1024
# A verified copy stays in memory up to this size, then spills to a temporary file.
SPOOL_BYTES = 4 * 1024 * 1024


def _chunks(file: IO[bytes]) -> Iterator[bytes]:
    while chunk := file.read(CHUNK_BYTES):
        yield chunk


def sha256_hex(file: IO[bytes]) -> str:
    """The SHA-256 (lowercase hex) of a file object's content from its start; the position is restored
    to the start afterwards so the file can be read or saved again."""
    file.seek(0)
    digest = hashlib.sha256()
    for chunk in _chunks(file):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def content_type_of(name: str) -> str:
    """The content type of a stored name. Uploads are stored with the extension of the kind their content
    was sniffed as (complaints.uploads), so the name says what the content is, not what the user claimed."""
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def integrity_fields() -> tuple[models.CharField, models.PositiveBigIntegerField, models.CharField]:
    """The three fields that record one file: its SHA-256, its size in bytes and its content type.
    Blank means not recorded yet (a file missing when the record was first computed). The database
    defaults keep inserts by code that predates the fields (a web process still running during a deploy)
    working; `verify_files --record-unrecorded` records what such inserts left blank."""
    return (
        models.CharField(_("SHA-256"), max_length=64, blank=True, default="", db_default="", editable=False),
        models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True, editable=False),
        models.CharField(
            _("content type"), max_length=100, blank=True, default="", db_default="", editable=False
        ),
    )


@dataclass(frozen=True)
class FileRecord:
    sha256: str
    size: int
    content_type: str


def record_of(file: IO[bytes], name: str) -> FileRecord:
    file.seek(0, 2)
    size = file.tell()
    return FileRecord(sha256=sha256_hex(file), size=size, content_type=content_type_of(name))


def recorded(instance: models.Model, field: str) -> FileRecord | None:
    """What was recorded for the file in `field` of `instance`, or None when nothing was."""
    sha256 = getattr(instance, f"{field}_sha256")
    if not sha256:
        return None
    return FileRecord(
        sha256=sha256,
        size=getattr(instance, f"{field}_size"),
        content_type=getattr(instance, f"{field}_content_type"),
    )


def record_values(instance: models.Model, field: str) -> dict[str, Any]:
    """The recorded fields of one file, to carry them to another row that takes over the same stored file."""
    return {
        f"{field}_{part}": getattr(instance, f"{field}_{part}") for part in ("sha256", "size", "content_type")
    }


def _store_record(instance: models.Model, field: str, record: FileRecord | None) -> None:
    setattr(instance, f"{field}_sha256", record.sha256 if record else "")
    setattr(instance, f"{field}_size", record.size if record else None)
    setattr(instance, f"{field}_content_type", record.content_type if record else "")


def record_files(instance: models.Model, fields: Iterable[str]) -> None:
    """Record every named file that is new (not stored yet) or has no record; clear the record of an
    emptied field. A stored file that is missing stays unrecorded (file_check then says MISSING)."""
    for field in fields:
        field_file: FieldFile = getattr(instance, field)
        if not field_file:
            _store_record(instance, field, None)
        elif not field_file._committed:  # type: ignore[attr-defined]  # set by FieldFile, not in the stubs
            _store_record(instance, field, record_of(field_file.file, field_file.name or ""))
        elif recorded(instance, field) is None:
            try:
                with field_file.open("rb") as handle:
                    _store_record(instance, field, record_of(handle, field_file.name or ""))
            except (FileNotFoundError, ValueError):
                _store_record(instance, field, None)


class HashedFilesModel(models.Model):
    """A model whose stored files carry their SHA-256, size and content type, recorded on save."""

    hashed_files: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        record_files(self, self.hashed_files)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            touched = {
                f"{field}_{part}"
                for field in self.hashed_files
                if field in update_fields
                for part in ("sha256", "size", "content_type")
            }
            kwargs["update_fields"] = {*update_fields, *touched}
        super().save(*args, **kwargs)


class FileState(StrEnum):
    OK = "ok"
    CHANGED = "changed"
    MISSING = "missing"
    UNRECORDED = "unrecorded"


def copy_verified(field_file: FieldFile) -> tuple[FileState, IO[bytes] | None]:
    """Read the stored file once, hashing as it is copied. The copy (positioned at its start) comes back
    only with `FileState.OK`: what is served is exactly the content that was checked."""
    record = recorded(field_file.instance, field_file.field.name)
    try:
        handle = field_file.storage.open(field_file.name or "", "rb")
    except (FileNotFoundError, ValueError):
        return FileState.MISSING, None
    copy = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115  # handed to the caller open
    digest = hashlib.sha256()
    with handle:
        for chunk in _chunks(handle):
            digest.update(chunk)
            copy.write(chunk)
    state = FileState.UNRECORDED
    if record is not None:
        state = (
            FileState.OK
            if digest.hexdigest() == record.sha256 and copy.tell() == record.size
            else FileState.CHANGED
        )
    if state != FileState.OK:
        copy.close()
        return state, None
    copy.seek(0)
    return state, copy


def file_check(field_file: FieldFile) -> FileState:
    """Whether a stored file still is what was recorded when it was stored."""
    state, copy = copy_verified(field_file)
    if copy is not None:
        copy.close()
    return state


def hashed_file_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The hashed file fields of a model (none for a model that stores no hashed file)."""
    if issubclass(model, HashedFilesModel):
        return model.hashed_files
    return ()


def record_existing_files(model: type[models.Model], fields: tuple[str, ...], batch: int = 500) -> None:
    """Record the files that have nothing recorded (stored before the records existed; for data migrations
    too, on historical models). A file missing from storage stays unrecorded, and `verify_files` reports it."""
    columns = [f"{field}_{part}" for field in fields for part in ("sha256", "size", "content_type")]
    unrecorded = models.Q()
    for field in fields:
        unrecorded |= models.Q(**{f"{field}_sha256": ""})
    pending: list[models.Model] = []
    for instance in model._default_manager.filter(unrecorded).order_by("pk").iterator(chunk_size=batch):
        record_files(instance, fields)
        pending.append(instance)
        if len(pending) >= batch:
            model._default_manager.bulk_update(pending, columns)
            pending = []
    if pending:
        model._default_manager.bulk_update(pending, columns)
