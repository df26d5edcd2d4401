"""Data shipped with toolbench: catalog/ and scoring/ from the repository top level are installed here."""
