"""`toolbench trial …` and `toolbench trials`: tools on trial in departments, and what staff said.

`trials publish`, `trials evidence` and `trials adopt` share trial evidence between cities.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import click
from pydantic import ValidationError

from toolbench.base.errors import CatalogError, ToolbenchError
from toolbench.base.i18n import Lang, Message, join_words, translate
from toolbench.base.numbers import figure
from toolbench.base.times import local, parse_date
from toolbench.cli._common import (
    DOCUMENT_FORMAT_OPTION,
    ENCODING_OPTION,
    OUTPUT_OPTION,
    State,
    default_actor,
    show_document,
)
from toolbench.cli.completion import complete_departments, complete_tools
from toolbench.cli.progress import label, reporter, verbosity_options
from toolbench.documents.trials import board_document, evidence_document, one_decimal, phase_name, tool_name
from toolbench.methods.evidence import DEFAULT_MIN_RESPONDENTS
from toolbench.methods.trial_metrics import Effects, Feedback, TrainingSession, sus_grade
from toolbench.methods.trials import TrialError, TrialStates
from toolbench.workspace.evidence import CityEvidence
from toolbench.workspace.scoring import typed
from toolbench.workspace.trial_import import Pseudonyms, load_mapping, read_responses

if TYPE_CHECKING:
    from toolbench.methods.trial_metrics import Feedback
    from toolbench.methods.trials import Trial
    from toolbench.model.plan import Plan
    from toolbench.workspace.workspace import Workspace


_PHASE_PARAMS = ("phase", "to", "from_phase")
"""Error fields that hold a phase id: shown by the phase's name."""


def _named_params(
    plan: Plan, params: Mapping[str, object], labels: Mapping[str, str] | None, lang: Lang
) -> dict[str, object]:
    """An error's fields with names where people read: the tool, the department, the phases (ids stay in `*_id`)."""
    out = dict(params)
    tool = plan.tool(str(params["tool"])) if isinstance(params.get("tool"), str) else None
    if tool is not None and not labels:
        out["tool"] = tool.name.get(lang)
    department = plan.department(str(params["department"])) if isinstance(params.get("department"), str) else None
    if department is not None:
        out["department"] = department.name.get(lang)
    for key in _PHASE_PARAMS:
        if isinstance(params.get(key), str):
            out[key] = phase_name(plan, str(params[key]), lang)
    allowed = params.get("allowed")
    if isinstance(allowed, str) and allowed:
        out["allowed"] = join_words((phase_name(plan, p, lang) for p in allowed.split(", ")), lang)
    return out


@contextmanager
def _labelled(labels: Mapping[str, str] | None, plan: Plan | None = None, lang: Lang = "en") -> Iterator[None]:
    """A refusal in words: names for tools, departments and phases; while blind, a tool's label only."""
    try:
        yield
    except ToolbenchError as error:
        if labels:
            error.params = {k: labels.get(v, v) if isinstance(v, str) else v for k, v in error.params.items()}
        if plan is not None:
            error.params = _named_params(plan, error.params, labels, lang)
        raise


def _target(workspace: Workspace, typed: str) -> tuple[str, str, dict[str, str] | None]:
    """The tool id a command means, what to call it back, and the labels while blind (a label only, then)."""
    labels = workspace.blind_labels()
    if not labels:
        return typed, typed, None
    tool = workspace.resolve_tool(typed)  # refuses anything but a label, in the same words whatever was typed
    return tool, labels.get(tool, tool), labels


ACTOR_OPTION = click.option(
    "--actor", default=None, help="Who is recording (default: $TOOLBENCH_ACTOR, else your login)."
)


@click.group()
def trial() -> None:
    """Trials of a tool in a department: start, move between phases, log feedback and training.

    \b
    Example:
      toolbench trial start kamiscan --dept tax
      toolbench trial move kamiscan --dept tax --to demo --note "vendor demo at the tax office"
      toolbench trial log kamiscan --dept tax          # asks step by step
      toolbench trials                                 # the board
    """


@trial.command()
@click.argument("tool", shell_complete=complete_tools)
@click.option(
    "--dept",
    "department",
    required=True,
    shell_complete=complete_departments,
    help="Department id (from the plan's [[departments]]).",
)
@click.option("--phase", default=None, help="Phase to start in (default: the plan's first phase).")
@click.option("--note", default=None, help="A note kept with the start.")
@ACTOR_OPTION
@click.pass_obj
def start(state: State, tool: str, department: str, phase: str | None, note: str | None, actor: str | None) -> None:
    """Start a trial of TOOL in a department.

    \b
    Example:
      toolbench trial start kamiscan --dept tax --note "candidate after the market survey"
    """
    workspace = state.workspace()
    tool_id, shown, labels = _target(workspace, tool)
    plan = workspace.plan
    lang = state.lang
    with _labelled(labels, plan, lang):
        event = workspace.start_trial(tool_id, department, actor=actor or default_actor(), phase=phase, note=note)
    p = event.payload
    click.echo(
        translate(
            "trial.started",
            lang,
            tool=tool_name(plan, p["tool"], lang, labels),
            department=_department_name(plan, p["department"], lang),
            phase=phase_name(plan, p["phase"], lang),
        )
    )


@trial.command()
@click.argument("tool", shell_complete=complete_tools)
@click.option("--dept", "department", required=True, shell_complete=complete_departments, help="Department id.")
@click.option("--to", "to", required=True, help="The phase to move to.")
@click.option("--note", default=None, help="What happened (kept in the timeline).")
@click.option("--reason", default=None, help="Why a decided trial (adopted, rejected) is re-opened.")
@ACTOR_OPTION
@click.pass_obj
def move(
    state: State, tool: str, department: str, to: str, note: str | None, reason: str | None, actor: str | None
) -> None:
    """Move TOOL's trial in a department to another phase; the plan's phase graph decides what is allowed.

    \b
    Example:
      toolbench trial move kamiscan --dept tax --to pilot --note "pilot with 300 forms"
      toolbench trial move alpha-reader --dept tax --to desk-review --reason "staff found it too complex"
    """
    workspace = state.workspace()
    tool_id, shown, labels = _target(workspace, tool)
    plan = workspace.plan
    lang = state.lang
    with _labelled(labels, plan, lang):
        event = workspace.move_trial(tool_id, department, to, actor=actor or default_actor(), note=note, reason=reason)
    p = event.payload
    click.echo(
        translate(
            "trial.moved",
            lang,
            tool=tool_name(plan, p["tool"], lang, labels),
            department=_department_name(plan, p["department"], lang),
            from_phase=phase_name(plan, p["from"], lang),
            to=phase_name(plan, p["to"], lang),
        )
    )


def _department_name(plan: Plan, department_id: str, lang: Lang) -> str:
    department = plan.department(department_id)
    return department.name.get(lang) if department is not None else department_id


def _parse_answers(text: str, count: int, lang: Lang) -> list[int]:
    parts = [p for p in re.split(r"[,、\s]+", typed(text)) if p]  # ４，２ and 全角スペース as typed on an IME
    try:
        return [int(p) for p in parts]
    except ValueError:
        raise click.BadParameter(translate("trial.answers", lang, count=count, text=text)) from None


def _decimal(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(typed(text))
    except InvalidOperation:
        raise click.BadParameter(text) from None


@trial.command("log")
@click.argument("tool", shell_complete=complete_tools)
@click.option("--dept", "department", required=True, shell_complete=complete_departments, help="Department id.")
@click.option("--respondent", default=None, help="Who gives the feedback (a name or a role).")
@click.option("--role", default=None, help="The respondent's role.")
@click.option("--rating", "ratings", multiple=True, metavar="CRITERION=LEVEL", help="A rating on a plan criterion.")
@click.option("--comment", default=None, help="Free comment.")
@click.option("--minutes-before", default=None, help="Minutes per case before the tool.")
@click.option("--minutes-with", default=None, help="Minutes per case with the tool, checking included.")
@click.option("--cases", default=None, help="Cases handled in the period.")
@click.option("--period-days", default=None, help="Length of the period in days (30 = a month).")
@click.option("--accuracy", default=None, metavar="CORRECT/TOTAL", help="An accuracy sample, e.g. 482/500.")
@click.option("--unit", type=click.Choice(["character", "field"]), default=None, help="Unit of the accuracy sample.")
@click.option("--sus", default=None, metavar="A,B,…", help="The ten SUS answers 1–5, in order.")
@click.option("--uxlite", default=None, metavar="A,B", help="The two UX-Lite answers 1–5 (useful, easy).")
@click.option("--date", "when", default=None, help="Date of the feedback (YYYY-MM-DD; default today).")
@ACTOR_OPTION
@click.pass_obj
def log_feedback(
    state: State,
    tool: str,
    department: str,
    respondent: str | None,
    role: str | None,
    ratings: tuple[str, ...],
    comment: str | None,
    minutes_before: str | None,
    minutes_with: str | None,
    cases: str | None,
    period_days: str | None,
    accuracy: str | None,
    unit: str | None,
    sus: str | None,
    uxlite: str | None,
    when: str | None,
    actor: str | None,
) -> None:
    """Record one person's feedback on TOOL in a department; with no content options it asks step by step.

    Ratings use the plan's criteria and scales. Effects give minutes per case before
    and with the tool and the cases in a period; hours per year are derived and shown
    with the period. SUS takes all ten answers (an incomplete questionnaire is refused).

    \b
    Example:
      toolbench trial log kamiscan --dept tax
      toolbench trial log kamiscan --dept tax --respondent "窓口担当" --rating ease-of-use=4 \\
          --minutes-before 12 --minutes-with 4 --cases 300 --period-days 30 --sus 4,2,4,2,4,2,4,2,4,2
    """

    workspace = state.workspace()
    lang = state.lang
    tool, _, labels = _target(workspace, tool)
    department = typed(department)
    plan = workspace.plan
    content = (ratings, comment, minutes_before, minutes_with, cases, period_days, accuracy, sus, uxlite)
    if not any(content):
        with _labelled(labels, plan, lang):
            feedback = _ask(workspace, tool, department, lang, respondent, when, labels)
        if feedback is None:
            click.echo(translate("prompt.cancelled", lang))
            return
    else:
        data: dict[str, Any] = {
            "tool": tool,
            "department": department,
            "respondent": respondent,
            "role": role,
            "comment": comment,
            "date": _day(when),
            "ratings": _ratings(ratings, lang),
        }
        effect_values = (minutes_before, minutes_with, cases, period_days)
        if any(v is not None for v in effect_values):
            if not all(v is not None for v in effect_values):
                raise click.UsageError(translate("trial.effects_incomplete", lang))
            data["effects"] = {
                "minutes_before": _decimal(minutes_before),
                "minutes_with": _decimal(minutes_with),
                "cases": _decimal(cases),
                "period_days": _decimal(period_days),
            }
        if accuracy is not None:
            correct, sep, total = accuracy.partition("/")
            if not sep or unit is None:
                raise click.UsageError(translate("trial.accuracy_usage", lang))
            data["accuracy"] = {"correct": correct.strip(), "total": total.strip(), "unit": unit}
        if sus is not None:
            data["sus"] = _parse_answers(sus, 10, lang)
        if uxlite is not None:
            data["uxlite"] = _parse_answers(uxlite, 2, lang)
        try:
            feedback = Feedback.model_validate({k: v for k, v in data.items() if v is not None})
        except ValidationError as error:
            raise _bad_feedback(error) from None
    with _labelled(labels, plan, lang):
        outcome = workspace.record_feedback([feedback], actor=actor or default_actor())
    for line in describe_feedback(feedback, lang, plan):
        click.echo("  " + line)
    if outcome.recorded:
        click.echo(translate("trial.feedback_recorded", lang, count=len(outcome.recorded)))
    else:
        click.echo(translate("trial.feedback_skipped", lang, count=len(outcome.skipped)))


def _day(when: str | None) -> dt.date:
    """A date as staff type it (2026-05-26, 2026/5/26, 令和8年5月26日, R8.5.26); today when not given."""
    return parse_date(when) if when else dt.date.today()


def _validation_text(error: Any) -> str:
    """The first problem pydantic found, with questionnaire items counted from 1 as on paper."""
    first = error.errors(include_url=False)[0]
    loc = list(first["loc"])
    if len(loc) == 2 and loc[0] in ("sus", "uxlite") and isinstance(loc[1], int):
        loc = [f"{'SUS' if loc[0] == 'sus' else 'UX-Lite'} item {loc[1] + 1}"]
    where = ".".join(str(p) for p in loc)
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def _bad_feedback(error: Any) -> Exception:

    return TrialError("trial.bad_feedback", problem=_validation_text(error))


def _ratings(pairs: tuple[str, ...], lang: Lang) -> dict[str, str]:
    found: dict[str, str] = {}
    for text in pairs:
        criterion, level = _pair(text, lang)
        if criterion in found:
            raise click.UsageError(translate("score.twice", lang, criterion=criterion))
        found[criterion] = level
    return found


def _pair(text: str, lang: Lang) -> tuple[str, str]:
    criterion, sep, level = text.partition("=")
    if not sep or not criterion.strip() or not level.strip():
        raise click.UsageError(translate("score.bad_assignment", lang, text=text))
    return typed(criterion), typed(level)


def describe_feedback(feedback: Feedback, lang: Lang, plan: Plan | None = None) -> list[str]:
    """The derived figures of one response, in words: ratings by criterion name, SUS and grade, hours, accuracy."""

    lines = []
    for criterion_id, level in feedback.ratings.items():
        criterion = plan.criterion(criterion_id) if plan is not None else None
        lines.append(f"{criterion.name.get(lang) if criterion is not None else criterion_id} = {level}")
    if feedback.sus_score is not None:
        lines.append(
            translate("trial.sus", lang, score=one_decimal(feedback.sus_score), grade=sus_grade(feedback.sus_score))
        )
    if feedback.uxlite_score is not None:
        lines.append(translate("trial.uxlite", lang, score=one_decimal(feedback.uxlite_score)))
    if feedback.effects is not None:
        e = feedback.effects
        lines.append(
            translate(
                "trial.effects",
                lang,
                before=e.minutes_before,
                with_tool=e.minutes_with,
                cases=e.cases,
                days=e.period_days,
                minutes=one_decimal(e.minutes_saved_per_case),
                hours=one_decimal(e.hours_per_year),
            )
        )
    if feedback.accuracy is not None:
        a = feedback.accuracy
        lines.append(
            translate(
                "trial.accuracy",
                lang,
                correct=a.correct,
                total=a.total,
                unit=translate(f"trial.unit.{a.unit}", lang),
                rate=figure(a.rate * 100, 2, "half_up"),
            )
        )
    if feedback.comment:
        lines.append(f"“{feedback.comment}”")
    return lines


def _ask(
    workspace: Workspace,
    tool: str,
    department: str,
    lang: Lang,
    respondent: str | None,
    when: str | None,
    labels: Mapping[str, str] | None = None,
) -> Feedback | None:
    """Ask step by step, in the reader's language; every answer is checked as it is given."""

    plan = workspace.plan
    workspace.check_feedback(Feedback(tool=tool, department=department, comment="-"))
    day = _day(when)
    if (tool, department) not in workspace.trials():  # say so before anyone answers a question
        raise TrialError("trial.no_trial", tool=tool, department=department, tool_id=tool, department_id=department)
    dept_name = plan.department(department).name.get(lang)  # type: ignore[union-attr]
    click.echo(translate("prompt.intro", lang, tool=tool_name(plan, tool, lang, labels), department=dept_name))
    who = respondent or click.prompt(translate("prompt.respondent", lang), default="", show_default=False) or None
    ratings: dict[str, str] = {}
    for criterion in plan.criteria:
        if criterion.kind != "rating":
            continue
        scale = plan.scale_of(criterion)
        assert scale is not None
        while True:
            answer = click.prompt(
                translate("prompt.rating", lang, criterion=criterion.name.get(lang), levels=scale.describe()),
                default="",
                show_default=False,
            )
            answer = typed(answer)
            if not answer:
                break
            try:
                ratings[criterion.id] = workspace.check_staff_rating(criterion.id, answer)
                break
            except Exception as error:  # noqa: BLE001 - any check failure is re-asked, never a traceback
                click.echo(translate("prompt.invalid", lang, problem=_words(error, lang)))
    comment = click.prompt(translate("prompt.comment", lang), default="", show_default=False).strip() or None
    effects = None
    if click.confirm(translate("prompt.effects", lang), default=False):
        while True:
            values = {
                key: click.prompt(translate(f"prompt.{key}", lang), type=str).strip()
                for key in ("minutes_before", "minutes_with", "cases", "period_days")
            }
            try:
                effects = Effects.model_validate(values)
                break
            except ValidationError as error:
                click.echo(translate("prompt.invalid", lang, problem=_validation_text(error)))
    sus: list[int] | None = None
    if click.confirm(translate("prompt.sus", lang), default=False):
        sus = []
        for number in range(1, 11):
            text = translate(f"sus.q{number}", lang)
            sus.append(
                click.prompt(translate("prompt.sus_item", lang, number=number, text=text), type=click.IntRange(1, 5))
            )
    try:
        feedback = Feedback(
            tool=tool,
            department=department,
            respondent=who,
            date=day,
            ratings=ratings,
            comment=comment,
            effects=effects,
            sus=sus,
        )
    except ValidationError as error:
        raise _bad_feedback(error) from None
    for line in describe_feedback(feedback, lang, plan):
        click.echo("  " + line)
    if not click.confirm(translate("prompt.confirm", lang), default=True):
        return None
    return feedback


def _words(error: Exception, lang: Lang) -> str:

    return error.message(lang) if isinstance(error, ToolbenchError) else str(error)


@trial.command()
@click.argument("tool", shell_complete=complete_tools)
@click.option("--dept", "department", required=True, shell_complete=complete_departments, help="Department id.")
@click.option("--date", "when", required=True, help="Date of the session (YYYY-MM-DD).")
@click.option("--attendees", type=click.IntRange(min=0), required=True, help="How many staff attended.")
@click.option("--satisfaction", default=None, help="Mean satisfaction, 1–5.")
@click.option("--notes", default=None, help="Notes on the session.")
@ACTOR_OPTION
@click.pass_obj
def training(
    state: State,
    tool: str,
    department: str,
    when: str,
    attendees: int,
    satisfaction: str | None,
    notes: str | None,
    actor: str | None,
) -> None:
    """Record a training session for TOOL in a department.

    \b
    Example:
      toolbench trial training kamiscan --dept tax --date 2026-05-12 --attendees 14 --satisfaction 4.2
    """

    workspace = state.workspace()
    tool, _, labels = _target(workspace, tool)
    plan = workspace.plan
    data: dict[str, Any] = {
        "tool": tool,
        "department": typed(department),
        "date": parse_date(when),
        "attendees": attendees,
    }
    if satisfaction is not None:
        data["satisfaction"] = _decimal(satisfaction)
    if notes:
        data["notes"] = notes
    try:
        session = TrainingSession.model_validate(data)
    except ValidationError as error:
        raise _bad_feedback(error) from None
    with _labelled(labels, plan, state.lang):
        recorded = workspace.record_training(session, actor=actor or default_actor())
    click.echo(translate("trial.training_recorded" if recorded else "trial.training_unchanged", state.lang))


@trial.command()
@click.argument("tool", shell_complete=complete_tools)
@click.pass_obj
def show(state: State, tool: str) -> None:
    """Show TOOL's timeline across departments: every move, feedback and training session.

    \b
    Example:
      toolbench trial show kamiscan
    """
    workspace = state.workspace()
    lang = state.lang
    plan = workspace.plan
    tool, shown, labels = _target(workspace, tool)
    if plan.tool(tool) is None:
        known = ", ".join(t.id for t in plan.tools) or Message("input.none")
        raise TrialError("trial.unknown_tool", value=tool, known=known)
    trials = [t for (tool_id, _), t in workspace.trials().items() if tool_id == tool]
    if not trials:
        click.echo(translate("timeline.none", lang, tool=shown))
        return
    for item in trials:
        for line in timeline(plan, item, lang):
            click.echo(line)
        click.echo("")


def timeline(plan: Plan, item: Trial, lang: Lang) -> list[str]:
    """A trial's events in time order, one per line, with their dates, actors, notes and reasons."""
    department = plan.department(item.department)
    lines = [f"{department.name.get(lang) if department else item.department} ({item.department})"]
    entries: list[tuple[str, int, str]] = []
    for m in item.moves:
        if m.from_phase is None:
            what = translate("timeline.start", lang, phase=phase_name(plan, m.to_phase, lang))
        else:
            what = translate(
                "timeline.move",
                lang,
                from_phase=phase_name(plan, m.from_phase, lang),
                to=phase_name(plan, m.to_phase, lang),
            )
        text = f"  {m.ts[:10]}  {what}  [{m.actor}]"
        if m.note:
            text += f"  {m.note}"
        if m.reason:
            text += "  " + translate("timeline.reason", lang, reason=m.reason)
        entries.append((m.ts[:10], m.seq, text))
    for f in item.feedback:
        who = f.feedback.respondent or translate("timeline.anonymous", lang)
        details = "; ".join(describe_feedback(f.feedback, lang, plan))
        day = f.feedback.date.isoformat() if f.feedback.date else f.ts[:10]
        entries.append((day, f.seq, f"  {day}  {translate('timeline.feedback', lang, who=who)}: {details}"))
    for t in item.training:
        session = t.session
        extra = (
            translate("timeline.satisfaction", lang, value=session.satisfaction)
            if session.satisfaction is not None
            else ""
        )
        text = translate("timeline.training", lang, attendees=session.attendees, satisfaction=extra)
        notes = f"  {session.notes}" if session.notes else ""
        entries.append((session.date.isoformat(), t.seq, f"  {session.date.isoformat()}  {text}{notes}"))
    return lines + [text for _, _, text in sorted(entries)]


@trial.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--mapping", required=True, type=click.Path(path_type=Path), help="The column mapping (TOML).")
@click.option("--dry-run", is_flag=True, help="Show what would be recorded and write nothing.")
@ACTOR_OPTION
@verbosity_options
@click.pass_obj
def import_responses(state: State, file: Path, mapping: Path, dry_run: bool, actor: str | None) -> None:
    """Import feedback exported from Microsoft Forms, Google Forms or another form service.

    Every response is checked first; nothing is recorded unless all pass. Responses
    already recorded are skipped, so importing the same file twice records nothing
    new. See docs/trials-import.md for the mapping.

    \b
    Example:
      toolbench trial import responses.xlsx --mapping docs/examples/trials/microsoft-forms.toml --dry-run
    """

    workspace = state.workspace()
    lang = state.lang
    labels = workspace.blind_labels()  # the form names the tools; the output names labels while blind
    with _labelled(labels, workspace.plan, lang):
        pseudonyms = Pseudonyms.of_workspace(workspace.root)  # e-mail addresses never reach the ledger
        shown_progress = reporter()
        with shown_progress.task(label("read", lang, file=file.name)) as step:
            responses = read_responses(
                file, load_mapping(mapping), workspace.plan, pseudonyms=pseudonyms, progress=step
            )
        outcome = workspace.record_feedback(
            [r.feedback for r in responses], actor=actor or default_actor(), dry_run=dry_run
        )
    for response in responses:
        marker = "·" if response.feedback in outcome.skipped else "+"
        who = response.feedback.respondent or translate("timeline.anonymous", lang)
        shown = labels.get(response.feedback.tool, response.feedback.tool) if labels else response.feedback.tool
        department = _department_name(workspace.plan, response.feedback.department, lang)
        # one line per row only for a short file or with --verbose; a long one shows a bar and a summary
        shown_progress.item(f"  {marker} {response.row}: {shown} / {department} / {who}", total=len(responses))
    if dry_run:
        click.echo(translate("trial.feedback_dry_run", lang, count=len(outcome.recorded)))
        return
    click.echo(translate("trial.feedback_recorded", lang, count=len(outcome.recorded)))
    if outcome.skipped:
        click.echo(translate("trial.feedback_skipped", lang, count=len(outcome.skipped)))


@click.group(invoke_without_command=True)
@DOCUMENT_FORMAT_OPTION
@OUTPUT_OPTION
@ENCODING_OPTION
@click.pass_context
def trials(ctx: click.Context, fmt: str | None, output: Path | None, encoding: str) -> None:
    """The trial board: each tool in each department, its phase and days in it, feedback, SUS and hours saved.

    Other cities' trial evidence pulled into the workspace follows in a section of its
    own, with its source and date; it never counts among this city's figures unless
    adopted (`trials adopt`) and named by a criterion. `trials publish` writes this
    city's evidence for other cities.

    \b
    Example:
      toolbench trials
      toolbench trials -o trials.csv
      toolbench trials -o trials.xlsx
      toolbench trials publish -o evidence.toml --publisher ○○市
      toolbench trials evidence
    """
    if ctx.invoked_subcommand is not None:
        return
    state: State = ctx.obj
    workspace = state.workspace()
    states = workspace.trials()
    labels = workspace.blind_labels()  # while blind: labels, in label order
    others = None
    if not labels:
        try:
            adopted = states.adopted if isinstance(states, TrialStates) else None  # read with the trials
            others = _city(workspace).others(adopted=adopted)
        except CatalogError as error:  # a broken pulled file hides other cities' evidence, not the board
            click.echo(translate("evidence.unreadable", state.lang, problem=error.message(state.lang)), err=True)
    if not states and not others and (fmt or "table") == "table" and output is None:
        click.echo(translate("trial.nothing", state.lang))
        return
    document = board_document(workspace.plan, states, state.lang, labels=labels, others=others)
    show_document(document, fmt, output, state.lang, encoding=encoding, workspace=workspace)


def _city(workspace: Workspace) -> CityEvidence:
    return CityEvidence(workspace.root, workspace.plan, workspace.ledger)


def _figure(name: str, lang: Lang) -> str:
    return translate(f"evidence.figure.{name}", lang)


@trials.command()
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The catalog fragment to write (written whole or not at all).",
)
@click.option(
    "--publisher", required=True, help="This city as other cities should read it, e.g. ○○市 or ○○市 DX推進課."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["toml", "json"]),
    default=None,
    help="toml or json (default: from the suffix of -o, else toml).",
)
@click.option("--tool", "tools", multiple=True, shell_complete=complete_tools, help="Only this tool (repeatable).")
@click.option(
    "--min-respondents",
    type=click.IntRange(min=1),
    default=DEFAULT_MIN_RESPONDENTS,
    show_default=True,
    help="Withhold a figure from fewer respondents than this (its n is still given).",
)
@click.option("--department-names", is_flag=True, help="Publish the departments' names instead of numbers.")
@click.option("--date", "when", default=None, help="The date of publication (default today).")
@click.pass_obj
def publish(
    state: State,
    output: Path,
    publisher: str,
    fmt: str | None,
    tools: tuple[str, ...],
    min_respondents: int,
    department_names: bool,
    when: str | None,
) -> None:
    """Write this city's trial outcomes, anonymised, as a catalog fragment other cities pull.

    One record per product: the departments that tried it (numbered unless
    --department-names), the phase each reached, SUS with its grade, UX-Lite, hours saved
    per year, accuracy with its unit, each with its n, and the first and last dates. A
    figure from fewer than --min-respondents is withheld. No names of staff, respondents
    or evaluators, no comments and no record of who entered what are written. Other
    cities read it with `toolbench catalog pull URL`.

    \b
    Example:
      toolbench trials publish -o evidence.toml --publisher ○○市
      toolbench trials publish -o evidence.json --publisher "○○市 DX推進課" --tool kamiscan --min-respondents 5
    """
    workspace = state.workspace()
    lang = state.lang
    chosen: Literal["toml", "json"] = "json" if (fmt or output.suffix.lstrip(".").lower()) == "json" else "toml"
    zone_name = workspace.plan.evaluation.time_zone  # today where the city is, as its trial dates are
    published = parse_date(when) if when else local(dt.datetime.now(dt.UTC), zone_name).date()
    with _labelled(None, workspace.plan, lang):
        result = _city(workspace).publish(
            output,
            publisher=publisher,
            published=published,
            fmt=chosen,
            tools=tools,
            min_respondents=min_respondents,
            department_names=department_names,
        )
    plan = workspace.plan
    made = result.publication
    click.echo(
        translate(
            "evidence.published",
            lang,
            count=len(made.records),
            publisher=publisher.strip(),
            path=output,
            fmt=chosen.upper(),
        )
    )
    for item in made.withheld:
        click.echo(
            "  "
            + translate(
                "evidence.withheld",
                lang,
                figure=_figure(item.figure, lang),
                tool=tool_name(plan, item.tool, lang),
                n=item.n,
                min=min_respondents,
            )
        )
    if made.untried:
        names = join_words((tool_name(plan, t, lang) for t in made.untried), lang)
        click.echo("  " + translate("evidence.untried", lang, tools=names))
    click.echo("  " + translate("evidence.named" if department_names else "evidence.numbered", lang))
    click.echo("  " + translate("evidence.never", lang))


@trials.command("evidence")
@click.argument("tool", nargs=-1, metavar="[TOOL]...", shell_complete=complete_tools)
@DOCUMENT_FORMAT_OPTION
@OUTPUT_OPTION
@ENCODING_OPTION
@click.pass_obj
def evidence(state: State, tool: tuple[str, ...], fmt: str | None, output: Path | None, encoding: str) -> None:
    """Other cities' trial evidence on the plan's tools: source, date, figures, and whether it counts here.

    Read from the catalogs pulled with `toolbench catalog pull` (matched to the plan's
    tools by catalog id, or by name and vendor) and from the adoptions in the ledger.

    \b
    Example:
      toolbench trials evidence
      toolbench trials evidence kamiscan --format json
    """
    workspace = state.workspace()
    lang = state.lang
    with _labelled(None, workspace.plan, lang):
        others = _city(workspace).others(tool)
    if not others and (fmt or "table") == "table" and output is None:
        click.echo(translate("evidence.none", lang))
        return
    document = evidence_document(workspace.plan, others, lang)
    show_document(document, fmt, output, lang, encoding=encoding, workspace=workspace)


@trials.command()
@click.argument("publisher")
@click.argument("tool", nargs=-1, metavar="[TOOL]...", shell_complete=complete_tools)
@click.option("--reason", required=True, help="Why this evidence should count here (kept in the ledger).")
@click.option("--withdraw", is_flag=True, help="Withdraw an adoption instead: the evidence no longer counts.")
@ACTOR_OPTION
@click.pass_obj
def adopt(state: State, publisher: str, tool: tuple[str, ...], reason: str, withdraw: bool, actor: str | None) -> None:
    """Record that PUBLISHER's pulled trial evidence on the plan's tools (or TOOL …) counts here.

    The whole record, the file it was pulled into and that file's SHA-256 go into the
    ledger. It changes a figure only where a criterion's `evidence_from` in the plan
    names PUBLISHER; there it is pooled with this city's own respondents.

    \b
    Example:
      toolbench trials adopt ○○市 kamiscan --reason "same forms as ours; pilot in three departments"
      toolbench trials adopt ○○市 kamiscan --withdraw --reason "their pilot used another edition"
    """
    workspace = state.workspace()
    lang = state.lang
    plan = workspace.plan
    city = _city(workspace)
    who = actor or default_actor()
    with _labelled(None, plan, lang):
        if withdraw:
            events = city.withdraw(publisher, tool, actor=who, reason=reason)
            names = join_words((tool_name(plan, str(e.payload["tool"]), lang) for e in events), lang)
            click.echo(translate("evidence.withdrawn", lang, publisher=publisher, tools=names))
            return
        outcome = city.adopt(publisher, tool, actor=who, reason=reason)
    if outcome.recorded:
        names = join_words((tool_name(plan, str(e.payload["tool"]), lang) for e in outcome.recorded), lang)
        click.echo(translate("evidence.adopted", lang, publisher=publisher, tools=names))
    if outcome.unchanged:
        names = join_words((tool_name(plan, t, lang) for t in outcome.unchanged), lang)
        click.echo(translate("evidence.adopted_unchanged", lang, tools=names))
    if outcome.counted_in:
        criteria = [c.name.get(lang) for cid in outcome.counted_in if (c := plan.criterion(cid)) is not None]
        click.echo(translate("evidence.counts_in", lang, criteria=join_words(criteria, lang)))
    else:
        click.echo(translate("evidence.counts_nowhere", lang, publisher=publisher))
