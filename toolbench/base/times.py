"""Moments as documents and messages write them."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_stamp(now: datetime) -> str:
    """A moment as UTC ISO 8601 to the second, e.g. 2026-05-01T09:30:00Z."""
    return now.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
