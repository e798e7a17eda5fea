"""The deck's look: 16:9 page, the French state's colours, one font, and text boxes sized so that nothing is clipped."""
from __future__ import annotations

import re
from xml.sax.saxutils import escape

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

BLEU_FRANCE = RGBColor(0x00, 0x00, 0x91)
ROUGE_MARIANNE = RGBColor(0xE1, 0x00, 0x0F)
INK = RGBColor(0x16, 0x16, 0x16)
GREY_DARK = RGBColor(0x3A, 0x3A, 0x3A)
GREY = RGBColor(0x66, 0x66, 0x66)
GREY_LINE = RGBColor(0xCE, 0xCE, 0xCE)
GREY_LIGHT = RGBColor(0xEE, 0xEE, 0xEE)
BLEU_LIGHT = RGBColor(0xE3, 0xE3, 0xFD)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
SERIES = (BLEU_FRANCE, ROUGE_MARIANNE, RGBColor(0x6A, 0x6A, 0xF4), RGBColor(0x00, 0x90, 0x81),
          RGBColor(0xC0, 0x8C, 0x65), RGBColor(0xA5, 0x58, 0xA0))

FONT = "Arial"          # everywhere in offices; LibreOffice draws it with the metric-compatible Liberation Sans
WIDTH_IN, HEIGHT_IN = 13.333, 7.5
MARGIN_IN = 0.6
CONTENT_TOP_IN = 1.45
CONTENT_BOTTOM_IN = 6.95
MARGIN_X_IN, MARGIN_Y_IN = 0.08, 0.05     # text frame insets used everywhere (so the fit estimate is exact)

# Average advance of a character, in ems. Arial averages about 0.5 em on French text; the estimate is
# kept on the safe side so that a font substituted by another (DejaVu Sans is wider) still fits.
CHAR_EM = 0.56
BOLD_CHAR_EM = 0.61
LINE_SPACING = 1.2
_BREAKS = re.compile(r"[ \t\n/]+|(?<=-)")      # where a line may break: spaces, slashes, after a hyphen (not at a no-break space)


def presentation() -> Presentation:
    deck = Presentation()
    deck.slide_width = Emu(12192000)           # PowerPoint's own 16:9 (13.333 × 7.5 in)
    deck.slide_height = Emu(6858000)
    return deck


def blank_slide(deck: Presentation):
    return deck.slides.add_slide(deck.slide_layouts[6])


# -- estimating text ---------------------------------------------------------------------------------
def wrapped_lines(text: str, width_in: float, size_pt: float, bold: bool = False) -> int:
    """How many lines `text` takes in a box `width_in` wide (word wrap, explicit line breaks kept)."""
    usable_pt = max((width_in - 2 * MARGIN_X_IN) * 72, 1)
    per_line = max(int(usable_pt / (size_pt * (BOLD_CHAR_EM if bold else CHAR_EM))), 1)
    lines = 0
    for paragraph in str(text).split("\n"):
        count, current = 1, 0
        for word in paragraph.split(" "):
            length = len(word)
            if current and current + 1 + length > per_line:
                count, current = count + 1, 0
            if current == 0:
                count += (max(length, 1) - 1) // per_line       # a word longer than a line breaks where it must
                current = length % per_line or min(length, per_line)
            else:
                current += 1 + length
        lines += count
    return lines


def text_height_in(text: str, width_in: float, size_pt: float, bold: bool = False) -> float:
    return wrapped_lines(text, width_in, size_pt, bold) * size_pt * LINE_SPACING / 72 + 2 * MARGIN_Y_IN


def _words_fit(text: str, width_in: float, size_pt: float, bold: bool = False) -> bool:
    """No word is longer than a line (a figure such as "119 360 237" must never break in two)."""
    usable_pt = max((width_in - 2 * MARGIN_X_IN) * 72, 1)
    per_line = max(int(usable_pt / (size_pt * (BOLD_CHAR_EM if bold else CHAR_EM))), 1)
    return all(len(word) <= per_line for word in _BREAKS.split(str(text)))


def fitting_size(text: str, width_in: float, height_in: float, largest: float, smallest: float = 9,
                 bold: bool = False) -> float:
    """The largest font size (by half points) at which `text` fits the box without breaking a word."""
    size = largest
    while size > smallest and (text_height_in(text, width_in, size, bold) > height_in
                               or not _words_fit(text, width_in, size, bold)):
        size -= 0.5
    return size


def clip_to_fit(text: str, width_in: float, height_in: float, size_pt: float, bold: bool = False) -> str:
    """Shorten with an ellipsis when even the smallest size cannot hold the text (a very long free text)."""
    if text_height_in(text, width_in, size_pt, bold) <= height_in:
        return text
    words = str(text).split(" ")
    low, high = 0, len(words)
    while low < high:
        middle = (low + high + 1) // 2
        if text_height_in(" ".join(words[:middle]) + " …", width_in, size_pt, bold) <= height_in:
            low = middle
        else:
            high = middle - 1
    return " ".join(words[:low]) + " …"


# -- drawing -------------------------------------------------------------------------------------------
# Text is written as DrawingML directly: python-pptx's property setters cost a deck of 40 slides about a second.
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ALIGN = {PP_ALIGN.LEFT: "l", PP_ALIGN.CENTER: "ctr", PP_ALIGN.RIGHT: "r"}
_ANCHOR = {MSO_ANCHOR.TOP: "t", MSO_ANCHOR.MIDDLE: "ctr", MSO_ANCHOR.BOTTOM: "b"}


def _inset(inches: float) -> int:
    return int(Inches(inches))


def _paragraphs_xml(text: str, size: float, bold: bool, colour: RGBColor, italic: bool, align) -> str:
    run_properties = (f'<a:rPr lang="fr-FR" sz="{int(round(size * 100))}" b="{int(bold)}" i="{int(italic)}" dirty="0">'
                      f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
                      f'<a:latin typeface="{FONT}"/><a:cs typeface="{FONT}"/></a:rPr>')
    paragraph_properties = (f'<a:pPr algn="{_ALIGN.get(align, "l")}"><a:lnSpc><a:spcPct val="{int(LINE_SPACING * 100000)}"/>'
                            '</a:lnSpc></a:pPr>')
    parts = []
    for line in _NOT_XML.sub("", str(text)).split("\n"):
        parts.append(f"<a:p>{paragraph_properties}<a:r>{run_properties}<a:t>{escape(line)}</a:t></a:r></a:p>")
    return "".join(parts)


def _body_xml(text: str, size: float, bold: bool, colour: RGBColor, italic: bool, align, anchor) -> str:
    margin_x, margin_y = _inset(MARGIN_X_IN), _inset(MARGIN_Y_IN)
    return (f'<p:txBody xmlns:a="{_A}" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
            f'<a:bodyPr wrap="square" lIns="{margin_x}" tIns="{margin_y}" rIns="{margin_x}" bIns="{margin_y}" '
            f'anchor="{_ANCHOR.get(anchor, "t")}" rtlCol="0"><a:noAutofit/></a:bodyPr><a:lstStyle/>'
            f"{_paragraphs_xml(text, size, bold, colour, italic, align)}</p:txBody>")


def text_box(slide, left: float, top: float, width: float, height: float, text: str, size: float = 14,
             smallest: float = 9, bold: bool = False, colour: RGBColor = INK, align=PP_ALIGN.LEFT,
             anchor=MSO_ANCHOR.TOP, italic: bool = False, name: str | None = None):
    """A text box whose font shrinks (then, as a last resort, whose text is shortened) until it fits."""
    text = str(text)
    chosen = fitting_size(text, width, height, size, smallest, bold)
    text = clip_to_fit(text, width, height, chosen, bold)
    shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    if name:
        shape.name = name
    old = shape._element.txBody
    old.addnext(parse_xml(_body_xml(text, chosen, bold, colour, italic, align, anchor)))
    shape._element.remove(old)
    return shape


def bullets(slide, left: float, top: float, width: float, height: float, items: list[str], size: float = 16,
            smallest: float = 10, colour: RGBColor = INK, name: str | None = None):
    """A list of points, each after a red dash; sized like text_box."""
    text = "\n".join(f"– {item}" for item in items)
    return text_box(slide, left, top, width, height, text, size, smallest, colour=colour, name=name)


def rectangle(slide, left: float, top: float, width: float, height: float, fill: RGBColor, line: RGBColor | None = None):
    """A flat filled rectangle (no theme style, hence no shadow), written as DrawingML directly."""
    shapes = slide.shapes
    shape_id = shapes._next_shape_id
    outline = ('<a:ln><a:noFill/></a:ln>' if line is None else
               f'<a:ln w="{int(Pt(0.75))}"><a:solidFill><a:srgbClr val="{line}"/></a:solidFill></a:ln>')
    element = parse_xml(
        f'<p:sp xmlns:a="{_A}" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
        f'<p:nvSpPr><p:cNvPr id="{shape_id}" name="Rectangle {shape_id}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{int(Inches(left))}" y="{int(Inches(top))}"/>'
        f'<a:ext cx="{int(Inches(width))}" cy="{int(Inches(height))}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>'
        f'{outline}</p:spPr></p:sp>')
    shapes._spTree.append(element)
    return shapes[-1]


def plain(shape):
    """Drop the theme's shape style: it adds a shadow (LibreOffice draws it) to what should be flat."""
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)
    return shape


def header(slide, title: str, kicker: str, page: int | None = None, footer: str = "") -> None:
    """Every content slide: a blue bar and kicker (the section), the title, and a footer line."""
    rectangle(slide, 0, 0, WIDTH_IN, 0.12, BLEU_FRANCE)
    rectangle(slide, MARGIN_IN, 0.38, 0.5, 0.06, ROUGE_MARIANNE)
    text_box(slide, MARGIN_IN, 0.45, 8.5, 0.32, kicker.upper(), size=11, smallest=8, bold=True, colour=BLEU_FRANCE,
             name="kicker")
    text_box(slide, MARGIN_IN, 0.74, WIDTH_IN - 2 * MARGIN_IN, 0.62, title, size=26, smallest=16, bold=True,
             colour=INK, name="title")
    line = slide.shapes.add_connector(1, Inches(MARGIN_IN), Inches(7.05), Inches(WIDTH_IN - MARGIN_IN), Inches(7.05))
    plain(line)
    line.line.color.rgb = GREY_LINE
    line.line.width = Pt(0.75)
    text_box(slide, MARGIN_IN, 7.08, 9.5, 0.3, footer, size=9, smallest=7, colour=GREY, name="footer")
    if page is not None:
        text_box(slide, WIDTH_IN - MARGIN_IN - 1.0, 7.08, 1.0, 0.3, str(page), size=9, smallest=7, colour=GREY,
                 align=PP_ALIGN.RIGHT, name="page")


def table(slide, left: float, top: float, width: float, columns: list[tuple[str, float, str]], rows: list[list[str]],
          size: float = 11, row_height: float = 0.36, name: str | None = None, header_height: float | None = None):
    """A native table: `columns` = (heading, share of the width, "l" or "r"); the font shrinks so every cell fits."""
    total_share = sum(c[1] for c in columns)
    widths = [width * c[1] / total_share for c in columns]
    header_height = min(header_height or row_height, row_height, 0.5) if rows else row_height
    chosen = size
    headings = [c[0] for c in columns]
    for text, cell_width in zip(headings, widths, strict=True):
        chosen = fitting_size(str(text), cell_width, header_height, chosen, 7, bold=True)
    for line in rows:
        for text, cell_width in zip(line, widths, strict=True):
            chosen = fitting_size(str(text), cell_width, row_height, chosen, 7)
    every = [headings, *[[clip_to_fit(str(text), w, row_height, chosen) for text, w in zip(line, widths, strict=True)]
                         for line in rows]]
    shape = slide.shapes.add_table(len(rows) + 1, len(columns), Inches(left), Inches(top), Inches(width),
                                   Inches(header_height + row_height * len(rows)))
    if name:
        shape.name = name
    margin_x, margin_y = _inset(MARGIN_X_IN), _inset(MARGIN_Y_IN)
    grid = "".join(f'<a:gridCol w="{int(Inches(w))}"/>' for w in widths)
    lines = []
    for row_index, line in enumerate(every):
        height = int(Inches(header_height if row_index == 0 else row_height))
        fill = BLEU_FRANCE if row_index == 0 else (WHITE if row_index % 2 else GREY_LIGHT)
        anchor = "ctr" if row_index == 0 or row_height < 0.6 else "t"
        cells = []
        for column_index, text in enumerate(line):
            align = PP_ALIGN.RIGHT if columns[column_index][2] == "r" else PP_ALIGN.LEFT
            body = _paragraphs_xml(text, chosen, row_index == 0, WHITE if row_index == 0 else INK, False, align)
            cells.append(f'<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{body}</a:txBody>'
                         f'<a:tcPr marL="{margin_x}" marR="{margin_x}" marT="{margin_y}" marB="{margin_y}" anchor="{anchor}">'
                         f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill></a:tcPr></a:tc>')
        lines.append(f'<a:tr h="{height}">{"".join(cells)}</a:tr>')
    old = shape._element.graphic.graphicData.tbl
    old.addnext(parse_xml(f'<a:tbl xmlns:a="{_A}"><a:tblPr firstRow="1" bandRow="0"/><a:tblGrid>{grid}</a:tblGrid>'
                          f'{"".join(lines)}</a:tbl>'))
    old.getparent().remove(old)
    return shape


def chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]
