"""`python -m toolbench` runs the command line."""

from toolbench.cli import main

main()
