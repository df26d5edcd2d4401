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

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from ._errors import (
        CatalogError,
        EvaluationBlocked,
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
    from .archive import ArchiveError, FinalizationStatus, finalize, results_hash, verify_archive, write_archive
    from .catalog import CatalogEntry, load_catalog
    from .demo import build_demo
    from .evaluation import (
        Cell,
        Evaluation,
        Finding,
        Measurement,
        Moderation,
        MustOutcome,
        Score,
        Tie,
        ToolResult,
        evaluate,
    )
    from .fairness import FairnessError, FairnessReport, KendallResult, fairness_report, kendall_w
    from .hearings import Answers, HearingError, Respondent, WeightsResult
    from .ledger import Event, Ledger, NewEvent, SQLiteLedger, Verification
    from .plan import (
        Criterion,
        Department,
        EvaluationInfo,
        Evaluator,
        MetricRule,
        Plan,
        Price,
        PriceRule,
        Scale,
        ScoringRule,
        Text,
        Tool,
        TrialPhase,
        load_plan,
        parse_plan,
    )
    from .rendering.formats import matrix_data, render
    from .reporting import build_report
    from .robustness import RobustnessError, additive_model, analyse, leave_one_bidder_out, sensitivity, smaa
    from .sheets import SheetError, export_sheet, import_sheet, read_sheet
    from .trial_import import TrialImportError, load_mapping, read_responses
    from .trial_metrics import (
        AccuracySample,
        Effects,
        Feedback,
        TrainingSession,
        sus_grade,
        sus_score,
        uxlite_score,
    )
    from .trials import Trial, TrialError
    from .workspace import FeedbackOutcome, ScoreOutcome, Workspace, rubric_names


# Where each public name lives. Importing `toolbench` stays cheap (pydantic, rich and
# sqlite load only when a name that needs them is first used), which keeps the
# command line quick to start.
_LOCATIONS = {
    **dict.fromkeys(
        (
            "CatalogError",
            "EvaluationBlocked",
            "LedgerCorrupt",
            "LedgerError",
            "LedgerLocked",
            "OutputError",
            "PlanError",
            "Problem",
            "ScoreError",
            "ToolbenchError",
            "WorkspaceError",
        ),
        "._errors",
    ),
    "build_demo": ".demo",
    **dict.fromkeys(
        ("ArchiveError", "FinalizationStatus", "finalize", "results_hash", "verify_archive", "write_archive"),
        ".archive",
    ),
    **dict.fromkeys(("Answers", "HearingError", "Respondent", "WeightsResult"), ".hearings"),
    **dict.fromkeys(("CatalogEntry", "load_catalog"), ".catalog"),
    **dict.fromkeys(
        (
            "Cell",
            "Evaluation",
            "Finding",
            "Measurement",
            "Moderation",
            "MustOutcome",
            "Score",
            "Tie",
            "ToolResult",
            "evaluate",
        ),
        ".evaluation",
    ),
    **dict.fromkeys(("Event", "Ledger", "NewEvent", "SQLiteLedger", "Verification"), ".ledger"),
    **dict.fromkeys(
        (
            "Criterion",
            "Department",
            "EvaluationInfo",
            "Evaluator",
            "MetricRule",
            "Plan",
            "Price",
            "PriceRule",
            "Scale",
            "ScoringRule",
            "Text",
            "Tool",
            "TrialPhase",
            "load_plan",
            "parse_plan",
        ),
        ".plan",
    ),
    **dict.fromkeys(("matrix_data", "render"), ".rendering.formats"),
    "build_report": ".reporting",
    **dict.fromkeys(("FairnessError", "FairnessReport", "KendallResult", "fairness_report", "kendall_w"), ".fairness"),
    **dict.fromkeys(
        ("RobustnessError", "additive_model", "analyse", "leave_one_bidder_out", "sensitivity", "smaa"), ".robustness"
    ),
    **dict.fromkeys(("SheetError", "export_sheet", "import_sheet", "read_sheet"), ".sheets"),
    **dict.fromkeys(
        ("AccuracySample", "Effects", "Feedback", "TrainingSession", "sus_grade", "sus_score", "uxlite_score"),
        ".trial_metrics",
    ),
    **dict.fromkeys(("TrialImportError", "load_mapping", "read_responses"), ".trial_import"),
    **dict.fromkeys(("Trial", "TrialError"), ".trials"),
    **dict.fromkeys(("FeedbackOutcome", "ScoreOutcome", "Workspace", "rubric_names"), ".workspace"),
}


def __getattr__(name: str) -> Any:
    module = _LOCATIONS.get(name)
    if module is None:
        raise AttributeError(f"module 'toolbench' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "AccuracySample",
    "Answers",
    "ArchiveError",
    "CatalogEntry",
    "CatalogError",
    "Cell",
    "Criterion",
    "Department",
    "Effects",
    "Evaluation",
    "EvaluationBlocked",
    "EvaluationInfo",
    "Evaluator",
    "Event",
    "FairnessError",
    "FairnessReport",
    "Feedback",
    "FeedbackOutcome",
    "FinalizationStatus",
    "Finding",
    "HearingError",
    "KendallResult",
    "Ledger",
    "LedgerCorrupt",
    "LedgerError",
    "LedgerLocked",
    "Measurement",
    "MetricRule",
    "Moderation",
    "MustOutcome",
    "NewEvent",
    "OutputError",
    "Plan",
    "PlanError",
    "Price",
    "PriceRule",
    "Problem",
    "Respondent",
    "RobustnessError",
    "SQLiteLedger",
    "Scale",
    "Score",
    "ScoreError",
    "ScoreOutcome",
    "ScoringRule",
    "SheetError",
    "Text",
    "Tie",
    "Tool",
    "ToolResult",
    "ToolbenchError",
    "TrainingSession",
    "Trial",
    "TrialError",
    "TrialImportError",
    "TrialPhase",
    "Verification",
    "WeightsResult",
    "Workspace",
    "WorkspaceError",
    "__version__",
    "additive_model",
    "analyse",
    "build_demo",
    "build_report",
    "evaluate",
    "export_sheet",
    "fairness_report",
    "finalize",
    "import_sheet",
    "kendall_w",
    "leave_one_bidder_out",
    "load_catalog",
    "load_mapping",
    "load_plan",
    "matrix_data",
    "parse_plan",
    "read_responses",
    "read_sheet",
    "render",
    "results_hash",
    "rubric_names",
    "sensitivity",
    "smaa",
    "sus_grade",
    "sus_score",
    "uxlite_score",
    "verify_archive",
    "write_archive",
]
