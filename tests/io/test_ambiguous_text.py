"""A number written as quoted text with a possible thousands separator ("8.500", "1,250") is refused with both
readings named, as the unquoted 8.500 is (trial3 #8: the quoted form gave "'.' separates thousands in Danish ('.')
or English (',') and marks decimals in the other")."""
from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from costmodel.io.fields import Number


class _Amount(BaseModel):
    amount: Number


@pytest.mark.parametrize("written, message", [
    ("8.500", "'8.500' is ambiguous: a Danish thousands dot (8.500 = 8500) or a decimal point (8.5); write 8500 "
              "(or 8.5 if a decimal is meant)"),
    ("-12.000", "'-12.000' is ambiguous: a Danish thousands dot (-12.000 = -12000) or a decimal point (-12); write "
                "-12000 (or -12 if a decimal is meant)"),
    ("1,250", "'1,250' is ambiguous: an English thousands comma (1,250 = 1250) or a Danish decimal comma (1,25 = "
              "1.25); write 1250 (or 1.25 if a decimal is meant)"),
])
def test_both_readings_are_named(written, message):
    with pytest.raises(ValidationError) as refused:
        _Amount(amount=written)
    assert message in str(refused.value)
