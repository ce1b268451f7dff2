"""Helpers of the public side's tests: photos with metadata, a sent report."""

from __future__ import annotations

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image


def photo_with_gps(name: str = "offer.jpg", size: tuple[int, int] = (2400, 1800)) -> bytes:
    """A JPEG carrying EXIF (camera model and a GPS position), as a phone makes them."""
    picture = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x0110] = "Phone Model X"  # camera model
    exif[0x8825] = {1: "S", 2: (7.0, 43.0, 0.0), 3: "E", 4: (109.0, 0.0, 0.0)}  # GPS
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif)
    return out.getvalue()


def upload(data: bytes, name: str = "offer.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


REPORT = {
    "what": "A sponsor offers factory work in Cambodia, paid Rp 20 juta, on a tourist visa.",
    "place": "Desa Kesugihan, Cilacap",
    "who": "Pak B, sponsor",
    "contact": "",
    "website": "",
}


def send_report(client: Client | None = None, **changes: object):
    client = client or Client()
    return client.post("/publik/lapor/", {**REPORT, **changes})


def tracking_code(response) -> str:  # type: ignore[no-untyped-def]
    found = re.search(rb'data-testid="tracking-code">([A-Z0-9-]+)<', response.content)
    assert found, response.content.decode()[:2000]
    return found.group(1).decode()
