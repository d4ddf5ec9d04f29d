"""Every key of the shipped JSON Schemas has a Danish hover text (its description) that names what an editor user
needs: the allowed words of a closed list and the default of an optional key (docs/egen_indsats.md, "Editorhjælp").

The texts are the attribute docstrings of the models (costmodel.schema); these tests read the schemas as an editor
does, from the generated JSON.
"""
from __future__ import annotations

import json

import pytest

from costmodel.schema import FILES, schemas


def _properties(node, path="#"):
    """(path, property name, property schema) of every property anywhere in a JSON Schema."""
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            yield path, name, prop
        for key, value in node.items():
            yield from _properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _properties(value, f"{path}/{i}")


def _words(prop) -> list[str]:
    """The closed list of words a property allows (a Literal field's `enum`/`const`, also inside anyOf)."""
    words = [*prop.get("enum", []), *([prop["const"]] if "const" in prop else [])]
    for alternative in prop.get("anyOf", []):
        words += _words(alternative)
    return [w for w in words if isinstance(w, str)]


@pytest.fixture(scope="module")
def generated():
    return {kind: json.loads(text) for kind, text in schemas().items()}


def test_the_walk_finds_a_property_without_description():
    # the check below could fail: a nested property without text is found and named
    fake = {"$defs": {"A": {"properties": {"x": {"type": "number"}, "y": {"description": "y"}}}}}
    assert [f"{p}/{n}" for p, n, prop in _properties(fake) if "description" not in prop] == ["#/$defs/A/x"]


@pytest.mark.parametrize("kind", sorted(FILES))
def test_every_property_has_a_description(generated, kind):
    props = list(_properties(generated[kind]))
    missing = [f"{path}/properties/{name}" for path, name, prop in props if not prop.get("description", "").strip()]
    assert len(props) > 10
    assert not missing, f"{kind}: {len(missing)} of {len(props)} properties have no description:\n" + "\n".join(missing)


@pytest.mark.parametrize("kind", sorted(FILES))
def test_a_closed_list_of_words_is_named_in_the_description(generated, kind):
    unnamed = [f"{path}/properties/{name}: {word}" for path, name, prop in _properties(generated[kind])
               for word in _words(prop) if word not in prop.get("description", "")]
    assert not unnamed, "allowed words missing from the hover text:\n" + "\n".join(unnamed)


@pytest.mark.parametrize("kind", sorted(FILES))
def test_an_optional_key_says_its_default_or_that_it_may_be_left_out(generated, kind):
    # "Standard: ..." (the default), "Kan udelades." (no value; the text says what then happens) or "Angiv enten
    # ... eller ..." / "Angiv præcis én af ..." (one of several keys: the others say what is used instead)
    said = ("Standard", "Kan udelades", "Angiv enten", "Angiv præcis én")
    silent = [f"{path}/properties/{name}" for path, name, prop in _properties(generated[kind])
              if "default" in prop and not any(w in prop["description"] for w in said)]
    assert not silent, "optional keys whose hover text gives no default:\n" + "\n".join(silent)


def test_the_shipped_files_carry_the_descriptions():
    # the files VS Code reads, not only what schemas() would write today
    for kind, path in FILES.items():
        shipped = json.loads(path.read_text(encoding="utf-8"))
        assert all(prop.get("description") for _, _, prop in _properties(shipped)), path.name
