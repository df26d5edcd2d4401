"""`toolbench coi`, `lock`, `reopen`, `blind`, `unblind`: conflicts of interest and fairness commitments."""

from __future__ import annotations

import click

from toolbench.base.i18n import translate
from toolbench.cli._common import State, default_actor
from toolbench.documents.matrix import recusal_sentences
from toolbench.methods.locking import masked_plan

ACTOR_OPTION = click.option(
    "--actor", default=None, help="Who is recording (default: $TOOLBENCH_ACTOR, else your login)."
)


@click.group()
def coi() -> None:
    """Conflicts of interest: who is recused from which tool, and declarations.

    Evaluators are recused automatically from tools whose vendor, maker or reseller
    is one of their `affiliations` in the plan (names compared after removing legal
    forms such as 株式会社 / (株) / Co., Ltd.; aliases in `[fairness] aliases`).

    \b
    Example:
      toolbench coi list
      toolbench coi declare ueda --company "株式会社ひかり情報システム" --note "former employee (2023)"
    """


@coi.command("list")
@click.pass_obj
def list_recusals(state: State) -> None:
    """List every recusal and why.

    \b
    Example:
      toolbench coi list
    """

    workspace = state.workspace()
    plan, recusals = workspace.plan, workspace.recusals()
    labels = workspace.blind_labels()
    if labels:  # blind: tools by their labels, companies withheld
        plan = masked_plan(plan, labels)
        recusals = {(e, labels.get(t, t)): r for (e, t), r in recusals.items()}
    lines = recusal_sentences(plan, recusals, state.lang, blind=bool(labels))
    if not lines:
        click.echo(translate("coi.none", state.lang))
    for line in lines:
        click.echo(line)


@coi.command()
@click.argument("evaluator")
@click.option("--company", default=None, help="An organisation the evaluator is related to.")
@click.option("--tool", default=None, help="A tool the evaluator has a conflict with.")
@click.option("--note", default=None, help="The relationship in words (disclosed in reports).")
@click.option(
    "--reason",
    default=None,
    help="Why it is declared after the technical scores were locked (required then; shown in every report).",
)
@ACTOR_OPTION
@click.pass_obj
def declare(
    state: State,
    evaluator: str,
    company: str | None,
    tool: str | None,
    note: str | None,
    reason: str | None,
    actor: str | None,
) -> None:
    """Record a declared relationship of EVALUATOR with a company, or a conflict with a tool.

    After `toolbench lock --scores` a declaration can still change the locked
    technical points (the evaluator's scores stop counting), so it needs --reason,
    which every report then shows.

    \b
    Example:
      toolbench coi declare ueda --company "ひかり情報システム" --note "former employee (2023)"
      toolbench coi declare aoki --tool kamiscan --note "relative works for the vendor"
      toolbench coi declare aoki --tool kamiscan --reason "disclosed at the 3rd meeting"
    """
    workspace = state.workspace()
    typed = tool
    tool = workspace.resolve_tool(tool) if tool is not None else None  # while blind: the label only
    recorded = workspace.declare_coi(
        evaluator, actor=actor or default_actor(), company=company, tool=tool, note=note, reason=reason
    )
    lang = state.lang
    if recorded is None:
        click.echo(translate("coi.unchanged", lang))
    else:
        click.echo(translate("coi.declared", lang, evaluator=evaluator, what=company or typed))


@click.command()
@click.option("--scores", "scores", is_flag=True, help="Lock the technical scores instead (opens sealed prices).")
@click.option(
    "--reason",
    default=None,
    help="Why the plan is locked after scoring began, or again after a change (required then).",
)
@ACTOR_OPTION
@click.pass_obj
def lock(state: State, scores: bool, reason: str | None, actor: str | None) -> None:
    """Record the hash of the criteria, points and rules before scoring starts.

    Every report then says when they were locked, and loudly which part changed if
    the plan is edited later, until it is locked again with --reason. Locking after
    any score needs --reason, and every report then says how many scores came
    before the lock. With --scores, record that the technical scores are final:
    they can no longer change, and with `[fairness] two_envelopes = true` the
    sealed prices open.

    \b
    Example:
      toolbench lock
      toolbench lock --reason "points corrected after the 2nd hearing"
      toolbench lock --scores
    """
    workspace = state.workspace()
    lang = state.lang
    who = actor or default_actor()
    if scores:
        event = workspace.lock_scores(actor=who, reason=reason)
        if event is None:
            scored = workspace.lock_status().scores
            click.echo(translate("lock.scores_unchanged", lang, seq=scored.seq if scored else 0))
        else:
            click.echo(translate("lock.scores_recorded", lang, seq=event.seq))
        return
    event = workspace.lock(actor=who, reason=reason)
    if event is None:
        current = workspace.lock_status().lock
        click.echo(translate("lock.unchanged", lang, seq=current.seq if current else 0))
    elif event.payload.get("after_scores"):
        click.echo(translate("lock.recorded_after_scores", lang, seq=event.seq, count=event.payload["after_scores"]))
    else:
        click.echo(translate("lock.recorded", lang, seq=event.seq))


@click.command()
@click.option("--reason", required=True, help="Why the finalized evaluation is opened again (shown in every report).")
@ACTOR_OPTION
@click.pass_obj
def reopen(state: State, reason: str, actor: str | None) -> None:
    """Open a finalized evaluation for recording again.

    After `toolbench finalize` every write (scores, measurements, hearings, trials,
    locks, declarations, sheets, blind labels) is refused. Reopening records the
    reason in the ledger, every later report discloses it, and `toolbench finalize`
    closes the evaluation again.

    \b
    Example:
      toolbench reopen --reason "a score typed wrongly, found at the committee of 10 Dec"
    """
    event = state.workspace().reopen(reason, actor or default_actor())
    click.echo(translate("reopen.recorded", state.lang, seq=event.seq, finalized=event.payload["finalized"]))


@click.command()
@click.option("--seed", type=int, default=None, help="Seed of the shuffle (default: a random one, kept secret).")
@ACTOR_OPTION
@click.pass_obj
def blind(state: State, seed: int | None, actor: str | None) -> None:
    """Show tools as labels (候補A, 候補B …) in every sheet and report until `toolbench unblind`.

    The labels come from a seeded shuffle. Only a SHA-256 commitment to the mapping
    is recorded in the ledger; the seed, salt and mapping stay in
    .toolbench/blind.json until `unblind` reveals them for anyone to check.

    \b
    Example:
      toolbench blind
    """
    event = state.workspace().blind(actor=actor or default_actor(), seed=seed)
    click.echo(translate("blind.assigned", state.lang, commitment=event.payload["commitment"][:12], seq=event.seq))


@click.command()
@ACTOR_OPTION
@click.pass_obj
def unblind(state: State, actor: str | None) -> None:
    """Reveal which tool is behind each label; the reveal must reproduce the recorded commitment.

    \b
    Example:
      toolbench unblind
    """
    event = state.workspace().unblind(actor=actor or default_actor())
    mapping = ", ".join(
        f"{label} = {tool}" for tool, label in sorted(event.payload["mapping"].items(), key=lambda x: x[1])
    )
    click.echo(translate("blind.revealed", state.lang, seq=event.seq, mapping=mapping))
