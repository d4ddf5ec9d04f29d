"""Write the JSON Schemas of both scenario kinds (src/costmodel/schema/*.schema.json) from the pydantic models.

    PYTHONPATH=src python tools/make_schema.py
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from costmodel.schema import FILES, schemas  # noqa: E402

for kind, text in schemas().items():
    FILES[kind].write_text(text, encoding="utf-8")
    print(f"wrote {FILES[kind]}")
