"""``genderwatch indicators`` and ``genderwatch scorecard`` driven as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from store.engine import make_engine
from tests.conftest import REPO_ROOT
from tests.indicators.seed import seed_dataset
from tests.support import run_cli


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("cli")
    result = run_cli("init", cwd=REPO_ROOT, env={"GENDERWATCH_DATA_DIR": str(directory)})
    assert result.returncode == 0, result.stderr
    engine = make_engine(f"sqlite:///{directory / 'genderwatch.db'}")
    seed_dataset(engine)
    engine.dispose()
    return directory


def _run(data_dir: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli(*args, cwd=REPO_ROOT, env={"GENDERWATCH_DATA_DIR": str(data_dir)})
    return result.returncode, result.stdout, result.stderr


def test_compute_then_show(data_dir: Path) -> None:
    code, out, err = _run(data_dir, "indicators", "compute")
    assert code == 0, err
    assert "considered 8, recomputed 8, unchanged 0" in out
    code, out, err = _run(data_dir, "indicators", "show", "--outlet", "baolaocai", "--period", "2025-11", "--json")
    assert code == 0, err
    shown = json.loads(out)
    assert shown["compliance_percent"] == pytest.approx(800 / 14)
    c01 = next(item for item in shown["indicators"] if item["indicator_id"] == "C01")
    assert (c01["numerator"], c01["denominator"], c01["met"]) == (30, 80, False)


def test_scorecard_files(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "lao-cai.pdf"
    code, out, err = _run(data_dir, "scorecard", "--province", "Lào Cai", "--period", "2025-Q4",
                          "--format", "pdf", "--output", str(target))
    assert code == 0, err
    text = " ".join(PdfReader(target).pages[0].extract_text().split())
    assert "Quý IV/2025" in text and "Tỷ lệ nữ trong tin tức và thời sự" in text
    code, out, err = _run(data_dir, "scorecard", "--outlet", "baolaocai", "--period", "2025-11", "--format", "xlsx")
    assert code == 0, err
    assert (data_dir / "reports" / "phieu-danh-gia_baolaocai_2025-11.xlsx").is_file()


@pytest.mark.parametrize("args, reason", [
    (("--outlet", "nowhere", "--period", "2025-11"), "unknown outlet 'nowhere'"),
    (("--province", "Atlantis", "--period", "2025-11"), "unknown province 'Atlantis'"),
    (("--outlet", "baolaocai", "--period", "2025-13"), "invalid period '2025-13'"),
    (("--outlet", "baolaocai", "--period", "2024-05"), "no analysed articles"),
    (("--outlet", "baolaocai", "--period", "2025-11", "--format", "docx"), "unsupported format 'docx'"),
    (("--period", "2025-11"), "give exactly one of --outlet or --province"),
])
def test_bad_scorecard_requests_fail_cleanly(data_dir: Path, tmp_path: Path, args: tuple[str, ...],
                                             reason: str) -> None:
    target = tmp_path / "card.out"
    code, out, err = _run(data_dir, "scorecard", *args, "--output", str(target))
    assert code != 0
    assert err.startswith("Lỗi / error:") and reason in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_target_and_self_assessment_commands(data_dir: Path, tmp_path: Path) -> None:
    code, out, err = _run(data_dir, "indicators", "target", "--province", "Lào Cai", "--indicator", "C09",
                          "--value", "0.25")
    assert code == 0, err
    answers = tmp_path / "answers.yaml"
    answers.write_text("ORG-A1-1: {women: 2, total: 4}\nORG-A2-4: true\n", encoding="utf-8")
    code, out, err = _run(data_dir, "indicators", "self-assessment", "--outlet", "baobacha", "--year", "2025",
                          str(answers), "--submit")
    assert code == 0, err
    assert "(submitted); tỷ lệ đạt 100.0%" in out
    answers.write_text("ORG-A2-4: có\n", encoding="utf-8")
    code, out, err = _run(data_dir, "indicators", "self-assessment", "--outlet", "baobacha", "--year", "2025",
                          str(answers))
    assert code != 0 and "ORG-A2-4: 'có' is not of type 'boolean'" in err


def test_validate_names_the_broken_line(tmp_path: Path) -> None:
    for name in ("indicators.yaml", "self_assessment.yaml"):
        (tmp_path / name).write_text((REPO_ROOT / "config" / name).read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = _run(tmp_path, "indicators", "validate", str(tmp_path))
    assert code == 0 and "34 chỉ số nội dung, 15 mục tự đánh giá" in out
    text = (tmp_path / "indicators.yaml").read_text(encoding="utf-8")
    (tmp_path / "indicators.yaml").write_text(text.replace("min_sample: 30", "min_sample: 0", 1), encoding="utf-8")
    code, out, err = _run(tmp_path, "indicators", "validate", str(tmp_path))
    line = text[: text.index("min_sample: 30")].count("\n") + 1
    assert code != 0 and f"indicators.yaml:{line}: indicators.0.min_sample: 0 is less than the minimum of 1" in err
