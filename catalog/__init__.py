"""Shipped catalog of candidate products (TOML), installed as toolbench.workspace.catalog."""
