"""The editor self-check: paste or upload a draft, see people, quotes and findings. Nothing is stored."""

from __future__ import annotations

import json

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import JSONResponse, Response

from dashboard.highlight import Span, segments
from dashboard.selfcheck import MAX_UPLOAD_BYTES, DraftError, draft_text, size_text
from dashboard.web import render, signed_in
from genderwatch.errors import GenderwatchError
from scoring.input_checks import InputError
from store.models import User

router = APIRouter(include_in_schema=False)


def _page(request: Request, user: User, status_code: int = 200, **context) -> Response:
    context.setdefault("text", "")
    context.setdefault("result", None)
    context.setdefault("error", None)
    return render(request, "selfcheck.html", user, status_code=status_code,
                  max_size=size_text(MAX_UPLOAD_BYTES), **context)


@router.get("/self-check")
def selfcheck_form(request: Request, user: User = Depends(signed_in)) -> Response:
    return _page(request, user)


async def _read_draft(text: str, upload: UploadFile | None) -> str:
    if upload is None or not upload.filename:
        return draft_text(text, None, None)
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise DraftError("selfcheck.error.too_large", size=size_text(MAX_UPLOAD_BYTES))
    data = await upload.read(MAX_UPLOAD_BYTES + 1)
    return draft_text(text, upload.filename, data)


@router.post("/self-check")
async def selfcheck(request: Request, text: str = Form(""), upload: UploadFile | None = None,
                    user: User = Depends(signed_in)) -> Response:
    try:
        draft = await _read_draft(text, upload)
    except DraftError as error:
        status = 413 if error.key == "selfcheck.error.too_large" else 400
        return _page(request, user, status_code=status, text=text, error=(error.key, error.values))
    try:
        result = await request.app.state.analyser.analyse(draft)
    except InputError as error:  # the analyser refuses the text itself (HTML, not Vietnamese, too long)
        return _page(request, user, status_code=400, text=draft, error=("selfcheck.error.refused",
                                                                         {"reason": str(error)}))
    except GenderwatchError as error:  # e.g. the classifier not built yet on this installation
        return _page(request, user, status_code=503, text=draft, error=("selfcheck.error.unavailable",
                                                                         {"reason": str(error)}))
    spans = [Span(finding["start"], finding["end"], finding["category"], number)
             for number, finding in enumerate(result["findings"], start=1)]
    return _page(request, user, text=draft, result=result, segments=segments(draft, spans))


@router.post("/self-check/report")
async def selfcheck_report(request: Request, text: str = Form(""), user: User = Depends(signed_in)) -> Response:
    """The analysis of a draft as a JSON file to keep: the only way a self-check is "saved"."""
    try:
        draft = draft_text(text, None, None)
    except DraftError as error:
        return JSONResponse({"detail": error.key, **{k: str(v) for k, v in error.values.items()}}, status_code=400)
    result = await request.app.state.analyser.analyse(draft)
    return Response(json.dumps({"text": draft, "analysis": result}, ensure_ascii=False, indent=2),
                    media_type="application/json; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="tu-kiem-tra.json"'})
