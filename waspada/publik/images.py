"""Uploaded images: checked, resized and re-encoded as JPEG without their metadata.

Re-encoding from the pixels drops everything a photo carries besides them (EXIF with the
phone's GPS position and serial number, XMP, comments): what is stored and shown is only
the picture.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from waspada.core.errors import UserFacingError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding
MAX_SIDE = 1600
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp,image/gif"


class BadImage(UserFacingError):
    def __init__(self, message: str) -> None:
        super().__init__(message)


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    width: int
    height: int


def clean_image(upload: UploadedFile, *, max_side: int = MAX_SIDE) -> CleanImage:
    """The upload as a JPEG of at most `max_side` pixels a side, without metadata."""
    name = upload.name or ""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise BadImage(
            _("%(name)s is larger than %(limit)s MB.")
            % {"name": name, "limit": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            kind = probe.format
            width, height = probe.size
        if kind not in ACCEPTED_FORMATS:
            raise BadImage(_("%(name)s is not a JPEG, PNG, WebP or GIF image.") % {"name": name})
        if width * height > MAX_PIXELS:
            raise BadImage(_("%(name)s has too many pixels.") % {"name": name})
        upload.seek(0)
        with Image.open(upload) as source:
            source.load()
            picture = ImageOps.exif_transpose(source) or source
            picture = picture.convert("RGB")
    except BadImage:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise BadImage(_("%(name)s is not an image that can be read.") % {"name": name}) from None
    picture.thumbnail((max_side, max_side))
    out = io.BytesIO()
    # A new image from the pixels alone: no EXIF, no ICC profile, no comment.
    Image.frombytes("RGB", picture.size, picture.tobytes()).save(
        out, "JPEG", quality=80, optimize=True
    )
    return CleanImage(out.getvalue(), picture.width, picture.height)
