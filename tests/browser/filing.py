"""The portal's complaint form as the filing journeys fill it in a real chromium."""

import re

from complaints.models import IPRight
from platforms.models import Platform
from tests.complaints.helpers import PDF

DECLARATION = re.compile("good faith", re.I)


def pdf(name: str, content: bytes = PDF) -> dict:
    """A file for `set_input_files`: a PDF as the upload checks recognise one."""
    return {"name": name, "mimeType": "application/pdf", "buffer": content}


def fill_complaint(
    page,
    *,
    right: IPRight,
    platform: Platform,
    description: str,
    listings: str = "",
    files: tuple[dict, ...] = (),
    infringement: str = "counterfeit",
    declare: bool = True,
    administrative: bool = False,
) -> None:
    """Fill every field of the complaint form, new or editing a draft (its listings and files fields add to
    what the draft has, so they are found by their place rather than by their label)."""
    page.get_by_label("Right relied on").select_option(label=str(right))
    page.get_by_label(re.compile(r"^Platform")).select_option(label=platform.name)
    page.get_by_label("Infringement type").select_option(infringement)
    page.get_by_label("Description").fill(description)
    page.locator("textarea[name=listings]").fill(listings)
    page.locator("input[name=evidence]").set_input_files(files=list(files))
    page.get_by_label(DECLARATION).set_checked(declare)
    page.get_by_label("Ask the IPR office for administrative handling").set_checked(administrative)
