"""The package keeps the shape of its architecture (docs/architecture.md, issue 13): no import cycle (imports inside
functions count), the import-linter contracts of pyproject.toml, one place that knows the two kinds, reading a
file computes no cost and evaluating a loaded scenario reads no file."""
from __future__ import annotations

import ast
import builtins
import importlib.util
import os
import pathlib
import subprocess
import sys
from pathlib import Path

import pytest

import costmodel

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "costmodel"
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))


def _import_graph():
    spec = importlib.util.spec_from_file_location("import_graph", ROOT / "tools" / "import_graph.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_import_cycle_counting_imports_inside_functions():
    graph = _import_graph().analyse()
    inside = [e for e in graph["edges"] if e[2]]
    assert inside, "the graph must see imports inside functions, or it could not find the cycles they hide"
    assert graph["cycles"] == [], graph["cycles"]


def test_import_graph_finds_a_cycle_hidden_in_a_function():
    """The tool itself: two modules that import each other, one only inside a function, form a cycle."""
    tool = _import_graph()
    assert tool.cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
    assert tool.cycles({"a": {"b"}, "b": set()}) == []


def test_import_linter_contracts_are_kept():
    pytest.importorskip("importlinter", reason="pip install -e '.[test]' installs import-linter")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    run = subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
                               "sys.argv = ['lint-imports', '--no-cache']; lint_imports_command()"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "5 kept, 0 broken" in run.stdout


def _kind_checks(tree: ast.AST) -> list[int]:
    """Lines that ask which kind a scenario or result is: getattr(x, "kind"), hasattr(x, "by_category"),
    isinstance(x, <a scenario or result class>), x.kind compared with 'prospective' or 'expost'."""
    found = []
    classes = {"Scenario", "ExPostScenario", "Result", "ExPostResult"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and len(node.args) >= 2:
            name, arg = node.func.id, node.args[1]
            if name in ("getattr", "hasattr") and isinstance(arg, ast.Constant) and arg.value in ("kind", "by_category"):
                found.append(node.lineno)
            if name == "isinstance":
                names = [e.id for e in (arg.elts if isinstance(arg, ast.Tuple) else [arg]) if isinstance(e, ast.Name)]
                if classes & set(names):
                    found.append(node.lineno)
        if isinstance(node, ast.Compare) and isinstance(node.left, ast.Attribute) and node.left.attr == "kind":
            if any(isinstance(c, ast.Constant) and c.value in ("prospective", "expost") for c in node.comparators):
                found.append(node.lineno)
    return found


def test_only_kinds_asks_which_kind():
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "kinds.py" and path.parent == SRC:
            continue
        lines = _kind_checks(ast.parse(path.read_text(encoding="utf-8")))
        offenders += [f"{path.relative_to(SRC)}:{line}" for line in lines]
    assert offenders == []
    # the check itself finds what it looks for
    assert sorted(_kind_checks(ast.parse("getattr(s, 'kind', 'prospective') == 'expost'\nhasattr(r, 'by_category')"))) == [1, 2]


def test_reading_a_file_computes_no_cost(monkeypatch):
    """Loading every shipped scenario of both kinds with the cost engines and sweeps disabled."""
    from costmodel.expost import engine as expost_engine
    from costmodel.expost import sensitivity as expost_sensitivity
    from costmodel.prospective import engine, result, sensitivity

    def refuse(*args, **kwargs):
        raise AssertionError("a cost was computed while reading a file")

    for module, name in [(engine, "cost_rows"), (engine, "cost_lines"), (result, "evaluate_with"),
                         (sensitivity, "sweep"), (sensitivity, "run_table"), (expost_engine, "evaluate"),
                         (expost_sensitivity, "sweep")]:
        monkeypatch.setattr(module, name, refuse)
    for path in SCENARIOS:
        costmodel.load(path)


def test_the_loader_does_not_import_the_engine():
    graph = _import_graph().analyse()
    edges: dict[str, set[str]] = {}
    for a, b, _, _ in graph["edges"]:
        edges.setdefault(a, set()).add(b)
    reached, todo = set(), ["costmodel.loader", "costmodel.prospective.checks"]
    todo = [m for m in todo if m != "costmodel.loader"] + sorted(edges["costmodel.loader"] - {"costmodel.kinds"})
    while todo:  # what the loader and the load-time checks import (kinds dispatches, it is not followed)
        module = todo.pop()
        if module not in reached:
            reached.add(module)
            todo += sorted(edges.get(module, set()))
    assert not reached & {"costmodel.prospective.engine", "costmodel.prospective.result",
                          "costmodel.prospective.sensitivity", "costmodel.expost.engine"}, sorted(reached)


def test_evaluating_a_loaded_scenario_reads_no_file(monkeypatch):
    """Rate and wage tables travel with the loaded scenario: evaluate, sweep and an analysis with every way of
    opening a file disabled."""
    from costmodel.analyses.tornado import tornado

    loaded = [costmodel.load(path) for path in SCENARIOS]

    def refuse(*args, **kwargs):
        raise AssertionError(f"a file was read during evaluation: {args[:1]}")

    monkeypatch.setattr(builtins, "open", refuse)
    monkeypatch.setattr(pathlib.Path, "open", refuse)
    monkeypatch.setattr(pathlib.Path, "read_text", refuse)
    monkeypatch.setattr(pathlib.Path, "read_bytes", refuse)
    for scenario in loaded:
        result = costmodel.evaluate(scenario)
        costmodel.sweep(scenario)
        assert result.lines is not None
    aktivt = next(s for s, p in zip(loaded, SCENARIOS) if p.name == "aktivt_faellesskab.yaml")
    assert len(tornado(aktivt).frame) > 0


def test_both_results_answer_the_same_questions():
    prospective = costmodel.evaluate(costmodel.load(ROOT / "scenarios/aktivt_faellesskab.yaml"))
    expost = costmodel.evaluate(costmodel.load(ROOT / "scenarios/lovende_praksis_thisted.yaml"))
    assert prospective["net_per_participant"] == prospective.value("net_per_participant")
    assert expost["cost_per_participant"] == expost.value("cost_per_participant")
    for result in (prospective, expost):
        assert len(result.lines) > 0 and "kroner" in result.lines.columns
        assert {"category", "total"} <= set(result.by_category().columns)
        assert list(result.summary_frame().columns) == ["measure", "label", "value", "unit"]
    # ex-post: the categories add up to the annual cost
    assert expost.by_category()["total"].sum() == pytest.approx(expost["annual_cost"], rel=1e-12)


def test_every_public_definition_has_a_docstring():
    spec = importlib.util.spec_from_file_location("docstrings", ROOT / "tools" / "docstrings.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.missing() == []
    assert module.missing(Path(__file__).resolve().parent) != []  # the check finds what it looks for (tests have none)
