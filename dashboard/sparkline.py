"""Trend sparklines as SVG polyline points, computed server-side (no script needed)."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT, PAD = 120, 32, 3


@dataclass(frozen=True)
class Sparkline:
    lines: list[str]  # one ``points`` attribute per unbroken run (gaps in the data break the line)
    last: tuple[float, float] | None  # the newest value's point, marked with a dot


def sparkline(values: list[float | None], top: float = 100.0) -> Sparkline:
    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)
    runs: list[list[str]] = [[]]
    last = None
    for index, value in enumerate(values):
        if value is None:
            if runs[-1]:
                runs.append([])
            continue
        x = PAD + index * step
        y = HEIGHT - PAD - (HEIGHT - 2 * PAD) * max(0.0, min(value, top)) / top
        runs[-1].append(f"{x:.1f},{y:.1f}")
        last = (round(x, 1), round(y, 1))
    return Sparkline([" ".join(run) for run in runs if run], last)
