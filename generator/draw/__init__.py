"""Drawing charts as accessible SVG at build time (no script, no CDN): shared primitives in `svg`, one module per
kind of chart."""
