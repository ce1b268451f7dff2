"""Every upload page answers a file it cannot read with a message on the form: a CSV that is
not UTF-8, a workbook whose XML inside the zip is broken."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from waspada.core.models import User

# url name -> the other fields its form needs.
UPLOAD_PAGES = {
    "application_import": {},
    "watchlist_import": {"list_name": "Cekal 2026", "list_type": "cekal"},
    "organiser_upload": {},
}


def _broken_xml_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "full_name"])
    sheet.append(["1", "Siti Aminah"])
    whole = io.BytesIO()
    book.save(whole)
    broken = io.BytesIO()
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = b"<worksheet><sheetData><row><c><v>id</v"  # XML broken off
            target.writestr(item.filename, data)
    return broken.getvalue()


@pytest.mark.parametrize("name", sorted(UPLOAD_PAGES))
@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("latin1.csv", "id,full_name\n1,Siti Aminah\n2,Jos\xe9\n".encode("latin-1")),
        ("broken.xlsx", _broken_xml_workbook()),
    ],
)
def test_an_unreadable_upload_is_a_message_not_an_error_page(
    login: Callable[..., Client],
    supervisor: User,
    central_java_regions: None,
    name: str,
    filename: str,
    content: bytes,
) -> None:
    client = login(supervisor)
    data = {**UPLOAD_PAGES[name], "file": SimpleUploadedFile(filename, content)}
    response = client.post(reverse(name), data)
    assert response.status_code in {200, 400}
    # Refused on the form, or (the watchlist import reads the file at once) its report.
    result = response.context.get("result")
    assert response.context["form"].errors.get("file") or (
        result is not None and result.failure is not None
    )
