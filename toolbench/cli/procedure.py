"""The proposal procedure (公募型プロポーザル) on the command line.

`toolbench stage open|close|reopen|list`, `qualify`, `attend`, `withdraw`,
`draw order|tie|reveal`, `decide`, `negotiate`, `review`, `procedure [review|reasons]`
and `notices`. Each step parses its options, makes one call to the workspace's steps
(`Workspace.steps`, `toolbench.workspace.procedure.Steps`) and confirms in one line what
was recorded, with its event number. A step the rules refuse raises `ProcedureError`,
which the group prints as one line with exit code 1; nothing is recorded then.

`--stage` (`STAGE_OPTION`) is shared by the commands that show one scored stage:
`matrix`, `fairness`, `robustness` and `sheet export`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from toolbench.base.display import displayable
from toolbench.base.i18n import Lang, Message, translate
from toolbench.base.times import DateInputError, document_date, parse_date
from toolbench.cli._common import (
    DOCUMENT_FORMAT_OPTION,
    ENCODING_OPTION,
    OUTPUT_OPTION,
    State,
    default_actor,
    formats_option,
    show_document,
)

if TYPE_CHECKING:
    from toolbench.methods.evaluation import Evaluation
    from toolbench.workspace.workspace import Workspace

STAGE_OPTION = click.option(
    "--stage",
    default=None,
    metavar="STAGE",
    help="The stage to show, by its id (default: the stage open now, else the last one closed); "
    "for a plan with [[stages]].",
)
"""`--stage` of the commands that show one scored stage: matrix, fairness, robustness, sheet export."""

ACTOR_OPTION = click.option(
    "--actor", default=None, help="Who is recording (default: $TOOLBENCH_ACTOR, else your login)."
)


def stage_options(stage: str | None) -> tuple[str, ...]:
    """What the key of a kept result adds for `--stage`: nothing without it, so a plan without stages keeps its keys."""
    return () if stage is None else (f"stage={stage}",)


@dataclass(frozen=True)
class StageOf:
    """A workspace seen as one of its scored stages: what `fairness_report` evaluates (with evaluators left out)."""

    workspace: Workspace
    stage: str

    def evaluate(self, *, without: Iterable[str] = ()) -> Evaluation:
        return self.workspace.evaluate(without=tuple(without), stage=self.stage)


# --- what the commands share ---------------------------------------------------------------

_SEPARATORS = re.compile(r"[,、，\s]+")


def _names_list(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...]:
    """`a,b,c` (or `a、b、c`, or spaces) as a tuple of ids."""
    return tuple(part for part in _SEPARATORS.split(value or "") if part)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """A date as staff type it (2026-04-01, 2026/4/1, 令和8年4月1日, R8.4.1): a usage error otherwise."""
    if value is None:
        return None
    try:
        return parse_date(value)
    except DateInputError as error:
        state = ctx.find_object(State)
        raise click.BadParameter(error.message(state.lang if state else "en")) from None


class _Shown:
    """How one workspace names things in a confirmation, in the user's language (labels while blind)."""

    def __init__(self, workspace: Workspace, lang: Lang) -> None:
        self.workspace = workspace
        self.lang = lang
        self.labels = workspace.blind_labels() or {}

    def tool(self, tool_id: str) -> str:
        if tool_id in self.labels:
            return self.labels[tool_id]
        tool = self.workspace.plan.tool(tool_id)
        name = tool.name.get(self.lang) if tool is not None else ""
        if not name or name == tool_id:
            return displayable(tool_id)
        return displayable(translate("pcli.named", self.lang, name=name, id=tool_id))

    def tools(self, tool_ids: Iterable[Any]) -> str:
        shown = [self.tool(str(t)) for t in tool_ids]
        return translate("pcli.list_sep", self.lang).join(shown) if shown else translate("pcli.none", self.lang)

    def members(self, member_ids: Iterable[Any]) -> str:
        plan = self.workspace.plan
        shown = []
        for member in member_ids:
            evaluator = plan.evaluator(str(member))
            shown.append(displayable(evaluator.name if evaluator is not None and evaluator.name else str(member)))
        return translate("pcli.list_sep", self.lang).join(shown) if shown else translate("pcli.none", self.lang)

    def stage(self, stage_id: str) -> Message:
        found = self.workspace.plan.stage(stage_id)
        name = found.name.get(self.lang) if found is not None else stage_id
        return Message("pcli.stage", name=displayable(name or stage_id), id=displayable(stage_id))

    def requirement(self, requirement_id: str) -> Message:
        found = next(
            (r for s in self.workspace.plan.stages for r in s.requirements if r.id == requirement_id),
            None,
        )
        name = found.name.get(self.lang) if found is not None else requirement_id
        return Message("pcli.requirement", name=displayable(name or requirement_id), id=displayable(requirement_id))

    def draw(self, draw_id: str) -> Message:
        purpose, _, where = draw_id.partition(":")
        if purpose == "tie" and where == "final":
            what = Message("pcli.draw.tie_final")
        else:
            found = self.workspace.plan.stage(where)
            name = displayable(found.name.get(self.lang) or where) if found is not None else displayable(where)
            what = Message(f"pcli.draw.{'tie' if purpose == 'tie' else 'order'}", name=name)
        return Message("pcli.draw", id=displayable(draw_id), what=what)

    def say(self, key: str, **params: object) -> str:
        return translate(key, self.lang, **params)


def _open(state: State) -> tuple[Workspace, _Shown]:
    workspace = state.workspace()
    return workspace, _Shown(workspace, state.lang)


# --- stages ---------------------------------------------------------------------------------


@click.group()
def stage() -> None:
    """Open, close and reopen the stages of the procedure (参加資格審査, 一次審査, 二次審査 …).

    A stage opens once the one before it is closed. Closing a stage records who
    goes on: those who passed every entry requirement, or the shortlist by the
    stage's top N and pass mark. A closed stage reopens only with a reason, while
    the next stage has not begun and nothing is decided.

    \b
    Example:
      toolbench stage list
      toolbench stage open qualification
      toolbench stage close documents
      toolbench stage reopen documents --reason "a score typed wrongly"
    """


@stage.command("open")
@click.argument("stage")
@ACTOR_OPTION
@click.pass_obj
def stage_open(state: State, stage: str, actor: str | None) -> None:
    """Open STAGE: the stage before it must be closed.

    \b
    Example:
      toolbench stage open qualification
    """
    workspace, shown = _open(state)
    event = workspace.steps.open_stage(stage, actor=actor or default_actor())
    click.echo(
        shown.say(
            "pcli.stage_opened",
            stage=shown.stage(stage),
            seq=event.seq,
            tools=shown.tools(event.payload.get("entrants", [])),
        )
    )


@stage.command("close")
@click.argument("stage")
@click.option(
    "--incomplete-reason",
    default=None,
    help="Close with scores still missing, for this reason (stated in every document).",
)
@ACTOR_OPTION
@click.pass_obj
def stage_close(state: State, stage: str, incomplete_reason: str | None, actor: str | None) -> None:
    """Close STAGE and record who goes on.

    A qualification stage closes once every requirement is judged for every
    proposer still in. A scored stage closes with every score in (or with
    --incomplete-reason), its committee meeting's attendance recorded with a
    quorum present, and any tie at the shortlist's edge that is left to lot drawn.

    \b
    Example:
      toolbench stage close documents
      toolbench stage close documents --incomplete-reason "member absent through illness"
    """
    workspace, shown = _open(state)
    event = workspace.steps.close_stage(stage, actor=actor or default_actor(), incomplete_reason=incomplete_reason)
    payload = event.payload
    stages = workspace.plan.stages
    closed = workspace.plan.stage(stage)
    where = shown.stage(stage)
    if closed is not None and closed.kind == "qualification":
        line = shown.say(
            "pcli.qualification_closed",
            stage=where,
            seq=event.seq,
            passed=shown.tools(payload.get("goes_on", [])),
            failed=shown.tools(payload.get("failed", [])),
        )
    else:
        key = "pcli.last_stage_closed" if closed is not None and closed.id == stages[-1].id else "pcli.stage_closed"
        line = shown.say(key, stage=where, seq=event.seq, tools=shown.tools(payload.get("goes_on", [])))
    if payload.get("incomplete"):
        line += shown.say("pcli.closed_incomplete", count=len(payload["incomplete"]))
    click.echo(line)


@stage.command("reopen")
@click.argument("stage")
@click.option("--reason", required=True, help="Why the closed stage is reopened (shown in every document).")
@ACTOR_OPTION
@click.pass_obj
def stage_reopen(state: State, stage: str, reason: str, actor: str | None) -> None:
    """Reopen the closed STAGE, with a reason, while the next stage has not begun.

    \b
    Example:
      toolbench stage reopen documents --reason "a score typed wrongly, found at the meeting of 10 June"
    """
    workspace, shown = _open(state)
    event = workspace.steps.reopen_stage(stage, reason, actor=actor or default_actor())
    click.echo(
        shown.say(
            "pcli.stage_reopened",
            stage=shown.stage(stage),
            seq=event.seq,
            reason=displayable(str(event.payload.get("reason", ""))),
        )
    )


@stage.command("list")
@click.pass_obj
def stage_list(state: State) -> None:
    """List the stages in order, each with its status and how many take part (* marks the current one).

    \b
    Example:
      toolbench stage list
    """
    workspace, shown = _open(state)
    if not workspace.plan.stages:
        click.echo(shown.say("pcli.no_stages"))
        return
    found = workspace.procedure()
    for result in found.stages:
        known = bool(result.entrants) or result.status != "waiting"
        who = (
            shown.say("pcli.stage_taking_part", count=len(result.participants))
            if known
            else shown.say("pcli.stage_not_known")
        )
        click.echo(
            shown.say(
                "pcli.stage_line",
                mark="*" if result.stage.id == found.current else " ",
                id=result.stage.id,
                name=displayable(result.stage.name.get(shown.lang)),
                kind=Message(f"pcli.kind.{result.stage.kind}"),
                status=Message(f"pcli.status.{result.status}"),
                who=who,
            )
        )


# --- qualification, attendance, withdrawal ---------------------------------------------------

_VERDICTS = {"pass": "pass", "fail": "fail", "適": "pass", "否": "fail"}


@click.command()
@click.argument("tool")
@click.argument("requirement")
@click.argument("verdict", metavar="VERDICT", type=click.Choice(list(_VERDICTS), case_sensitive=False))
@click.option("--evidence", required=True, help="What the verdict rests on: the document, its number and date.")
@click.option("--reason", default=None, help="Why a verdict already recorded changes (required then).")
@ACTOR_OPTION
@click.pass_obj
def qualify(
    state: State, tool: str, requirement: str, verdict: str, evidence: str, reason: str | None, actor: str | None
) -> None:
    """Record the verdict on one entry requirement (参加資格) for TOOL: pass or fail (適 / 否).

    The qualification stage must be open. A verdict names its evidence; changing
    a recorded verdict needs --reason. The same verdict and evidence again records
    nothing.

    \b
    Example:
      toolbench qualify kamiscan isms pass --evidence "ISMS certificate IS 123456, valid to 2027-03-31"
      toolbench qualify yomitoru isms 否 --evidence "no certificate submitted"
    """
    workspace, shown = _open(state)
    tool_id = workspace.resolve_tool(tool)
    judged = _VERDICTS[verdict.lower()]
    event = workspace.steps.judge(tool_id, requirement, judged, evidence, actor=actor or default_actor(), reason=reason)
    fields: dict[str, object] = {
        "tool": shown.tool(tool_id),
        "requirement": shown.requirement(requirement),
        "verdict": Message(f"pcli.verdict.{judged}"),
    }
    if event is None:
        click.echo(shown.say("pcli.judged_same", **fields))
        return
    fields.update(seq=event.seq, evidence=displayable(str(event.payload.get("evidence", ""))))
    if "supersedes" in event.payload:
        click.echo(shown.say("pcli.judged_changed", old=event.payload["supersedes"], **fields))
    else:
        click.echo(shown.say("pcli.judged", **fields))


@click.command()
@click.argument("stage")
@click.option(
    "--present",
    required=True,
    metavar="MEMBERS",
    callback=_names_list,
    help="The committee members present, by id, separated by commas (e.g. aoki,ueda,ishii).",
)
@click.option("--tool", default=None, help="The proposer whose presentation this is (default: the committee meeting).")
@ACTOR_OPTION
@click.pass_obj
def attend(state: State, stage: str, present: tuple[str, ...], tool: str | None, actor: str | None) -> None:
    """Record who is present in STAGE: at its committee meeting, or with --tool at a proposer's presentation.

    The committee meeting's attendance is what the quorum is counted from when the
    stage closes. Where the stage lets only members present score, a member absent
    from a presentation does not score it (counted like a recusal).

    \b
    Example:
      toolbench attend presentation --tool kamiscan --present aoki,ueda,ishii
      toolbench attend presentation --present aoki,ueda,ishii,okada
    """
    workspace, shown = _open(state)
    tool_id = workspace.resolve_tool(tool) if tool is not None else None
    event = workspace.steps.attend(stage, present, actor=actor or default_actor(), tool=tool_id)
    fields: dict[str, object] = {
        "stage": shown.stage(stage),
        "seq": event.seq,
        "present": shown.members(event.payload.get("present", [])),
        "absent": shown.members(event.payload.get("absent", [])),
    }
    if tool_id is None:
        click.echo(shown.say("pcli.attended_meeting", **fields))
    else:
        click.echo(shown.say("pcli.attended_tool", tool=shown.tool(tool_id), **fields))


@click.command()
@click.argument("tool")
@click.option("--reason", required=True, help="The reason the proposer gave (shown in every document).")
@click.option(
    "--date",
    "received",
    default=None,
    callback=_date,
    help="The date the withdrawal was received, e.g. 2026-06-01 or 令和8年6月1日 (default: today).",
)
@ACTOR_OPTION
@click.pass_obj
def withdraw(state: State, tool: str, reason: str, received: date | None, actor: str | None) -> None:
    """Record that TOOL's proposer withdrew (辞退), with the date it was received and its reason.

    A withdrawal cannot be undone. From then on the proposer is shown as withdrawn,
    never dropped, and is no longer scored; a stage closed before it keeps it.

    \b
    Example:
      toolbench withdraw yomitoru --reason "cannot staff the project" --date 2026-06-01
    """
    workspace, shown = _open(state)
    tool_id = workspace.resolve_tool(tool)
    event = workspace.steps.withdraw(tool_id, reason, actor=actor or default_actor(), received=received)
    payload = event.payload
    fields: dict[str, object] = {
        "tool": shown.tool(tool_id),
        "seq": event.seq,
        "date": document_date(date.fromisoformat(str(payload["date"])), shown.lang),
        "reason": displayable(str(payload.get("reason", ""))),
    }
    if payload.get("stage"):
        click.echo(shown.say("pcli.withdrew_stage", stage=shown.stage(str(payload["stage"])), **fields))
    else:
        click.echo(shown.say("pcli.withdrew", **fields))


# --- draws by lot --------------------------------------------------------------------------


@click.group()
def draw() -> None:
    """Draw lots in two steps anyone can check: commit to a secret seed, then reveal it.

    The commitment (SHA-256 of the seed) is recorded first and announced; the seed
    stays in .toolbench/draws/ until the reveal. The order follows from the seed,
    the witness value called out at the meeting and the candidates alone, so
    anyone recomputes it from the ledger.

    \b
    Example:
      toolbench draw order presentation
      toolbench draw reveal order:presentation --witness 37
      toolbench draw tie final
    """


def _committed(state: State, purpose: str, where: str, actor: str | None) -> None:
    workspace, shown = _open(state)
    event = workspace.steps.commit_draw(purpose, where, actor=actor or default_actor())
    ident = str(event.payload.get("draw", ""))
    click.echo(
        shown.say(
            "pcli.draw_committed",
            draw=shown.draw(ident),
            id=displayable(ident),
            seq=event.seq,
            tools=shown.tools(event.payload.get("candidates", [])),
        )
    )
    click.echo(shown.say("pcli.draw_commitment", commitment=event.payload.get("commitment", "")))


@draw.command("order")
@click.argument("stage")
@ACTOR_OPTION
@click.pass_obj
def draw_order(state: State, stage: str, actor: str | None) -> None:
    """Commit to the draw of STAGE's presentation order (the stage says order = "lot").

    \b
    Example:
      toolbench draw order presentation
    """
    _committed(state, "order", stage, actor)


@draw.command("tie")
@click.argument("stage")
@ACTOR_OPTION
@click.pass_obj
def draw_tie(state: State, stage: str, actor: str | None) -> None:
    """Commit to the draw of a tie the tie-break chain leaves to lot: at STAGE's shortlist edge, or `final`.

    \b
    Example:
      toolbench draw tie documents
      toolbench draw tie final
    """
    _committed(state, "tie", stage, actor)


@draw.command("reveal")
@click.argument("draw_id")
@click.option(
    "--witness",
    default="",
    metavar="VALUE",
    help="A value called out at the meeting after the commitment was announced (e.g. a number a member picks).",
)
@ACTOR_OPTION
@click.pass_obj
def draw_reveal(state: State, draw_id: str, witness: str, actor: str | None) -> None:
    """Reveal the committed draw DRAW_ID (e.g. order:presentation) and record the order it gives.

    \b
    Example:
      toolbench draw reveal order:presentation --witness 37
    """
    workspace, shown = _open(state)
    event = workspace.steps.reveal_draw(draw_id, actor=actor or default_actor(), witness=witness)
    order = [str(t) for t in event.payload.get("order", [])]
    places = translate("pcli.list_sep", shown.lang).join(
        shown.say("pcli.place", place=place, tool=shown.tool(tool)) for place, tool in enumerate(order, 1)
    )
    given = str(event.payload.get("witness", ""))
    key = "pcli.draw_revealed" if given else "pcli.draw_revealed_plain"
    click.echo(shown.say(key, draw=shown.draw(draw_id), seq=event.seq, witness=displayable(given), order=places))


# --- the decision ------------------------------------------------------------------------------


@click.command()
@click.argument("preferred")
@click.option("--runner-up", default=None, metavar="TOOL", help="The runner-up (次点).")
@click.option(
    "--order",
    default=None,
    metavar="TOOLS",
    callback=_names_list,
    help="The whole negotiation order, separated by commas (default: the preferred, the runner-up, "
    "then the others as the rules rank them).",
)
@click.option(
    "--present",
    default=None,
    metavar="MEMBERS",
    callback=_names_list,
    help="The members present at the deciding meeting (default: those recorded at the last stage's meeting).",
)
@click.option(
    "--override",
    default=None,
    metavar="REASON",
    help="Decide against the order the rules give, for this reason (disclosed in every document).",
)
@ACTOR_OPTION
@click.pass_obj
def decide(
    state: State,
    preferred: str,
    runner_up: str | None,
    order: tuple[str, ...],
    present: tuple[str, ...],
    override: str | None,
    actor: str | None,
) -> None:
    """Record the committee's decision: PREFERRED (最優秀提案者), the runner-up and the negotiation order.

    Refused while a stage is open or not yet held, without a quorum present, while
    a tie awaits its draw, or when it departs from the order the rules give (final
    points, the tie-break chain, drawn lots) unless --override gives the reason.

    \b
    Example:
      toolbench decide kamiscan --runner-up yomitoru
      toolbench decide yomitoru --runner-up kamiscan --override "reason the committee gave"
    """
    workspace, shown = _open(state)
    event = workspace.steps.decide(
        workspace.resolve_tool(preferred),
        actor=actor or default_actor(),
        runner_up=workspace.resolve_tool(runner_up) if runner_up else None,
        order=[workspace.resolve_tool(t) for t in order],
        present=present,
        override=override,
    )
    payload = event.payload
    runner = payload.get("runner_up")
    line = shown.say(
        "pcli.decided",
        seq=event.seq,
        preferred=shown.tool(str(payload.get("preferred", ""))),
        runner_up=shown.tool(str(runner)) if runner else translate("pcli.none", shown.lang),
        order=shown.tools(payload.get("order", [])),
    )
    if payload.get("override"):
        line += shown.say("pcli.decided_override", reason=displayable(str(payload["override"])))
    click.echo(line)


_OUTCOMES = {"agreed": "agreed", "failed": "failed", "合意": "agreed", "不調": "failed"}


@click.command()
@click.argument("tool")
@click.argument("outcome", metavar="OUTCOME", type=click.Choice(list(_OUTCOMES), case_sensitive=False))
@click.option("--reason", required=True, help="What was agreed, or why the negotiation failed.")
@ACTOR_OPTION
@click.pass_obj
def negotiate(state: State, tool: str, outcome: str, reason: str, actor: str | None) -> None:
    """Record the outcome of negotiating with TOOL, whose turn it is in the decided order: agreed or failed.

    The next proposer in the order is asked only after the negotiation with the one
    before fails (随意契約の交渉).

    \b
    Example:
      toolbench negotiate kamiscan agreed --reason "contract terms agreed on 20 June"
      toolbench negotiate kamiscan 不調 --reason "could not meet the delivery date"
    """
    workspace, shown = _open(state)
    tool_id = workspace.resolve_tool(tool)
    result = _OUTCOMES[outcome.lower()]
    event = workspace.steps.negotiate(tool_id, result, reason, actor=actor or default_actor())
    if result == "agreed":
        click.echo(shown.say("pcli.negotiated_agreed", tool=shown.tool(tool_id), seq=event.seq))
        return
    turn = workspace.procedure().contractor
    following = shown.tool(turn) if turn else translate("pcli.none", shown.lang)
    click.echo(shown.say("pcli.negotiated_failed", tool=shown.tool(tool_id), seq=event.seq, next=following))


@click.command()
@click.argument("text")
@click.option("--tool", default=None, help="The proposer the words are about (default: the procedure as a whole).")
@ACTOR_OPTION
@click.pass_obj
def review(state: State, text: str, tool: str | None, actor: str | None) -> None:
    """Record the committee's words for the 審査講評: on the whole, or with --tool on one proposer.

    A later review of the same (the whole, or one proposer) replaces the earlier one
    in the documents; the ledger keeps both.

    \b
    Example:
      toolbench review "Both proposals met the requirements; the committee valued the support plan."
      toolbench review "Strong accuracy; the training plan was thin." --tool kamiscan
    """
    workspace, shown = _open(state)
    tool_id = workspace.resolve_tool(tool) if tool is not None else None
    event = workspace.steps.review(text, actor=actor or default_actor(), tool=tool_id)
    if tool_id is None:
        click.echo(shown.say("pcli.reviewed", seq=event.seq))
    else:
        click.echo(shown.say("pcli.reviewed_tool", tool=shown.tool(tool_id), seq=event.seq))


# --- documents -------------------------------------------------------------------------------


def _show(state: State, kind: str, fmt: str | None, output: Path | None, encoding: str) -> None:
    """Make the procedure's document `kind` as the ledger stands and show it (or write it to `output`)."""
    from toolbench.documents import procedure as documents  # lazy: the documents' models, for these commands only

    workspace = state.workspace()
    lang = state.lang
    made = {
        "status": documents.procedure_document,
        "review": documents.review_document,
        "reasons": documents.selection_reasons_document,
    }[kind]
    document = made(workspace.named_procedure(), lang, now=datetime.now(UTC))
    show_document(document, fmt, output, lang, encoding=encoding, workspace=workspace)


@click.group(invoke_without_command=True)
@DOCUMENT_FORMAT_OPTION
@OUTPUT_OPTION
@ENCODING_OPTION
@click.pass_context
def procedure(ctx: click.Context, fmt: str | None, output: Path | None, encoding: str) -> None:
    """Show where the procedure stands: each stage, who takes part, verdicts, draws, the decision.

    Without a subcommand, the status of every stage (who entered, withdrew, passed
    or goes on, with the figures), the draws, the final ranking, the decision and
    the negotiations, and anything every document must disclose. `procedure review`
    drafts the 審査講評 and `procedure reasons` the 選定理由書.

    \b
    Example:
      toolbench procedure
      toolbench procedure -o procedure.html
      toolbench procedure review -o 審査講評.html
      toolbench procedure reasons -o 選定理由書.xlsx
    """
    state = ctx.find_object(State)
    assert state is not None
    if ctx.invoked_subcommand is not None:
        if fmt is not None or output is not None or encoding != "utf-8":
            raise click.UsageError(translate("pcli.document_options", state.lang, sub=ctx.invoked_subcommand))
        return
    _show(state, "status", fmt, output, encoding)


@procedure.command("review")
@DOCUMENT_FORMAT_OPTION
@OUTPUT_OPTION
@ENCODING_OPTION
@click.pass_obj
def procedure_review(state: State, fmt: str | None, output: Path | None, encoding: str) -> None:
    """Draft the 審査講評: the procedure, the results and the committee's words, for publication.

    The committee's words are those recorded with `toolbench review`.

    \b
    Example:
      toolbench procedure review
      toolbench procedure review -o review.html
    """
    _show(state, "review", fmt, output, encoding)


@procedure.command("reasons")
@DOCUMENT_FORMAT_OPTION
@OUTPUT_OPTION
@ENCODING_OPTION
@click.pass_obj
def procedure_reasons(state: State, fmt: str | None, output: Path | None, encoding: str) -> None:
    """Draft the 選定理由書 for the 随意契約 that follows the decision.

    Why the contractor was chosen, citing 地方自治法施行令第167条の2第1項第2号, the
    procedure that chose them and any departure from the rules with its reason.

    \b
    Example:
      toolbench procedure reasons
      toolbench procedure reasons -o reasons.xlsx
    """
    _show(state, "reasons", fmt, output, encoding)


@click.command()
@click.argument("outdir", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "--formats",
    "formats",
    default="html,xlsx",
    show_default=True,
    callback=formats_option,
    help="Which files to write, separated by commas: html, xlsx, csv.",
)
@click.option("--force", is_flag=True, help="Replace the contents of OUTDIR when it is not empty.")
@click.pass_obj
def notices(state: State, outdir: Path, formats: tuple[str, ...], force: bool) -> None:
    """Write one 審査結果通知書 per proposer into the new folder OUTDIR.

    Each notice tells one proposer their own result (qualified or not, their
    points and place, selected or not) and nothing about the others. Nothing is
    written unless every file could be made.

    \b
    Example:
      toolbench notices notices/2026-06
      toolbench notices out --format xlsx --force
    """
    from toolbench.workspace.reports import write_notices  # lazy: pydantic (the workspace), for documents only

    workspace = state.workspace()
    lang = state.lang
    written = write_notices(workspace, outdir, formats, lang, force=force)
    click.echo(translate("pcli.notices_written", lang, count=len(written), path=outdir))
    for path in written:
        click.echo(f"  {path}")


__all__ = [
    "STAGE_OPTION",
    "StageOf",
    "attend",
    "decide",
    "draw",
    "negotiate",
    "notices",
    "procedure",
    "qualify",
    "review",
    "stage",
    "stage_options",
    "withdraw",
]
