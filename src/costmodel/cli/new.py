"""`costmodel new [--kind prospective|expost] FILE`: a commented Danish scenario template to fill in."""
from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path

import typer

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


class Kind(str, Enum):
    """The scenario kinds a template exists for."""
    prospective = "prospective"
    expost = "expost"


def schema_ref(kind: str, target: Path) -> str:
    """Path to the shipped JSON Schema as seen from the folder of `target` (absolute if no relative path)."""
    import os

    from ..schema import FILES

    try:
        return Path(os.path.relpath(FILES[kind], Path(target).resolve().parent)).as_posix()
    except ValueError:  # another drive on Windows
        return FILES[kind].as_posix()


def template_text(kind: str, file_name: str, today: dt.date | None = None, schema: str = "") -> str:
    """The template with today's date, the latest price year the index covers, and the typical staff time,
    uddannelse and supervision of the shipped assessments filled in."""
    from ..prospective.typical_time import _da, ranges
    from ..prospective.typical_training import training_lines
    from ..rates.price_index import PRICE_SERIES, WAGE_SERIES, load_index

    today = today or dt.date.today()
    index = load_index()  # the latest year both series reach (wages are indexed with løn, results with PL)
    last = min(max(index.series[PRICE_SERIES].values), max(index.series[WAGE_SERIES].values))
    spans = ranges()

    def span(key: str) -> str:
        low, high = spans.get(key, (float("nan"), float("nan")))
        return f"{_da(low)}-{_da(high)}"  # the template's line names the measure already

    name = "prospektiv.yaml" if kind == "prospective" else "expost.yaml"
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    training, supervision = training_lines()
    return text.format(schema=schema, prisaar=min(today.year, last), dato=today.isoformat(), filnavn=file_name,
                       typisk_session=span("per_session_per_facilitator"), typisk_deltager=span("per_participant"),
                       typisk_uddannelse=training, typisk_supervision=supervision)


def written_by_new(path: Path) -> bool:
    """Whether `path` holds a template as `costmodel new` writes it, unedited (any date, price year, file name and
    typical values filled in): the only file `new --force` replaces."""
    import re

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    for name in ("prospektiv.yaml", "expost.yaml"):
        source = (TEMPLATES / name).read_text(encoding="utf-8")
        pattern = "".join(
            r"[^\n]*" if re.fullmatch(r"(?<!\{)\{[a-z_]+\}(?!\})", piece) else re.escape(piece.replace("{{", "{")
                                                                                              .replace("}}", "}"))
            for piece in re.split(r"(\{\{|\}\}|\{[a-z_]+\})", source))
        if re.fullmatch(pattern, text):
            return True
    return False


def register(app: typer.Typer) -> None:
    """Add the `new` command to the app."""
    @app.command()
    def new(
        file: Path = typer.Argument(..., help="Scenario file to write (YAML)."),
        kind: Kind = typer.Option(Kind.prospective, "--kind", help="prospective (planned intervention) or expost "
                                                                   "(from registered hours)."),
        force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
    ) -> None:
        """Write a commented scenario template in Danish to fill in (then: costmodel validate FILE)."""
        from .common import _guard

        def action():
            from ..errors import Problem, ScenarioError
            from ..io.atomic import write_atomic

            if force and file.is_file() and not written_by_new(file):  # --force replaces only our own template
                raise ScenarioError(str(file), [Problem("", "exists and is not an unedited template written by "
                                                             "costmodel new; it is never replaced, not even with "
                                                             "--force: choose another file name")])
            write_atomic(file, template_text(kind.value, file.name, schema=schema_ref(kind.value, file)), force)
            typer.echo(f"{file}: skabelon skrevet; udfyld den og kør: costmodel validate {file}")
        _guard(action)
