"""Stage 5: small page builders over a frozen context, each returning `{relative path: Markdown}`.

`generator.pages` declares the pages besides records and stories, and runs every builder through one writer.
"""

from __future__ import annotations

from .context import Context, Glossary, SitePage

__all__ = ["Context", "Glossary", "SitePage"]
