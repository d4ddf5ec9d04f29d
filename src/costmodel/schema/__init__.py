"""JSON Schemas of both scenario kinds, generated from the pydantic models (editor completion, e.g. VS Code YAML).

`schemas()` builds them; tools/make_schema.py writes `prospective.schema.json`, `expost.schema.json` and
`wage_table.schema.json` (a fixed-year wage table of the ex-post kind, docs/scenario_format.md) here;
tests/test_getting_started.py keeps the shipped files up to date.
"""
from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = {"prospective": HERE / "prospective.schema.json", "expost": HERE / "expost.schema.json",
         "wage_table": HERE / "wage_table.schema.json"}


def _plain_numbers_for_sourced(node):
    """The ex-post kind reads a plain number where a sourced value ({value, source}) may stand (a validator
    before the model turns one into the other, which pydantic's schema does not see): allow both."""
    if isinstance(node, dict):
        if node.get("$ref", "").endswith("/Sourced"):  # the field's own keys (its description) stay beside anyOf
            rest = {k: v for k, v in node.items() if k != "$ref"}
            return {"anyOf": [{"$ref": node["$ref"]}, {"type": "number"}], **rest}
        return {k: _plain_numbers_for_sourced(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain_numbers_for_sourced(v) for v in node]
    return node


def schemas() -> dict[str, str]:
    """{kind: JSON text} of each scenario kind's schema, and of the ex-post kind's fixed-year wage table."""
    from ..expost.model import ExPostScenario
    from ..prospective.model import Scenario

    from ..rates.wages import WageTable

    out = {}
    for kind, model in (("prospective", Scenario), ("expost", ExPostScenario), ("wage_table", WageTable)):
        schema = _plain_numbers_for_sourced(model.model_json_schema(mode="validation"))
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = ("costmodel wage table (fixed year, ex post)" if kind == "wage_table"
                           else f"costmodel scenario ({kind})")
        out[kind] = json.dumps(schema, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    return out
