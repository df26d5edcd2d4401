"""The public API is declared once and pinned; shipped data is inside the package."""

from __future__ import annotations

from importlib import resources

import toolbench
from toolbench.workspace.catalog import shipped_entries
from toolbench.workspace.workspace import rubric_data, rubric_names

EXPECTED_ALL = {
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
    "EvaluationBlocked",
    "Answers",
    "HearingError",
    "Respondent",
    "WeightsResult",
    "CatalogEntry",
    "CatalogError",
    "load_catalog",
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
    "build_single_round_demo",
    "evaluate",
    "load_plan",
    "matrix_data",
    "parse_plan",
    "render",
    "rubric_names",
    "Finding",
    "Measurement",
    "Moderation",
    "MustOutcome",
    "Tie",
    "MetricRule",
    "PriceRule",
    "ScoringRule",
    "SheetError",
    "export_sheet",
    "import_sheet",
    "read_sheet",
    "build_report",
    "AccuracySample",
    "Effects",
    "Feedback",
    "TrainingSession",
    "sus_grade",
    "sus_score",
    "uxlite_score",
    "Trial",
    "TrialError",
    "FeedbackOutcome",
    "TrialImportError",
    "load_mapping",
    "read_responses",
    "ArchiveError",
    "FinalizationStatus",
    "finalize",
    "results_hash",
    "verify_archive",
    "write_archive",
    "FairnessError",
    "FairnessReport",
    "KendallResult",
    "fairness_report",
    "kendall_w",
    "RobustnessError",
    "additive_model",
    "analyse",
    "leave_one_bidder_out",
    "sensitivity",
    "smaa",
}


def test_all_is_pinned() -> None:
    """Adding or removing a public name is a deliberate change to this list."""
    assert set(toolbench.__all__) == EXPECTED_ALL
    assert len(toolbench.__all__) == len(set(toolbench.__all__))


def test_every_exported_name_exists() -> None:
    for name in toolbench.__all__:
        assert hasattr(toolbench, name), name


def test_errors_share_one_base() -> None:
    for name in (
        "CatalogError",
        "LedgerCorrupt",
        "LedgerLocked",
        "LedgerError",
        "OutputError",
        "PlanError",
        "ScoreError",
        "WorkspaceError",
    ):
        assert issubclass(getattr(toolbench, name), toolbench.ToolbenchError)


def test_rubrics_and_catalog_are_package_data() -> None:
    """The rubric and catalog files are reached through the installed package, not the repo."""
    scoring = resources.files("toolbench._data.scoring")
    assert (scoring / "ai-ocr.toml").is_file()
    assert "ai-ocr" in rubric_names()
    assert rubric_data("ai-ocr")["rubric"]["id"] == "ai-ocr"
    entries = shipped_entries()
    assert {e.category for e in entries} == {"ai-ocr", "rpa", "ai-minutes", "e-contract", "gen-ai"}
    assert len({e.id for e in entries}) == len(entries) >= 3


def test_httpx_is_not_imported_by_the_cli() -> None:
    """Heavy optional imports stay off the start-up path."""
    import subprocess
    import sys

    code = "import sys, toolbench.cli; print('httpx' in sys.modules, 'openpyxl' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
