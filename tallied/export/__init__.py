"""export stage: results -> records (JSON lines) and the readable table the CLI prints.
ACLED/UCDP CSV, GeoJSON and Parquet writers will live here too."""
