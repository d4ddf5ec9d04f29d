"""JSON Schemas of both scenario kinds, generated from the pydantic models (editor completion, e.g. VS Code YAML).

`schemas()` builds them; tools/make_schema.py writes `prospective.schema.json`, `expost.schema.json` and
`wage_table.schema.json` (a fixed-year wage table of the ex-post kind, docs/scenario_format.md) here;
tests/test_getting_started.py keeps the shipped files up to date.

Each field's description (an editor's hover text, in Danish: meaning, unit, default, allowed words) is the string
under the field in its model, an attribute docstring. It is read here, when a schema is written, and not by
pydantic's `use_attribute_docstrings` when a model is imported: that walks frames and tokenizes each class's source
on every import (about 60-90 ms of every CLI start for some 50 models on Python 3.11), for text only the schema
needs.
"""
from __future__ import annotations

import ast
import functools
import inspect
import json
import sys
from pathlib import Path

from pydantic.json_schema import GenerateJsonSchema

HERE = Path(__file__).resolve().parent
FILES = {"prospective": HERE / "prospective.schema.json", "expost": HERE / "expost.schema.json",
         "wage_table": HERE / "wage_table.schema.json"}


@functools.cache
def _module_docstrings(module: str) -> dict[str, dict[str, str]]:
    """{class name: {field: the string under the field}} of the module-level classes of `module`."""
    out: dict[str, dict[str, str]] = {}
    for node in ast.parse(inspect.getsource(sys.modules[module])).body:
        if isinstance(node, ast.ClassDef):
            out[node.name] = {
                field.target.id: " ".join(doc.value.value.split())  # one paragraph: an editor breaks at newlines
                for field, doc in zip(node.body, node.body[1:])
                if isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name)
                and isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant)
                and isinstance(doc.value.value, str)
            }
    return out


def attribute_docstrings(cls: type) -> dict[str, str]:
    """{field: its attribute docstring} of a model class, inherited ones included (a subclass's own wins)."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if klass.__module__.startswith("costmodel."):
            docs.update(_module_docstrings(klass.__module__).get(klass.__qualname__, {}))
    return docs


class _Described(GenerateJsonSchema):
    """Pydantic's JSON Schema, each property described by its field's attribute docstring.

    An editor (VS Code's YAML extension) shows a key's `title` as the heading of its hover text: pydantic's titles
    are the English names of fields and classes ("Pr Fagteam Pr Aar", "ScenarioBudget"), so they are left out and
    the Danish description stands alone. `markdownDescription` (VS Code's keyword) is the same text, so that
    `kommune` shows as code rather than with its backticks.
    """

    def field_title_should_be_set(self, schema) -> bool:
        """No title on a property: its hover text is its description."""
        return False

    def model_schema(self, schema):
        """The model's schema, with each field's docstring as its property's `description`, and no title."""
        json_schema = super().model_schema(schema)
        json_schema.pop("title", None)
        properties = json_schema.get("properties", {})
        for name, text in attribute_docstrings(schema["cls"]).items():
            if name in properties:
                properties[name].setdefault("description", text)
        for prop in properties.values():
            if "description" in prop:
                prop["markdownDescription"] = prop["description"]
        return json_schema


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
        schema = _plain_numbers_for_sourced(model.model_json_schema(mode="validation", schema_generator=_Described))
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        # the heading of every hover text in VS Code (the closest title; the fields have none): Danish
        schema["title"] = ("costmodel-lønfil (fast år, til kind: expost)" if kind == "wage_table"
                           else f"costmodel-scenarie (kind: {kind})")
        out[kind] = json.dumps(schema, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    return out
