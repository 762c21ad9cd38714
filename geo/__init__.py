"""Corridor Atlas core: load, validate, link, date, measure, filter and draw the atlas.

Nothing in this package imports Streamlit; the screens in ``dashboard.py`` and ``pages/`` are a
thin layer over it.
"""
