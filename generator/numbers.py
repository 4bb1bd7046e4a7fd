"""How numbers read on the site."""

from __future__ import annotations


def number(value: float) -> str:
    """1600.0 -> '1,600'; 2.5 -> '2.5'; 7.098 -> '7.098' (up to three decimals, as sources print them)."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")
