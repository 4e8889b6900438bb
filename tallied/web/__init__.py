"""The review page: Jinja2 templates, static files (vendored Leaflet, the offline basemap, the
desk's own JavaScript and CSS) and the pure functions that shape text for them."""
from pathlib import Path

WEB_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"
