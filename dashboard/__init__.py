"""The dashboard: FastAPI app, templates, static assets, review workflow, self-check, JSON API."""
