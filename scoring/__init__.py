"""Vietnamese text analysis: people, gender, quotes, functions, stereotype findings, topics.

``scoring`` never touches HTTP or the web UI. Its entry point is
:func:`scoring.analyzer.analyze_text` (see ``scoring/contract.py`` for the output).
"""
