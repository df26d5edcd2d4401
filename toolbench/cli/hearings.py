"""`toolbench hearing add|import|list` and `toolbench weights`.

The hearings' models (pydantic) load inside the commands that need them, so that
`toolbench weights` answers from the document it kept without them (see `cli.fairness`).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

import click

from toolbench.base.i18n import Lang, translate
from toolbench.cli._common import (
    DOCUMENT_FORMAT_OPTION,
    ENCODING_OPTION,
    OUTPUT_OPTION,
    State,
    default_actor,
    keep,
    show_document,
    show_kept,
)
from toolbench.cli.progress import label, reporter, verbosity_options
from toolbench.methods.weighting import WeightingError, ahp, most_inconsistent, pairwise_matrix, parse_judgment

if TYPE_CHECKING:
    from toolbench.methods.hearings import Answers, Pair, Respondent
    from toolbench.model.plan import Criterion, Plan


@click.group()
def hearing() -> None:
    """Record what departments and stakeholders said matters (ヒアリング).

    \b
    Example:
      toolbench hearing add                      # asks the questions, in Japanese or English
      toolbench hearing import hearings.xlsx --dry-run
      toolbench hearing list
    """


# --- parsing option values ---------------------------------------------------------------


def _pairs_option(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _assignments(text: str | None, what: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in _pairs_option(text):
        key, sep, value = part.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise click.UsageError(f"{what}: '{part}' is not NAME=VALUE")
        out[key.strip()] = value.strip()
    return out


def _answers_from_options(
    plan: Plan, ratings: str | None, allocation: str | None, total: str | None, pairs: str | None
) -> Answers | None:
    from pydantic import ValidationError  # lazy: pydantic (the hearing models)

    from toolbench.methods.hearings import Answers  # lazy: pydantic (the hearing models)

    given = [name for name, value in (("ratings", ratings), ("allocation", allocation), ("pairs", pairs)) if value]
    if not given:
        return None
    if len(given) > 1:
        raise click.UsageError("give one of --ratings, --allocation or --pairs")
    if ratings:
        values = _assignments(ratings, "--ratings")
        try:
            return Answers(method="ratings", ratings={k: int(v) for k, v in values.items()})
        except ValueError:
            raise click.UsageError("--ratings: importances are whole numbers 1–5") from None
    if allocation:
        try:
            points = {k: Decimal(v) for k, v in _assignments(allocation, "--allocation").items()}
        except InvalidOperation:
            raise click.UsageError("--allocation: points are numbers, e.g. accuracy=30") from None
        try:
            whole = Decimal(total) if total else None
        except InvalidOperation:
            raise click.UsageError(f"--total: '{total}' is not a number") from None
        try:
            return Answers(method="allocation", allocation=points, allocation_total=whole)
        except ValidationError as error:
            raise click.UsageError(f"--allocation: {error.errors()[0]['msg']}") from None
    judged: list[Pair] = []
    group_pairs: list[Pair] = []
    for key, value in _assignments(pairs, "--pairs").items():
        a, sep, b = key.partition(":")
        if not sep:
            raise click.UsageError(f"--pairs: '{key}' is not A:B")
        if a.startswith("@") and b.startswith("@"):
            group_pairs.append((a[1:], b[1:], value))
        else:
            judged.append((a, b, value))
    if group_pairs:
        groups = {c.id: c.group for c in plan.hearing_criteria()}
        within: dict[str, list[Pair]] = {}
        for a, b, value in judged:
            within.setdefault(groups.get(a, a), []).append((a, b, value))
        return Answers(method="hierarchical", group_pairs=group_pairs, within=within)
    return Answers(method="pairwise", pairs=judged)


# --- interactive ---------------------------------------------------------------------------


def _ask_judgment(lang: Lang, a: str, b: str, default: str = "1") -> str:

    while True:
        text = click.prompt(translate("ask.pair", lang, a=a, b=b), default=default).strip()
        try:
            parse_judgment(text)
            return text
        except WeightingError as error:
            click.echo(translate("ask.bad_judgment", lang, reason=str(error)), err=True)


def _ask_pairs(lang: Lang, items: list[str], names: dict[str, str], threshold: float) -> list[Pair]:
    """Every pair of `items`, then — while the answers are inconsistent — the worst ones again."""

    answers: dict[tuple[str, str], str] = {}
    for a, b in combinations(items, 2):
        answers[(a, b)] = _ask_judgment(lang, names[a], names[b])
    while len(items) > 2:
        judgments = {pair: parse_judgment(text) for pair, text in answers.items()}
        result = ahp(items, pairwise_matrix(items, judgments), threshold=threshold)
        if result.consistent:
            break
        click.echo(translate("ask.inconsistent", lang, cr=f"{result.cr:.3f}", threshold=threshold))
        worst = most_inconsistent(result, k=3)
        implied = result.as_dict()
        for a, b, _deviation in worst:
            given = answers.get((a, b)) or f"1/{answers[(b, a)]}"
            suggested = _judgment_text(implied[a] / implied[b])
            click.echo(translate("ask.suggest", lang, a=names[a], b=names[b], given=given, suggested=suggested))
        if not click.confirm(translate("ask.revisit", lang), default=True):
            break
        for a, b, _ in worst:
            key = (a, b) if (a, b) in answers else (b, a)
            # the earlier answer is the default: Enter keeps it
            answers[key] = _ask_judgment(lang, names[key[0]], names[key[1]], default=answers[key])
    return [(a, b, text) for (a, b), text in answers.items()]


def _judgment_text(value: float) -> str:
    """The nearest point of Saaty's scale, as a person would write it."""
    scale = [Fraction(1, n) for n in range(9, 1, -1)] + [Fraction(n) for n in range(1, 10)]
    nearest = min(scale, key=lambda s: abs(float(s) - value) / float(s))
    return str(nearest)


def choose(label: str, options: list[tuple[str, str]], lang: Lang) -> str:
    """Ask for one of `options` (id, name), shown by name with the id to type: 部署 [税務課 (tax) / 市民課 (citizen)].

    The id (any width: ｔａｘ is tax), or the name as shown, is accepted; anything else is asked again.
    """
    from toolbench.workspace.scoring import typed  # lazy: pydantic (the plan models)

    shown = " / ".join(f"{name} ({key})" if name and name != key else key for key, name in options)
    by_typed = {typed(key).casefold(): key for key, _ in options}
    by_typed.update({typed(name).casefold(): key for key, name in options if name})
    while True:
        answer = typed(click.prompt(f"{label} [{shown}]", prompt_suffix=": ")).casefold()
        if answer in by_typed:
            return by_typed[answer]
        click.echo(translate("input.not_a_choice", lang, value=answer, known=shown), err=True)


def _interview(plan: Plan, lang: Lang, heard: dict[str, int]) -> tuple[Respondent, Answers, str | None]:
    from toolbench.methods.hearings import METHODS, Answers, Respondent  # lazy: pydantic (the hearing models)
    from toolbench.model.plan import is_slug  # lazy: pydantic (the plan models)
    from toolbench.workspace.scoring import typed  # lazy: pydantic (the plan models)

    departments = [(d.id, d.name.get(lang)) for d in plan.departments]
    groups = [(key, name.get(lang)) for key, name in plan.stakeholders.items()]
    respondent_id = typed(click.prompt(translate("ask.respondent", lang)))
    while not is_slug(respondent_id):
        click.echo(translate("plan.slug", lang, value=respondent_id), err=True)
        respondent_id = typed(click.prompt(translate("ask.respondent", lang)))
    reason = None
    if respondent_id in heard:  # ask now, not after every question has been answered
        reason = click.prompt(translate("ask.reason", lang, respondent=respondent_id, seq=heard[respondent_id]))
    # names where people read, ids where they type: "部署 [税務課 (tax) / デジタル推進課 (digital)]"
    department = choose(translate("w.department", lang), departments, lang)
    group = (
        choose(translate("w.stakeholder", lang), groups, lang)
        if groups
        else typed(click.prompt(translate("w.stakeholder", lang)))
    )
    name = click.prompt(translate("ask.name", lang), default="", show_default=False) or None
    role = click.prompt(translate("ask.role", lang), default="", show_default=False) or None
    weight = click.prompt(translate("ask.weight", lang), default="1", type=click.FloatRange(min=0.001))
    readiness: int | None = None
    while True:
        readiness_text = typed(click.prompt(translate("ask.readiness", lang), default="", show_default=False))
        if readiness_text in ("", "1", "2", "3", "4", "5"):
            readiness = int(readiness_text) if readiness_text else None
            break
    respondent = Respondent(
        id=respondent_id,
        department=department,
        group=group,
        name=name,
        role=role,
        weight=Decimal(str(weight)),
        readiness=readiness,
    )
    criteria = list(plan.hearing_criteria())
    names = {c.id: c.name.get(lang) for c in criteria}
    while True:
        method = click.prompt(
            translate("ask.method", lang),
            type=click.Choice(list(METHODS), case_sensitive=False),
            default="ratings",
        )
        if method != "pairwise" or len(criteria) <= 10:
            break
        pairs = len(criteria) * (len(criteria) - 1) // 2
        click.echo(translate("ask.too_many_pairs", lang, count=len(criteria), pairs=pairs), err=True)

    def describe(criterion: Criterion) -> None:
        click.echo(f"\n{criterion.name.get(lang)}")
        if criterion.description:
            click.echo(translate("ask.description", lang, text=criterion.description.get(lang)))

    threshold = float(plan.weights.cr_threshold)
    if method == "ratings":
        ratings = {}
        for criterion in criteria:
            describe(criterion)
            ratings[criterion.id] = click.prompt(
                translate("ask.rating", lang, name=names[criterion.id]), type=click.IntRange(1, 5)
            )
        return respondent, Answers(method="ratings", ratings=ratings), reason
    if method == "allocation":
        total = Decimal(100)
        while True:
            points: dict[str, Decimal] = {}
            for criterion in criteria:
                describe(criterion)
                left = total - sum(points.values(), Decimal(0))
                value = click.prompt(
                    translate("ask.points", lang, name=names[criterion.id], left=left, total=total),
                    type=click.FloatRange(min=0),
                )
                points[criterion.id] = Decimal(str(value)).normalize()
            actual = sum(points.values(), Decimal(0))
            if actual == total:
                return respondent, Answers(method="allocation", allocation=points, allocation_total=total), reason
            click.echo(translate("ask.points_total", lang, actual=actual, total=total), err=True)
    for criterion in criteria:
        describe(criterion)
    if method == "pairwise":
        answered = _ask_pairs(lang, [c.id for c in criteria], names, threshold)
        return respondent, Answers(method="pairwise", pairs=answered), reason
    by_group: dict[str, list[str]] = {}
    for criterion in criteria:
        by_group.setdefault(criterion.group, []).append(criterion.id)
    group_names = {g: plan.groups[g].get(lang) if g in plan.groups else g for g in by_group}
    group_pairs = _ask_pairs(lang, list(by_group), group_names, threshold) if len(by_group) > 1 else []
    within = {g: _ask_pairs(lang, members, names, threshold) for g, members in by_group.items() if len(members) > 1}
    return respondent, Answers(method="hierarchical", group_pairs=group_pairs, within=within), reason


@hearing.command("add")
@click.option("--respondent", default=None, help="Respondent id; with the answer options, nothing is asked.")
@click.option("--dept", "department", default=None, help="The respondent's department (plan id).")
@click.option("--group", default=None, help="Stakeholder group (plan [stakeholders] id).")
@click.option("--name", default=None)
@click.option("--role", default=None)
@click.option("--weight", default="1", show_default=True, help="Weight when combining (headcount, caseload).")
@click.option("--readiness", type=click.IntRange(1, 5), default=None, help="Readiness for the change, 1–5.")
@click.option("--ratings", default=None, metavar="C=N,…", help="Importance 1–5 per criterion.")
@click.option("--allocation", default=None, metavar="C=P,…", help="Points per criterion.")
@click.option("--total", default=None, help="Total the allocation must reach (default 100).")
@click.option("--pairs", default=None, metavar="A:B=J,…", help="Saaty judgments; @G:@H for groups (hierarchical).")
@click.option("--reason", default=None, help="Why a respondent's earlier answers are replaced.")
@click.option("--actor", default=None, help="Who is recording (default: $TOOLBENCH_ACTOR, else your login).")
@click.pass_obj
def hearing_add(
    state: State,
    respondent: str | None,
    department: str | None,
    group: str | None,
    name: str | None,
    role: str | None,
    weight: str,
    readiness: int | None,
    ratings: str | None,
    allocation: str | None,
    total: str | None,
    pairs: str | None,
    reason: str | None,
    actor: str | None,
) -> None:
    """Record one respondent's hearing: asked step by step, or given as options.

    Run without answer options, it asks every question with the criterion
    descriptions shown; for pairwise answers it computes the consistency ratio
    at once and offers to revisit the judgments that fit least.

    \b
    Example:
      toolbench hearing add
      toolbench hearing add --respondent tax-1 --dept tax --group staff --ratings accuracy=5,price=3,…
    """
    from toolbench.methods.hearings import (  # lazy: pydantic (the hearing models)
        Respondent,
        current_hearings,
        respondent_weights,
    )

    workspace = state.workspace()
    lang = state.lang
    plan = workspace.plan
    answers = _answers_from_options(plan, ratings, allocation, total, pairs)
    if answers is None:
        heard = {h.respondent.id: h.seq for h in current_hearings(workspace.ledger.events())}
        person, answers, asked_reason = _interview(plan, lang, heard)
        reason = reason or asked_reason
    else:
        if not (respondent and department and group):
            raise click.UsageError("--respondent, --dept and --group are needed with the answer options")
        try:
            number = Decimal(weight)
        except InvalidOperation:
            raise click.UsageError(f"--weight: '{weight}' is not a number") from None
        try:
            person = Respondent(
                id=respondent,
                department=department,
                group=group,
                name=name,
                role=role,
                weight=number,
                readiness=readiness,
            )
        except ValueError as error:
            detail = error.errors()[0] if hasattr(error, "errors") else None
            where = ".".join(str(p) for p in detail["loc"]) if detail else "--respondent"
            raise click.UsageError(f"{where}: {detail['msg'] if detail else error}") from None
    event = workspace.record_hearing(person, answers, actor=actor or default_actor(), reason=reason)
    method = translate(f"method.{answers.method}", lang)
    if event is None:
        click.echo(translate("hearing.unchanged", lang, respondent=person.id))
        return
    click.echo(translate("hearing.recorded", lang, respondent=person.id, method=method))
    weights, consistency = respondent_weights(plan, person, answers)
    for criterion in plan.hearing_criteria():
        click.echo(f"  {criterion.name.get(lang)}: {weights[criterion.id] * 100:.1f} %")
    for part, result in consistency:
        click.echo(f"  CR ({part}): {result.cr:.3f}")
    worst = max((result for _, result in consistency if not result.consistent), key=lambda r: r.cr, default=None)
    if worst is not None:  # say at once whether these answers will count, not only in `toolbench weights`
        key = "input.cr_counted" if plan.weights.include_inconsistent else "input.cr_not_counted"
        threshold = f"{float(plan.weights.cr_threshold):.2f}"
        click.echo(translate(key, lang, cr=f"{worst.cr:.3f}", threshold=threshold), err=True)


@hearing.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and show what would be recorded; record nothing.")
@click.option("--reason", default=None, help="Record changed answers of respondents already heard, with this reason.")
@click.option("--actor", default=None, help="Who is recording (default: $TOOLBENCH_ACTOR, else your login).")
@verbosity_options
@click.pass_obj
def hearing_import(state: State, file: Path, dry_run: bool, reason: str | None, actor: str | None) -> None:
    """Read hearings from CSV or XLSX, one row per respondent (layout: docs/hearings.md).

    Every cell is checked first and problems are named by row and column;
    nothing is recorded unless the whole file is good. Rows already recorded with
    the same answers are skipped, so importing a file twice records nothing new.

    \b
    Example:
      toolbench hearing import hearings.csv --dry-run
      toolbench hearing import hearings.xlsx
    """
    from toolbench.methods.hearings import (  # lazy: pydantic (the hearing models)
        HearingError,
        answers_payload,
        current_hearings,
    )
    from toolbench.workspace.hearing_import import parse_rows  # lazy: pydantic (the plan models)
    from toolbench.workspace.trial_import import Pseudonyms  # lazy: pydantic (the plan models)

    workspace = state.workspace()
    lang = state.lang
    shown_progress = reporter()
    with shown_progress.task(label("read", lang, file=file.name)) as step:
        rows = parse_rows(workspace.plan, file, lang, pseudonyms=Pseudonyms.of_workspace(workspace.root), progress=step)
    current = {
        h.respondent.id: answers_payload(h.respondent, h.answers) for h in current_hearings(workspace.ledger.events())
    }
    new = [r for r in rows if current.get(r.respondent.id) != answers_payload(r.respondent, r.answers)]
    changed = [r.respondent.id for r in new if r.respondent.id in current]
    if changed and not reason:
        # the same refusal in a dry run as in the real import
        raise HearingError("hearing.changed", file=file.name, respondents=", ".join(changed))
    for row in new:  # one line per row for a short file or with --verbose; a long one shows a bar
        method = translate(f"method.{row.answers.method}", lang)
        shown_progress.item(
            f"  row {row.row}: {row.respondent.id} ({row.respondent.department}, {row.respondent.group}) {method}",
            total=len(new),
        )
    if dry_run:
        click.echo(translate("hearing.import_summary", lang, file=file.name, new=len(new), same=len(rows) - len(new)))
        click.echo(translate("hearing.dry_run", lang))
        return
    recorded = workspace.record_hearings(
        [(r.respondent, r.answers) for r in new], actor=actor or default_actor(), reason=reason
    )
    click.echo(translate("hearing.import_done", lang, file=file.name, new=recorded, same=len(rows) - len(new)))


@hearing.command("list")
@DOCUMENT_FORMAT_OPTION
@OUTPUT_OPTION
@ENCODING_OPTION
@click.pass_obj
def hearing_list(state: State, fmt: str | None, output: Path | None, encoding: str) -> None:
    """Show who was heard, how, and when.

    \b
    Example:
      toolbench hearing list --format csv -o heard.csv
    """
    if show_kept(state, "hearings", (), fmt, output, encoding):
        return
    from toolbench.documents.weights import hearing_list_document  # lazy: pydantic (the plan models)
    from toolbench.methods.hearings import WEIGHT_KINDS, current_hearings  # lazy: pydantic (the hearing models)

    workspace = state.workspace()
    lang = state.lang
    head = workspace.ledger.head()
    hearings = current_hearings(workspace.ledger.events_of(WEIGHT_KINDS))
    if not hearings and (fmt or "table") == "table" and output is None:
        click.echo(translate("hearing.none", lang))
        return
    document = hearing_list_document(hearings, lang)
    show_document(document, fmt, output, lang, encoding=encoding, workspace=workspace)
    keep(workspace, head, "hearings", (), document, lang)


@click.command()
@DOCUMENT_FORMAT_OPTION
@OUTPUT_OPTION
@ENCODING_OPTION
@click.pass_obj
def weights(state: State, fmt: str | None, output: Path | None, encoding: str) -> None:
    """Show the weights the hearings give: per respondent, for the group, and the points.

    Disagreement stays visible: the spread per criterion, and how each
    department and stakeholder group pulls away from the group weight.

    \b
    Example:
      toolbench weights
      toolbench weights -o weights.html
      toolbench weights -o weights.xlsx
      toolbench weights --format csv --encoding cp932 -o weights.csv
    """
    if show_kept(state, "weights", (), fmt, output, encoding):
        return
    from toolbench.documents.weights import weights_document  # lazy: pydantic (the plan models)

    workspace = state.workspace()
    lang = state.lang
    head = workspace.ledger.head()
    with reporter().task(label("compute", lang, what=translate("w.title", lang))):
        result = workspace.weights()  # thousands of hearings take seconds: a bar on a terminal meanwhile
    if result is None:
        click.echo(translate("hearing.none", lang))
        return
    document = weights_document(workspace.plan, result, lang)
    show_document(document, fmt, output, lang, encoding=encoding, workspace=workspace)
    keep(workspace, head, "weights", (), document, lang)
