"""Storage: SQLModel tables, engines, migrations and the SQL aggregations behind indicators.

``store`` knows nothing of Scrapy or FastAPI; other packages hand it plain values.
"""

from store.engine import StoreError, check_connection, make_engine, session_scope

__all__ = ["StoreError", "check_connection", "make_engine", "session_scope"]
