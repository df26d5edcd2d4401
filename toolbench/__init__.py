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

from toolbench._version import __version__

if TYPE_CHECKING:
    from toolbench.base.errors import (
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
    from toolbench.documents.fairness import fairness_document
    from toolbench.documents.log import log_document
    from toolbench.documents.matrix import matrix_document
    from toolbench.documents.model import Document, Figure, Levels, Section, Table
    from toolbench.documents.results import matrix_data
    from toolbench.documents.robustness import robustness_document
    from toolbench.documents.trials import board_document
    from toolbench.documents.weights import weights_document
    from toolbench.methods.evaluation import (
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
    from toolbench.methods.fairness import FairnessError, FairnessReport, KendallResult, fairness_report, kendall_w
    from toolbench.methods.finalization import FinalizationStatus
    from toolbench.methods.hearings import Answers, HearingError, Respondent, WeightsResult
    from toolbench.methods.robustness import (
        RobustnessError,
        additive_model,
        analyse,
        leave_one_bidder_out,
        sensitivity,
        smaa,
    )
    from toolbench.methods.trial_metrics import (
        AccuracySample,
        Effects,
        Feedback,
        TrainingSession,
        sus_grade,
        sus_score,
        uxlite_score,
    )
    from toolbench.methods.trials import Trial, TrialError
    from toolbench.model.plan import (
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
    from toolbench.renderers.writers import format_for, render
    from toolbench.renderers.writers import write as write_document
    from toolbench.store.ledger import Event, Ledger, NewEvent, SQLiteLedger, Verification
    from toolbench.workspace.archive import ArchiveError, finalize, results_hash, verify_archive, write_archive
    from toolbench.workspace.catalog import CatalogEntry, load_catalog
    from toolbench.workspace.demo import build_demo, build_single_round_demo
    from toolbench.workspace.folder import rubric_names
    from toolbench.workspace.reports import build_report
    from toolbench.workspace.scoring import ScoreOutcome
    from toolbench.workspace.sheets import SheetError, export_sheet, import_sheet, read_sheet
    from toolbench.workspace.trial_import import TrialImportError, load_mapping, read_responses
    from toolbench.workspace.trials import FeedbackOutcome
    from toolbench.workspace.workspace import Workspace


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
        ".base.errors",
    ),
    "build_demo": ".workspace.demo",
    "build_single_round_demo": ".workspace.demo",
    **dict.fromkeys(
        ("ArchiveError", "finalize", "results_hash", "verify_archive", "write_archive"),
        ".workspace.archive",
    ),
    **dict.fromkeys(("Answers", "HearingError", "Respondent", "WeightsResult"), ".methods.hearings"),
    **dict.fromkeys(("CatalogEntry", "load_catalog"), ".workspace.catalog"),
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
        ".methods.evaluation",
    ),
    **dict.fromkeys(("Event", "Ledger", "NewEvent", "SQLiteLedger", "Verification"), ".store.ledger"),
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
        ".model.plan",
    ),
    **dict.fromkeys(("render", "write_document", "format_for"), ".renderers.writers"),
    **dict.fromkeys(("Document", "Section", "Table", "Figure", "Levels"), ".documents.model"),
    "matrix_document": ".documents.matrix",
    "fairness_document": ".documents.fairness",
    "robustness_document": ".documents.robustness",
    "weights_document": ".documents.weights",
    "board_document": ".documents.trials",
    "log_document": ".documents.log",
    **dict.fromkeys(("matrix_data",), ".documents.results"),
    **dict.fromkeys(("FinalizationStatus",), ".methods.finalization"),
    "build_report": ".workspace.reports",
    **dict.fromkeys(
        ("FairnessError", "FairnessReport", "KendallResult", "fairness_report", "kendall_w"), ".methods.fairness"
    ),
    **dict.fromkeys(
        ("RobustnessError", "additive_model", "analyse", "leave_one_bidder_out", "sensitivity", "smaa"),
        ".methods.robustness",
    ),
    **dict.fromkeys(("SheetError", "export_sheet", "import_sheet", "read_sheet"), ".workspace.sheets"),
    **dict.fromkeys(
        ("AccuracySample", "Effects", "Feedback", "TrainingSession", "sus_grade", "sus_score", "uxlite_score"),
        ".methods.trial_metrics",
    ),
    **dict.fromkeys(("TrialImportError", "load_mapping", "read_responses"), ".workspace.trial_import"),
    **dict.fromkeys(("Trial", "TrialError"), ".methods.trials"),
    **dict.fromkeys(("FeedbackOutcome", "ScoreOutcome", "Workspace", "rubric_names"), ".workspace.workspace"),
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
    "Document",
    "Figure",
    "Levels",
    "Section",
    "Table",
    "board_document",
    "fairness_document",
    "format_for",
    "log_document",
    "matrix_document",
    "robustness_document",
    "weights_document",
    "write_document",
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
    "build_single_round_demo",
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
