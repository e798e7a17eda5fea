"""Pictures placed without distortion: cropped to fill their frame when the shapes are close, fitted inside it otherwise."""
from __future__ import annotations

from dataclasses import dataclass

from pptx.util import Inches

# Up to this difference of aspect ratio a picture is cropped to fill its frame (little is lost);
# beyond it, it is fitted whole inside the frame (a phone screen is never cut in half).
CROP_TOLERANCE = 0.22


@dataclass(frozen=True)
class Placement:
    left: float
    top: float
    width: float
    height: float
    crop_left: float = 0.0
    crop_right: float = 0.0
    crop_top: float = 0.0
    crop_bottom: float = 0.0


def placement(image_width: int, image_height: int, left: float, top: float, width: float, height: float) -> Placement:
    """Where and how to draw an image_width × image_height picture in the frame, keeping its aspect ratio."""
    image_ratio = image_width / image_height
    frame_ratio = width / height
    if abs(image_ratio / frame_ratio - 1) <= CROP_TOLERANCE:
        if image_ratio > frame_ratio:           # wider: trim the sides equally
            trim = (1 - frame_ratio / image_ratio) / 2
            return Placement(left, top, width, height, crop_left=trim, crop_right=trim)
        trim = (1 - image_ratio / frame_ratio) / 2
        return Placement(left, top, width, height, crop_top=trim, crop_bottom=trim)
    if image_ratio > frame_ratio:               # fitted: full width, centred vertically
        shown = width / image_ratio
        return Placement(left, top + (height - shown) / 2, width, shown)
    shown = height * image_ratio
    return Placement(left + (width - shown) / 2, top, shown, height)


def add_picture(slide, path, image_width: int, image_height: int, left: float, top: float, width: float,
                height: float, name: str):
    where = placement(image_width, image_height, left, top, width, height)
    picture = slide.shapes.add_picture(str(path), Inches(where.left), Inches(where.top), Inches(where.width),
                                       Inches(where.height))
    picture.crop_left, picture.crop_right = where.crop_left, where.crop_right
    picture.crop_top, picture.crop_bottom = where.crop_top, where.crop_bottom
    picture.name = name
    return picture
