"""The crawl subprocess the crawl job starts: ``python -m genderwatch.jobs.crawl_process``.

Scrapy's reactor cannot restart inside one process, so every scheduled crawl runs here, in a
fresh interpreter that imports only the crawler (not the whole command line). Settings arrive
as ``GENDERWATCH_*`` variables. The last line on standard output is the crawl summary as JSON;
the exit status is 0 for a finished crawl, 3 for an interrupted one, 1 for an error (its reason
on standard error).

The parent keeps this process's standard input open and never writes to it. End of input means
the parent closed it to ask for a stop, or died: either way the crawl stops the way Ctrl-C
stops it (Scrapy closes gracefully, the crawl runs are marked ``interrupted``), so a killed
scheduler never leaves an orphan crawl competing with its successor.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
from pathlib import Path

INTERRUPTED_EXIT = 3


def _stop_when_parent_leaves() -> None:
    # os.read, not sys.stdin: a daemon thread blocked inside the buffered reader's lock makes
    # the interpreter abort at exit.
    while os.read(0, 4096):
        pass
    os.kill(os.getpid(), signal.SIGTERM)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m genderwatch.jobs.crawl_process")
    parser.add_argument("--registry", type=Path, required=True)
    parser.add_argument("outlets", nargs="*", help="outlet ids; none means every active outlet")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    threading.Thread(target=_stop_when_parent_leaves, name="parent-watch", daemon=True).start()

    from crawler.run import crawl
    from genderwatch.errors import GenderwatchError
    from genderwatch.settings import get_settings
    from store.engine import StoreError

    try:
        summary = crawl(get_settings(), args.outlets or None, registry_path=args.registry)
    except (GenderwatchError, StoreError) as error:
        print(f"Lỗi / error: {error}", file=sys.stderr)
        return 1
    print(json.dumps({"status": summary.status, "run_ids": summary.run_ids, "counts": summary.counts}))
    return 0 if summary.status == "finished" else INTERRUPTED_EXIT


if __name__ == "__main__":
    sys.exit(main())
