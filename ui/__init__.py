"""Streamlit glue shared by the pages (the only code besides the pages that imports streamlit)."""
