"""The one exception type the CLI turns into a one-line message and a non-zero exit.

Stages raise :class:`GenderwatchError` for problems the user can fix (bad input, bad
configuration, unreachable database). Anything else is a bug and keeps its traceback.
"""


class GenderwatchError(Exception):
    """A problem the user can act on; ``str(error)`` is the whole message."""

    exit_code: int = 1
