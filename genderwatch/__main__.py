"""Allow ``python -m genderwatch``."""

from genderwatch.cli import main

main()
