"""The ex-post YAML's old key names, read for one more release (docs/scenario_format.md, "Naming rule").

The naming rule both kinds follow: keys that name the assessment's own objects and their counts are Danish, as
the reports print them (deltagere, forloeb, etablering, drift, registreringer, personalegrupper,
oevrige_udgifter, pr_aar, maaneder_pr_deltager); keys that give a file its structure or carry a generic quantity,
label or reference are English (title, source, sensitivity, assumptions, variants, key, label, item, amount,
count, values, note, month). Registration rows keep the column names of the registrations CSV (month, personalegruppe,
hours, aktivitet), so a row can move between the CSV and the YAML; their old names maaned and timer are read too.
An other expense (oevrige_udgifter) gives its month under the same key, month (old name maaned).

`upgrade(data)` renames the old keys in place and says which it renamed, so the loader can warn with each one's
line and report later problems under the new names.
"""
from __future__ import annotations

from typing import Any

# Per mapping: old key -> new key, then what to do inside (by new key); "*" = every element of a list.
_ITEM = {"rename": {"post": "item", "kroner": "amount", "antal": "count", "pris_pr_stk": "unit_price"}}
# An other expense's month is the registrations' generic month (one name for one thing in both places)
_EXPENSE = {"rename": {**_ITEM["rename"], "maaned": "month"}}
_DENOMINATOR = {"rename": {"ental": "singular", "flertal": "plural"}}
# A registration row's generic quantities (the CSV's columns too: registrations.OLD_COLUMNS)
_REGISTRATION = {"rename": {"maaned": "month", "timer": "hours"}}
SPEC: dict = {
    "rename": {"foelsomhed": "sensitivity", "antagelser": "assumptions", "varianter": "variants",
               "ekstra_naevnere": "extra_denominators"},
    "inside": {
        "sensitivity": {
            "rename": {"loen": "wages", "volumen": "volume"},
            "inside": {"volume": {"rename": {"noegle": "key", "vaerdier": "values", "skalerer": "scales",
                                             "skalerende_andel": "scaling_share"}}},
        },
        "deltagere": _DENOMINATOR,
        "extra_denominators": {"inside": {"*": _DENOMINATOR}},
        "etablering": {"inside": {"*": _ITEM}},
        "registreringer": {"inside": {"oevrige_udgifter": {"inside": {"*": _EXPENSE}},
                                      "rows": {"inside": {"*": _REGISTRATION}}}},
    },
}


def upgrade(data: Any, spec: dict = SPEC, at: tuple = ()) -> tuple[list[tuple[tuple, tuple]], list[tuple[tuple, str]]]:
    """Rename old keys to new ones in `data` (changed in place).

    Returns
    -------
    renamed : list of (old location, new location)
        Each location a tuple of keys and list indexes, as the loader's line map has them.
    clashes : list of (location, message)
        Places where a file gives both the old and the new name of one key (the old one is left alone).
    """
    renamed: list[tuple[tuple, tuple]] = []
    clashes: list[tuple[tuple, str]] = []
    if isinstance(data, list):
        inner = spec.get("inside", {}).get("*")
        if inner:
            for i, element in enumerate(data):
                more, clash = upgrade(element, inner, at + (i,))
                renamed += more
                clashes += clash
        return renamed, clashes
    if not isinstance(data, dict):
        return renamed, clashes
    for old, new in spec.get("rename", {}).items():
        if old not in data:
            continue
        if new in data:
            clashes.append((at + (old,), f"give {new!r} only; {old!r} is its old name"))
            continue
        data[new] = data.pop(old)
        renamed.append((at + (old,), at + (new,)))
    for key, inner in spec.get("inside", {}).items():
        if key in data:
            more, clash = upgrade(data[key], inner, at + (key,))
            renamed += more
            clashes += clash
    return renamed, clashes
