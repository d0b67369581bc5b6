"""Small pieces: the message catalogue, highlighting, sparklines, draft reading, the session key."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document

from dashboard.highlight import Span, segments
from dashboard.i18n import Translator, catalogue, placeholders
from dashboard.secret import session_secret
from dashboard.selfcheck import DraftError, draft_text, upload_text
from dashboard.sparkline import sparkline
from genderwatch.settings import Settings
from scoring.document import Document as NewsText
from scoring.people import find_people
from scoring.people.evidence import KINDS
from store.models import CATEGORIES, FUNCTIONS, GENDERS

TEMPLATES = Path(__file__).resolve().parents[2] / "dashboard" / "templates"


def test_every_message_has_vietnamese_and_english_with_the_same_placeholders() -> None:
    for key, texts in catalogue().items():
        assert set(texts) == {"vi", "en"}, key
        assert placeholders(texts["vi"]) == placeholders(texts["en"]), key
    needed = ([f"category.{slug}" for slug in CATEGORIES] + [f"function.{slug}" for slug in FUNCTIONS]
              + [f"gender.{slug}" for slug in GENDERS])
    assert not [key for key in needed if key not in catalogue()]


def test_the_analysers_gender_evidence_reads_in_the_users_language() -> None:
    report = find_people(NewsText(
        "Bà Trần Mai phát biểu tại hội nghị. Anh Lê Văn Hùng, cán bộ xã, cho biết đường đã sửa xong. "
        "Nguyễn Thị Hoa là giáo viên."
    ))
    evidence = {person.name: person.gender_evidence for person in report.people}
    vietnamese, english = Translator("vi"), Translator("en")
    assert vietnamese.gender_evidence(evidence["Trần Mai"]) == "danh xưng “Bà”"
    assert english.gender_evidence(evidence["Trần Mai"]) == "honorific “Bà”"
    assert vietnamese.gender_evidence(evidence["Nguyễn Thị Hoa"]) == "tên đệm “Thị”"
    assert vietnamese.gender_evidence("given name 'Lan' (female list only)") == (
        "tên “Lan” (chỉ có trong danh sách tên nữ)")
    assert vietnamese.gender_evidence("tên đệm 'Thị'") == "tên đệm 'Thị'"  # unknown forms as stored
    every_kind = {f"evidence.{kind.replace(' ', '_')}" for kind in KINDS if kind != "given name"}
    every_kind |= {f"evidence.given_name.{gender}_only" for gender in ("female", "male")}
    assert not sorted(every_kind - set(catalogue()))


def test_every_literal_key_used_by_a_template_exists() -> None:
    used = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"t\('([a-z_.+]*[a-z_+])'[,)]", template.read_text(encoding="utf-8")))
    assert used and not sorted(key for key in used if key not in catalogue())


def test_segments_cover_the_text_once_and_trim_overlaps() -> None:
    text = "Nữ phó chủ tịch xã xinh đẹp vẫn nấu cơm."
    spans = [Span(0, 27, "appearance", 1), Span(20, 30, "domestic_role", 2), Span(32, 39, "domestic_role", 3),
             Span(50, 60, "appearance", 4)]
    pieces = segments(text, spans)
    assert "".join(piece.text for piece in pieces) == text
    marked = [(piece.text, piece.span.number) for piece in pieces if piece.span]
    assert marked == [("Nữ phó chủ tịch xã xinh đẹp", 1), (" vẫ", 2), ("nấu cơm", 3)]


def test_sparkline_breaks_at_missing_values_and_marks_the_newest() -> None:
    line = sparkline([None, 50.0, 100.0, None, 0.0])
    assert len(line.lines) == 2
    assert line.last == (117.0, 29.0)


def test_drafts_from_docx_and_txt_and_the_refusals(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("Bà Nguyễn Thị Lan phát biểu.")
    buffer = io.BytesIO()
    document.save(buffer)
    assert upload_text("ban-thao.docx", buffer.getvalue()).strip() == "Bà Nguyễn Thị Lan phát biểu."
    assert upload_text("ban-thao.TXT", "\ufeffÔng Nam nói.".encode()) == "Ông Nam nói."
    with pytest.raises(DraftError) as refused:
        draft_text("   ", None, None)
    assert refused.value.key == "selfcheck.error.empty"
    with pytest.raises(DraftError) as refused:
        draft_text("x" * 60_001, None, None)
    assert refused.value.key == "selfcheck.error.too_long"


def test_a_generated_session_key_is_kept_and_reused(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    first = session_secret(settings)
    assert len(first) >= 32 and session_secret(settings) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    assert session_secret(Settings(data_dir=tmp_path, secret_key="k" * 40)) == "k" * 40
