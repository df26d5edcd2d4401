"""The store's projection of current state, the verified checkpoint and hashing the stored bytes.

Real SQLite files throughout; tampering is done the way someone with write access to
the folder would: with the sqlite3 module after dropping the append-only triggers.
Every figure the projection yields is compared with the same function over the whole
history (`EventsView`, the in-memory reference), so the projection cannot drift from
what the events say.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections import Counter
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolbench import Workspace
from toolbench.base.errors import LedgerCorrupt, ScoreError
from toolbench.methods.evaluation import (
    METRIC_RECORDED,
    SCORE_MODERATED,
    SCORE_RECORDED,
    aggregate,
    aggregate_counts,
    evaluate,
)
from toolbench.methods.locking import SCORED_KINDS
from toolbench.store.ledger import (
    PROJECTED,
    EventsView,
    NewEvent,
    SQLiteLedger,
    StoredRow,
    canonical_json,
    event_hash,
    require_intact,
    stored_hash,
)

PLAN = "b" * 64
NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)


def _random_events(seed: int, n: int) -> list[NewEvent]:
    """Scores, measurements and moderations on few keys (so many supersede), mixed with other kinds."""
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        tool, who, crit = rnd.choice("xyz"), rnd.choice(["e1", "e2"]), rnd.choice(["c1", "c2"])
        kind = rnd.choice([SCORE_RECORDED] * 5 + [METRIC_RECORDED, SCORE_MODERATED, "coi.declared", "plan.locked"])
        if kind == SCORE_RECORDED:
            payload = {"tool": tool, "evaluator": who, "criterion": crit, "level": rnd.choice("abcd")}
        elif kind == METRIC_RECORDED:
            payload = {"tool": tool, "criterion": crit, "value": str(rnd.randint(0, 9)), "source": "s"}
        elif kind == SCORE_MODERATED:
            payload = {"tool": tool, "criterion": crit, "level": rnd.choice("abcd"), "comment": "合議"}
        else:
            payload = {"evaluator": who, "note": "n"}
        out.append(NewEvent(kind, payload, "tester", PLAN))
    return out


def _ledger(tmp_path: Path, events: list[NewEvent], **options: int) -> SQLiteLedger:
    ledger = SQLiteLedger(tmp_path / "ledger.sqlite", create=True, **options)
    for start in range(0, len(events), 7):  # several appends, as people make them
        ledger.append_many(events[start : start + 7], now=NOW)
    return ledger


def _tamper(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("DROP TRIGGER events_no_update")
    db.execute("DROP TRIGGER events_no_delete")
    return db


# -- the projection gives what the whole history gives ---------------------------------


@pytest.mark.parametrize("seed", range(6))
def test_projection_equals_the_history(tmp_path: Path, seed: int) -> None:
    with _ledger(tmp_path, _random_events(seed, 120)) as ledger:
        reference = EventsView(ledger.events())
        with ledger.reading() as view:
            assert [e.seq for e in view.events()] == [e.seq for e in reference.events()]
            for kinds in ({SCORE_RECORDED}, {SCORE_MODERATED, "coi.declared"}, {"plan.locked"}, set(PROJECTED)):
                assert [e.seq for e in view.events(kinds)] == [e.seq for e in reference.events(kinds)]
            for tool in "xyz":
                for who in ("e1", "e2"):
                    for crit in ("c1", "c2"):
                        fields = {"tool": tool, "evaluator": who, "criterion": crit}
                        mine, theirs = view.latest(SCORE_RECORDED, fields), reference.latest(SCORE_RECORDED, fields)
                        assert (mine and mine.seq) == (theirs and theirs.seq)
            cells = [
                {"tool": t, "evaluator": w, "criterion": c} for t in "xyzq" for w in ("e1", "e2") for c in ("c1", "c2")
            ]
            many, reference_many = view.latest_many(SCORE_RECORDED, cells), reference.latest_many(SCORE_RECORDED, cells)
            assert {k: e.seq for k, e in many.items()} == {k: e.seq for k, e in reference_many.items()}
            assert len(many) == sum(1 for c in cells if reference.latest(SCORE_RECORDED, c) is not None)
            for before in (1, 40, 121):
                assert view.count(SCORED_KINDS, before) == reference.count(SCORED_KINDS, before)
            assert (view.head_seq, view.head_hash) == (reference.head_seq, reference.head_hash)


def test_superseded_scores_are_left_out_and_the_latest_kept(tmp_path: Path) -> None:
    score = {"tool": "x", "evaluator": "e1", "criterion": "c1"}
    events = [
        NewEvent(SCORE_RECORDED, {**score, "level": "a"}, "t", PLAN),  # 1, superseded by 3
        NewEvent("plan.locked", {"parts": {}}, "t", PLAN),  # 2
        NewEvent(SCORE_RECORDED, {**score, "level": "b", "reason": "見直し"}, "t", PLAN),  # 3
        NewEvent(SCORE_RECORDED, {**score, "evaluator": "e2", "level": "c"}, "t", PLAN),  # 4
    ]
    with _ledger(tmp_path, events) as ledger, ledger.reading() as view:
        assert [e.seq for e in view.events()] == [2, 3, 4]
        assert view.count(SCORED_KINDS, 3) == 1  # superseded ones are still counted as recorded
        latest = view.latest(SCORE_RECORDED, score)
        assert latest is not None and latest.payload["level"] == "b"


def test_evaluation_from_state_equals_evaluation_from_history(demo: Workspace) -> None:
    """The demo, with corrections (superseded scores) and a lock: every figure the same either way."""
    tool = demo.plan.tools[0].id
    criterion = next(c.id for c in demo.plan.judged_criteria() if c.kind == "rating")
    scale = demo.plan.scale_of(demo.plan.criterion(criterion))  # type: ignore[arg-type]
    assert scale is not None
    evaluator = demo.plan.evaluators[0].id
    current = next(
        e.payload["level"]
        for e in reversed(list(demo.ledger.events()))
        if e.kind == SCORE_RECORDED
        and (e.payload["tool"], e.payload["evaluator"], e.payload["criterion"]) == (tool, evaluator, criterion)
    )
    other = next(level for level in scale.ratios if level != current)
    demo.record_scores(tool, evaluator, {criterion: other}, actor="t", reason="再評価")
    history = evaluate(demo.plan, demo.ledger.events())
    with demo.ledger.reading() as view:
        state = evaluate(demo.plan, view.events(), count_scored=lambda seq: view.count(SCORED_KINDS, seq))
    assert state.results == history.results
    assert state.ties == history.ties
    assert state.lock == history.lock
    assert state.finalization == history.finalization
    assert (state.head_seq, state.head_hash) == (history.head_seq, history.head_hash)
    assert demo.evaluate().results == history.results


def test_a_refused_write_leaves_the_projection_as_it_was(small: Workspace) -> None:
    small.record_scores("x", "e1", {"c1": "a"}, actor="t")
    with pytest.raises(ScoreError):
        small.record_scores("x", "e1", {"c1": "b"}, actor="t")  # a change needs a reason: nothing written
    with small.ledger.reading() as view:
        latest = view.latest(SCORE_RECORDED, {"tool": "x", "evaluator": "e1", "criterion": "c1"})
        assert latest is not None and latest.payload["level"] == "a"


# -- audit verify rebuilds the projection and compares ---------------------------------


def test_audit_verify_finds_an_edited_projection_and_rebuild_repairs_it(tmp_path: Path) -> None:
    score = {"tool": "x", "evaluator": "e1", "criterion": "c1"}
    events = [NewEvent(SCORE_RECORDED, {**score, "level": level}, "t", PLAN) for level in "abc"]
    with _ledger(tmp_path, events) as ledger:
        assert ledger.verify().ok
    db = sqlite3.connect(tmp_path / "ledger.sqlite", isolation_level=None)
    db.execute("UPDATE latest SET seq = 1")  # point the cell back at the first, superseded score
    db.close()
    with SQLiteLedger(tmp_path / "ledger.sqlite") as ledger:
        check = ledger.verify()
        # named: event 3, the score the cell's current entry should point at
        assert not check.ok and check.reason_key == "audit.reason.projection" and check.bad_seq == 3
        ledger.rebuild_projection()
        assert ledger.verify().ok
        with ledger.reading() as view:
            latest = view.latest(SCORE_RECORDED, score)
            assert latest is not None and latest.seq == 3


def test_a_ledger_without_projection_gets_one_when_opened(tmp_path: Path) -> None:
    """A ledger written by an earlier toolbench: no table, no index, no bookkeeping for it."""
    with _ledger(tmp_path, _random_events(7, 60)) as ledger:
        reference = [e.seq for e in EventsView(ledger.events()).events()]
    db = sqlite3.connect(tmp_path / "ledger.sqlite", isolation_level=None)
    db.execute("DROP TABLE latest")
    db.execute("DROP INDEX events_by_kind")
    db.execute("DELETE FROM meta WHERE key = 'projected_seq'")
    db.close()
    with SQLiteLedger(tmp_path / "ledger.sqlite") as ledger:
        assert ledger.verify().ok
        with ledger.reading() as view:
            assert [e.seq for e in view.events()] == reference


def test_a_read_only_ledger_behind_its_projection_reads_from_the_events(tmp_path: Path) -> None:
    with _ledger(tmp_path, _random_events(8, 30)) as ledger:
        reference = [e.seq for e in EventsView(ledger.events()).events()]
    db = sqlite3.connect(tmp_path / "ledger.sqlite", isolation_level=None)
    db.execute("UPDATE meta SET value = '3' WHERE key = 'projected_seq'")  # as if an older toolbench appended
    db.close()
    with SQLiteLedger(tmp_path / "ledger.sqlite", read_only=True) as ledger, ledger.reading() as view:
        assert isinstance(view, EventsView)
        assert [e.seq for e in view.events()] == reference
    with SQLiteLedger(tmp_path / "ledger.sqlite") as ledger, ledger.reading() as view:  # writable: caught up
        assert not isinstance(view, EventsView)
        assert [e.seq for e in view.events()] == reference


# -- a write reads what it decides from, not the ledger --------------------------------


def _parsed_during_one_write(tmp_path: Path, tools: int) -> int:
    root = tmp_path / f"w{tools}"
    root.mkdir()
    plan = ["[evaluation]", 'title = "t"', 'language = "en"', "[scales.s]", "ratios = { a = 1, b = 0 }"]
    plan += [
        "[groups]",
        'g = "G"',
        "[[criteria]]",
        'id = "c"',
        'name = "C"',
        'group = "g"',
        "points = 10",
        'scale = "s"',
    ]
    for i in range(tools):
        plan += ["[[tools]]", f'id = "t{i}"', f'name = "T{i}"', f'vendor = "V{i}"']
    plan += ["[[evaluators]]", 'id = "e"', 'name = "E"']
    (root / "toolbench.toml").write_text("\n".join(plan) + "\n", encoding="utf-8")
    Workspace.start_ledger(root).close()
    ledger = SQLiteLedger(root / ".toolbench" / "ledger.sqlite", checkpoint_every=50)
    workspace = Workspace.open(root)
    workspace.ledger.close()
    workspace = Workspace(root, workspace.plan, ledger)
    workspace.record_sheet("e", {f"t{i}": {"c": "a"} for i in range(tools - 1)}, actor="t")
    ledger.check()  # a read: verifies the whole chain once and sets the checkpoint at its head
    parsed = Counter[str]()
    original = ledger._event

    def counting(row: object) -> object:
        parsed["events"] += 1
        return original(row)  # type: ignore[arg-type]

    ledger._event = counting  # type: ignore[method-assign]
    workspace.record_scores(f"t{tools - 1}", "e", {"c": "b"}, actor="t")
    workspace.close()
    return parsed["events"]


def test_the_cost_of_one_score_does_not_grow_with_the_ledger(tmp_path: Path) -> None:
    """One score on a ledger of 100 or 1,000 scores parses the same few events (none of the history)."""
    few, many = _parsed_during_one_write(tmp_path, 100), _parsed_during_one_write(tmp_path, 1000)
    assert few == many
    assert many < 10


# -- the verified checkpoint ------------------------------------------------------------


def _rehash_from(db: sqlite3.Connection, seq: int) -> None:
    """What a careful attacker does: rewrite event `seq` and recompute every hash after it."""
    rows = db.execute(
        "SELECT seq, ts, actor, kind, payload, plan_hash, prev_hash, hash FROM events WHERE seq >= ? - 1 ORDER BY seq",
        (seq,),
    ).fetchall()
    prev = rows[0][7] if rows[0][0] == seq - 1 else "0" * 64
    for row in rows:
        if row[0] < seq:
            continue
        payload = json.loads(row[4])
        if row[0] == seq:
            payload["level"] = "d"
        text = canonical_json(payload)
        digest = event_hash(row[0], row[1], row[2], row[3], payload, row[5], prev)
        db.execute("UPDATE events SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?", (text, prev, digest, row[0]))
        prev = digest
    db.execute("UPDATE meta SET value = ? WHERE key = 'head_hash'", (prev,))


def _scores(n: int) -> list[NewEvent]:
    return [
        NewEvent(SCORE_RECORDED, {"tool": f"t{i}", "evaluator": "e", "criterion": "c", "level": "a"}, "t", PLAN)
        for i in range(n)
    ]


def test_a_checkpoint_is_kept_and_reads_check_only_what_follows_it(tmp_path: Path) -> None:
    with _ledger(tmp_path, _scores(30), checkpoint_every=10) as ledger:
        assert ledger.check().ok
        stored = ledger._load_checkpoint()
        # moved on by the appends' own checks whenever 10 or more verified events lay past it
        assert stored is not None and 20 < stored[0] <= 30
    db = _tamper(tmp_path / "ledger.sqlite")
    db.execute("UPDATE events SET payload = replace(payload, '\"a\"', '\"b\"') WHERE seq = 5")
    db.close()
    with SQLiteLedger(tmp_path / "ledger.sqlite", checkpoint_every=10) as ledger:
        assert ledger.check().ok  # before the checkpoint: an ordinary read trusts what it verified
        full = ledger.verify()  # audit verify checks everything
        assert not full.ok and full.bad_seq == 5 and full.reason_key == "audit.reason.hash"
        with pytest.raises(LedgerCorrupt):
            require_intact(ledger, full=True)  # what finalize and the archive ask for


def test_a_rewritten_history_behind_the_checkpoint_is_caught_by_every_read(tmp_path: Path) -> None:
    with _ledger(tmp_path, _scores(30), checkpoint_every=10) as ledger:
        assert ledger.check().ok
        stored = ledger._load_checkpoint()
        assert stored is not None
    db = _tamper(tmp_path / "ledger.sqlite")
    _rehash_from(db, 12)
    db.close()
    with SQLiteLedger(tmp_path / "ledger.sqlite", checkpoint_every=10) as ledger:
        check = ledger.check()  # the chain itself holds (every hash recomputed): only the checkpoint tells
        assert not check.ok and check.reason_key == "audit.reason.checkpoint" and check.bad_seq == stored[0]
        with pytest.raises(LedgerCorrupt, match=f"event {stored[0]}"):
            ledger.append_many(_scores(1), now=NOW)
        with pytest.raises(LedgerCorrupt):
            with ledger.reading():
                pass


def test_an_edit_after_the_checkpoint_is_caught_by_an_ordinary_read(tmp_path: Path) -> None:
    with _ledger(tmp_path, _scores(20), checkpoint_every=10) as ledger:
        assert ledger.check().ok
        ledger.append_many(_scores(3), now=NOW)
    db = _tamper(tmp_path / "ledger.sqlite")
    db.execute("UPDATE events SET payload = replace(payload, '\"a\"', '\"b\"') WHERE seq = 22")
    db.close()
    with SQLiteLedger(tmp_path / "ledger.sqlite", checkpoint_every=10) as ledger:
        check = ledger.check()
        assert not check.ok and check.bad_seq == 22 and check.reason_key == "audit.reason.hash"


def test_without_a_checkpoint_every_event_is_checked(tmp_path: Path) -> None:
    with _ledger(tmp_path, _scores(30), checkpoint_every=10) as ledger:
        assert ledger.check().ok
        ledger._checkpoint_file().unlink()
    db = _tamper(tmp_path / "ledger.sqlite")
    db.execute("UPDATE events SET payload = replace(payload, '\"a\"', '\"b\"') WHERE seq = 5")
    db.close()
    with SQLiteLedger(tmp_path / "ledger.sqlite", checkpoint_every=10_000) as ledger:
        check = ledger.check()
        assert not check.ok and check.bad_seq == 5


def test_a_small_ledger_never_gets_a_checkpoint(tmp_path: Path) -> None:
    """Below the default stride every read verifies the whole chain, as it always did."""
    with _ledger(tmp_path, _scores(40)) as ledger:
        assert ledger.check().ok and ledger.verify().ok
        assert ledger._load_checkpoint() is None
        assert not ledger._checkpoint_file().exists()


# -- hashing the stored bytes -----------------------------------------------------------

_texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
_payloads = st.dictionaries(_texts, st.one_of(_texts, st.integers(-(10**6), 10**6), st.booleans()), max_size=5)


@settings(max_examples=200, deadline=None)
@given(payload=_payloads, actor=_texts, kind=_texts, seq=st.integers(1, 10**9))
def test_the_hash_of_the_stored_bytes_is_the_event_hash(
    payload: dict[str, object], actor: str, kind: str, seq: int
) -> None:
    ts = "2026-12-05T09:00:00.000000Z"
    row = StoredRow(seq, ts, actor, kind, canonical_json(payload), PLAN, "c" * 64, "")
    assert stored_hash(row) == event_hash(seq, ts, actor, kind, payload, PLAN, "c" * 64)


def test_a_reformatted_payload_does_not_hash_as_the_event(tmp_path: Path) -> None:
    payload = {"tool": "x", "level": "a"}
    text = json.dumps(payload, ensure_ascii=False)  # spaces after the separators: not the canonical text
    row = StoredRow(1, "2026-12-05T09:00:00.000000Z", "t", "k", text, PLAN, "0" * 64, "")
    assert stored_hash(row) != event_hash(1, row.ts, "t", "k", payload, PLAN, "0" * 64)


# -- cells from level counts -----------------------------------------------------------


def _sorted_reference(ratios: list[Fraction], rule: str) -> Fraction:
    """The rule as the procedure states it: sort, then take the middle, the sum, or drop one of each end."""
    ordered = sorted(ratios)
    if rule == "sum":
        return sum(ordered, Fraction(0))
    if rule == "median":
        middle = len(ordered) // 2
        return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    if rule == "trimmed_mean" and len(ordered) >= 3:
        ordered = ordered[1:-1]
    return sum(ordered, Fraction(0)) / len(ordered)


_levels = st.sampled_from([Fraction(0), Fraction(1, 4), Fraction(1, 2), Fraction(3, 4), Fraction(1), Fraction(2, 3)])


@settings(max_examples=300, deadline=None)
@given(
    ratios=st.lists(_levels, min_size=1, max_size=60), rule=st.sampled_from(["mean", "median", "trimmed_mean", "sum"])
)
def test_cells_from_counts_equal_the_sorted_rule(ratios: list[Fraction], rule: str) -> None:
    assert aggregate(ratios, rule) == _sorted_reference(ratios, rule)
    assert aggregate_counts(Counter(ratios), rule) == _sorted_reference(ratios, rule)


def test_hand_worked_cells_from_counts() -> None:
    """Five evaluators: two gave 1/2, two gave 1, one gave 0 (worked by hand)."""
    counts = {Fraction(1, 2): 2, Fraction(1): 2, Fraction(0): 1}
    assert aggregate_counts(counts, "mean") == Fraction(3, 5)  # (1 + 2 + 0) / 5
    assert aggregate_counts(counts, "median") == Fraction(1, 2)  # 0, ½, ½, 1, 1 → ½
    assert aggregate_counts(counts, "trimmed_mean") == Fraction(2, 3)  # (½ + ½ + 1) / 3
    assert aggregate_counts(counts, "sum") == 3
    assert aggregate_counts({Fraction(1, 4): 1, Fraction(3, 4): 1}, "median") == Fraction(1, 2)


def test_projected_kinds_match_the_evaluation() -> None:
    """The store's projected kinds and key fields are the ones the evaluation keys its current state by."""
    assert set(PROJECTED) == set(SCORED_KINDS) == {SCORE_RECORDED, METRIC_RECORDED, SCORE_MODERATED}
    assert PROJECTED[SCORE_RECORDED] == ("tool", "evaluator", "criterion")
    assert PROJECTED[METRIC_RECORDED] == PROJECTED[SCORE_MODERATED] == ("tool", "criterion")
