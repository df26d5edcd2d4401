"""Shipped scoring rubrics (TOML), installed as toolbench.scoring."""
