"""Trial evidence between cities: what `trials publish` writes, what it withholds, and how adopted
evidence is pooled — only where a criterion's `evidence_from` names the publisher.

Real workspaces on disk with real SQLite ledgers and the real command line; no mocks. The
round trip through `catalog pull` on a real HTTPS server is in tests/test_evidence_pull.py.

City A's trials of tool x (every figure worked by hand; SUS by Brooke's rule, odd items
answer − 1, even items 5 − answer, sum × 2.5):

    Taxation, three SUS questionnaires:
        4,2,4,2,4,2,4,2,4,2  odd 3×5 = 15, even 3×5 = 15, 30 × 2.5 =  75
        5,1,5,1,5,1,5,1,5,1  odd 4×5 = 20, even 4×5 = 20, 40 × 2.5 = 100
        3,3,3,3,3,3,3,3,3,3  odd 2×5 = 10, even 2×5 = 10, 20 × 2.5 =  50
        mean (75 + 100 + 50) ÷ 3 = 75.0, Sauro–Lewis grade B (74.1 ≤ 75.0 < 77.2)
    Taxation, three field-level accuracy samples: 1164/1200, 970/1000, 485/500
        → 2619/2700 = 97.00 %
    Welfare, two effect reports (n = 2: withheld below the default minimum of 3):
        (12 − 5) × 400 × 365/30 ÷ 60 = 567.77… h;  (10 − 4) × 300 × 365/30 ÷ 60 = 365 h
        mean 466.38… → 466.4 h; minutes saved per case (7 + 6) ÷ 2 = 6.5
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from pydantic import ValidationError

from toolbench import Workspace
from toolbench.base.errors import CatalogError
from toolbench.methods.evidence import (
    EVIDENCE_ADOPTED,
    Part,
    TrialEvidence,
    accuracy_unit,
    adoption_payload,
    pool_accuracy,
    pool_means,
    publisher_key,
)
from toolbench.methods.trial_metrics import AccuracySample, Effects, Feedback, TrainingSession
from toolbench.methods.trials import evidence_for, trial_states
from toolbench.model.plan import load_plan
from toolbench.store.ledger import NewEvent
from toolbench.workspace import catalog
from toolbench.workspace.catalog import entries_from_data, parse_document
from toolbench.workspace.evidence import CityEvidence

T0 = datetime(2026, 5, 11, 0, 30, tzinfo=UTC)  # 09:30 in Japan
PUBLISHED = date(2026, 10, 1)

PLAN = """\
[evaluation]
title = { ja = "AI-OCR の評価", en = "AI-OCR evaluation" }
language = "en"
rounding = "half_up"
decimals = 2

[groups]
g = { ja = "使いやすさ", en = "Usability" }

[scales.five]
ratios = { "5" = 1.0, "4" = 0.75, "3" = 0.5, "2" = 0.25, "1" = 0.0 }

[[criteria]]
id = "usability"
name = { ja = "ユーザビリティ", en = "Usability (SUS)" }
group = "g"
kind = "metric"
points = 20
evidence = "sus"
#usability-from

[[criteria]]
id = "time-saved"
name = { ja = "削減時間", en = "Hours saved" }
group = "g"
kind = "metric"
points = 30
evidence = "hours_per_year"
metric = { rule = "ratio_to_best" }
#time-saved-from

[[criteria]]
id = "reading"
name = { ja = "読取精度", en = "Read rate" }
group = "g"
kind = "metric"
points = 10
evidence = "accuracy"
metric = { rule = "piecewise", worst = 90, best = 100 }
#reading-from

[[criteria]]
id = "support"
name = { ja = "サポート", en = "Support" }
group = "g"
points = 40
scale = "five"

[[tools]]
id = "x"
name = { ja = "エックス", en = "Ex" }
vendor = "X社"

[[tools]]
id = "y"
name = { ja = "ワイ", en = "Why" }
vendor = "Y社"

[[departments]]
id = "tax"
name = { ja = "税務課", en = "Taxation Division" }

[[departments]]
id = "welfare"
name = { ja = "福祉課", en = "Welfare Division" }

[[evaluators]]
id = "e1"
name = "評価 太郎"
"""

ACTOR_A = "担当 一郎"
STAFF = ("佐藤 花子", "鈴木 次郎", "高橋 三郎", "田中 四郎", "伊藤 五郎")
COMMENT = "個人的な感想: 画面が見づらい"
ROLE = "係長"
TRAINING_NOTE = "研修メモ: 山田 課長が説明"
SUS_75 = [4, 2, 4, 2, 4, 2, 4, 2, 4, 2]
SUS_100 = [5, 1, 5, 1, 5, 1, 5, 1, 5, 1]
SUS_50 = [3] * 10


def make_workspace(root: Path, plan: str = PLAN) -> Workspace:
    root.mkdir(parents=True)
    (root / "toolbench.toml").write_text(plan, encoding="utf-8")
    return Workspace.start_ledger(root)


def name_publishers(root: Path, **criteria: list[str]) -> None:
    """Write `evidence_from = [...]` under the criteria named (by id, `_` for `-`)."""
    path = root / "toolbench.toml"
    text = path.read_text(encoding="utf-8")
    for criterion, names in criteria.items():
        value = json.dumps(names, ensure_ascii=False)
        text = text.replace(f"#{criterion.replace('_', '-')}-from", f"evidence_from = {value}")
    path.write_text(text, encoding="utf-8")


def record_city_a(ws: Workspace) -> None:
    """City A's trials of x, as the module docstring works them out; y is never tried."""
    moment = T0
    ws.start_trial("x", "tax", actor=ACTOR_A, now=moment)
    for day, phase in enumerate(("desk-review", "demo", "pilot"), start=1):
        ws.move_trial("x", "tax", phase, actor=ACTOR_A, note=f"{STAFF[0]} が確認", now=moment + timedelta(days=day))
    ws.start_trial("x", "welfare", actor=ACTOR_A, now=T0 + timedelta(days=9))
    ws.move_trial("x", "welfare", "desk-review", actor=ACTOR_A, now=T0 + timedelta(days=10))
    feedback = [
        Feedback(
            tool="x",
            department="tax",
            respondent=STAFF[i],
            role=ROLE,
            date=date(2026, 6, 1 + i),
            comment=COMMENT,
            sus=answers,
        )
        for i, answers in enumerate((SUS_75, SUS_100, SUS_50))
    ]
    feedback += [
        Feedback(
            tool="x",
            department="tax",
            respondent=STAFF[i % 3],
            date=date(2026, 6, 10),
            accuracy=AccuracySample(correct=correct, total=total, unit="field"),
        )
        for i, (correct, total) in enumerate(((1164, 1200), (970, 1000), (485, 500)))
    ]
    feedback += [
        Feedback(
            tool="x",
            department="welfare",
            respondent=STAFF[3 + i],
            date=date(2026, 7, 1 + i),
            effects=Effects.model_validate(effects),
        )
        for i, effects in enumerate(
            (
                {"minutes_before": 12, "minutes_with": 5, "cases": 400, "period_days": 30},
                {"minutes_before": 10, "minutes_with": 4, "cases": 300, "period_days": 30},
            )
        )
    ]
    ws.record_feedback(feedback, actor=ACTOR_A, now=T0 + timedelta(days=30))
    session = TrainingSession(
        tool="x",
        department="tax",
        date=date(2026, 6, 5),
        attendees=12,
        satisfaction=Decimal("4.2"),
        notes=TRAINING_NOTE,
    )
    ws.record_training(session, actor=ACTOR_A, now=T0 + timedelta(days=31))


@pytest.fixture()
def city_a(tmp_path: Path) -> Iterator[Workspace]:
    ws = make_workspace(tmp_path / "city-a")
    record_city_a(ws)
    yield ws
    ws.close()


def city(ws: Workspace) -> CityEvidence:
    return CityEvidence(ws.root, ws.plan, ws.ledger)


def one_line_error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# === 1. the fragment: anonymised, withheld below the minimum, a catalog document ==================


def test_the_fragment_holds_no_name_comment_role_or_actor(city_a: Workspace, run: Callable[..., Result]) -> None:
    """The bytes written hold the figures and nothing personal: no staff, evaluator or respondent name,
    role, comment, actor, note on a move or training, and no department name without --department-names."""
    out = city_a.root / "evidence.toml"
    result = run(
        "-C", str(city_a.root), "--lang", "en", "trials", "publish", "-o", str(out), "--publisher", "A市",
        "--date", "2026-10-01",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    body = out.read_bytes()
    text = body.decode("utf-8")
    for secret in (*STAFF, "佐藤", "花子", ROLE, COMMENT, "画面", ACTOR_A, "評価 太郎", "太郎", TRAINING_NOTE, "山田"):
        assert secret.encode("utf-8") not in body, secret
    for department in ("税務課", "福祉課", "Taxation", "Welfare", "tax", "welfare"):
        assert department not in text, department
    assert "4.2" not in text and "attendees" not in text  # training sessions are not published
    assert "75.0" in text and 'grade = "B"' in text  # the SUS mean and its grade are
    # what the command said it left out, and why
    assert "withheld: hours saved per year of Ex (n=2, fewer than 3)" in result.stdout
    assert "not published: Why (no trial)" in result.stdout
    assert "never published: names of staff" in result.stdout


def test_withheld_means_below_the_minimum(city_a: Workspace) -> None:
    """Default minimum 3: SUS (n=3) and field accuracy (n=3) are given, hours (n=2) withheld with its n only.
    With a minimum of 2 the hours are given: mean 466.4 h, 6.5 min per case (module docstring)."""
    entries, made = city(city_a).entries(publisher="A市", published=PUBLISHED)
    (record,) = [e for entry in entries for e in entry.evidence]
    assert record.sus is not None and record.sus.mean == Decimal("75.0") and record.sus.grade == "B"
    assert record.sus.n == 3
    assert record.hours_per_year is not None
    assert (record.hours_per_year.n, record.hours_per_year.mean) == (2, None)
    assert record.hours_per_year.minutes_saved_per_case is None
    assert [(a.unit, a.n, a.rate, a.correct, a.total) for a in record.accuracy] == [
        ("field", 3, Decimal("97.00"), 2619, 2700)
    ]
    assert record.uxlite is None
    assert [(w.tool, w.figure, w.n) for w in made.withheld] == [("x", "hours_per_year", 2)]
    assert made.untried == ("y",)
    text = catalog.export_text(entries, "toml", publisher="A市")
    assert "466.4" not in text and "567.8" not in text and "6.5" not in text

    entries, made = city(city_a).entries(publisher="A市", published=PUBLISHED, min_respondents=2)
    hours = entries[0].evidence[0].hours_per_year
    assert hours is not None and (hours.mean, hours.minutes_saved_per_case) == (Decimal("466.4"), Decimal("6.5"))
    assert [Decimal(d) for d in hours.period_days] == [Decimal(30)]
    assert made.withheld == ()

    entries, made = city(city_a).entries(publisher="A市", published=PUBLISHED, min_respondents=4)
    record = entries[0].evidence[0]
    assert record.sus is not None and (record.sus.mean, record.sus.grade, record.sus.n) == (None, None, 3)
    assert [(a.rate, a.correct, a.total) for a in record.accuracy] == [(None, None, None)]
    assert {w.figure for w in made.withheld} == {"sus", "hours_per_year", "accuracy.field"}


def test_departments_phases_and_dates(city_a: Workspace) -> None:
    """Departments in plan order, numbered; each with the phase it is in and its first and last day in Japan
    time: tax started 2026-05-11 (09:30 JST), last thing the accuracy samples of 06-10, phase pilot; welfare
    started 05-20, effects reported 07-01 and 07-02, phase desk review. Names only with department_names."""
    entries, _ = city(city_a).entries(publisher="A市", published=PUBLISHED)
    record = entries[0].evidence[0]
    shown = [(d.number, d.name, d.phase, d.phase_name.get("ja"), d.first_date, d.last_date) for d in record.departments]
    assert shown == [
        (1, None, "pilot", "試行導入", date(2026, 5, 11), date(2026, 6, 10)),
        (2, None, "desk-review", "書面審査", date(2026, 5, 20), date(2026, 7, 2)),
    ]
    assert (record.first_date, record.last_date) == (date(2026, 5, 11), date(2026, 7, 2))
    assert record.product.model_dump() == {"id": "x", "name": "エックス", "vendor": "X社"}
    named, _ = city(city_a).entries(publisher="A市", published=PUBLISHED, department_names=True)
    assert [d.name.get("ja") for d in named[0].evidence[0].departments if d.name] == ["税務課", "福祉課"]


def test_the_fragment_is_a_catalog_document_in_toml_and_json(city_a: Workspace) -> None:
    """Both formats read back, as `catalog pull` reads them, to the same entry; numbers stay numbers."""
    for fmt in ("toml", "json"):
        path = city_a.root / f"out.{fmt}"
        city(city_a).publish(path, publisher="A市", published=PUBLISHED, fmt=fmt)  # type: ignore[arg-type]
        body = path.read_bytes()
        (entry,) = entries_from_data(parse_document(body, str(path)), str(path))
        assert entry.id == "x" and entry.category == "other"
        assert entry.evidence[0].sus is not None and entry.evidence[0].sus.mean == Decimal("75.0")
        if fmt == "json":
            data = json.loads(body)
            assert data["format"] == "toolbench-catalog/1" and data["publisher"] == "A市"
            assert data["entries"][0]["evidence"][0]["sus"] == {"n": 3, "mean": 75.0, "grade": "B"}
            assert data["entries"][0]["evidence"][0]["published"] == "2026-10-01"
        else:
            assert "\n[[entries.evidence]]\n" in body.decode() and "published = 2026-10-01\n" in body.decode()


def test_publish_writes_nothing_when_anything_is_wrong(city_a: Workspace, run: Callable[..., Result]) -> None:
    root = str(city_a.root)
    out = city_a.root / "evidence.toml"
    out.write_text("earlier\n", encoding="utf-8")
    error = one_line_error(
        run("-C", root, "--lang", "en", "trials", "publish", "-o", str(out), "--publisher", "A市", "--tool", "nope")
    )
    assert "nope" in error and "x, y" in error
    error = one_line_error(
        run("-C", root, "--lang", "en", "trials", "publish", "-o", str(out), "--publisher", "A市", "--tool", "y")
    )
    assert "nothing to publish" in error and "Why" in error
    error = one_line_error(run("-C", root, "--lang", "en", "trials", "publish", "-o", str(out), "--publisher", "  "))
    assert "--publisher" in error
    error = one_line_error(
        run("-C", root, "--lang", "en", "trials", "publish", "-o", str(out), "--publisher", "A\u202e市")
    )
    assert "publisher" in error
    assert out.read_text(encoding="utf-8") == "earlier\n"


def test_the_record_refuses_what_it_cannot_be() -> None:
    """A mean given below its minimum, a grade that is not the mean's, a rate that is not its counts: refused."""
    base: dict[str, Any] = {
        "publisher": "A市",
        "published": "2026-10-01",
        "product": {"id": "x", "name": "X", "vendor": "X社"},
        "min_respondents": 3,
        "first_date": "2026-05-01",
        "last_date": "2026-06-01",
        "departments": [
            {
                "number": 1,
                "phase": "pilot",
                "phase_name": "Pilot",
                "first_date": "2026-05-01",
                "last_date": "2026-06-01",
            }
        ],
    }
    TrialEvidence.model_validate(base | {"sus": {"n": 3, "mean": 75, "grade": "B"}})
    for bad in (
        {"sus": {"n": 2, "mean": 75, "grade": "B"}},  # below the minimum: must be withheld
        {"sus": {"n": 3}},  # reaches it: must be given
        {"sus": {"n": 3, "mean": 75, "grade": "A"}},  # 75 is B
        {"accuracy": [{"unit": "field", "n": 3, "rate": 98, "correct": 2619, "total": 2700}]},  # 97.00
        {"first_date": "2026-07-01"},  # after the last date
        {"comment": "a free comment"},  # no such field
    ):
        with pytest.raises(ValidationError):
            TrialEvidence.model_validate(base | bad)


def test_a_catalog_entry_holds_its_own_evidence_only() -> None:
    """Every record is about the entry it sits in, one per publisher; a bad record rejects the whole file."""
    record = {
        "publisher": "A市",
        "published": "2026-10-01",
        "product": {"id": "x", "name": "X", "vendor": "X社"},
        "min_respondents": 3,
        "first_date": "2026-05-01",
        "last_date": "2026-06-01",
        "departments": [
            {
                "number": 1,
                "phase": "pilot",
                "phase_name": "Pilot",
                "first_date": "2026-05-01",
                "last_date": "2026-06-01",
            }
        ],
    }
    entry = {"id": "x", "name": "X", "vendor": "X社", "category": "ai-ocr"}
    good = {"id": "z", "name": "Z", "vendor": "Z社", "category": "ai-ocr"}
    document = {"format": "toolbench-catalog/1", "entries": [good, entry | {"evidence": [record]}]}
    assert [len(e.evidence) for e in entries_from_data(document, "f")] == [0, 1]
    for evidence in (
        [record | {"product": {"id": "other", "name": "X", "vendor": "X社"}}],
        [record, record | {"publisher": "Ａ市"}],  # the same publisher, written full-width
        [record | {"sus": {"n": 1, "mean": 50, "grade": "F"}}],
    ):
        with pytest.raises(CatalogError) as raised:
            entries_from_data({"format": "toolbench-catalog/1", "entries": [good, entry | {"evidence": evidence}]}, "f")
        assert "entries[1] (id 'x')" in raised.value.message("en")


# === 2. pooling: the rules, by hand ==============================================================


def test_pooling_rules_by_hand() -> None:
    """SUS 50 (n=2) with 75.0 (n=3): (100 + 225) ÷ 5 = 65. Accuracy by counts: 90/100 with 2619/2700 →
    2709/2800 = 96.75 %; with a part given as a rate only, n-weighted: (90 × 1 + 97 × 3) ÷ 4 = 95.25."""
    assert pool_means([Part(Fraction(50), 2), Part(Fraction(75), 3)]) == (Fraction(65), 5)
    assert pool_accuracy([Part(Fraction(90), 1, 90, 100), Part(Fraction(97), 3, 2619, 2700)]) == (
        Fraction(2709, 2800) * 100,
        4,
    )
    assert Fraction(2709, 2800) * 100 == Fraction("96.75")
    assert pool_accuracy([Part(Fraction(90), 1, 90, 100), Part(Fraction(97), 3)]) == (Fraction("95.25"), 4)
    assert pool_means([]) is None


def test_accuracy_joins_in_one_unit_only() -> None:
    field = TrialEvidence.model_validate(
        {
            "publisher": "A市",
            "published": "2026-10-01",
            "product": {"id": "x", "name": "X", "vendor": "X社"},
            "min_respondents": 1,
            "first_date": "2026-05-01",
            "last_date": "2026-06-01",
            "departments": [
                {
                    "number": 1,
                    "phase": "pilot",
                    "phase_name": "P",
                    "first_date": "2026-05-01",
                    "last_date": "2026-06-01",
                }
            ],
            "accuracy": [{"unit": "field", "n": 1, "rate": 90, "correct": 9, "total": 10}],
        }
    )
    assert accuracy_unit(["field", "field"], [field]) == "field"
    assert accuracy_unit(["character"], [field]) == "character"  # ours: theirs at field level does not join
    assert field.figures("accuracy", "character") == []
    assert accuracy_unit([], [field]) == "field"
    assert accuracy_unit(["character", "field"], [field]) is None  # ours mix: nothing joins
    assert publisher_key(" Ａ市\u3000 DX ") == publisher_key("a市 dx")


# === 3. adopted evidence changes a figure only where the plan names its publisher ==================


def _adopt_by_hand(ws: Workspace, record: TrialEvidence, *, now: datetime) -> None:
    """An `evidence.adopted` event as `trials adopt` writes it (the CLI path is in test_evidence_pull.py)."""
    payload = adoption_payload("x", record, source="catalog/a.toml", sha256="0" * 64, url=None, reason="same forms")
    ws.ledger.append_viewed(lambda view: [NewEvent(EVIDENCE_ADOPTED, payload, "advisor", ws.plan.hash)], now=now)


def test_evidence_for_pools_only_named_publishers(city_a: Workspace, tmp_path: Path) -> None:
    """City B's own SUS for x: 50 and 50 (n=2). Adopted A市 (75.0, n=3) joins only when named: 65 (n=5)."""
    entries, _ = city(city_a).entries(publisher="A市", published=PUBLISHED)
    record = entries[0].evidence[0]
    ws = make_workspace(tmp_path / "city-b")
    try:
        ws.start_trial("x", "tax", actor="b", now=T0)
        ws.record_feedback(
            [
                Feedback(tool="x", department="tax", respondent=who, date=date(2026, 6, 1), sus=SUS_50)
                for who in ("b1", "b2")
            ],
            actor="b",
            now=T0,
        )
        _adopt_by_hand(ws, record, now=T0 + timedelta(days=1))
        states = trial_states(ws.ledger.events())
        assert set(states.adopted) == {("x", "a市")}
        own = evidence_for(ws.plan, states, "x", "sus", "usability")
        assert own is not None and (own.value, own.respondents, own.others) == (Fraction(50), 2, ())
        name_publishers(ws.root, usability=["Ａ市"])  # written full-width: the same publisher
        plan = load_plan(ws.root / "toolbench.toml")
        pooled = evidence_for(plan, states, "x", "sus", "usability")
        assert pooled is not None and (pooled.value, pooled.respondents) == (Fraction(65), 5)
        assert [(p.publisher, p.n) for p in pooled.others] == [("A市", 3)]
        assert evidence_for(plan, states, "y", "sus", "usability") is None  # about x only
    finally:
        ws.close()


def test_withheld_figures_are_never_pooled(city_a: Workspace, tmp_path: Path) -> None:
    """A市's hours (n=2) are withheld; named and adopted, they still give time-saved nothing."""
    entries, _ = city(city_a).entries(publisher="A市", published=PUBLISHED)
    ws = make_workspace(tmp_path / "city-b")
    try:
        _adopt_by_hand(ws, entries[0].evidence[0], now=T0)
        name_publishers(ws.root, time_saved=["A市"], usability=["A市"])
        plan = load_plan(ws.root / "toolbench.toml")
        states = trial_states(ws.ledger.events())
        assert evidence_for(plan, states, "x", "hours_per_year", "time-saved") is None
        alone = evidence_for(plan, states, "x", "sus", "usability")  # no trial of our own: theirs alone
        assert alone is not None and (alone.value, alone.respondents) == (Fraction(75), 3)
    finally:
        ws.close()


# === 4. blind, and the Japanese screens ==========================================================


def test_refused_while_blind(city_a: Workspace, run: Callable[..., Result]) -> None:
    """Other cities' evidence names products: while blind it is not published, shown or adopted; the board
    leaves its section out."""
    city_a.blind(actor="chair", seed=7)
    root = str(city_a.root)
    out = city_a.root / "e.toml"
    for args in (
        ("trials", "publish", "-o", str(out), "--publisher", "A市"),
        ("trials", "evidence"),
        ("trials", "adopt", "A市", "--reason", "r"),
    ):
        assert "unblind" in one_line_error(run("-C", root, "--lang", "en", *args))
    assert not out.exists()
    board = run("-C", root, "--lang", "en", "trials")
    assert board.exit_code == 0 and "Other cities" not in board.stdout


def test_the_japanese_publish_output_is_japanese(city_a: Workspace, run: Callable[..., Result]) -> None:
    out = city_a.root / "e.toml"
    result = run("-C", str(city_a.root), "--lang", "ja", "trials", "publish", "-o", str(out), "--publisher", "A市")
    assert result.exit_code == 0, result.output
    said = re.sub(r"--[\w-]+|`[^`]*`", "", result.stdout.replace(str(out), ""))  # options, commands, the path
    words = set(re.findall(r"[A-Za-z][A-Za-z]{2,}", said)) - {"SUS", "TOML"}
    assert not words, result.stdout
    assert "非公表: エックス の年間削減時間（n=2、3 未満）" in result.stdout


def test_a_broken_catalog_file_hides_the_evidence_not_the_board(city_a: Workspace, run: Callable[..., Result]) -> None:
    """A hand-edited catalog file that no longer validates: the board is shown with a warning on stderr;
    `trials evidence` refuses, naming the file (and each problem, as `catalog list` does)."""
    folder = city_a.root / "catalog"
    folder.mkdir()
    (folder / "broken.toml").write_text('id = "x"\nname = "X"\n', encoding="utf-8")  # no vendor, no category
    board = run("-C", str(city_a.root), "--lang", "en", "trials")
    assert board.exit_code == 0, board.output
    assert "Taxation Division" in board.stdout
    assert "other cities' trial evidence is not shown" in board.stderr and "broken.toml" in board.stderr
    refused = run("-C", str(city_a.root), "--lang", "en", "trials", "evidence")
    assert refused.exit_code == 1 and isinstance(refused.exception, SystemExit)
    assert "broken.toml" in refused.stderr.splitlines()[0] and "vendor: Field required" in refused.stderr


def test_the_matrix_says_whose_figures_a_pooled_cell_holds(city_a: Workspace, tmp_path: Path) -> None:
    """Named and adopted, A市's SUS (75.0, n=3) joins B's own (50, n=2): the usability cell says so beside
    its n=5, with the publisher and the published date, in both languages."""
    from toolbench.documents.matrix import matrix_view

    entries, _ = city(city_a).entries(publisher="A市", published=PUBLISHED)
    ws = make_workspace(tmp_path / "city-b")
    try:
        ws.start_trial("x", "tax", actor="b", now=T0)
        feedback = [
            Feedback(tool="x", department="tax", respondent=who, date=date(2026, 6, 1), sus=SUS_50)
            for who in ("b1", "b2")
        ]
        ws.record_feedback(feedback, actor="b", now=T0)
        _adopt_by_hand(ws, entries[0].evidence[0], now=T0 + timedelta(days=1))
        name_publishers(ws.root, usability=["A市"])
        with Workspace.open(ws.root) as named:
            evaluation = named.evaluate()
            for lang, words in (("ja", "A市 が公表した試行結果を含む"), ("en", "includes A市's published trials")):
                view = matrix_view(evaluation, lang)
                row = next(r for r in view.rows if r.key == "usability")
                cell = row.cells[view.tool_ids.index("x")]
                assert cell.detail.endswith("5") and any(words in note for note in cell.notes), cell
    finally:
        ws.close()
