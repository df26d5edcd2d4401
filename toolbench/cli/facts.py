"""`toolbench fact`: facts about the candidates (certifications, registrations, terms), with sources and dates."""

from __future__ import annotations

import click


@click.group()
def fact() -> None:
    """Facts about the candidates (ISMAP, ISMS, Pマーク, LGWAN-ASP, data location …), each with its source and date."""
