"""The people stage on sentences written for these tests in the style of provincial news:
who is a person, their gender and its evidence, quotes and speakers, roles and flags."""

from __future__ import annotations

import pytest

from scoring.contract import PeopleReport, PersonResult
from scoring.document import Document
from scoring.people import find_people
from scoring.people.evidence import KINDS, Evidence, evidence_text, parse_evidence


def analyse(text: str) -> PeopleReport:
    return find_people(Document(text))


def person(report: PeopleReport, name: str) -> PersonResult:
    found = [item for item in report.people if item.name == name]
    assert found, f"{name!r} not among {[item.name for item in report.people]}"
    return found[0]


def names(text: str) -> list[str]:
    return [item.name for item in analyse(text).people]


# -- who is a person ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ông Nguyễn Văn Hùng cho biết tỉnh đã sơ tán 2.000 hộ.", ["Nguyễn Văn Hùng"]),
        ("Chủ tịch UBND tỉnh Quảng Ngãi Nguyễn Văn An dự lễ khánh thành.", ["Nguyễn Văn An"]),
        ("Giám đốc Sở Giao thông Vận tải Trần Ngọc Hằng thừa nhận dự án chậm.", ["Trần Ngọc Hằng"]),
        (
            "PGS.TS Lê Minh Tuấn và BS.CK2 Cao Thị Hồng tham gia hội thảo.",
            ["Lê Minh Tuấn", "Cao Thị Hồng"],
        ),
        (
            "Tổng thống Mỹ Donald Trump gặp Thủ tướng Nhật Bản Shigeru Ishiba.",
            ["Donald Trump", "Shigeru Ishiba"],
        ),
        ("Chủ tịch HĐND tỉnh Hồ Quốc Dũng bế mạc kỳ họp.", ["Hồ Quốc Dũng"]),
        ("Chủ tịch UBND xã Mù Cang Chải Hảng A Chư phát biểu.", ["Hảng A Chư"]),
        ("Bị cáo Nguyễn Thị H. (62 tuổi) bị tuyên phạt 3 năm tù.", ["Nguyễn Thị H."]),
        ("Nguyễn Văn Toàn dứt điểm chéo góc ở phút 88.", ["Nguyễn Văn Toàn"]),
        (
            "BS. Lê Ngọc Hải và PGS-TS Đỗ Minh Anh khám cho bệnh nhân.",
            ["Lê Ngọc Hải", "Đỗ Minh Anh"],
        ),
        ("Phó Bí thư Tỉnh ủy Y Sao nhấn mạnh yêu cầu phòng chống tảo hôn.", ["Y Sao"]),
        ("Theo Võ Thanh Bình, chỉ huy công trường, nền đất rất yếu.", ["Võ Thanh Bình"]),
        ("Ông Hầu A Lềnh, Trưởng thôn Phìn Hồ, xã Tả Phìn, chia sẻ kinh nghiệm.", ["Hầu A Lềnh"]),
    ],
)
def test_names_after_titles_forms_of_address_and_bare(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Lượng khách đến Bà Rịa - Vũng Tàu tăng mạnh dịp lễ.",
        "Nhiều du khách đi lễ chùa Bà Chúa Xứ và núi Bà Đen.",
        "Hội thảo thu hút đông đảo chị em phụ nữ tham gia.",
        "Ông bà mình để lại vườn xoài này hơn 100 năm rồi.",
        "Anh chị nên chọn ngành theo năng lực của mình.",
        "Trường THPT chuyên Lê Quý Đôn khai giảng năm học mới.",
        "Cửa hàng trên đường Trần Nhân Tông mở cửa muộn.",
        "Sở Y tế tỉnh Long An tổ chức tiêm vắc xin cho trẻ.",
        "Sông Lam Nghệ An hòa Hồng Lĩnh Hà Tĩnh 1-1 tối qua.",
        "Nữ sinh Khmer chọn ngành kỹ thuật cơ khí ngày càng nhiều.",
        "Nữ sinh Tiên Yên vô địch giải bóng đá học sinh toàn tỉnh.",
        "Người dân ở Dung Quất phấn khởi đón dự án mới.",
    ],
)
def test_places_organisations_groups_and_traps_are_no_one(text: str) -> None:
    assert names(text) == []


def test_bylines_and_photo_credits_are_not_people_in_the_news() -> None:
    text = (
        "Bà Trần Thị Mai, Giám đốc Sở Y tế, cho biết dịch đã được kiểm soát.\n"
        "Ảnh: Hoàng Hà\n"
        "Thu Trang"
    )
    assert names(text) == ["Trần Thị Mai"]


def test_short_forms_join_the_full_name_and_keep_two_people_apart() -> None:
    text = (
        "Theo Thiếu tá Lê Thị Minh, Trưởng Công an phường, đối tượng đã trộm 7 xe. "
        "Anh Phan Công Minh, người bị mất xe, cảm ơn công an. Bà Minh cho biết vụ án đã khép hồ sơ."
    )
    report = analyse(text)
    assert [item.name for item in report.people] == ["Lê Thị Minh", "Phan Công Minh"]
    assert len(person(report, "Lê Thị Minh").mentions) == 2
    assert len(person(report, "Phan Công Minh").mentions) == 1


def test_foreign_short_form_and_headline_before_full_name() -> None:
    text = (
        "Quang Hải ghi bàn\nNguyễn Quang Hải mở tỷ số. Tổng thống Donald Trump chúc mừng. "
        "Ông Trump nói đội chơi hay."
    )
    report = analyse(text)
    assert len(person(report, "Nguyễn Quang Hải").mentions) == 2
    assert len(person(report, "Donald Trump").mentions) == 2


# -- gender ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "gender", "evidence"),
    [
        ("Bà Nguyễn Thị Lan dự họp.", "Nguyễn Thị Lan", "female", "honorific 'Bà'"),
        ("Chủ tịch tỉnh Trần Văn Bình dự họp.", "Trần Văn Bình", "male", "middle name 'Văn'"),
        (
            "Chủ tịch tỉnh Hồ Quốc Dũng dự họp.",
            "Hồ Quốc Dũng",
            "male",
            "given name 'Dũng' (male list only)",
        ),
        (
            "Giám đốc sở Trần Ngọc Hằng dự họp.",
            "Trần Ngọc Hằng",
            "female",
            "given name 'Hằng' (female list only)",
        ),
        (
            "Cô dâu Nguyễn Ngọc Ánh và chú rể Lê Minh Tú cắt bánh.",
            "Lê Minh Tú",
            "male",
            "kinship 'chú rể'",
        ),
        ("Nữ ca sĩ Mỹ Tâm tổ chức đêm nhạc.", "Mỹ Tâm", "female", "explicit 'Nữ ca sĩ'"),
        (
            "Vận động viên nữ Trần Minh Châu giành HCV.",
            "Trần Minh Châu",
            "female",
            "explicit 'Vận động viên nữ'",
        ),
        (
            "Hòa thượng Thích Thiện Nhơn chủ trì đại lễ.",
            "Thích Thiện Nhơn",
            "male",
            "honorific 'Hòa thượng'",
        ),
        (
            "Nhà văn Nguyễn Nhật Ánh ra mắt sách mới. Ông cho biết sách viết về tuổi thơ.",
            "Nguyễn Nhật Ánh",
            "male",
            "reference 'Ông'",
        ),
        (
            "Chị Lò Thị Sinh, vợ Cường, được giải cứu an toàn.",
            "Lò Thị Sinh",
            "female",
            "honorific 'Chị'",
        ),
    ],
)
def test_gender_comes_from_evidence_in_order(
    text: str, name: str, gender: str, evidence: str
) -> None:
    found = person(analyse(text), name)
    assert (found.gender, found.gender_evidence) == (gender, evidence)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Thủ tướng Trần Hồng Hà dự lễ.", "Trần Hồng Hà"),  # Hà is used for both
        ("Bác sĩ Lê Ngọc Anh khám cho trẻ.", "Lê Ngọc Anh"),  # "bác sĩ" says nothing
        ("Em Đặng Bảo Ngọc, 12 tuổi, nhặt rác.", "Đặng Bảo Ngọc"),  # "em" says nothing
        ("Người phát ngôn Bộ Ngoại giao Trung Quốc Mao Ninh trả lời.", "Mao Ninh"),  # no guessing
    ],
)
def test_gender_is_unknown_when_the_text_does_not_tell(text: str, name: str) -> None:
    found = person(analyse(text), name)
    assert (found.gender, found.gender_evidence) == ("unknown", None)


# -- quotes ---------------------------------------------------------------------------------


def quotes(text: str) -> list[tuple[str | None, str, str]]:
    return [(quote.speaker, quote.kind, quote.text) for quote in analyse(text).quotes]


def test_direct_quote_with_speaker_after_and_indirect_clause() -> None:
    text = (
        "Ông Nguyễn Văn Hùng, Phó Chủ tịch UBND tỉnh, cho biết năm qua tỉnh chịu 5 cơn bão. "
        "“Chúng tôi đã sơ tán kịp thời”, ông Hùng nói."
    )
    assert quotes(text) == [
        ("Nguyễn Văn Hùng", "indirect", "năm qua tỉnh chịu 5 cơn bão"),
        ("Nguyễn Văn Hùng", "direct", "Chúng tôi đã sơ tán kịp thời"),
    ]


def test_quote_spans_point_at_the_quoted_words() -> None:
    text = "Chị Hà kể: “Nước lên nhanh quá, chúng tôi chỉ kịp mang theo giấy tờ.”"
    report = analyse(text)
    (quote,) = report.quotes
    assert (
        text[quote.start : quote.end]
        == quote.text
        == "Nước lên nhanh quá, chúng tôi chỉ kịp mang theo giấy tờ."
    )


def test_colon_statement_theo_clause_and_inverted_clause() -> None:
    text = (
        "PGS.TS Mai Duy Tôn cho biết: Thời gian vàng là 4,5 giờ đầu. "
        "Theo bà Trần Thị Mai, Giám đốc Sở, tổng thiệt hại ước 1.200 tỷ đồng. "
        "Phụ huynh cần đưa trẻ đến viện ngay khi trẻ sốt cao, bác sĩ Mai khuyến cáo."
    )
    assert quotes(text) == [
        ("Mai Duy Tôn", "direct", "Thời gian vàng là 4,5 giờ đầu"),
        ("Trần Thị Mai", "indirect", "tổng thiệt hại ước 1.200 tỷ đồng"),
        ("Trần Thị Mai", "indirect", "Phụ huynh cần đưa trẻ đến viện ngay khi trẻ sốt cao"),
    ]


def test_pronoun_and_bare_title_speakers_resolve_to_the_person() -> None:
    text = (
        "Thủ tướng Phạm Minh Chính dự lễ. "
        "Phát biểu tại buổi lễ, Thủ tướng nhấn mạnh cần giữ vững an ninh. "
        "Chị Hoàng Thị Dung nuôi dê. Chị nói vui: “Dê dễ nuôi lắm.”"
    )
    assert quotes(text) == [
        ("Phạm Minh Chính", "indirect", "cần giữ vững an ninh"),
        ("Hoàng Thị Dung", "direct", "Dê dễ nuôi lắm."),
    ]


def test_a_quote_continued_after_its_attribution_keeps_the_speaker() -> None:
    text = (
        '"Tôi từng nghĩ đời mình đã hết", anh Phan Văn Hậu nhớ lại. '
        '"Nhưng rồi tôi nhận ra mình vẫn còn đôi tay."'
    )
    assert [speaker for speaker, _, _ in quotes(text)] == ["Phan Văn Hậu", "Phan Văn Hậu"]


def test_unnamed_sources_are_quotes_without_a_named_speaker() -> None:
    text = "“Mùi hôi nồng nặc, ban đêm không ai ngủ được”, một người dân bức xúc."
    assert quotes(text) == [(None, "direct", "Mùi hôi nồng nặc, ban đêm không ai ngủ được")]


@pytest.mark.parametrize(
    "text",
    [
        "Chương trình “Áo ấm cho em” trao 2.000 áo cho học sinh.",
        "Bị cáo bị xét xử về tội “Lừa đảo chiếm đoạt tài sản”.",
        'Nhờ được đưa đến viện trong "giờ vàng", ông Nguyễn Văn Phúc đã qua cơn nguy kịch.',
        "Theo cơ quan điều tra, đối tượng đã chiếm đoạt 20 tỷ đồng.",
        "Năm học mới, các trường tổ chức khai giảng trong không khí vui tươi.",
        "Bạo lực gia đình không thể bị xem là “chuyện riêng của mỗi nhà” hay “tục của làng”.",
    ],
)
def test_names_scare_quotes_organisations_and_compounds_are_not_quotes(text: str) -> None:
    assert quotes(text) == []


def test_a_question_ending_a_quotation_keeps_its_attribution() -> None:
    text = "TS Vũ Thị Hồng Nhung phân tích. “Mình có viết câu đó không?”, bà Nhung nói."
    assert quotes(text) == [("Vũ Thị Hồng Nhung", "direct", "Mình có viết câu đó không?")]


def test_the_sentence_after_a_quote_may_name_its_speaker() -> None:
    text = ("Chị Nguyễn Thị Lan bán rau. “Mỗi ngày tôi dậy từ 3 giờ sáng để lấy hàng.” "
            "Đó là chia sẻ của chị Lan.")
    assert quotes(text) == [
        ("Nguyễn Thị Lan", "direct", "Mỗi ngày tôi dậy từ 3 giờ sáng để lấy hàng.")
    ]


def test_quoted_is_the_strongest_kind_a_person_has() -> None:
    text = (
        "Bà Lê Thị Hoài cho biết huyện sẽ hỗ trợ. “Chúng tôi làm ngay”, bà Hoài nói. "
        "Ông Lò Văn Biên cho biết xã sẽ làm ngay."
    )
    report = analyse(text)
    assert person(report, "Lê Thị Hoài").quoted == "direct"
    assert person(report, "Lò Văn Biên").quoted == "indirect"


# -- roles and flags ------------------------------------------------------------------------


def test_function_occupation_and_group() -> None:
    text = (
        "Ông Nguyễn Văn Hùng, Giám đốc Sở Y tế, cho biết dịch đã giảm. "
        "PGS.TS Lê Minh Tuấn nhận định mùa mưa sẽ đến sớm. "
        "Chị Phạm Thu Hà chia sẻ gia đình chị mất trắng vụ lúa. "
        "Bị cáo Lê Văn Tâm bị tuyên phạt 14 năm tù."
    )
    report = analyse(text)
    official = person(report, "Nguyễn Văn Hùng")
    assert (official.function, official.occupation, official.occupation_group) == (
        "spokesperson",
        "Giám đốc Sở Y tế",
        3,
    )
    assert person(report, "Lê Minh Tuấn").function == "expert"
    assert person(report, "Phạm Thu Hà").function == "personal_experience"
    accused = person(report, "Lê Văn Tâm")
    assert (accused.function, accused.occupation_group) == ("subject", 25)


def test_flags_family_age_victim_survivor() -> None:
    text = (
        "Nạn nhân là anh Nguyễn Văn Bình (28 tuổi), công nhân. "
        "Mẹ bé, chị Đào Thị Liên, không cầm được nước mắt. "
        "Anh Phan Văn Hậu đã vượt qua bệnh tật để mở công ty."
    )
    report = analyse(text)
    victim = person(report, "Nguyễn Văn Bình")
    assert (victim.victim, victim.age_given, victim.family_role) == (True, True, False)
    mother = person(report, "Đào Thị Liên")
    assert (mother.family_role, mother.age_given) == (True, False)
    assert person(report, "Phan Văn Hậu").survivor


def test_mentions_and_offsets_are_in_text_coordinates() -> None:
    text = "Chiều 20/10, bà Võ Thị Minh Hoa phát biểu. Bà Hoa cho biết hội đã hỗ trợ 1.500 phụ nữ."
    found = person(analyse(text), "Võ Thị Minh Hoa")
    assert [text[start:end] for start, end in found.mentions] == ["Võ Thị Minh Hoa", "Hoa"]


def test_text_without_people() -> None:
    report = analyse("Giá cà phê hôm nay giảm nhẹ so với tuần trước.")
    assert report.people == [] and report.quotes == []


def test_gender_evidence_is_read_back_as_written() -> None:
    for kind in KINDS:
        assert parse_evidence(evidence_text(kind, "Bà")) == Evidence(kind, "Bà")
    written = evidence_text("given name", "Lan", only_list="female")
    assert written == "given name 'Lan' (female list only)"
    assert parse_evidence(written) == Evidence("given name", "Lan", "female")
    assert parse_evidence(evidence_text("other mention", "bà H'Hen Niê")) == Evidence("other mention", "bà H'Hen Niê")
    assert parse_evidence("tên đệm 'Thị'") is None
