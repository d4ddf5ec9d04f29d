"""Danish number text (1.418; 0,2; -3.700) for words meant for people, below the layers that word results: rates/
writes derivations with it, report/formatting builds its table formats on it. Machine output keeps plain numbers."""
from __future__ import annotations

import math


def danish_number(value: float, decimals: int | None = 0) -> str:
    """1234567.8 -> '1.234.568'; -3700 -> '-3.700'; 0.2 with decimals=None -> '0,2' (thousands dot, decimal
    comma, ASCII minus, never '-0'). `decimals` None: as many as the value needs, up to 6, trailing zeros
    dropped (the Danish counterpart of Python's ':g' for the factors of a derivation); NaN and None: '-'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if decimals is None:
        text = danish_number(value, 6)
        return text.rstrip("0").rstrip(",") if "," in text else text
    rounded = round(float(value), decimals)
    if rounded == 0:
        rounded = 0.0  # never print "-0"
    text = f"{abs(rounded):,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return ("-" if rounded < 0 else "") + text
