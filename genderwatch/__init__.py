"""genderwatch: gender-in-media monitoring for Vietnamese provincial outlets.

This package is the composition root: the CLI, the settings object and the scheduler
wiring. Business logic lives in ``crawler``, ``scoring``, ``store`` and ``dashboard``.
"""

__version__ = "0.1.0"
