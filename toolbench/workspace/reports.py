"""The procurement set written into a folder, all or nothing (`toolbench report DIR`).

The parts are built in `toolbench.documents.procurement` (the 採点表 as a form in
`toolbench.documents.scoring_sheet`); this module lays them out through the renderers
and writes the files. Beside the parts, the folder holds every report a part points
to, each in the formats asked for:

    weights.*       the hearing-derived weights (when anyone has been heard)
    fairness.*      the rater checks (leniency, divergent cells, Kendall's W, leave one out)
    robustness.*    sensitivity, SMAA-2 (seed 0, 10,000 draws) and leave-one-bidder-out
    trials.*        the trial board (when a trial was started)
    log.*           every event of the ledger
    fit.*           the requirement fit comparison (`toolbench.documents.fit`), for a plan
                    with requirement fit criteria (機能要件適合表)
    facts.*         the facts list (事実一覧, `toolbench.documents.facts`): every fact with its
                    source and dates, the expired and too old first, for a plan that decides
                    something by facts or has `[facts]`, or a ledger with a fact recorded

and for a plan with `[[stages]]` (a 公募型プロポーザル) the procedure's documents
(`toolbench.documents.procedure`), in the same formats and the same all-or-nothing write:

    procedure.*           the procedure as it stands: stages, verdicts, rankings, draws, the decision
    review.*              the 審査講評
    selection-reasons.*   the draft 選定理由書 for the 随意契約 that follows
    notices/notice-<ID>.* one 審査結果通知書 per proposer (`write_notices` writes them alone)

where the public results are the procedure's (`public_results_table`) and the 集計表 is
the current stage's matrix with its place in the procedure.

Every document is drawn from one moment of the ledger (read once, then frozen), so
the parts, the reports beside them and the anchor each carries agree with one another.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from toolbench.base.errors import LedgerError, OutputError
from toolbench.base.i18n import Lang, Message, translate
from toolbench.base.paths import PLAN_FILE, STATE_DIR
from toolbench.documents.facts import facts_document, has_facts
from toolbench.documents.fairness import fairness_document
from toolbench.documents.fit import fit_report_document
from toolbench.documents.log import log_document
from toolbench.documents.matrix import fit_criteria_of, matrix_document, matrix_view
from toolbench.documents.model import Document, Section, anchor_line, table_document
from toolbench.documents.procedure import (
    notice_documents,
    procedure_document,
    public_results_table,
    review_document,
    selection_reasons_document,
    with_procedure,
)
from toolbench.documents.procurement import (
    ProcurementParts,
    _disqualified,
    metadata_table,
    points_table,
    procurement_document,
    public_table,
    reasons_table,
    scoring_sheet_document,
    selected_tool,
)
from toolbench.documents.robustness import robustness_document
from toolbench.documents.scoring_sheet import scoring_sheets
from toolbench.documents.trials import board_document
from toolbench.documents.weights import weights_document
from toolbench.methods.evaluation import Evaluation
from toolbench.methods.fairness import fairness_report
from toolbench.methods.procedure import Procedure, pick_stage
from toolbench.methods.robustness import analyse
from toolbench.methods.robustness_options import DEFAULT_SAMPLES, RobustnessError
from toolbench.renderers.encoding import check_encoding, encode_csv
from toolbench.renderers.writers import write
from toolbench.renderers.writers.to_csv import text as csv_text
from toolbench.store.ledger import (
    Event,
    Ledger,
    NewEvent,
    StoredRow,
    Verification,
    canonical_json,
    require_intact,
    verify_rows,
)
from toolbench.workspace.workspace import Workspace

FORMATS: Final = ("xlsx", "html", "csv")


XLSX_FILE: Final = "report.xlsx"


HTML_FILE: Final = "report.html"


SUMMARY_CSV: Final = "summary.csv"


PUBLIC_CSV: Final = "public-results.csv"


REASONS_CSV: Final = "reasons-log.csv"


PROCEDURE_DOCUMENTS: Final = ("procedure", "review", "selection-reasons")
"""The procedure's documents written beside the parts for a plan with stages, by file stem."""

NOTICES_DIR: Final = "notices"
"""The subfolder of the report holding one 審査結果通知書 per proposer (`notice-<ID>.<format>`)."""

COMPANIONS: Final = ("weights", "fairness", "robustness", "trials", "log")
"""The reports written beside the parts, by file stem (`weights.xlsx`, `fairness.html` …), in this order."""

FIT_STEM: Final = "fit"
"""The requirement fit comparison, by file stem (`fit.xlsx` …), written for a plan with fit criteria only."""

FACTS_STEM: Final = "facts"
"""The facts list (事実一覧), by file stem (`facts.xlsx` …), written only where there are facts to list."""

ROBUSTNESS_SEED: Final = 0
ROBUSTNESS_SAMPLES: Final = DEFAULT_SAMPLES
"""`toolbench robustness`'s defaults: the same seed gives the same figures, so an archive re-renders them."""


# --- one moment of the ledger -----------------------------------------------------------


def stored_rows(events: Sequence[Event]) -> list[StoredRow]:
    """Events as the rows the ledger stores, so their chain can be recomputed."""
    return [
        StoredRow(e.seq, e.ts, e.actor, e.kind, canonical_json(e.payload), e.plan_hash, e.prev_hash, e.hash)
        for e in events
    ]


class FrozenLedger(Ledger):
    """A read-only ledger over events already read: the workspace's ledger at one moment.

    A report (and an archive's reports) is rendered from it, so that every part, the
    reports beside them and the anchor they carry describe the same head even if
    someone records a score meanwhile.
    """

    def __init__(self, events: Sequence[Event], location: str) -> None:
        self._events = list(events)
        self._location = location

    def append_many(
        self, events: Sequence[NewEvent], *, now: datetime | None = None, expect_head: int | None = None
    ) -> list[Event]:
        raise LedgerError("ledger.readonly", file=self._location, reason="a frozen copy is read-only")

    def append_decided(
        self, decide: Callable[[list[Event]], Sequence[NewEvent]], *, now: datetime | None = None
    ) -> list[Event]:
        raise LedgerError("ledger.readonly", file=self._location, reason="a frozen copy is read-only")

    def events(self, after: int = 0) -> Iterator[Event]:
        return iter([e for e in self._events if e.seq > after])

    def head(self) -> Event | None:
        return self._events[-1] if self._events else None

    def verify(self) -> Verification:
        return verify_rows(stored_rows(self._events), None, None)

    def close(self) -> None:
        pass

    @property
    def location(self) -> str:
        return self._location


def frozen(workspace: Workspace) -> Workspace:
    """The workspace as it is now, on a read-only copy of its ledger (verified first)."""
    require_intact(workspace.ledger)
    events = list(workspace.ledger.events())
    chain = verify_rows(stored_rows(events), None, None)
    if not chain.ok:  # the events read differ from those just verified: refuse rather than report them
        reason = Message(chain.reason_key or "audit.reason.hash", **chain.reason_params)
        raise LedgerError("ledger.broken_chain", file=workspace.ledger.location, seq=chain.bad_seq, reason=reason)
    return Workspace(workspace.root, workspace.plan, FrozenLedger(events, workspace.ledger.location))


def parse_formats(value: str | Iterable[str]) -> tuple[str, ...]:
    """Report formats from "xlsx,html" (or a list), in the canonical order; OutputError for an unknown one."""
    items = value.split(",") if isinstance(value, str) else list(value)
    wanted = {item.strip().lower() for item in items if item.strip()}
    for item in sorted(wanted - set(FORMATS)):
        raise OutputError("report.unknown_format", value=item)
    if not wanted:
        raise OutputError("report.unknown_format", value=value if isinstance(value, str) else "")
    return tuple(f for f in FORMATS if f in wanted)


def _check_destination(out_dir: Path, workspace_root: Path, force: bool) -> None:
    target = out_dir.resolve()
    root = workspace_root.resolve()
    if root == target or root.is_relative_to(target) or (target / PLAN_FILE).exists() or (target / STATE_DIR).exists():
        raise OutputError("report.workspace_inside", path=str(out_dir))
    if target.exists() and not target.is_dir():
        raise OutputError("report.not_dir", path=str(out_dir))
    if target.is_dir() and any(target.iterdir()) and not force:
        raise OutputError("report.not_empty", path=str(out_dir))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_folder(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Write every file into a new folder beside `out_dir`, then put it in place in one rename.

    An existing `out_dir` (empty, or replaced with --force) is moved aside first and
    removed only after the new folder is in place; on any failure it is put back.
    """
    target = out_dir.absolute()
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp"))
    except OSError as error:
        raise OutputError("report.cannot_write", path=str(out_dir), reason=error.strerror or str(error)) from None
    mask = _umask()
    aside: Path | None = None
    try:
        for name, data in files.items():
            if "/" in name:  # a subfolder of the set (notices/): made inside the new folder, with it
                (temp / name).parent.mkdir(mode=0o777 & ~mask, parents=True, exist_ok=True)
            with open(temp / name, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temp / name, 0o666 & ~mask)
        os.chmod(temp, 0o777 & ~mask)  # mkdtemp makes it private; a report is for colleagues
        if target.exists():
            aside = parent / f".{target.name}.{secrets.token_hex(4)}.old"
            os.rename(target, aside)
        try:
            os.rename(temp, target)
        except OSError:
            if aside is not None:
                os.rename(aside, target)
                aside = None
            raise
    except OSError as error:
        shutil.rmtree(temp, ignore_errors=True)
        raise OutputError("report.cannot_write", path=str(out_dir), reason=error.strerror or str(error)) from None
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)
    return [target / name for name in files]


def _anchored(document: Document, workspace: Workspace, moment: datetime) -> Document:
    """A document as it is filed: dated, in the plan's time zone, with its 決裁欄 and the anchor it was made from.

    As `toolbench <command> -o FILE` writes it: the anchor (plan hash and ledger head)
    is one `audit verify --head` can check later; the log lists the events themselves.
    """
    info = workspace.plan.evaluation
    document = replace(document, generated=moment, time_zone=info.time_zone, approval=tuple(info.approval))
    if document.kind == "log":
        return document
    head = workspace.ledger.head()
    anchor = anchor_line(document.lang, workspace.plan.hash, head.seq if head else 0, head.hash if head else None)
    if any(anchor in line for line in document.provenance):
        return document
    return replace(document, provenance=(*document.provenance, anchor))


def _robustness(evaluation: Evaluation, lang: Lang) -> Document:
    """The robustness report; when none can be computed yet (nothing comparable, prices sealed), the reason why."""
    try:
        result = analyse(evaluation, samples=ROBUSTNESS_SAMPLES, seed=ROBUSTNESS_SEED)
    except RobustnessError as error:
        title = translate("rob.title", lang, title=evaluation.plan.evaluation.title.get(lang))
        return Document(kind="robustness", title=title, lang=lang, sections=(Section("", (error.message(lang),)),))
    return robustness_document(result, lang)


def procedure_documents(proc: Procedure, lang: Lang, moment: datetime) -> dict[str, Document]:
    """The procedure's documents by file stem: procedure, review, selection-reasons, and one notice
    per proposer in the notices subfolder."""
    made = (procedure_document, review_document, selection_reasons_document)
    documents = {stem: make(proc, lang, now=moment) for stem, make in zip(PROCEDURE_DOCUMENTS, made, strict=True)}
    return {**documents, **_notices(proc, lang, moment, f"{NOTICES_DIR}/")}


def _notices(proc: Procedure, lang: Lang, moment: datetime, prefix: str = "") -> dict[str, Document]:
    return {f"{prefix}notice-{tool}": notice for tool, notice in notice_documents(proc, lang, now=moment)}


def _as_files(
    workspace: Workspace,
    documents: dict[str, Document],
    formats: Sequence[str],
    moment: datetime,
    encoding: str = "utf-8",
) -> dict[str, bytes]:
    """Documents filed as they are (dated, anchored, with the 決裁欄), each in every format, by file name."""
    files: dict[str, bytes] = {}
    for stem, document in documents.items():
        document = _anchored(document, workspace, moment)
        for fmt in formats:
            name = f"{stem}.{fmt}"
            files[name] = encode_csv(csv_text(document), encoding, name=name) if fmt == "csv" else write(document, fmt)
    return files


def companion_documents(
    workspace: Workspace, evaluation: Evaluation, lang: Lang, moment: datetime
) -> dict[str, Document]:
    """The reports the procurement parts point to, by file stem: weights (when heard), fairness,
    robustness, the trial board (when a trial exists) and the log, drawn from `workspace` as it is.
    """
    plan = workspace.plan
    labels = workspace.blind_labels()
    documents: dict[str, Document] = {}
    weights = workspace.weights()
    if weights is not None:
        documents["weights"] = weights_document(plan, weights, lang)
    documents["fairness"] = fairness_document(fairness_report(workspace), lang)
    documents["robustness"] = _robustness(evaluation, lang)
    states = workspace.trials()
    if states:
        documents["trials"] = board_document(plan, states, lang, now=moment, labels=labels)
    documents["log"] = log_document(workspace.events(), lang, labels, workspace.plan)
    return {name: _anchored(document, workspace, moment) for name, document in documents.items()}


def fit_evaluation(evaluation: Evaluation, proc: Procedure | None) -> Evaluation | None:
    """The evaluation whose requirement fit criteria the comparison shows: the report's own; with stages, else
    the last scored stage that scores them; None when nothing scored has a fit criterion."""
    if fit_criteria_of(evaluation):
        return evaluation
    if proc is None:
        return None
    staged = [r.evaluation for r in proc.stages if r.evaluation is not None and fit_criteria_of(r.evaluation)]
    return staged[-1] if staged else None


def build_report(
    workspace: Workspace,
    out_dir: str | Path,
    formats: str | Iterable[str] = FORMATS,
    lang: Lang = "ja",
    selected: str | None = None,
    encoding: str = "utf-8",
    *,
    force: bool = False,
    now: datetime | None = None,
) -> list[Path]:
    """Write the procurement set for the workspace as it is now into the new folder `out_dir`.

    `formats`: any of xlsx, html, csv. `selected`: the tool the public table names
    (default: the sole eligible tool ranked first; with stages the procedure's decision and
    `[procedure] public_names` say who is named instead). `encoding`: of the CSV files,
    utf-8 (with BOM) or cp932. Besides the parts, the reports they point to
    (`COMPANIONS`: weights, fairness, robustness, trials, log) are written in the same
    formats. Everything is made in memory from one moment of the ledger and written
    into a temporary folder beside `out_dir`, which is renamed into place only when
    all of it succeeded; an existing non-empty `out_dir` is refused unless `force`.
    Returns the files written.
    """
    out_dir = Path(out_dir)
    chosen_formats = parse_formats(formats)
    check_encoding(encoding)
    _check_destination(out_dir, workspace.root, force)
    moment = now or datetime.now(UTC)
    workspace = frozen(workspace)
    evaluation = workspace.evaluate()
    view = matrix_view(evaluation, lang)
    if selected is not None:
        if selected not in view.tool_ids:
            raise OutputError("report.unknown_tool", tool=selected, known=", ".join(view.tool_ids) or "-")
        if _disqualified(view, view.tool_ids.index(selected)):
            raise OutputError("report.selected_disqualified", tool=selected)
    else:
        selected = selected_tool(view)
    events = list(workspace.ledger.events())
    ledger_events = events
    labels = workspace.blind_labels()
    if labels:  # blind: the reasons log names tools by their labels too
        events = [
            replace(e, payload={**e.payload, "tool": labels.get(str(e.payload["tool"]), e.payload["tool"])})
            if "tool" in e.payload
            else e
            for e in events
        ]
    plan = evaluation.plan
    # the procedure's documents name the proposers: while blind they wait for unblinding
    proc = workspace.procedure() if workspace.plan.stages and not labels else None
    public = public_table(view, plan, selected=selected)
    if proc is not None:  # the procedure's results, and the stage's matrix with its place in the procedure
        public = public_results_table(proc, lang)
        view = with_procedure(view, proc, pick_stage(proc, None).stage.id, lang)
    parts = ProcurementParts(
        scoring=scoring_sheets(evaluation, lang),
        public=public,
        reasons=reasons_table(plan, events, lang, blind=bool(labels)),
        points=points_table(evaluation, lang),
        metadata=metadata_table(evaluation, lang, now=moment),
    )
    info = workspace.plan.evaluation
    # the set's own 作成情報 part names the plan hash and the ledger head; a part filed alone carries the anchor
    document = procurement_document(view, parts, now=moment, time_zone=info.time_zone, approval=tuple(info.approval))
    anchor = _anchored(table_document(parts.public, lang), workspace, moment).provenance
    files: dict[str, bytes] = {}
    if "xlsx" in chosen_formats:
        files[XLSX_FILE] = write(document, "xlsx")
    if "html" in chosen_formats:
        files[HTML_FILE] = write(document, "html")
    companions = companion_documents(workspace, evaluation, lang, moment)
    texts: list[tuple[str, str]] = []
    if "csv" in chosen_formats:
        texts += [
            (f"scoring-sheet-{evaluator.id}.csv", csv_text(scoring_sheet_document(section, lang, provenance=anchor)))
            for evaluator, section in parts.scoring
        ]
        texts += [
            (SUMMARY_CSV, csv_text(matrix_document(view))),
            (PUBLIC_CSV, csv_text(table_document(parts.public, lang))),
            (REASONS_CSV, csv_text(table_document(parts.reasons, lang))),
        ]
    for name in COMPANIONS:
        if name not in companions:
            continue
        for fmt in chosen_formats:
            if fmt == "csv":
                texts.append((f"{name}.csv", csv_text(companions[name])))
            else:
                files[f"{name}.{fmt}"] = write(companions[name], fmt)
    fit_source = fit_evaluation(evaluation, proc)
    if fit_source is not None:  # a plan without fit criteria writes exactly what it always did
        fit = _anchored(fit_report_document(fit_source, lang, now=moment), workspace, moment)
        for fmt in chosen_formats:
            if fmt == "csv":
                texts.append((f"{FIT_STEM}.csv", csv_text(fit)))
            else:
                files[f"{FIT_STEM}.{fmt}"] = write(fit, fmt)
    if has_facts(workspace.plan, ledger_events):  # a plan and ledger without facts write what they always did
        facts = facts_document(evaluation, lang, events=ledger_events, labels_of=labels, now=moment)
        facts = _anchored(facts, workspace, moment)
        for fmt in chosen_formats:
            if fmt == "csv":
                texts.append((f"{FACTS_STEM}.csv", csv_text(facts)))
            else:
                files[f"{FACTS_STEM}.{fmt}"] = write(facts, fmt)
    for name, text in texts:
        files[name] = encode_csv(text, encoding, name=name)
    if proc is not None:
        files.update(_as_files(workspace, procedure_documents(proc, lang, moment), chosen_formats, moment, encoding))
    return _write_folder(out_dir, files)


def write_notices(
    workspace: Workspace,
    out_dir: Path,
    formats: Sequence[str],
    lang: Lang,
    *,
    force: bool = False,
    now: datetime | None = None,
) -> list[Path]:
    """Write one 審査結果通知書 per proposer into the new folder `out_dir` (`toolbench notices DIR`).

    Files are named by proposer id, `notice-<ID>.<format>` (`formats`: any of xlsx, html,
    csv). As `build_report`: drawn from one moment of the ledger, written into a temporary
    folder renamed into place only when every file was made; an existing non-empty
    `out_dir` is refused unless `force`. A plan without stages has no procedure to notify.
    """
    out_dir = Path(out_dir)
    chosen_formats = parse_formats(formats)
    if not workspace.plan.stages:
        raise OutputError("pdoc.no_stages")
    if workspace.blind_labels():
        raise OutputError("pdoc.blind_refused")
    _check_destination(out_dir, workspace.root, force)
    moment = now or datetime.now(UTC)
    workspace = frozen(workspace)
    notices = _notices(workspace.procedure(), lang, moment)
    return _write_folder(out_dir, _as_files(workspace, notices, chosen_formats, moment))
