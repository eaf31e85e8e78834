"""Files and form data shared by the portal tests."""

from django.core.files.uploadedfile import SimpleUploadedFile

from complaints.models import InfringementType, IPRight
from platforms.models import Platform

PDF = b"%PDF-1.4\n% test evidence\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 32


def upload(name: str = "evidence.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def complaint_data(*, right: IPRight | None, platform: Platform, **overrides: object) -> dict:
    """A complete "Submit" of the complaint form; override or drop (value None) single fields."""
    data: dict = {
        "right": right.pk if right else "",
        "platform": platform.pk,
        "infringement_type": InfringementType.COUNTERFEIT,
        "description": "Counterfeit handbags bearing our registered mark.",
        "listings": "https://shop.example.test/item/1, shop-a, Shop A\nitem-2, shop-a\n",
        "good_faith_declared": "on",
        "action": "submit",
        "evidence": [upload("test purchase.pdf", PDF)],  # submission needs at least one file
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
