"""Crawling and extraction: provincial outlets to stored articles (architecture.md §1).

``registry`` reads ``config/outlets.yaml``; ``spider`` discovers and fetches pages politely
through Scrapy; ``extract`` turns a page into article fields; ``ingest`` stores them
transactionally with the raw page; ``run.crawl`` is the entry point the CLI and the scheduler
call (one crawl per process: Twisted's reactor cannot restart). ``demo_web`` renders and
serves the local demo outlets.
"""
