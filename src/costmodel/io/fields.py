"""Number types shared by both scenario kinds: finite, and never a YAML boolean standing in for a number."""
from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field


def _not_bool(value: Any) -> Any:
    # pydantic reads true as 1 for a number; in a scenario that is always a slip (`count: yes`, `hours: on`)
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got {str(value).lower()}")
    if isinstance(value, str):
        _refuse_ambiguous_text(value.strip())
    return value


# A number written as text ("8.500", "1,250", "1.234.567,5") where a thousands separator and a decimal mark
# cannot be told apart; pydantic would read "8.500" as 8.5. The unquoted forms are refused by yamlio already.
_GROUPED = re.compile(r"^[-+]?[1-9][0-9]{0,2}([.,][0-9]{3})+$")


def _refuse_ambiguous_text(text: str) -> None:
    if _GROUPED.match(text):
        whole = re.sub(r"[.,]", "", text)
        if text.count(".") + text.count(",") > 1:  # certainly thousands, but written so it is not a number
            raise ValueError(f"write numbers without thousands separators ({whole}, not {text})")
        decimal = f"{float(text.replace(',', '.')):g}"
        mark = ("a Danish thousands dot" if "." in text else "an English thousands comma") + f" ({whole}) or " + (
            f"a decimal point ({decimal})" if "." in text else f"a Danish decimal comma ({decimal})")
        raise ValueError(f'"{text}" is ambiguous: {mark}; write {whole} (or {decimal} if a decimal is meant)')


def not_negative(name: str, value: float) -> float:
    """`value`, or a ValueError naming the field when it is below 0 (NonNeg's message names no field)."""
    if value < 0:
        raise ValueError(f"{name} must not be negative (got {value:g})")
    return value


NotBool = BeforeValidator(_not_bool)
Number = Annotated[float, NotBool, Field(allow_inf_nan=False)]
NonNeg = Annotated[float, NotBool, Field(ge=0, allow_inf_nan=False)]
Pos = Annotated[float, NotBool, Field(gt=0, allow_inf_nan=False)]
Count = Annotated[int, NotBool, Field(ge=0)]
AtLeastOne = Annotated[int, NotBool, Field(ge=1)]
Year = Annotated[int, NotBool, Field(ge=1990, le=2100)]
