"""toolbench: evaluate candidate software tools for a municipality, fairly and traceably.

The public API is the names in `__all__`; everything in a module whose name starts
with an underscore is private. A typical session::

    from toolbench import Workspace

    with Workspace.open("ocr-2026") as ws:
        ws.record_scores("kamiscan", "aoki", {"accuracy": "4"}, actor="aoki")
        result = ws.evaluate()
        for tool in result.ranking():
            print(tool.rank, tool.tool.id, tool.total)
"""

from ._errors import (
    LedgerCorrupt,
    LedgerError,
    LedgerLocked,
    OutputError,
    PlanError,
    Problem,
    ScoreError,
    ToolbenchError,
    WorkspaceError,
)
from ._version import __version__
from .demo import build_demo
from .evaluation import Cell, Evaluation, Score, ToolResult, evaluate
from .ledger import Event, Ledger, NewEvent, SQLiteLedger, Verification
from .plan import (
    Criterion,
    Department,
    EvaluationInfo,
    Evaluator,
    Plan,
    Price,
    Scale,
    Text,
    Tool,
    TrialPhase,
    load_plan,
    parse_plan,
)
from .render.formats import matrix_data, render
from .workspace import ScoreOutcome, Workspace, rubric_names

__all__ = [
    "Cell",
    "Criterion",
    "Department",
    "Evaluation",
    "EvaluationInfo",
    "Evaluator",
    "Event",
    "Ledger",
    "LedgerCorrupt",
    "LedgerError",
    "LedgerLocked",
    "NewEvent",
    "OutputError",
    "Plan",
    "PlanError",
    "Price",
    "Problem",
    "SQLiteLedger",
    "Scale",
    "Score",
    "ScoreError",
    "ScoreOutcome",
    "Text",
    "Tool",
    "ToolResult",
    "ToolbenchError",
    "TrialPhase",
    "Verification",
    "Workspace",
    "WorkspaceError",
    "__version__",
    "build_demo",
    "evaluate",
    "load_plan",
    "matrix_data",
    "parse_plan",
    "render",
    "rubric_names",
]
