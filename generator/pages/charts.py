"""Accessible SVG line charts of key figures over time, with a text alternative.

A chart is inline SVG (no script, nothing loaded from elsewhere) with role="img" and a
<title>/<desc> pair that says in words what the lines show. Each series differs in line
pattern and marker shape as well as colour, so colour is never the only cue. The page
shows the same numbers in a table beside the chart. Every text is escaped here: names
come from data and must never become markup.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH, HEIGHT = 400, 230
LEFT, RIGHT, TOP, BOTTOM = 58, 14, 14, 36

# (css class, stroke colour, dash pattern, marker) — colours ≥ 3:1 against white (WCAG 1.4.11).
STYLES: dict[str, tuple[str, str, str]] = {
    "utforare": ("#1f4e8c", "", "cirkel"),
    "region": ("#8a4600", "7 4", "kvadrat"),
    "riket": ("#4a4a4a", "2 3", "triangel"),
    "kvinnor": ("#7b1f82", "", "romb"),
    "man": ("#00695c", "7 4", "kvadrat"),
}
MAL_COLOUR = "#2e6b30"


@dataclass(frozen=True)
class Serie:
    """One line: who it is, which style, and one value (or None) per period."""

    namn: str
    stil: str
    varden: tuple[float | None, ...]
    saknas: tuple[str, ...] = ()  # per period: why a value is missing ("" = not reported)


def fyll_perioder(perioder: Sequence[str]) -> list[str]:
    """Every period from the first to the last of the same kind, so a missing year shows as a gap.

    Years, tertials ('2025-T2') and months ('2025-10') each step by one; periods of mixed
    kinds are returned as given (sorted by the caller)."""
    if len(perioder) < 2:
        return list(perioder)
    kinds = {("T" in p) if "-" in p else None for p in perioder}
    if len(kinds) != 1:
        return list(perioder)
    kind = kinds.pop()
    if kind is None:
        years = [int(p) for p in perioder]
        return [str(y) for y in range(min(years), max(years) + 1)]
    size = 3 if kind else 12

    def index(p: str) -> int:
        year, part = p.split("-T" if kind else "-")
        return int(year) * size + int(part) - 1

    def label(i: int) -> str:
        year, part = divmod(i, size)
        return f"{year}-T{part + 1}" if kind else f"{year}-{part + 1:02d}"

    numbers = [index(p) for p in perioder]
    return [label(i) for i in range(min(numbers), max(numbers) + 1)]


def med_referens(enhet: str) -> bool:
    """Whether the region's and country's lines belong in a chart: rates yes, counts never
    (one unit's 5 000 patients beside the region's 110 000 compares nothing)."""
    return enhet != "antal"


def marker(shape: str, x: float, y: float, colour: str, size: float = 4.5) -> str:
    """A marker shape as SVG; shapes tell series apart without colour."""
    if shape == "cirkel":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}" fill="{colour}"/>'
    if shape == "kvadrat":
        s = size * 0.9
        return f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" fill="{colour}"/>'
    if shape == "triangel":
        s = size * 1.2
        return (f'<polygon points="{x:.1f},{y - s:.1f} {x + s:.1f},{y + s * 0.8:.1f} '
                f'{x - s:.1f},{y + s * 0.8:.1f}" fill="{colour}"/>')
    s = size * 1.25
    return f'<polygon points="{x:.1f},{y - s:.1f} {x + s:.1f},{y:.1f} {x:.1f},{y + s:.1f} {x - s:.1f},{y:.1f}" fill="{colour}"/>'


def legend_symbol(stil: str) -> Markup:
    """A small decorative SVG of a series' line and marker, for the legend beside a chart."""
    if stil == "mal":
        line = f'<line x1="2" y1="8" x2="30" y2="8" stroke="{MAL_COLOUR}" stroke-width="2.5" stroke-dasharray="10 3 2 3"/>'
        return Markup(f'<svg class="insyn-symbol" width="32" height="16" viewBox="0 0 32 16" aria-hidden="true" focusable="false">{line}</svg>')  # noqa: S704 - constants only
    colour, dash, shape = STYLES[stil]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return Markup(  # noqa: S704 - constants and numbers only
        '<svg class="insyn-symbol" width="32" height="16" viewBox="0 0 32 16" aria-hidden="true" focusable="false">'
        f'<line x1="2" y1="8" x2="30" y2="8" stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
        f'{marker(shape, 16, 8, colour, 4)}</svg>'
    )


def axel(top: float) -> tuple[float, int]:
    """Tick step and count for an axis from 0 that reaches `top`: steps of 1, 2, 2.5 or 5 × 10^k."""
    if top <= 0:
        return 1.0, 4
    raw = top / 4
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * power >= raw)
    return step, max(2, math.ceil(top / step - 1e-9))


def linjediagram(
    chart_id: str,
    titel: str,
    beskrivning: str,
    perioder: Sequence[str],
    serier: Sequence[Serie],
    formatera: Callable[[float], str],
    malvarde: float | None = None,
    procent: bool = False,
) -> Markup:
    """An SVG line chart: one x position per period, a y axis from 0, an optional target line."""
    values = [v for s in serier for v in s.varden if v is not None]
    if malvarde is not None:
        values.append(malvarde)
    if procent and max(values, default=0) <= 100:
        step, ticks = 25.0, 4
    else:
        step, ticks = axel(max(values, default=0) * 1.05)
    top = step * ticks
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_at(i: int) -> float:
        return LEFT + (plot_w / 2 if len(perioder) == 1 else plot_w * i / (len(perioder) - 1) * 0.9 + plot_w * 0.05)

    def y_at(v: float) -> float:
        return TOP + plot_h * (1 - v / top)

    parts: list[str] = []
    for k in range(ticks + 1):
        tick = step * k
        y = y_at(tick)
        parts.append(f'<line class="insyn-diagram__rutnat" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}"/>')
        parts.append(f'<text class="insyn-diagram__axel" x="{LEFT - 6}" y="{y + 5:.1f}" text-anchor="end">'
                     f'{escape(formatera(tick))}</text>')
    for i, label in enumerate(perioder):
        parts.append(f'<text class="insyn-diagram__axel" x="{x_at(i):.1f}" y="{HEIGHT - 12}" text-anchor="middle">'
                     f'{escape(label)}</text>')
    if malvarde is not None:
        y = y_at(malvarde)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="{MAL_COLOUR}" '
                     'stroke-width="2" stroke-dasharray="10 3 2 3"/>')
        # The target line says what it is, on the line itself, not only in the legend.
        label_y = y - 5 if y - 5 > TOP + 10 else y + 15
        parts.append(f'<text class="insyn-diagram__mal" x="{WIDTH - RIGHT - 2}" y="{label_y:.1f}" text-anchor="end" '
                     f'fill="{MAL_COLOUR}">Mål {escape(formatera(malvarde))}</text>')
    for serie in serier:
        colour, dash, shape = STYLES[serie.stil]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        points = [(x_at(i), y_at(v)) for i, v in enumerate(serie.varden) if v is not None]
        # A missing value breaks the line: draw each run of consecutive values separately.
        run: list[tuple[float, float]] = []
        for i, v in enumerate([*serie.varden, None]):
            if v is not None:
                run.append((x_at(i), y_at(v)))
                continue
            if len(run) > 1:
                coords = " ".join(f"{px:.1f},{py:.1f}" for px, py in run)
                parts.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr}/>')
            run = []
        parts.extend(marker(shape, px, py, colour) for px, py in points)
    # "--": an id of the data has no double hyphen, so no chart's own id can take these (ID_PATTERN).
    title_id, desc_id = f"{chart_id}--titel", f"{chart_id}--beskrivning"
    return Markup(  # noqa: S704 - every text from data passed through escape() above
        f'<svg class="insyn-diagram" id="{escape(chart_id)}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{escape(title_id)} {escape(desc_id)}" focusable="false">'
        f'<title id="{escape(title_id)}">{escape(titel)}</title>'
        f'<desc id="{escape(desc_id)}">{escape(beskrivning)}</desc>'
        + "".join(parts) + "</svg>"
    )


def beskriv(perioder: Sequence[str], serier: Sequence[Serie], formatera: Callable[[float], str],
            malvarde: float | None = None, riktning: str = "", mal_text: str = "") -> str:
    """The chart in words: every series' values per period, the target and the direction."""
    sentences = []
    for serie in serier:
        why = serie.saknas or ("",) * len(serie.varden)
        pairs = [f"{p}: {formatera(v) if v is not None else (w[:1].lower() + w[1:] if w else 'uppgift saknas')}"
                 for p, v, w in zip(perioder, serie.varden, why, strict=True)]
        sentences.append(f"{serie.namn} – " + ", ".join(pairs) + ".")
    if malvarde is not None:
        sentences.append(f"Målvärdet är {mal_text or formatera(malvarde)}.")
    if riktning:
        sentences.append(riktning + ".")
    return " ".join(sentences)
