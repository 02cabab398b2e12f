"""Badge templates: JSON files with millimetre coordinates measured from the top-left corner.

A template is either a *badge* (a page with elements) or a *sheet* (a paper size tiled with a badge
template, with cut marks, for pre-printing). Elements:

``text``   a box with ``field`` (see :data:`printing.data.FIELDS`), ``text`` (a literal) or ``join``
           (fields joined by ``sep``, empty ones skipped); ``size: [min, max]`` in points, ``align``
           left|center|right, ``valign`` top|middle|bottom, ``max_lines``, ``wrap_below`` (pt: shrink
           one line down to it, then try more lines, then shrink further), ``bold``, ``color``
           (``#rrggbb``, ``category`` or ``on-category``), ``uppercase``, ``required`` (refuse the badge
           when empty) and ``on_missing`` (``error`` or ``omit`` when no font covers a character).
``qr``     a square box (``x``, ``y``, ``size``) for the token, quiet zone included.
``band``   a filled rectangle; ``color`` may be ``category``.
``image``  a picture file (``src``, relative to the template's folder), aspect ratio kept.

``background``: ``{"color": "#rrggbb", "image": "file.png"}``. Validation refuses unknown keys,
fields and boxes outside the page with a message that names the template and the element.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from printing.data import FIELDS
from printing.errors import TemplateError

__all__ = [
    "TEMPLATE_DIR",
    "Band",
    "Element",
    "Image",
    "QrBox",
    "Sheet",
    "Template",
    "TextBox",
    "list_templates",
    "load_template",
    "parse_color",
    "parse_template",
]

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "resources" / "templates"
PAPER_MM = {
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "A6": (105.0, 148.0),
    "A7": (74.0, 105.0),
    "LETTER": (215.9, 279.4),
    "4X6": (101.6, 152.4),
    "CR80": (85.6, 53.98),
}
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_EPS = 0.01


def parse_color(value: str, where: str) -> str:
    if value in ("category", "on-category") or (isinstance(value, str) and _HEX.match(value)):
        return value
    raise TemplateError(f"{where}: colour {value!r} is not #rrggbb, 'category' or 'on-category'")


@dataclass(frozen=True)
class Element:
    kind: str
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class TextBox(Element):
    field: str | None = None
    text: str | None = None
    join: tuple[str, ...] = ()
    sep: str = ", "
    size_min: float = 8.0
    size_max: float = 12.0
    align: str = "center"
    valign: str = "middle"
    max_lines: int = 1
    bold: bool = False
    color: str = "#000000"
    uppercase: bool = False
    required: bool = False
    on_missing: str = "error"
    line_height: float = 1.15
    wrap_below: float = 0.0  # below this size a second line is tried before shrinking further


@dataclass(frozen=True)
class QrBox(Element):
    pass


@dataclass(frozen=True)
class Band(Element):
    color: str = "category"


@dataclass(frozen=True)
class Image(Element):
    src: Path = Path()


@dataclass(frozen=True)
class Sheet:
    badge: Template
    cols: int
    rows: int
    cut_marks: bool = True

    @property
    def per_page(self) -> int:
        return self.cols * self.rows


@dataclass(frozen=True)
class Template:
    name: str
    title: str
    width_mm: float
    height_mm: float
    elements: tuple[Element, ...] = ()
    background_color: str | None = None
    background_image: Path | None = None
    sheet: Sheet | None = None
    source: Path | None = None
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def badge(self) -> Template:
        """The template of one badge (itself, or the tiled one for a sheet)."""
        return self.sheet.badge if self.sheet else self

    @property
    def landscape(self) -> bool:
        return self.width_mm > self.height_mm


# -- parsing ---------------------------------------------------------------------------------------
_COMMON = {"type", "x", "y", "w", "h", "size", "comment"}
_TEXT_KEYS = _COMMON | {
    "field",
    "text",
    "join",
    "sep",
    "align",
    "valign",
    "max_lines",
    "bold",
    "color",
    "uppercase",
    "required",
    "on_missing",
    "line_height",
    "wrap_below",
}
_ALLOWED = {"text": _TEXT_KEYS, "qr": _COMMON, "band": _COMMON | {"color"}, "image": _COMMON | {"src"}}


def _num(obj: dict[str, Any], key: str, where: str, default: float | None = None) -> float:
    value = obj.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TemplateError(f"{where}: {key!r} must be a number of millimetres, got {value!r}")
    return float(value)


def _page(data: dict[str, Any], where: str) -> tuple[float, float]:
    page = data.get("page")
    if not isinstance(page, dict):
        raise TemplateError(f"{where}: 'page' must be an object with 'size' or 'width'/'height'")
    if "size" in page:
        size = str(page["size"]).upper()
        if size not in PAPER_MM:
            raise TemplateError(
                f"{where}: unknown paper size {page['size']!r} (known: {', '.join(PAPER_MM)})"
            )
        w, h = PAPER_MM[size]
        if (page.get("orientation") == "landscape" and w < h) or (
            page.get("orientation") == "portrait" and w > h
        ):
            w, h = h, w
    else:
        w, h = _num(page, "width", where), _num(page, "height", where)
    if w <= 0 or h <= 0:
        raise TemplateError(f"{where}: page size must be positive")
    return w, h


def _element(obj: Any, index: int, tpl: str, page: tuple[float, float], folder: Path) -> Element:
    if not isinstance(obj, dict):
        raise TemplateError(f"template {tpl}: element {index} must be an object")
    kind = obj.get("type")
    where = f"template {tpl}: element {index} ({kind})"
    if kind not in _ALLOWED:
        raise TemplateError(f"{where}: unknown type; use one of {', '.join(_ALLOWED)}")
    unknown = set(obj) - _ALLOWED[kind]
    if unknown:
        raise TemplateError(f"{where}: unknown keys {sorted(unknown)}")
    x, y = _num(obj, "x", where), _num(obj, "y", where)
    if kind == "qr":
        w = h = _num(obj, "size", where)
    else:
        w, h = _num(obj, "w", where), _num(obj, "h", where)
    if w <= 0 or h <= 0:
        raise TemplateError(f"{where}: width and height must be positive")
    pw, ph = page
    if x < -_EPS or y < -_EPS or x + w > pw + _EPS or y + h > ph + _EPS:
        raise TemplateError(
            f"{where}: box x={x:g} y={y:g} w={w:g} h={h:g} mm lies outside the {pw:g}×{ph:g} mm page"
        )
    if kind == "qr":
        return QrBox("qr", x, y, w, h)
    if kind == "band":
        return Band("band", x, y, w, h, parse_color(obj.get("color", "category"), where))
    if kind == "image":
        src = folder / str(obj.get("src", ""))
        if not obj.get("src") or not src.is_file():
            raise TemplateError(f"{where}: image file {obj.get('src')!r} not found next to the template")
        return Image("image", x, y, w, h, src)
    return _text(obj, where, x, y, w, h)


def _text(obj: dict[str, Any], where: str, x: float, y: float, w: float, h: float) -> TextBox:
    sources = [k for k in ("field", "text", "join") if k in obj]
    if len(sources) != 1:
        raise TemplateError(f"{where}: give exactly one of 'field', 'text' or 'join'")
    join = tuple(obj.get("join") or ())
    for name in ([obj["field"]] if "field" in obj else []) + list(join):
        if name not in FIELDS:
            raise TemplateError(f"{where}: unknown field {name!r}; known: {', '.join(FIELDS)}")
    size = obj.get("size", [8, 12])
    if isinstance(size, int | float) and not isinstance(size, bool):
        size = [size, size]
    if (
        not isinstance(size, list)
        or len(size) != 2
        or not all(isinstance(s, int | float) and not isinstance(s, bool) for s in size)
    ):
        raise TemplateError(f"{where}: 'size' must be points or [min, max] points")
    lo, hi = float(size[0]), float(size[1])
    if not 3 <= lo <= hi:
        raise TemplateError(f"{where}: font size range {size} must satisfy 3 <= min <= max")
    align = obj.get("align", "center")
    valign = obj.get("valign", "middle")
    if align not in ("left", "center", "right") or valign not in ("top", "middle", "bottom"):
        raise TemplateError(f"{where}: align must be left|center|right and valign top|middle|bottom")
    max_lines = obj.get("max_lines", 1)
    if not isinstance(max_lines, int) or isinstance(max_lines, bool) or not 1 <= max_lines <= 10:
        raise TemplateError(f"{where}: max_lines must be an integer from 1 to 10")
    on_missing = obj.get("on_missing", "error")
    if on_missing not in ("error", "omit"):
        raise TemplateError(f"{where}: on_missing must be 'error' or 'omit'")
    line_height = float(obj.get("line_height", 1.15))
    if lo * line_height * 25.4 / 72 > h + _EPS:
        raise TemplateError(f"{where}: the box is {h:g} mm high, too low for one line at {lo:g} pt")
    wrap_below = float(obj.get("wrap_below", lo))
    if not lo <= wrap_below <= hi:
        raise TemplateError(f"{where}: wrap_below must lie within the size range {size}")
    return TextBox(
        "text",
        x,
        y,
        w,
        h,
        wrap_below=wrap_below,
        field=obj.get("field"),
        text=obj.get("text"),
        join=join,
        sep=str(obj.get("sep", ", ")),
        size_min=lo,
        size_max=hi,
        align=align,
        valign=valign,
        max_lines=max_lines,
        bold=bool(obj.get("bold", False)),
        color=parse_color(obj.get("color", "#000000"), where),
        uppercase=bool(obj.get("uppercase")),
        required=bool(obj.get("required")),
        on_missing=on_missing,
        line_height=line_height,
    )


def parse_template(data: dict[str, Any], *, source: Path | None = None, _depth: int = 0) -> Template:
    """Validate a template's JSON object and build it (sheets load their badge template by name)."""
    if not isinstance(data, dict):
        raise TemplateError("a template must be a JSON object")
    name = str(data.get("name") or (source.stem if source else "unnamed"))
    where = f"template {name}"
    folder = source.parent if source else TEMPLATE_DIR
    page = _page(data, where)
    bg = data.get("background") or {}
    if not isinstance(bg, dict):
        raise TemplateError(f"{where}: 'background' must be an object")
    bg_color = parse_color(bg["color"], f"{where}: background") if bg.get("color") else None
    bg_image = None
    if bg.get("image"):
        bg_image = folder / str(bg["image"])
        if not bg_image.is_file():
            raise TemplateError(f"{where}: background image {bg['image']!r} not found")
    sheet = None
    if "sheet" in data:
        spec = data["sheet"]
        if _depth or not isinstance(spec, dict):
            raise TemplateError(f"{where}: 'sheet' must be an object and sheets cannot nest")
        badge = load_template(str(spec.get("badge", "")), _depth=1)
        cols, rows = spec.get("cols"), spec.get("rows")
        if not all(isinstance(v, int) and v >= 1 for v in (cols, rows)):
            raise TemplateError(f"{where}: sheet 'cols' and 'rows' must be positive integers")
        if cols * badge.width_mm > page[0] + _EPS or rows * badge.height_mm > page[1] + _EPS:
            raise TemplateError(
                f"{where}: {cols}×{rows} badges of {badge.width_mm:g}×{badge.height_mm:g} mm "
                f"do not fit on the {page[0]:g}×{page[1]:g} mm page"
            )
        sheet = Sheet(badge, cols, rows, bool(spec.get("cut_marks", True)))
        elements: tuple[Element, ...] = ()
    else:
        raw = data.get("elements")
        if not isinstance(raw, list) or not raw:
            raise TemplateError(f"{where}: 'elements' must be a non-empty list")
        elements = tuple(_element(obj, i, name, page, folder) for i, obj in enumerate(raw))
    info = {k: data[k] for k in ("description", "media") if k in data}
    return Template(
        name,
        str(data.get("title", name)),
        page[0],
        page[1],
        elements,
        bg_color,
        bg_image,
        sheet,
        source,
        info,
    )


def load_template(name_or_path: str | Path, *, _depth: int = 0) -> Template:
    """A built-in template by name (``congress-a6``) or a JSON file by path."""
    candidate = Path(name_or_path)
    if candidate.suffix.lower() != ".json" or not candidate.is_file():
        builtin = TEMPLATE_DIR / f"{name_or_path}.json"
        if not builtin.is_file():
            known = ", ".join(t.stem for t in sorted(TEMPLATE_DIR.glob("*.json")))
            raise TemplateError(f"unknown badge template {str(name_or_path)!r}; built-in: {known}")
        candidate = builtin
    try:
        data = json.loads(candidate.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TemplateError(f"cannot read template {candidate}: {exc}") from exc
    return parse_template(data, source=candidate, _depth=_depth)


def list_templates() -> list[Template]:
    """Every built-in template, loaded and validated."""
    return [load_template(path) for path in sorted(TEMPLATE_DIR.glob("*.json"))]
