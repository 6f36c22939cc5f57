"""Scoring of the extraction stages against gold data."""
