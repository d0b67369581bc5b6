"""The A1–A5 self-assessment: form, answer validation, scoring and storage."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from genderwatch.errors import GenderwatchError
from store.indicators.self_assessment import (
    load_form,
    save_self_assessment,
    score_self_assessment,
    validate_answers,
)
from store.models import Outlet
from tests.conftest import REPO_ROOT

FORM = load_form(REPO_ROOT / "config")
ANSWERS = {
    "ORG-A1-1": {"women": 1, "total": 4},  # 0.25, below the 0.40-0.60 band
    "ORG-A1-2": {"women": 5, "total": 10},  # 0.50, met
    "ORG-A2-1": {"phong_vien": {"women": 12, "total": 20}, "quay_phim": {"women": 0, "total": 10}},  # 12/30
    "ORG-A2-4": True,
    "ORG-A4-1": False,
    "ORG-A5-1": 3,
    "ORG-A3-1": None,  # not applicable: not evaluable
}


def test_the_form_covers_all_five_areas() -> None:
    assert set(FORM.areas) == {"A1", "A2", "A3", "A4", "A5"}
    assert {item.area for item in FORM.items} == set(FORM.areas)
    assert FORM.areas["A1"][0] == "Cân bằng giới tại cấp ra quyết định"


def test_scoring_by_hand() -> None:
    score = score_self_assessment(FORM, validate_answers(FORM, ANSWERS))
    by_id = {item_score.item.id: item_score for item_score in score.items}
    assert (by_id["ORG-A1-1"].value, by_id["ORG-A1-1"].met) == (0.25, False)
    assert (by_id["ORG-A1-2"].value, by_id["ORG-A1-2"].met) == (0.5, True)
    assert (by_id["ORG-A2-1"].value, by_id["ORG-A2-1"].met) == (0.4, True)  # 12 / 30, pooled
    assert (by_id["ORG-A2-4"].met, by_id["ORG-A4-1"].met, by_id["ORG-A5-1"].met) == (True, False, True)
    assert by_id["ORG-A3-1"].met is None and by_id["ORG-A5-2"].met is None
    # Evaluable: A1-1, A1-2, A2-1, A2-4, A4-1, A5-1 = 6; met: A1-2, A2-1, A2-4, A5-1 = 4.
    assert score.percent == pytest.approx(400 / 6)
    assert (score.area("A1"), score.area("A3"), score.area("A4")) == ((1, 2), (0, 0), (0, 1))


@pytest.mark.parametrize("answers, reason", [
    ({"ORG-A1-9": True}, "'ORG-A1-9' was unexpected"),
    ({"ORG-A2-4": "có"}, "ORG-A2-4: 'có' is not of type 'boolean'"),
    ({"ORG-A1-1": {"women": 5, "total": 4}}, "women (5) exceeds total (4)"),
    ({"ORG-A2-1": {"bao_ve": {"women": 1, "total": 2}}}, "'bao_ve' was unexpected"),
    ({"ORG-A5-1": -1}, "-1 is less than the minimum of 0"),
    (["ORG-A1-1"], "is not of type 'object'"),
])
def test_invalid_answers_are_refused_with_the_item(answers: object, reason: str) -> None:
    with pytest.raises(GenderwatchError, match="invalid self-assessment") as caught:
        validate_answers(FORM, answers)
    assert reason in str(caught.value)


def test_storage_draft_then_submitted_and_never_back(db_engine: Engine) -> None:
    with Session(db_engine) as session:
        session.add(Outlet(id="baolaocai", name="Báo Lào Cai", province="Lào Cai", host="baolaocai.vn"))
        session.flush()
        draft = save_self_assessment(session, FORM, "baolaocai", 2025, {"ORG-A2-4": True}, submit=False)
        assert (draft.status, draft.answers["ORG-A2-4"], draft.answers["ORG-A1-1"]) == ("draft", True, None)
        submitted = save_self_assessment(session, FORM, "baolaocai", 2025, ANSWERS, submit=True)
        assert submitted.id == draft.id and submitted.status == "submitted" and submitted.submitted_at
        with pytest.raises(GenderwatchError, match="already submitted"):
            save_self_assessment(session, FORM, "baolaocai", 2025, {}, submit=False)
        with pytest.raises(GenderwatchError, match="unknown outlet"):
            save_self_assessment(session, FORM, "nowhere", 2025, {}, submit=True)
        session.commit()
        assert submitted.answers["ORG-A1-1"] == {"women": 1, "total": 4}
