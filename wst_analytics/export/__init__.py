"""Exports of published tables for report authors: CSV, XLSX, Parquet."""
