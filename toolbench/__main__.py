"""`python -m toolbench` runs the command line."""

from .cli import main

main()
