"""Pictures sent with the "Share your story" form: checked, and stripped of hidden metadata.

Phone photos carry EXIF data: the camera, the time and often the GPS position of the home they
were taken in. Re-encoding the pixels alone (after applying the rotation EXIF asks for) leaves
all of that behind.
"""

import base64
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_DIMENSION = 1600
# Pillow format -> (content type, file extension). What the file really is decides, not its name.
ALLOWED_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}
ALLOWED_CONTENT_TYPES = {content_type for content_type, _ext in ALLOWED_FORMATS.values()}


def clean_picture(upload):
    """Check an uploaded picture and return it re-encoded without metadata.

    Returns a dict that fits in the session: {"data": base64 text, "format": "JPEG"|"PNG"}.
    """
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("This picture is too big. Please choose one smaller than 5 MB."), code="too_big"
        )
    if getattr(upload, "content_type", None) not in ALLOWED_CONTENT_TYPES:
        raise ValidationError(
            _("Please choose a photo or picture saved as JPEG or PNG."), code="content_type"
        )
    try:
        with Image.open(upload) as probe:
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as original:
            picture_format = original.format
            if picture_format not in ALLOWED_FORMATS:
                raise ValidationError(
                    _("Please choose a photo or picture saved as JPEG or PNG."),
                    code="content_type",
                )
            picture = ImageOps.exif_transpose(original)
            picture.thumbnail((MAX_DIMENSION, MAX_DIMENSION))
            return {
                "data": base64.b64encode(reencode(picture, picture_format)).decode(),
                "format": picture_format,
            }
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        raise ValidationError(
            _("We could not open this picture. Please try another one, or leave it out."),
            code="unreadable",
        ) from error


def reencode(picture, picture_format):
    """The pixels only: Pillow writes no EXIF, XMP or text chunks unless it is handed them."""
    if picture_format == "JPEG" and picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")
    if picture_format == "PNG" and picture.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        picture = picture.convert("RGBA")
    clean = Image.new(picture.mode, picture.size)
    clean.paste(picture)
    if picture.mode == "P":
        clean.putpalette(picture.getpalette())
    output = io.BytesIO()
    clean.save(
        output, format=picture_format, **({"quality": 85} if picture_format == "JPEG" else {})
    )
    return output.getvalue()


def picture_bytes(stored):
    return base64.b64decode(stored["data"])


def picture_extension(stored):
    return ALLOWED_FORMATS[stored["format"]][1]
