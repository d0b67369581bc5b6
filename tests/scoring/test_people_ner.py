"""The fast CRF path tags exactly as ``underthesea.ner`` does, and finds people's spans."""

from __future__ import annotations

import pytest
from underthesea import ner

from scoring.people.ner import default_recogniser

SENTENCES = [
    "Ông Nguyễn Văn Hùng, Phó Chủ tịch UBND tỉnh Quảng Ngãi, cho biết năm 2024 có 5 cơn bão.",
    "Tiền đạo Nguyễn Tiến Linh lập cú đúp giúp Becamex Bình Dương thắng Hải Phòng 3-1 tối qua.",
    "PGS.TS Lê Minh Tuấn, chuyên gia khí tượng, nhận định: năm 2025 có thể nhiều thiên tai hơn.",
    "Chị Phạm Thu Hà (35 tuổi, trú xã Tịnh Khê) chia sẻ gia đình chị bị mất trắng vụ lúa.",
    "Tổng thống Mỹ Donald Trump hôm 14/2 tuyên bố sẽ áp thuế đối ứng với nhiều đối tác.",
    "Bệnh viện Đa khoa tỉnh Nghệ An vừa phẫu thuật cho cụ bà 82 tuổi, chi phí 1.200.000 đồng.",
    "“Nước lên nhanh quá”, bà Lường Thị Ính nói, đôi mắt đỏ hoe.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_fast_path_matches_underthesea(sentence: str) -> None:
    assert default_recogniser().tag(sentence) == ner(sentence)


def test_person_spans_point_at_the_names() -> None:
    sentence = "Trong khi đó, Nguyễn Văn Toàn ghi bàn ở phút 88."
    spans = default_recogniser().person_spans(sentence)
    assert [sentence[start:end] for start, end in spans] == ["Nguyễn Văn Toàn"]


def test_empty_sentence_has_no_tags() -> None:
    assert default_recogniser().tag("") == []
