"""provider_rules() and text_rules(): core's rule tables from Python, equal
to the rows of the registry's CSV files, and the same objects as the rule
a verdict's evidence names."""

from __future__ import annotations

import csv
import json
from typing import Any, Dict, List

import pytest

import smtp_codes as sc
from conftest import REPO, VECTORS
from smtp_codes import Action, ProviderRule, Reason, TextRule


def _rows(name: str) -> List[Dict[str, str]]:
    with open(REPO / "registry" / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_provider_rules_are_the_csv_rows() -> None:
    rules = sc.provider_rules()
    rows = _rows("provider-rules.csv")
    assert len(rules) == len(rows) > 100
    for rule, row in zip(rules, rows):
        assert isinstance(rule, ProviderRule)
        assert (rule.provider, rule.text, rule.source) == (row["Provider"], row["Text"], row["Source"])
        assert ";".join(rule.domains) == row["Domains"]
        assert rule.code == (row["Code"] or None)
        assert rule.reason is Reason(row["Reason"]) and rule.action is Action(row["Action"])


def test_text_rules_are_the_csv_rows() -> None:
    rules = sc.text_rules()
    rows = _rows("text-rules.csv")
    assert len(rules) == len(rows) > 50
    for rule, row in zip(rules, rows):
        assert isinstance(rule, TextRule)
        assert (rule.phrase, rule.source) == (row["Phrase"], row["Source"])
        assert rule.reason is Reason(row["Reason"])


def test_rules_compare_and_hash_as_core_does() -> None:
    p, t = sc.provider_rules(), sc.text_rules()
    assert p == sc.provider_rules() and t == sc.text_rules()
    assert len(set(p)) == len(p) and len(set(t)) == len(t)
    assert hash(p[0]) == hash(sc.provider_rules()[0])
    assert p[0] != p[1] and t[0] != t[1]
    assert p[0] != t[0] and t[0] != t[0].phrase and p[0] != None  # noqa: E711
    assert repr(p[0]).startswith("<ProviderRule gmail code=4.7.26 text=") and "reason=authfailure" in repr(p[0])
    assert repr(t[0]) == f'<TextRule "{t[0].phrase}" reason={t[0].reason.value}>'


def test_evidence_names_a_listed_rule() -> None:
    v = sc.classify(
        "550 5.7.606 Access denied, banned sending IP [203.0.113.7]",
        remote_host="example-com.mail.protection.outlook.com",
    )
    assert v.decided_by == "provider_rule" and v.evidence.text_rule is None
    rule = v.evidence.provider_rule
    assert rule is not None and rule in sc.provider_rules()
    assert (rule.provider, rule.source) == (v.evidence.provider, v.evidence.source) == ("microsoft", rule.source)
    assert (rule.reason, rule.action) == (v.reason, v.action)

    t = sc.classify("550 Relay access denied")
    assert t.decided_by == "text_rule" and t.evidence.provider_rule is None
    text_rule = t.evidence.text_rule
    assert text_rule is not None and text_rule in sc.text_rules()
    assert (text_rule.phrase, text_rule.source) == (t.evidence.phrase, t.evidence.source)
    assert text_rule.reason == t.reason

    none = sc.classify("250 OK")
    assert none.evidence.provider_rule is None and none.evidence.text_rule is None


def test_every_verdict_vector_names_a_listed_rule() -> None:
    cases: List[Dict[str, Any]] = json.loads((VECTORS / "verdicts.json").read_text("utf-8"))["cases"]
    providers, texts = set(sc.provider_rules()), set(sc.text_rules())
    seen = {"provider_rule": 0, "text_rule": 0}
    for case in cases:
        diagnostic = case["input"].get("diagnostic")
        host = case["input"].get("remote_host")
        e = sc.classify(diagnostic, remote_host=host).evidence
        if e.provider_rule is not None:
            assert e.provider_rule in providers and e.provider == e.provider_rule.provider
            assert e.source == e.provider_rule.source
            seen["provider_rule"] += 1
        if e.text_rule is not None:
            assert e.text_rule in texts and e.phrase == e.text_rule.phrase
            assert e.source == e.text_rule.source
            seen["text_rule"] += 1
        assert (e.provider_rule is not None) == (e.decided_by == "provider_rule")
        assert (e.text_rule is not None) == (e.decided_by == "text_rule")
    assert seen["provider_rule"] > 10 and seen["text_rule"] > 10


def test_wrong_types() -> None:
    with pytest.raises(TypeError):
        sc.provider_rules(1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        sc.text_rules("x")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        ProviderRule()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        TextRule()  # type: ignore[call-arg]
    with pytest.raises(AttributeError):
        sc.text_rules()[0].phrase = "x"  # type: ignore[misc]
