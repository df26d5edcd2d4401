"""Facts scored by hand: the `fact` criterion's rules, fact-decided must-haves, expiry and age on their
boundary dates, recording all or nothing, and the plan errors.

The plan below judges facts on 2026-12-01 (`[facts] date`) with `max_age_days = 180`:

    certs  10 points, combinations: ISO/IEC 27001 and プライバシーマーク both → 10, either → 5, none → 0
           (the published ISMS + Pマーク rule)
    terms   6 points, per fact: data location in Japan 3, input kept at most 30 days 2, Japanese law 1
    ismap  must-have: ISMAP or ISMAP-LIU registered (require = "any")
    q      10 points, a rating (a → 1, b → 0.5, c → 0), one evaluator

Tool a: ISO 27001 expiring 2026-12-01 (the last valid day is the facts' date: valid) and Pマーク → certs 10;
        Japan, 30 days (at most 30: holds), Japanese law → terms 3 + 2 + 1 = 6; ISMAP registered → pass;
        q = a → 10. Total 26.
Tool b: ISMS なし, Pマーク → certs 5; overseas, 0 days, other law → terms 2; ISMAP no, ISMAP-LIU yes
        seen 2026-06-04 — 26 + 31 + 31 + 30 + 31 + 30 + 1 = 180 days before 2026-12-01, exactly the
        maximum age: fresh → pass; q = b → 5. Total 12.
Tool c: ISO 27001 expired 2026-11-30 (counts as not held), Pマーク → certs 5; mixed, 31 days, Japanese
        law → terms 1; ISMAP yes but seen 2026-06-03 (181 days: stale), ISMAP-LIU no → the must-have
        rests on a stale fact: undecided (`stale`), neither passed nor failed; q = c → 0. Total 6.
Tool d: no certificates or terms recorded (both cells unscored), ISMAP no and ISMAP-LIU no, both valid →
        the must-have fails: disqualified.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from toolbench.base.errors import PlanError
from toolbench.base.i18n import translate
from toolbench.methods.facts import FactCondition, condition_holds, fact_verdict
from toolbench.model.facts import Fact, fact_status, known_key, read_value
from toolbench.model.plan import FactRule, load_plan, parse_plan
from toolbench.workspace.facts import FactError, FactRowsError
from toolbench.workspace.scoring import ScoreError
from toolbench.workspace.workspace import Workspace

NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
OFFICE = "secretariat"
SOURCE = "https://registry.example.jp/list"


def plan_data(**tables: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "evaluation": {"title": {"ja": "事実の採点", "en": "Scoring facts"}},
        "facts": {"max_age_days": 180, "date": date(2026, 12, 1)},
        "groups": {"g": {"ja": "安全性", "en": "Security"}},
        "scales": {"abc": {"ratios": {"a": 1, "b": 0.5, "c": 0}}},
        "criteria": [
            {
                "id": "certs",
                "name": {"ja": "第三者認証", "en": "Certifications"},
                "group": "g",
                "kind": "fact",
                "points": 10,
                "fact": {
                    "facts": [{"key": "iso27001"}, {"key": "privacy-mark"}],
                    "combinations": [
                        {"all": ["iso27001", "privacy-mark"], "points": 10},
                        {"any": ["iso27001", "privacy-mark"], "points": 5},
                    ],
                },
            },
            {
                "id": "terms",
                "name": {"ja": "データの取扱い", "en": "Data handling"},
                "group": "g",
                "kind": "fact",
                "points": 6,
                "fact": {
                    "facts": [
                        {"key": "data-location", "in": ["japan"], "points": 3},
                        {"key": "ai-retention-days", "at_most": 30, "points": 2},
                        {"key": "governing-law", "in": ["日本法"], "points": 1},
                    ]
                },
            },
            {
                "id": "ismap",
                "name": {"ja": "ISMAP 登録", "en": "ISMAP registration"},
                "group": "g",
                "kind": "must",
                "points": 0,
                "fact": {"facts": [{"key": "ismap"}, {"key": "ismap-liu"}], "require": "any"},
            },
            {"id": "q", "name": {"ja": "品質", "en": "Quality"}, "group": "g", "scale": "abc", "points": 10},
        ],
        "tools": [{"id": t, "name": t.upper(), "vendor": f"{t.upper()} 株式会社"} for t in ("a", "b", "c", "d")],
        "evaluators": [{"id": "e1", "name": "委員1"}],
    }
    data.update(tables)
    return data


def fact(key: str, value: object, **more: object) -> Fact:
    return Fact.model_validate({"key": key, "value": value, "source": SOURCE, "as_of": "2026-10-01", **more})


FACTS: dict[str, list[Fact]] = {
    "a": [
        fact("iso27001", True, expires="2026-12-01", number="IS 000001"),
        fact("privacy-mark", "取得"),
        fact("data-location", "国内"),
        fact("ai-retention-days", 30),
        fact("governing-law", "japan"),
        fact("ismap", True, number="C21-0001-1", expires="2027-03-31"),
    ],
    "b": [
        fact("ISMS", "なし"),
        fact("Pマーク", True),
        fact("data-location", "overseas"),
        fact("ai-retention-days", "0日"),
        fact("governing-law", "other"),
        fact("ismap", False),
        fact("ISMAP-LIU", True, as_of="2026-06-04"),
    ],
    "c": [
        fact("iso27001", True, expires="2026-11-30"),
        fact("privacy-mark", True),
        fact("data-location", "mixed"),
        fact("ai-retention-days", 31),
        fact("governing-law", "japan"),
        fact("ismap", True, as_of="2026-06-03"),
        fact("ismap-liu", False),
    ],
    "d": [fact("ismap", False), fact("ismap-liu", False)],
}
LEVELS = {"a": "a", "b": "b", "c": "c", "d": "a"}


def open_workspace(root: Path, data: Mapping[str, Any]) -> Workspace:
    root.mkdir()
    (root / "toolbench.toml").write_text(tomli_w.dumps(dict(data)), encoding="utf-8")
    return Workspace.start_ledger(root)


@pytest.fixture()
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "w", plan_data())
    workspace.facts.record([(t, f) for t, facts in FACTS.items() for f in facts], actor=OFFICE, now=NOW)
    for tool, level in LEVELS.items():
        workspace.record_scores(tool, "e1", {"q": level}, actor="e1", now=NOW)
    yield workspace
    workspace.close()


def test_points_by_hand(ws: Workspace) -> None:
    evaluation = ws.evaluate()
    assert evaluation.facts_on == date(2026, 12, 1)
    got = {
        r.tool.id: (r.cells["certs"].points, r.cells["terms"].points, r.musts["ismap"].verdict)
        for r in evaluation.results
    }
    assert got == {
        "a": (Fraction(10), Fraction(6), "pass"),
        "b": (Fraction(5), Fraction(2), "pass"),
        "c": (Fraction(5), Fraction(1), "stale"),
        "d": (None, None, "fail"),
    }
    totals = {r.tool.id: r.total for r in evaluation.results}
    assert totals["a"] == 26 and totals["b"] == 12 and totals["c"] == 6


def test_which_combination_and_which_facts_gave_the_points(ws: Workspace) -> None:
    evaluation = ws.evaluate()
    a, b, c = (evaluation.result(t).cells["certs"].fact for t in "abc")
    assert a is not None and b is not None and c is not None
    assert (a.combination, b.combination, c.combination) == (0, 1, 1)
    # each point cites its fact: the event, the source and the date it was seen
    cited = {check.key: check.recorded for check in a.checks}
    assert cited["iso27001"] is not None and cited["iso27001"].fact.source == SOURCE
    assert cited["iso27001"].fact.as_of == date(2026, 10, 1) and cited["iso27001"].seq > 0
    # c's certificate expired the day before the facts' date: flagged, counted as not held
    assert [(k.key, k.status, k.holds) for k in c.flagged] == [("iso27001", "expired", False)]
    assert a.flagged == () and b.flagged == ()


def test_a_stale_must_have_neither_passes_nor_disqualifies(ws: Workspace) -> None:
    evaluation = ws.evaluate()
    c = evaluation.result("c")
    must = c.musts["ismap"]
    assert must.decided_by == "facts" and must.facts is not None
    assert [(k.key, k.status) for k in must.facts.checks] == [("ismap", "stale"), ("ismap-liu", "valid")]
    assert c.disqualified == () and c.provisional and c.undecided_musts == ("ismap",)


def test_a_failed_must_have_names_its_facts(ws: Workspace) -> None:
    d = ws.evaluate().result("d")
    assert d.rank is None and [f.key for f in d.disqualified] == ["dq.must_fact_failed"]
    assert d.disqualified[0].params == {"criterion": "ismap", "facts": "ismap, ismap-liu"}
    assert not d.cells["certs"].scored and d.cells["certs"].fact is not None
    assert d.cells["certs"].fact.missing == ("iso27001", "privacy-mark")


def test_refreshing_the_stale_fact_decides_the_must_have(ws: Workspace) -> None:
    """c's ISMAP registration, seen again on 2026-11-25: fresh, holds → the must-have passes; a newer
    observation needs no reason."""
    ws.facts.record([("c", fact("ismap", True, as_of="2026-11-25"))], actor=OFFICE, now=NOW)
    c = ws.evaluate().result("c")
    assert c.musts["ismap"].verdict == "pass" and not c.provisional


def test_expiry_and_age_on_their_boundary_dates() -> None:
    registered = fact("ismap", True, expires="2026-12-01")
    assert fact_status(registered, date(2026, 12, 1)) == "valid"  # the last valid day
    assert fact_status(registered, date(2026, 12, 2)) == "expired"
    seen = fact("ismap", True, as_of="2026-06-04")
    assert fact_status(seen, date(2026, 12, 1), 180) == "valid"  # exactly 180 days old
    assert fact_status(seen, date(2026, 12, 2), 180) == "stale"
    assert fact_status(seen, date(2030, 1, 1)) == "valid"  # no maximum age: never stale
    both = fact("ismap", True, as_of="2026-01-01", expires="2026-03-31")
    assert fact_status(both, date(2026, 12, 1), 30) == "expired"  # expired says more than stale


def test_the_facts_date_defaults_to_the_last_event_in_japan_time(tmp_path: Path) -> None:
    """Without `[facts] date` the facts are judged on the day of the ledger's last event where the plan is
    read: 2026-11-30 15:30 UTC is 2026-12-01 00:30 in Tokyo, so a fact expiring 2026-11-30 has expired."""
    data = plan_data(facts={"max_age_days": 180})
    with open_workspace(tmp_path / "w", data) as workspace:
        workspace.facts.record(
            [("a", fact("ismap", True, expires="2026-11-30")), ("a", fact("ismap-liu", False))],
            actor=OFFICE,
            now=datetime(2026, 11, 30, 15, 30, tzinfo=UTC),
        )
        evaluation = workspace.evaluate()
        assert evaluation.facts_on == date(2026, 12, 1)
        assert evaluation.result("a").musts["ismap"].verdict == "stale"


def test_under_hearing_weights_the_rule_scales_with_the_points(ws: Workspace) -> None:
    """Hearings that give certs 16 points and terms 3 (in place of 10 and 6): the rules' ratios stay —
    a 10/10 → 16, b 5/10 → 8, c 5/10 → 8; terms a 6/6 → 3, b 2/6 → 1, c 1/6 → 0.5."""
    from decimal import Decimal

    from toolbench.methods.evaluation import evaluate
    from toolbench.methods.hearings import plan_with_points

    weighed = plan_with_points(ws.plan, {"certs": Decimal(16), "terms": Decimal(3)})
    evaluation = evaluate(weighed, ws.events())
    got = {t: (evaluation.result(t).cells["certs"].points, evaluation.result(t).cells["terms"].points) for t in "abc"}
    assert got == {
        "a": (Fraction(16), Fraction(3)),
        "b": (Fraction(8), Fraction(1)),
        "c": (Fraction(8), Fraction(1, 2)),
    }


# --- values people write -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "key"),
    [("ISMS", "iso27001"), ("Ｐマーク", "privacy-mark"), ("LGWAN-ASP", "lgwan-asp"), ("ismap-liu", "ismap-liu")],
)
def test_keys_are_read_from_their_names(written: str, key: str) -> None:
    assert known_key(written) == key


def test_a_free_key_keeps_its_text() -> None:
    free = fact("入札参加資格", "Aランク")
    assert free.key == "入札参加資格" and free.value == "Aランク" and free.known is None
    assert condition_holds(FactCondition.model_validate({"key": "入札参加資格", "in": ["ａランク"]}), free)


@pytest.mark.parametrize(
    ("key", "value", "read"),
    [
        ("ismap", "登録あり", True),
        ("ismap", "未登録", False),
        ("soc2", "タイプ2", "type2"),
        ("data-location", "Japan and overseas", "mixed"),
        ("ai-retention-days", "30日", 30),
    ],
)
def test_values_are_read_to_their_type(key: str, value: object, read: object) -> None:
    assert read_value(key, value) == read


@pytest.mark.parametrize(("key", "value"), [("ismap", "maybe"), ("ai-retention-days", -1), ("soc2", "type3")])
def test_a_value_off_the_keys_type_is_refused_naming_what_it_accepts(key: str, value: object) -> None:
    with pytest.raises(ValueError, match="is not one of"):
        fact(key, value)


def test_verdict_rules_for_all() -> None:
    rule = FactRule.model_validate({"facts": [{"key": "ismap"}, {"key": "lgwan-asp"}]})
    plan = parse_plan(plan_data())
    from toolbench.methods.facts import FactState, RecordedFact, fact_checks

    def state(**facts: Fact) -> FactState:
        return FactState({("a", f.key): RecordedFact("a", f, 1, "", OFFICE) for f in facts.values()})

    on = date(2026, 12, 1)
    yes, no, old = fact("ismap", True), fact("lgwan-asp", False), fact("lgwan-asp", True, as_of="2025-01-01")
    assert fact_verdict(rule, fact_checks(plan, rule, "a", state(x=yes), on)) == "unjudged"
    assert fact_verdict(rule, fact_checks(plan, rule, "a", state(x=yes, y=no), on)) == "fail"
    assert fact_verdict(rule, fact_checks(plan, rule, "a", state(x=yes, y=old), on)) == "stale"
    assert fact_verdict(rule, fact_checks(plan, rule, "a", state(x=yes, y=fact("lgwan-asp", True)), on)) == "pass"


# --- recording ------------------------------------------------------------------------------


def test_recording_is_all_or_nothing_and_a_repeat_records_nothing(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "w", plan_data()) as workspace:
        with pytest.raises(FactRowsError) as refused:
            workspace.facts.record(
                [("a", fact("ismap", True)), ("zz", fact("ismap", True)), ("a", fact("ismap", False))],
                actor=OFFICE,
                now=NOW,
            )
        assert [p.key for p in refused.value.rows] == ["fact.unknown_tool", "fact.twice"]
        assert [e for e in workspace.events() if e.kind.startswith("fact.")] == []
        first = workspace.facts.record([("a", fact("ismap", True))], actor=OFFICE, now=NOW)
        assert len(first) == 1 and first[0].payload["value"] is True and first[0].payload["as_of"] == "2026-10-01"
        assert workspace.facts.record([("a", fact("ismap", True))], actor=OFFICE, now=NOW) == ()


def test_a_correction_needs_a_reason_a_newer_observation_does_not(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "w", plan_data()) as workspace:
        (first,) = workspace.facts.record([("a", fact("ismap", True))], actor=OFFICE, now=NOW)
        with pytest.raises(FactRowsError) as refused:
            workspace.facts.record([("a", fact("ismap", False))], actor=OFFICE, now=NOW)
        assert refused.value.rows[0].key == "fact.correction_needs_reason"
        row = refused.value.rows[0]
        assert "--reason" in translate(row.key, "en", **row.params)
        (fixed,) = workspace.facts.record([("a", fact("ismap", False))], actor=OFFICE, reason="誤記", now=NOW)
        assert fixed.payload["supersedes"] == first.seq and fixed.payload["reason"] == "誤記"
        (newer,) = workspace.facts.record([("a", fact("ismap", True, as_of="2026-11-01"))], actor=OFFICE, now=NOW)
        assert "reason" not in newer.payload and newer.payload["supersedes"] == fixed.seq


def test_a_retracted_fact_no_longer_counts(ws: Workspace) -> None:
    ws.facts.retract("a", "ismap", actor=OFFICE, reason="登録の取消しを確認", now=NOW)
    assert ws.evaluate().result("a").musts["ismap"].verdict == "unjudged"
    with pytest.raises(FactError):
        ws.facts.retract("a", "ismap", actor=OFFICE, reason="二度目", now=NOW)
    with pytest.raises(FactError):
        ws.facts.retract("a", "privacy-mark", actor=OFFICE, reason="  ", now=NOW)


def test_a_fact_decided_must_have_is_not_scored_by_evaluators(ws: Workspace) -> None:
    with pytest.raises(ScoreError) as refused:
        ws.record_scores("a", "e1", {"ismap": "pass"}, actor="e1", now=NOW)
    assert "toolbench fact add" in refused.value.message("en")
    assert [c.id for c in ws.plan.judged_criteria()] == ["q"]


# --- plan errors ------------------------------------------------------------------------------


def problems_of(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(PlanError) as error:
        parse_plan(dict(data), file="plan.toml")
    return [(p.path, p.key) for p in error.value.problems]


def with_criterion(index: int, **changes: Any) -> dict[str, Any]:
    data = plan_data()
    criterion = data["criteria"][index]
    for key, value in changes.items():
        if value is None:
            criterion.pop(key, None)
        else:
            criterion[key] = value
    return data


@pytest.mark.parametrize(
    ("index", "changes", "expected"),
    [
        (0, {"fact": None}, [("criteria[0].fact", "plan.fact_needs_rule")]),
        (3, {"fact": {"facts": [{"key": "ismap"}]}}, [("criteria[3].fact", "plan.fact_only")]),
        (
            1,
            {"fact": {"facts": [{"key": "data-location", "points": 6}]}},
            [("criteria[1].fact.facts[0].in", "plan.fact_needs_in")],
        ),
        (
            1,
            {"fact": {"facts": [{"key": "data-location", "in": ["moon"], "points": 6}]}},
            [("criteria[1].fact.facts[0].in[0]", "plan.fact_bad_value")],
        ),
        (
            1,
            {"fact": {"facts": [{"key": "ismap", "at_most": 3, "points": 6}]}},
            [("criteria[1].fact.facts[0].at_most", "plan.fact_days_only")],
        ),
        (
            1,
            {"fact": {"facts": [{"key": "ai-retention-days", "points": 6}]}},
            [("criteria[1].fact.facts[0].at_most", "plan.fact_needs_bound")],
        ),
        (
            1,
            {"fact": {"facts": [{"key": "ismap", "in": ["yes"], "points": 6}]}},
            [("criteria[1].fact.facts[0].in", "plan.fact_in_not_for")],
        ),
        (
            1,
            {"fact": {"facts": [{"key": "ismap", "points": 3}, {"key": "ismap", "points": 3}]}},
            [("criteria[1].fact.facts[1].key", "plan.fact_duplicate_key")],
        ),
        (
            1,
            {"fact": {"facts": [{"key": "ismap", "points": 3}, {"key": "lgwan-asp"}]}},
            [("criteria[1].fact.facts[1].points", "plan.fact_needs_points")],
        ),
        (1, {"fact": {"facts": [{"key": "ismap", "points": 5}]}}, [("criteria[1].fact", "plan.fact_best")]),
        (
            0,
            {"fact": {"facts": [{"key": "ismap"}], "combinations": [{"all": ["lgwan-asp"], "points": 10}]}},
            [("criteria[0].fact.combinations[0].all[0]", "plan.fact_unknown_ref")],
        ),
        (
            0,
            {"fact": {"facts": [{"key": "ismap"}], "combinations": [{"points": 10}]}},
            [("criteria[0].fact.combinations[0]", "plan.fact_combination_empty")],
        ),
        (
            2,
            {"fact": {"facts": [{"key": "ismap"}], "combinations": [{"all": ["ismap"], "points": 1}]}},
            [("criteria[2].fact.combinations", "plan.fact_must_no_combinations")],
        ),
        (3, {"evidence_from": ["○○県"]}, [("criteria[3].evidence_from", "plan.evidence_from_needs_evidence")]),
    ],
)
def test_plan_errors(index: int, changes: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    assert problems_of(with_criterion(index, **changes)) == expected


def test_a_plan_error_names_its_line_and_says_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "toolbench.toml"
    path.write_text(
        tomli_w.dumps(with_criterion(1, fact={"facts": [{"key": "data-location", "in": ["moon"], "points": 6}]})),
        encoding="utf-8",
    )
    with pytest.raises(PlanError) as error:
        load_plan(path)
    (problem,) = error.value.problems
    assert problem.line is not None and problem.line > 1
    text = error.value.message("en")
    assert f"{path}:{problem.line}" in text and "japan, overseas, mixed" in text
    assert "国内" not in text
    assert "次から選んでください" in error.value.message("ja")


def test_the_facts_settings_are_locked_with_the_rules(tmp_path: Path) -> None:
    """Changing the maximum age after the lock is loud: the rules part differs."""
    from toolbench.methods.locking import lock_parts

    before = lock_parts(parse_plan(plan_data()))
    after = lock_parts(parse_plan(plan_data(facts={"max_age_days": 365, "date": date(2026, 12, 1)})))
    assert before["rules"] != after["rules"] and before["criteria"] == after["criteria"]
    assert translate("must.stale", "ja") == "事実の更新待ち"


def test_under_the_block_rule_a_missing_fact_blocks_and_a_fact_must_have_needs_no_votes(tmp_path: Path) -> None:
    """`missing = "block"`: d's two fact cells are named (no fact recorded), never evaluators' votes on the
    fact-decided must-have; once d's facts are recorded, nothing is missing."""
    from toolbench.base.errors import EvaluationBlocked

    with open_workspace(tmp_path / "w", plan_data(scoring={"missing": "block"})) as workspace:
        workspace.facts.record([(t, f) for t, facts in FACTS.items() for f in facts], actor=OFFICE, now=NOW)
        for tool, level in LEVELS.items():
            workspace.record_scores(tool, "e1", {"q": level}, actor="e1", now=NOW)
        with pytest.raises(EvaluationBlocked) as blocked:
            workspace.evaluate()
        assert blocked.value.params["cells"] == "d/certs, d/terms" and blocked.value.params["count"] == 2
        more = [fact("iso27001", False), fact("privacy-mark", False), fact("data-location", "japan")]
        more += [fact("ai-retention-days", 7), fact("governing-law", "japan")]
        workspace.facts.record([("d", f) for f in more], actor=OFFICE, now=NOW)
        assert workspace.evaluate().result("d").cells["terms"].points == 6


def test_the_log_says_each_fact_in_words_and_withholds_its_source_while_blind(tmp_path: Path) -> None:
    from toolbench.documents.log import blind_event, sentence

    with open_workspace(tmp_path / "w", plan_data()) as workspace:
        (first,) = workspace.facts.record(
            [("a", fact("ismap", True, number="C21-0001-1", expires="2027-03-31"))], actor=OFFICE, now=NOW
        )
        (fixed,) = workspace.facts.record([("a", fact("ismap", False))], actor=OFFICE, reason="誤記", now=NOW)
        gone = workspace.facts.retract("a", "ismap", actor=OFFICE, reason="登録の取消し", now=NOW)
        plan = workspace.plan
        assert sentence(first, "ja", plan, {}) == (
            f"A の ISMAP 登録 を あり と記録（2026-10-01 確認）、有効期限 2027-03-31（出典: {SOURCE}） (#{first.seq})"
        )
        assert sentence(fixed, "en", plan, {}).startswith("A: ISMAP registration now no, seen 2026-10-01")
        assert "理由: 誤記" in sentence(fixed, "ja", plan, {})
        assert sentence(gone, "ja", plan, {}).startswith("A の ISMAP 登録 の記録を取消し。理由: 登録の取消し")
        masked = blind_event(first, {"a": "X"}, "ja")
        assert SOURCE not in str(masked.payload) and "C21-0001-1" not in str(masked.payload)
        assert masked.payload["as_of"] == "2026-10-01" and masked.payload["value"] is True


def test_a_blinded_evaluation_keeps_no_source_or_id_of_a_fact(ws: Workspace) -> None:
    """While blind every reader of the evaluation (documents or the library) sees labels, values and dates:
    no source (a vendor's page), number, remark, origin or reason, and no tool id in the facts."""
    from toolbench.methods.evaluation import blinded

    labels = {"a": "K1", "b": "K2", "c": "K3", "d": "K4"}
    shown = blinded(ws.evaluate(), labels, "commitment")
    assert shown.facts is not None and {tool for tool, _ in shown.facts.facts} == set(labels.values())
    seen = [r.fact for r in shown.facts.facts.values()]
    for result in shown.results:
        for cell in (result.cells["certs"].fact, result.musts["ismap"].facts):
            assert cell is not None and cell.tool == result.tool.id
            seen += [c.recorded.fact for c in cell.checks if c.recorded is not None]
    assert seen and all(f.source == "-" and f.number is None and f.page is None for f in seen)
    assert SOURCE not in repr(shown.results) and "C21-0001-1" not in repr(shown.results)
    assert shown.result("K1").cells["certs"].points == 10  # the figures are the same


def test_a_fact_not_recorded_waits_only_when_it_could_change_the_points(tmp_path: Path) -> None:
    """Rule: ISMAP or ISMAP-LIU → 10, else ISO/IEC 27001 → 5, else 0.

    a: ISMAP yes, the other two not recorded — whatever they say, the first combination holds: 10.
    b: ISMAP no, ISO 27001 yes, ISMAP-LIU not recorded — 10 if it holds, 5 if not: unscored.
    c: ISMAP no, ISMAP-LIU no, ISO 27001 not recorded — 5 or 0: unscored.
    d: all three no: 0 (scored; a recorded no is not a missing fact).
    """
    data = plan_data()
    data["criteria"][0] = {
        "id": "certs",
        "name": {"ja": "クラウド認証", "en": "Cloud certification"},
        "group": "g",
        "kind": "fact",
        "points": 10,
        "fact": {
            "facts": [{"key": "ismap"}, {"key": "ismap-liu"}, {"key": "iso27001"}],
            "combinations": [{"any": ["ismap", "ismap-liu"], "points": 10}, {"all": ["iso27001"], "points": 5}],
        },
    }
    given = {
        "a": [fact("ismap", True)],
        "b": [fact("ismap", False), fact("iso27001", True)],
        "c": [fact("ismap", False), fact("ismap-liu", False)],
        "d": [fact("ismap", False), fact("ismap-liu", False), fact("iso27001", False)],
    }
    with open_workspace(tmp_path / "w", data) as workspace:
        workspace.facts.record([(t, f) for t, facts in given.items() for f in facts], actor=OFFICE, now=NOW)
        evaluation = workspace.evaluate()
        cells = {r.tool.id: r.cells["certs"] for r in evaluation.results}
    assert {t: c.points for t, c in cells.items()} == {"a": 10, "b": None, "c": None, "d": 0}
    from toolbench.documents.matrix import matrix_view

    view = matrix_view(evaluation, "ja")
    row = next(r for r in view.rows if r.key == "certs")
    a_cell, b_cell = (row.cells[view.tool_ids.index(t)] for t in "ab")
    assert a_cell.value is not None and "missing" not in a_cell.flags
    assert "未記録ですが配点に影響しません: ISMAP-LIU 登録、ISO/IEC 27001 認証" in a_cell.notes
    assert b_cell.value is None and "missing" in b_cell.flags and "ISMAP-LIU 登録" in b_cell.detail
    assert cells["a"].fact is not None and cells["a"].fact.missing == ("ismap-liu", "iso27001")
    assert cells["a"].fact.combination == 0


def test_fact_check_asks_only_for_the_facts_that_could_change_something(ws: Workspace) -> None:
    """On the fixture: d has no certificates or terms (both cells need every fact: all five listed), and
    its ISMAP must-have has failed on two valid facts (nothing missing). a has no ISMAP-LIU fact, but its
    must-have passes on ISMAP (require any): ISMAP-LIU is not asked for."""
    from toolbench.methods.facts import attention

    assert ("a", "ismap-liu") not in ws.facts.current().facts
    found = attention(ws.plan, ws.facts.current(), date(2026, 12, 1), 90)
    assert [(m.tool, m.key, m.criteria) for m in found.missing] == [
        ("d", "iso27001", ("certs",)),
        ("d", "privacy-mark", ("certs",)),
        ("d", "data-location", ("terms",)),
        ("d", "ai-retention-days", ("terms",)),
        ("d", "governing-law", ("terms",)),
    ]
    assert [(f.tool, f.recorded.fact.key, f.days) for f in found.expired] == [("c", "iso27001", 1)]
    assert [(f.tool, f.recorded.fact.key, f.days) for f in found.stale] == [("c", "ismap", 181)]
    assert found.failing


# --- the facts' day: what moves it and what does not -----------------------------------------------


def test_bookkeeping_does_not_move_the_facts_day(tmp_path: Path) -> None:
    """Without `[facts] date`, facts are judged on the day the last fact or score was recorded: a's ISMAP
    expiring 2026-11-30 holds on 2026-11-20; locking and finalizing on 2027-01-10 change nothing (the
    finalized evaluation shows what was finalized), while a score recorded then would move the day."""
    data = plan_data(facts={"max_age_days": 180})
    with open_workspace(tmp_path / "w", data) as workspace:
        facts = [fact("ismap", True, expires="2026-11-30"), fact("ismap-liu", False)]
        workspace.facts.record([("a", f) for f in facts], actor=OFFICE, now=NOW)
        workspace.record_scores("a", "e1", {"q": "a"}, actor="e1", now=NOW)
        before = workspace.evaluate()
        assert before.facts_on == date(2026, 11, 20) and before.result("a").musts["ismap"].verdict == "pass"
        later = datetime(2027, 1, 10, 1, 0, tzinfo=UTC)
        workspace.lock(actor=OFFICE, reason="規則を確定", now=later)
        from toolbench.workspace.archive import finalize

        finalize(workspace, OFFICE, now=later)
        after = workspace.evaluate()
        assert after.facts_on == date(2026, 11, 20) and after.result("a").musts["ismap"].verdict == "pass"
        assert after.finalization is not None and not after.finalization.changed


def test_a_closed_stage_judges_its_facts_on_the_day_it_closed(tmp_path: Path) -> None:
    """Stage s1 scores the certificates, s2 a rating. s1 closes on 2026-11-20 with a's ISO 27001 valid
    until 2026-11-30 (certs 10 for a). In January s2 opens and is scored, and a's certificate is recorded
    again as lapsed: s1's figures stay as they closed (the fact's day is the close's, and facts recorded
    after the close do not count there)."""
    data = plan_data(facts={"max_age_days": 180})
    certs = data["criteria"][0]
    rated = {"id": "p", "name": {"ja": "提案", "en": "Proposal"}, "group": "g", "scale": "abc", "points": 10}
    data["criteria"] = [certs, data["criteria"][3], rated]
    data["tools"] = data["tools"][:2]
    data["stages"] = [
        {"id": "s1", "name": "一次審査", "criteria": ["certs", "q"]},
        {"id": "s2", "name": "二次審査", "criteria": ["p"]},
    ]
    later = datetime(2027, 1, 12, 1, 0, tzinfo=UTC)
    with open_workspace(tmp_path / "w", data) as workspace:
        steps = workspace.steps
        steps.open_stage("s1", actor=OFFICE, now=NOW)
        given = {"a": [fact("iso27001", True, expires="2026-11-30"), fact("privacy-mark", True)]}
        given["b"] = [fact("iso27001", False), fact("privacy-mark", False)]
        workspace.facts.record([(t, f) for t, facts in given.items() for f in facts], actor=OFFICE, now=NOW)
        for tool in ("a", "b"):
            workspace.record_scores(tool, "e1", {"q": "a"}, actor="e1", now=NOW)
        steps.attend("s1", ["e1"], actor=OFFICE, now=NOW)
        steps.close_stage("s1", actor=OFFICE, now=NOW)
        closed = workspace.procedure().stage("s1").evaluation
        assert closed is not None and closed.result("a").cells["certs"].points == 10
        steps.open_stage("s2", actor=OFFICE, now=later)
        workspace.record_scores("a", "e1", {"p": "b"}, actor="e1", now=later)
        workspace.facts.record([("a", fact("iso27001", False, as_of="2027-01-12"))], actor=OFFICE, now=later)
        found = workspace.procedure()
        s1, s2 = found.stage("s1").evaluation, found.stage("s2").evaluation
        assert s1 is not None and s2 is not None
        assert s1.facts_on == date(2026, 11, 20) and s1.result("a").cells["certs"].points == 10
        assert s2.facts is None  # s2 reads no fact
        assert workspace.evaluate(stage="s1").result("a").cells["certs"].points == 10


def test_a_plan_names_a_fact_as_people_write_it(tmp_path: Path) -> None:
    """`{ key = "ISMS" }` in a plan is iso27001, as `toolbench fact add … ISMS …` records it."""
    data = plan_data()
    data["criteria"][0]["fact"] = {
        "facts": [{"key": "ISMS"}, {"key": "Pマーク"}],
        "combinations": [{"all": ["ISMS", "Pマーク"], "points": 10}, {"any": ["ISMS", "Pマーク"], "points": 5}],
    }
    with open_workspace(tmp_path / "w", data) as workspace:
        assert [c.key for c in workspace.plan.criteria[0].fact.facts] == ["iso27001", "privacy-mark"]  # type: ignore[union-attr]
        workspace.facts.record([("a", fact("ISMS", True)), ("a", fact("privacy-mark", False))], actor=OFFICE, now=NOW)
        assert workspace.evaluate().result("a").cells["certs"].points == 5
