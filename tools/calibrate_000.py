"""Size report 000's named residual lines from their calibration figures.

Run: python tools/calibrate_000.py           (prints each residual and the figure it closes)
     python tools/calibrate_000.py --write   (also writes the amounts into the scenario files)

Method (docs/derivations.md): every wage in salary_tables/rates_2020.yaml is a public wage statistic (or, for
the socialpædagog, the interval the five savings amounts allow together); travel uses the state's rates. What a
scenario's printed figures still need is a named residual line in that scenario, solved here so its
calibration figures (src/costmodel/reproduction/data/calibration_000.yaml) come out exactly. No rate is solved here.
Every other printed figure is tried by tools/basis.py.
"""
from __future__ import annotations

import re
import sys

from costmodel.reproduction.basis import _figure, _value, base_state, solve_residuals, spec_000
from costmodel.io.paths import scenarios_dir


def _write(name: str, item_id: str, amount: int) -> None:
    path = scenarios_dir() / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(rf"(- id: {re.escape(item_id)}\n(?:    .*\n)*?    amount: )-?[0-9.]+")
    new, count = pattern.subn(lambda m: f"{m.group(1)}{amount}", text)
    if count != 1:
        raise SystemExit(f"{path}: residual item {item_id!r} with an amount not found once")
    path.write_text(new, encoding="utf-8")


def main(write: bool) -> None:
    state = solve_residuals(base_state())
    for group in spec_000()["residuals"]:
        name = group["intervention"]
        scenario = state.scenarios[name]
        for path in group["solve"]:
            amount = round(_value(scenario, path))
            print(f"{name}: {path} = {amount:,} kr.".replace(",", "."))
            if write:
                _write(name, path.split(".")[1], amount)
        for f in group["figures"]:
            value = _figure(scenario, state.rates, f["row"], f["measure"])
            print(f"    {f['source']} {f['row']} {f['measure']}: printed {f['value']:,}, computed {value:,.0f}")


if __name__ == "__main__":
    main("--write" in sys.argv[1:])
