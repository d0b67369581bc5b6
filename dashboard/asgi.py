"""ASGI entry point for multi-process servers (``uvicorn dashboard.asgi:app --workers N``).

Each worker process builds the app from the process's settings (environment or
``GENDERWATCH_CONFIG``), exactly as ``genderwatch serve`` does for one process.
"""

from dashboard.app import create_app
from genderwatch.settings import get_settings

app = create_app(get_settings())
