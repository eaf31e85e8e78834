import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from complaints.uploads import checked_upload, display_name, sniff_extension
from tests.complaints.helpers import PDF, PNG, WINDOWS_EXE, upload


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "extension"),
    [
        (PDF, "pdf"),
        (PNG, "png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpg"),
        (b"GIF89a\x01\x00", "gif"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "webp"),
        (zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}), "docx"),
        (zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"}), "xlsx"),
        (zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<o/>"}), "odt"),
    ],
)
def test_accepted_kinds_are_recognised_by_content(content: bytes, extension: str) -> None:
    assert sniff_extension(upload("whatever.bin", content)) == extension


@pytest.mark.parametrize(
    "content",
    [WINDOWS_EXE, b"<html><script>", zipped({"payload.exe": WINDOWS_EXE}), b"PK\x03\x04 truncated", b"\x00"],
)
def test_other_kinds_are_refused_whatever_their_name(content: bytes) -> None:
    with pytest.raises(ValidationError) as refused:
        checked_upload(upload("report.pdf", content))

    assert refused.value.messages == [
        "report.pdf: this kind of file is not accepted (PDF, images, Office documents)."
    ]


def test_an_accepted_upload_gets_a_random_name_and_keeps_the_original_for_display() -> None:
    first = checked_upload(upload("C:\\Users\\me\\Scan 1.PDF", PDF))
    second = checked_upload(upload("Scan 1.PDF", PDF))

    assert first.original_name == "Scan 1.PDF"  # type: ignore[attr-defined]  # set on the upload by checked_upload
    assert first.name is not None and first.name.endswith(".pdf") and len(first.name) == 36
    assert first.name != second.name
    assert first.read() == PDF


def test_display_names_lose_paths_quotes_and_control_characters() -> None:
    assert display_name('../../a"b\r\nc.pdf') == "abc.pdf"
    assert display_name("...") == "file"
    assert display_name("商标证书.pdf") == "商标证书.pdf"
