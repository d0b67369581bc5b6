"""Scorecard as CSV: the indicator table, one line per indicator, numbers as plain numbers.

UTF-8 with a byte-order mark so that Excel shows Vietnamese diacritics; text cells that a
spreadsheet would read as a formula are neutralised (crawled titles are untrusted).
"""

from __future__ import annotations

import csv
from pathlib import Path

from dashboard.scorecards.atomic import write_atomically
from dashboard.scorecards.model import Scorecard
from dashboard.scorecards.text import safe_cell, status_text

HEADER = ("ma_chi_so", "ten_chi_so", "muc", "don_vi", "gia_tri", "ktc95_duoi", "ktc95_tren",
          "muc_tieu", "muc_tieu_tren", "huong", "ket_qua", "tu_so", "mau_so", "tu_so_nam",
          "mau_so_nam", "gia_tri_ky_truoc", "thay_doi", "ky_bao_cao", "co_quan_hoac_tinh")


def render_csv(card: Scorecard, path: Path) -> Path:
    def write(temporary: Path) -> None:
        with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            for row in card.rows:
                result = row.result
                writer.writerow([safe_cell(cell) for cell in (
                    row.definition.id, row.definition.name_vi, row.definition.section,
                    row.definition.value_format, result.value, result.ci_low, result.ci_high,
                    result.target, result.target_high, result.direction, status_text(result),
                    result.numerator, result.denominator, result.ref_numerator, result.ref_denominator,
                    row.previous.value if row.previous else None, row.change, card.period.label,
                    card.subject,
                )])

    return write_atomically(path, write)
