"""Hardened uploads: pictures are judged by their content, SVG/HTML and decompression bombs are refused, sizes are capped,
file names are never used as paths, and a picture disguised as a report is refused by the import engine."""
from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from resonance.ingest import importing
from resonance.services import assets
from resonance.settings import settings


def png(size=(64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (0, 0, 145)).save(out, "PNG")
    return out.getvalue()


def bomb() -> bytes:
    """A real PNG whose header claims 30,000 × 30,000 pixels: Pillow's guard must refuse it before decoding."""
    data = bytearray(png((8, 8)))
    ihdr = data.index(b"IHDR")
    data[ihdr + 4:ihdr + 12] = struct.pack(">II", 30_000, 30_000)
    crc = zlib.crc32(bytes(data[ihdr:ihdr + 17])) & 0xFFFFFFFF
    data[ihdr + 17:ihdr + 21] = struct.pack(">I", crc)
    return bytes(data)


@pytest.mark.parametrize(("data", "message"), [
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "SVG ou une page HTML"),
    (b"  <!DOCTYPE html><html><body onload=alert(1)>", "SVG ou une page HTML"),
    (b"GIF89a" + b"\x00" * 40, "ne se lit pas comme une image"),
    (b"", "est vide"),
    (bomb(), "trop de pixels"),
])
def test_dangerous_or_broken_pictures_are_refused_with_the_file_name(store, data, message):
    with pytest.raises(assets.AssetError, match=message) as refused:
        importing.add_picture(store, data, "photo.png", campaign="Match avec ton futur")
    assert "photo.png" in str(refused.value)
    with store.read() as con:
        assert con.execute("select count(*) from asset").fetchall()[0][0] == 0
    assert not list(settings().assets.glob("*")) or all(p.name == "thumbs" for p in settings().assets.iterdir())


def test_pictures_over_the_size_cap_are_refused(store, monkeypatch):
    monkeypatch.setenv("RESONANCE_MAX_PICTURE_MB", "0.001")
    with pytest.raises(assets.AssetError, match="dépasse 0 Mo|dépasse"):
        importing.add_picture(store, png((400, 400)), "grande.png", campaign="Match avec ton futur")


def test_the_type_comes_from_the_content_and_the_name_is_never_a_path(store, tmp_path):
    hostile_name = "../../../../tmp/évasion.jpg"
    asset_id = importing.add_picture(store, png(), hostile_name, campaign="Match avec ton futur", caption="Affiche")
    with store.read() as con:
        sha, mime = con.execute("select sha256, mime from asset where id = $i", {"i": asset_id}).fetchall()[0]
    assert mime == "image/png"                                # a PNG named .jpg is stored as what it is
    stored = sorted(p.relative_to(settings().assets).as_posix() for p in settings().assets.rglob("*") if p.is_file())
    assert stored == [f"{sha}.png", f"thumbs/{sha}.jpg"]
    assert not (tmp_path.parent / "évasion.jpg").exists()


def test_a_picture_renamed_as_a_report_is_refused_by_the_import_engine(store):
    result = importing.preview(store, png(), "bilan juin.csv", campaign="Match avec ton futur", partner="Tinder")
    assert not result.ok and "bilan juin.csv" in result.errors[0]
    with pytest.raises(importing.ImportRefused):
        importing.load(store, result)
    with store.read() as con:
        assert con.execute("select count(*) from ingestion").fetchall()[0][0] == 0


def test_thumbnails_are_upright_and_share_one_box(store):
    """A phone photo flagged "rotate 90°" comes out upright; portrait and landscape thumbnails have the same size."""
    import io

    from PIL import Image

    from resonance.services import assets

    def jpeg(size, orientation=None):
        buffer = io.BytesIO()
        image = Image.new("RGB", size, (0, 0, 145))
        image.paste((225, 0, 15), (0, 0, size[0], size[1] // 4))        # a red band along the top edge as stored
        exif = Image.Exif()
        if orientation:
            exif[0x0112] = orientation
        image.save(buffer, "JPEG", exif=exif)
        return buffer.getvalue()

    landscape = assets.save(jpeg((1200, 800)), "paysage.jpg")
    rotated = assets.save(jpeg((1200, 800), orientation=6), "telephone.jpg")   # 6: shown turned 90° clockwise
    with Image.open(assets.thumbnail_of(landscape.sha256)) as one, Image.open(assets.thumbnail_of(rotated.sha256)) as two:
        assert one.size == two.size == assets.THUMB_SIZE
        # Upright, the 800 × 1200 picture fills x 120–360 of the box; the band stored along its top edge is now
        # its right-hand quarter (x 300–360), so the left part is blue and the right part red.
        middle = two.size[1] // 2
        blue, red = two.getpixel((160, middle)), two.getpixel((340, middle))
        assert blue[2] > 100 and blue[0] < 80, blue
        assert red[0] > 180 and red[2] < 80, red
