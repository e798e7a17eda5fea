"""Pictures of the deployment: decoded with Pillow before anything is stored, kept by content hash, thumbnails made once."""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

import queries
from resonance.errors import InputError
from resonance.i18n import t
from resonance.settings import settings

ALLOWED = {"PNG": ("image/png", "png"), "JPEG": ("image/jpeg", "jpg"), "WEBP": ("image/webp", "webp")}
DECODERS = tuple(ALLOWED)            # Pillow tries only these: never EPS/PS (Ghostscript) or any other program
# Formats Pillow would hand to an external program, named in the refusal (by their first bytes).
_EXTERNAL = ((b"%!PS", "EPS"), (b"\xc5\xd0\xd3\xc6", "EPS"), (b"%PDF", "PDF"))
THUMB_SIZE = (480, 360)
THUMB_BACKGROUND = (246, 246, 246)   # the app's secondary background grey


class AssetError(InputError):
    """A picture refused; the message names the file and says what to do."""


@dataclass(frozen=True)
class Picture:
    sha256: str
    mime: str
    extension: str
    width: int
    height: int


def inspect(data: bytes, file_name: str) -> Picture:
    """Decode the bytes as an image; the type comes from the content, never from the file name."""
    if len(data) == 0:
        raise AssetError(t("asset.empty", file=file_name))
    if len(data) > settings().max_picture_bytes:
        raise AssetError(t("asset.too_big", file=file_name, mb=settings().max_picture_bytes // (1024 * 1024)))
    head = data[:512].lstrip().lower()
    if head.startswith((b"<svg", b"<?xml", b"<!doctype", b"<html")):
        raise AssetError(t("asset.svg_html", file=file_name))
    # Pillow raises DecompressionBombError above twice this many pixels (a process-wide threshold, so it is
    # set here, where pictures are decoded, rather than as a side effect of importing this module).
    Image.MAX_IMAGE_PIXELS = settings().max_image_pixels
    try:
        with Image.open(io.BytesIO(data), formats=DECODERS) as probe:
            image_format = probe.format
            probe.verify()
        with Image.open(io.BytesIO(data), formats=DECODERS) as image:
            image.load()
            width, height = image.size
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as error:
        if isinstance(error, Image.DecompressionBombError):
            raise AssetError(t("asset.bomb", file=file_name)) from error
        external = next((name for magic, name in _EXTERNAL if data.lstrip()[:4].startswith(magic)), None)
        if external:
            raise AssetError(t("asset.format", file=file_name, format=external)) from error
        raise AssetError(t("asset.not_image", file=file_name)) from error
    if image_format not in ALLOWED:
        raise AssetError(t("asset.format", file=file_name, format=image_format))
    mime, extension = ALLOWED[image_format]
    return Picture(hashlib.sha256(data).hexdigest(), mime, extension, width, height)


def path_of(sha256: str, mime: str) -> Path:
    extension = next(ext for m, ext in ALLOWED.values() if m == mime)
    return settings().assets / f"{sha256}.{extension}"


def thumbnail_of(sha256: str) -> Path:
    return settings().assets / "thumbs" / f"{sha256}.jpg"


def save(data: bytes, file_name: str) -> Picture:
    """Write the picture and its thumbnail (once: the same content is never stored twice)."""
    picture = inspect(data, file_name)
    target = path_of(picture.sha256, picture.mime)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        partial = target.with_suffix(target.suffix + ".part")
        partial.write_bytes(data)
        partial.replace(target)
    thumb = thumbnail_of(picture.sha256)
    if not thumb.exists():
        thumb.parent.mkdir(parents=True, exist_ok=True)
        with Image.open(io.BytesIO(data), formats=DECODERS) as image:
            # Upright as the phone that took it meant (EXIF orientation), then fitted whole into one
            # 4:3 box so that portrait screens and landscape photos line up in the gallery grid.
            upright = ImageOps.exif_transpose(image).convert("RGB")
            small = ImageOps.pad(upright, THUMB_SIZE, method=Image.Resampling.LANCZOS, color=THUMB_BACKGROUND)
            partial = thumb.with_suffix(".part")
            small.save(partial, "JPEG", quality=85)
            partial.replace(thumb)
    return picture


def add_picture(con, data: bytes, file_name: str, *, campaign_id: int | None, partner_id: int | None = None,
                caption: str | None = None, taken_on: date | None = None, kind: str = "photo",
                illustrates_metric: str | None = None, created_by: str = "system") -> int:
    """Store a picture and record it as an asset of the campaign; returns the asset id."""
    picture = save(data, file_name)
    return int(queries.run(con, "asset_insert", {
        "kind": kind, "sha256": picture.sha256, "mime": picture.mime, "width": picture.width, "height": picture.height,
        "caption": caption, "taken_on": taken_on, "campaign_id": campaign_id, "partner_id": partner_id,
        "illustrates_metric": illustrates_metric, "created_by": created_by})["id"].iloc[0])
