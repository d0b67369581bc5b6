"""Outlet and province scorecards, ready to attach to an official report (issue 6).

Stable API for the dashboard's download routes and the ``genderwatch scorecard`` command:

    build_scorecard(session, *, outlet_id=None, province=None, period, config_dir=None,
                    flagged_limit=10) -> Scorecard
        Exactly one of outlet_id / province. Raises GenderwatchError for an unknown outlet or
        province and for a period without analysed articles.
    render_pdf(scorecard, path)   # Vietnamese, embedded DejaVu Sans
    render_xlsx(scorecard, path)  # typed cells, percentage formats, frozen header
    render_csv(scorecard, path)   # UTF-8 with BOM so Excel shows the diacritics
    render_json(scorecard, path)
    RENDERERS = {"pdf": render_pdf, "xlsx": render_xlsx, "csv": render_csv, "json": render_json}

Every renderer writes atomically (temporary file in the target directory, then rename), so a
failure never leaves a partial file behind.
"""

from dashboard.scorecards.build import build_scorecard
from dashboard.scorecards.model import Scorecard, ScorecardRow
from dashboard.scorecards.render_csv import render_csv
from dashboard.scorecards.render_json import render_json, scorecard_dict
from dashboard.scorecards.render_pdf import render_pdf
from dashboard.scorecards.render_xlsx import render_xlsx

RENDERERS = {"pdf": render_pdf, "xlsx": render_xlsx, "csv": render_csv, "json": render_json}

__all__ = ["RENDERERS", "Scorecard", "ScorecardRow", "build_scorecard", "render_csv", "render_json",
           "render_pdf", "render_xlsx", "scorecard_dict"]
