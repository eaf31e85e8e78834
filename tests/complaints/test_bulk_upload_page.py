"""The upload page says honestly what became of a file: without a broker (tasks in-process) the file is read
in the request and the page comes back with every row counted. With a worker, the progress bar moves:
tests/reliability/test_bulk_upload_progress.py."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.api.conftest import token_client
from tests.bulk_files import draft, listings_csv
from tests.factories import IPRightFactory


@pytest.fixture
def complaint_id(rightsholder_user, platform) -> int:
    right = IPRightFactory(owner_org=rightsholder_user.organisation)
    return draft(token_client(rightsholder_user), right, platform)


def _page(complaint_id: int) -> str:
    return f"/portal/complaints/{complaint_id}/bulk/"


# Committed for real, as in the embedded mode: the upload is read in-process when its transaction commits,
# inside the request, before the view reads it back.
@pytest.mark.django_db(transaction=True)
def test_without_a_broker_the_page_comes_back_with_every_row_counted(login, rightsholder_user, complaint_id):
    client = login(rightsholder_user)
    content = listings_csv(30) + b"https://shop.example.test/item/3,store-3,Store 3\n,store-1,\n"

    response = client.post(
        _page(complaint_id), {"file": SimpleUploadedFile("listings.csv", content)}, follow=True
    )

    html = response.content.decode()
    assert "“listings.csv” was read. Rows: 32; listings added: 30; duplicates: 1; refused: 1." in html
    assert 'id="read-while-waiting"' in html
    row = html[html.index('<tr id="bulk-upload-') :]
    row = row[: row.index("</tr>")]
    # Finished when the page comes back: its counts, and no bar waiting for a worker that does not exist.
    assert "<progress" not in row and "hx-trigger" not in row
    assert [cell.split("<")[0].strip() for cell in row.split("<td>")[3:]] == ["32", "30", "1", "1"]


@pytest.mark.django_db
def test_the_page_names_the_columns_a_file_may_have(login, rightsholder_user, complaint_id):
    html = login(rightsholder_user).get(_page(complaint_id)).content.decode()

    columns = html[html.index('id="bulk-columns"') :]
    for name in (
        "url",
        "listing_ref",
        "store_ref",
        "store_name",
        "store_email",
        "store_language",
        "store_region",
    ):
        assert f"<code>{name}</code>" in columns
    assert "listing, store_ref, store_name, store_email, store_language, store_region" in html
