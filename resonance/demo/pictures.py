"""Pictures of demo deployments, drawn by the project (posters, app screens, shop displays, clippings): no third-party artwork."""
from __future__ import annotations

import io
import textwrap
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

BLEU_FRANCE = (0, 0, 145)
ROUGE_MARIANNE = (225, 0, 15)
GREY_DARK = (58, 58, 58)
GREY_LIGHT = (238, 238, 238)
WHITE = (255, 255, 255)
_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation2"))
_FONT_FILES = {False: ("DejaVuSans.ttf", "LiberationSans-Regular.ttf"), True: ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf")}


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False) -> ImageFont.ImageFont:
    for directory in _FONT_DIRS:
        for name in _FONT_FILES[bold]:
            if (directory / name).exists():
                return ImageFont.truetype(str(directory / name), size)
    return ImageFont.load_default(size=size)   # no accents in the bundled font, but a picture all the same


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")          # zlib's default level: "optimize" took twice as long for 10 % fewer bytes
    return buffer.getvalue()


def _wrapped(draw: ImageDraw.ImageDraw, xy, text: str, size: int, width_chars: int, fill, bold=True, spacing=8):
    draw.multiline_text(xy, textwrap.fill(text, width_chars), font=font(size, bold), fill=fill, spacing=spacing)


def _state_block(draw: ImageDraw.ImageDraw, x: int, y: int, scale: float = 1.0):
    """The State's signature as text in a box (the real Marianne logo is not ours to draw)."""
    w, h = int(150 * scale), int(64 * scale)
    draw.rectangle((x, y, x + w, y + h), fill=WHITE)
    draw.rectangle((x, y, x + int(w / 3), y + int(6 * scale)), fill=BLEU_FRANCE)
    draw.rectangle((x + int(2 * w / 3), y, x + w, y + int(6 * scale)), fill=ROUGE_MARIANNE)
    draw.multiline_text((x + int(10 * scale), y + int(14 * scale)), "RÉPUBLIQUE\nFRANÇAISE",
                        font=font(int(16 * scale), True), fill=(0, 0, 0), spacing=2)


def poster(title: str, subtitle: str, accent=ROUGE_MARIANNE) -> bytes:
    image = Image.new("RGB", (900, 1270), BLEU_FRANCE)
    draw = ImageDraw.Draw(image)
    for i, radius in enumerate((520, 400, 280)):
        shade = tuple(min(255, c + 28 * (i + 1)) for c in BLEU_FRANCE)
        draw.ellipse((900 - radius, 1270 - radius, 900 + radius, 1270 + radius), fill=shade)
    draw.rectangle((0, 0, 900, 24), fill=accent)
    _state_block(draw, 60, 70, 1.3)
    _wrapped(draw, (60, 330), title, 84, 14, WHITE)
    _wrapped(draw, (60, 760), subtitle, 38, 30, WHITE, bold=False)
    draw.rounded_rectangle((60, 1080, 470, 1160), radius=40, fill=accent)
    draw.text((95, 1100), "En savoir plus", font=font(36, True), fill=WHITE)
    return _png(image)


def phone_screen(app_name: str, headline: str, body: str, app_colour=(253, 80, 104)) -> bytes:
    image = Image.new("RGB", (800, 1300), (228, 230, 236))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((130, 40, 670, 1260), radius=70, fill=(20, 20, 24))
    draw.rounded_rectangle((150, 60, 650, 1240), radius=56, fill=WHITE)
    draw.rectangle((150, 110, 650, 200), fill=app_colour)
    draw.text((180, 132), app_name, font=font(40, True), fill=WHITE)
    draw.rounded_rectangle((185, 240, 615, 900), radius=30, fill=BLEU_FRANCE)
    _state_block(draw, 210, 265, 1.0)
    _wrapped(draw, (210, 380), headline, 46, 14, WHITE)
    _wrapped(draw, (210, 700), body, 24, 28, WHITE, bold=False)
    for i, (label, colour) in enumerate((("✕", GREY_DARK), ("♥", app_colour))):
        cx = 300 + i * 200
        draw.ellipse((cx - 55, 960, cx + 55, 1070), outline=colour, width=6)
        draw.text((cx, 1015), label, font=font(48, True), fill=colour, anchor="mm")
    draw.rounded_rectangle((210, 1120, 590, 1190), radius=35, fill=ROUGE_MARIANNE)
    draw.text((400, 1155), "Je découvre", font=font(30, True), fill=WHITE, anchor="mm")
    return _png(image)


def shop_display(store_name: str, title: str, store_colour=(0, 122, 80)) -> bytes:
    image = Image.new("RGB", (1400, 900), (245, 242, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 1400, 110), fill=store_colour)
    draw.text((40, 30), store_name.upper(), font=font(48, True), fill=WHITE)
    draw.polygon([(0, 900), (1400, 900), (1400, 700), (0, 700)], fill=(200, 190, 170))
    for shelf_y in (250, 420, 590):
        draw.rectangle((40, shelf_y, 560, shelf_y + 14), fill=(120, 100, 80))
        for k in range(7):
            hue = [(230, 120, 40), (60, 130, 200), (240, 200, 60), (90, 160, 90)][k % 4]
            draw.rectangle((55 + k * 72, shelf_y - 110 + (k % 3) * 20, 115 + k * 72, shelf_y), fill=hue)
    draw.rectangle((760, 160, 1240, 780), fill=BLEU_FRANCE)
    draw.rectangle((760, 160, 1240, 178), fill=ROUGE_MARIANNE)
    _state_block(draw, 790, 205, 1.0)
    _wrapped(draw, (790, 310), title, 44, 17, WHITE)
    draw.rectangle((980, 780, 1020, 880), fill=GREY_DARK)
    draw.rectangle((1080, 660, 1200, 760), fill=WHITE)
    draw.text((1140, 710), "QR", font=font(40, True), fill=(0, 0, 0), anchor="mm")
    return _png(image)


def radio_studio(station: str, title: str) -> bytes:
    image = Image.new("RGB", (1400, 900), (30, 32, 44))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((1030, 60, 1340, 150), radius=20, fill=ROUGE_MARIANNE)
    draw.text((1185, 105), "ON AIR", font=font(52, True), fill=WHITE, anchor="mm")
    draw.text((60, 70), station, font=font(56, True), fill=WHITE)
    draw.rounded_rectangle((300, 260, 420, 520), radius=60, fill=(170, 170, 180))
    draw.rectangle((352, 520, 368, 720), fill=(150, 150, 160))
    draw.rectangle((250, 720, 470, 745), fill=(150, 150, 160))
    for k in range(12):
        height = 40 + (k * 53) % 160
        draw.rectangle((560 + k * 62, 720 - height, 600 + k * 62, 720), fill=BLEU_FRANCE if k % 3 else ROUGE_MARIANNE)
    _wrapped(draw, (560, 230), title, 46, 24, WHITE)
    return _png(image)


def newsletter(sender: str, subject: str, body: str) -> bytes:
    image = Image.new("RGB", (1200, 900), GREY_LIGHT)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 1200, 70), fill=(60, 64, 72))
    for k, colour in enumerate(((255, 95, 86), (255, 189, 46), (39, 201, 63))):
        draw.ellipse((24 + k * 36, 24, 46 + k * 36, 46), fill=colour)
    draw.text((180, 22), f"De : {sender}", font=font(24), fill=WHITE)
    draw.rectangle((200, 110, 1000, 880), fill=WHITE)
    draw.rectangle((200, 110, 1000, 260), fill=BLEU_FRANCE)
    _state_block(draw, 230, 140, 1.0)
    _wrapped(draw, (240, 290), subject, 40, 30, (0, 0, 0))
    _wrapped(draw, (240, 450), body, 24, 55, GREY_DARK, bold=False)
    draw.rounded_rectangle((240, 760, 560, 830), radius=8, fill=BLEU_FRANCE)
    draw.text((400, 795), "Je m'informe", font=font(28, True), fill=WHITE, anchor="mm")
    return _png(image)


def press_clipping(outlet: str, headline: str, lede: str) -> bytes:
    image = Image.new("RGB", (1000, 1300), (250, 248, 240))
    draw = ImageDraw.Draw(image)
    draw.text((500, 80), outlet, font=font(72, True), fill=(20, 20, 20), anchor="mm")
    draw.line((40, 140, 960, 140), fill=(20, 20, 20), width=4)
    _wrapped(draw, (40, 180), headline, 54, 30, (20, 20, 20))
    _wrapped(draw, (40, 470), lede, 28, 60, GREY_DARK, bold=False)
    draw.rectangle((40, 640, 480, 960), fill=BLEU_FRANCE)
    draw.text((260, 800), "PHOTO", font=font(36, True), fill=WHITE, anchor="mm")
    for column in (0, 1):
        for line in range(20):
            x = 40 + column * 480 if line > 11 or column else 520
            y = 640 + line * 30 if column or line <= 11 else 640 + line * 30
            draw.rectangle((x, y, x + 420 - (line % 4) * 30, y + 12), fill=(190, 190, 190))
    return _png(image)


def street_display(title: str, subtitle: str) -> bytes:
    image = Image.new("RGB", (1400, 900), (178, 214, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 620, 1400, 900), fill=(110, 110, 115))
    draw.rectangle((0, 600, 1400, 625), fill=(200, 200, 200))
    draw.rectangle((380, 140, 1020, 620), outline=(70, 70, 70), width=14)
    draw.rectangle((400, 160, 1000, 600), fill=BLEU_FRANCE)
    draw.rectangle((400, 160, 1000, 180), fill=ROUGE_MARIANNE)
    _state_block(draw, 430, 210, 1.0)
    _wrapped(draw, (430, 310), title, 50, 20, WHITE)
    _wrapped(draw, (430, 500), subtitle, 24, 40, WHITE, bold=False)
    return _png(image)
