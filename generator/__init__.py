"""Explainer-site generator: YAML facts → typed records → Markdown pages."""
