"""Pictures sent with the "Share your story" form: checked, and stripped of hidden metadata.

Phone photos carry EXIF data: the camera, the time and often the GPS position of the home they
were taken in. Re-encoding the pixels alone (after applying the rotation EXIF asks for) leaves
all of that behind.
"""

import io
import warnings

from django.conf import settings
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

    Returns {"data": bytes, "format": "JPEG"|"PNG"}. The pixel count comes from the header, and
    a picture above settings.STORY_UPLOAD_MAX_PIXELS is refused before a single pixel is decoded:
    a small PNG can claim 13,300 x 13,300 pixels and would take gigabytes to open.
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
        with warnings.catch_warnings():
            # Pillow's own bomb warning comes from Image.open; the ceiling below is stricter.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload) as probe:  # reads the header only
                check_pixel_count(probe.size)
                probe.verify()
            upload.seek(0)
            with Image.open(upload) as original:
                picture_format = original.format
                if picture_format not in ALLOWED_FORMATS:
                    raise ValidationError(
                        _("Please choose a photo or picture saved as JPEG or PNG."),
                        code="content_type",
                    )
                check_pixel_count(original.size)
                picture = ImageOps.exif_transpose(original)
                picture.thumbnail((MAX_DIMENSION, MAX_DIMENSION))
                return {"data": reencode(picture, picture_format), "format": picture_format}
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        raise ValidationError(
            _("We could not open this picture. Please try another one, or leave it out."),
            code="unreadable",
        ) from error


def check_pixel_count(size):
    width, height = size
    ceiling = settings.STORY_UPLOAD_MAX_PIXELS
    if width * height > ceiling:
        raise ValidationError(
            _(
                "This picture has too many pixels for us to open (%(width)s x %(height)s). "
                "Please choose a smaller one, at most %(megapixels)s million pixels: a photo "
                "from a phone is usually fine."
            ),
            code="too_many_pixels",
            params={"width": width, "height": height, "megapixels": ceiling // 1_000_000},
        )


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
