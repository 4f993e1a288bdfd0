"""Fuzz targets (atheris) for the readers and the field parsers; `python tests/fuzz/run.py` runs them."""
