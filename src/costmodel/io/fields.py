"""Number types shared by both scenario kinds: finite, and never a YAML boolean standing in for a number."""
from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field


def _not_bool(value: Any) -> Any:
    # pydantic reads true as 1 for a number; in a scenario that is always a slip (`count: yes`, `hours: on`)
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got {str(value).lower()}")
    return value


NotBool = BeforeValidator(_not_bool)
Number = Annotated[float, NotBool, Field(allow_inf_nan=False)]
NonNeg = Annotated[float, NotBool, Field(ge=0, allow_inf_nan=False)]
Pos = Annotated[float, NotBool, Field(gt=0, allow_inf_nan=False)]
Count = Annotated[int, NotBool, Field(ge=0)]
AtLeastOne = Annotated[int, NotBool, Field(ge=1)]
Year = Annotated[int, NotBool, Field(ge=1990, le=2100)]
