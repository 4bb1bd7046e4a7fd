"""How numbers read on the site."""

from __future__ import annotations


def number(value: float) -> str:
    """1600.0 -> '1,600'; 2.5 -> '2.5'; 0.125 -> '0.13'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
