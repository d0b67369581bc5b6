"""Document preparation: sentences, quotation spans and offsets back into the input."""

from __future__ import annotations

import unicodedata

from scoring.document import Document


def test_sentences_keep_quotations_whole_and_stop_at_line_breaks() -> None:
    text = ("Ông Nguyễn Văn An cho biết: “Chúng tôi sẽ làm. Rất nhanh.” Bà Lan nói thêm.\n"
            "PGS.TS Trần Bình nhận định tình hình ổn.")
    sentences = [sentence.text for sentence in Document(text).sentences]
    assert sentences == [
        "Ông Nguyễn Văn An cho biết: “Chúng tôi sẽ làm. Rất nhanh.”",
        "Bà Lan nói thêm.",
        "PGS.TS Trần Bình nhận định tình hình ổn.",
    ]


def test_sentence_spans_point_into_the_text() -> None:
    document = Document("Tiêu đề bài báo\nSapo ngắn. Câu thứ hai!\nThân bài.")
    for sentence in document.sentences:
        assert document.text[sentence.start:sentence.end] == sentence.text
    assert document.sentence_at(document.text.index("Câu thứ hai")).text == "Câu thứ hai!"


def test_quotation_spans_exclude_the_marks() -> None:
    document = Document('Anh Tuấn nói: "Tôi đồng ý." Chị Mai: «Không sao».')
    assert [document.text[a:b] for a, b in document.quotation_spans] == ["Tôi đồng ý.", "Không sao"]


def test_decomposed_input_is_normalised_and_spans_map_back() -> None:
    raw = unicodedata.normalize("NFD", "Chị Hoà xinh đẹp, Ðảm đang.")
    document = Document(raw)
    assert document.text == "Chị Hoà xinh đẹp, Đảm đang."
    start = document.text.index("xinh đẹp")
    input_start, input_end = document.to_input_span(start, start + len("xinh đẹp"))
    assert unicodedata.normalize("NFC", raw[input_start:input_end]) == "xinh đẹp"
    assert len(raw) > len(document.text)


def test_a_question_closing_a_quotation_does_not_end_the_sentence() -> None:
    text = "“Mình có viết câu đó không?”, bà Nhung nói. Câu sau."
    assert [sentence.text for sentence in Document(text).sentences] == [
        "“Mình có viết câu đó không?”, bà Nhung nói.", "Câu sau."]
