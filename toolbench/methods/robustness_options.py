"""What a robustness analysis may be asked for: the weight modes, the sample counts, and the error.

Apart from `robustness` itself so that `toolbench robustness` can check its options,
and answer from a kept document, without loading the evaluation and the plan models.
"""

from __future__ import annotations

from typing import Literal

from toolbench.base.errors import ToolbenchError

WeightMode = Literal["uniform", "hearings"]
WEIGHT_MODES: tuple[WeightMode, ...] = ("uniform", "hearings")
DEFAULT_SAMPLES = 10_000
MAX_SAMPLES = 10_000_000


class RobustnessError(ToolbenchError):
    """A robustness analysis that cannot be made: bad options, no candidate to compare, no hearings."""


def check_options(samples: int, weights: str) -> WeightMode:
    """The weight mode, or RobustnessError for a sample count or mode that cannot be used."""
    if isinstance(samples, bool) or not 1 <= samples <= MAX_SAMPLES:
        raise RobustnessError("rob.bad_samples", samples=samples, max=f"{MAX_SAMPLES:,}")
    if weights == "uniform":
        return "uniform"
    if weights == "hearings":
        return "hearings"
    raise RobustnessError("rob.unknown_weights", value=weights, known=", ".join(WEIGHT_MODES))
