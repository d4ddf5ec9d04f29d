"""`python -m costmodel.cli`."""
from .commands import main

main()
