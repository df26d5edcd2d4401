"""The errors toolbench raises.

Every failure a user can cause is one of these; the command line turns them into a
one-line message (two or more lines only for a plan with several problems) and exit
code 1. Anything else escaping is a bug.

    ToolbenchError            base; carries a message key and its fields
    ├── WorkspaceError        no workspace found, folder already holds a plan, unknown rubric
    ├── PlanError             the plan file is unreadable or invalid; lists every Problem
    ├── ScoreError            a score names an unknown tool/evaluator/criterion or is off the scale
    ├── EvaluationBlocked     scores are missing and the plan says not to evaluate without them
    ├── OutputError           a report cannot be written where asked
    ├── CatalogError          a catalog entry, file or pull is not acceptable
    ├── PricingError          a price or price rule that cannot be used (pricing.py)
    ├── SheetError            a score sheet that cannot be read or recorded (sheets.py)
    ├── TrialError            a trial move, feedback or session the plan does not allow (trials.py)
    ├── TrialImportError      a form export or column mapping that cannot be read (trial_import.py)
    ├── ArchiveError          an evidence archive that cannot be written or read (archive.py)
    ├── FairnessError         a rater check asked for with unusable settings (fairness.py)
    ├── RobustnessError       a robustness analysis with nothing to compare or bad settings (robustness.py)
    ├── ProcedureError        a step of the procedure its rules refuse (a stage out of order, no quorum …)
    └── LedgerError           the ledger cannot be read or written
        ├── LedgerLocked      another writer held the ledger longer than the wait
        └── LedgerCorrupt     the file is truncated, not a ledger, or from a newer toolbench
"""

from __future__ import annotations

from dataclasses import dataclass, field

from toolbench.base.i18n import Lang, translate


class ToolbenchError(Exception):
    """A failure the user can fix; `message(lang)` says how."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: Lang = "en") -> str:
        return translate(self.key, lang, **self.params)


class WorkspaceError(ToolbenchError):
    """No workspace where one was expected, or one where none should be."""


class EvaluationBlocked(ToolbenchError):
    """The plan's rule for missing scores is "block" and some are missing."""


class ScoreError(ToolbenchError):
    """A score that the plan does not allow."""


class ProcedureError(ToolbenchError):
    """A step of the procedure that its rules refuse: nothing is recorded."""


class CatalogError(ToolbenchError):
    """A catalog file or entry that cannot be used, or a pull that failed; nothing was written."""


class OutputError(ToolbenchError):
    """A report that cannot be written to the requested place."""


class LedgerError(ToolbenchError):
    """The ledger cannot be used."""


class LedgerLocked(LedgerError):
    """Another writer kept the ledger locked for longer than we wait."""


class LedgerCorrupt(LedgerError):
    """The ledger file is damaged, is not a ledger, or is from a newer version."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a plan: where (file, line, key path) and what would fix it."""

    file: str
    path: str
    key: str
    params: dict[str, object] = field(default_factory=dict)
    line: int | None = None

    def message(self, lang: Lang = "en") -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = translate(self.key, lang, **self.params)
        return f"{where}: {self.path}: {text}" if self.path else f"{where}: {text}"


class PlanError(ToolbenchError):
    """The plan cannot be used; `problems` lists every reason, one per line."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        super().__init__("plan.invalid_header", file=file, count=len(problems))

    def message(self, lang: Lang = "en") -> str:
        if len(self.problems) == 1:
            return self.problems[0].message(lang)
        header = translate("plan.invalid_header", lang, file=self.file, count=len(self.problems))
        return "\n".join([header, *(p.message(lang) for p in self.problems)])
