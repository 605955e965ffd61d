"""The shared vectors: the binding answers exactly as core does
(core/tests/vectors.rs, core/tests/verdicts.rs, core/tests/dsn.rs)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

import smtp_codes as sc
from conftest import DSN_DATA, VECTORS

REPLY_CASES: List[Dict[str, Any]] = json.loads((VECTORS / "replies.json").read_text("utf-8"))["cases"]
VERDICT_CASES: List[Dict[str, Any]] = json.loads((VECTORS / "verdicts.json").read_text("utf-8"))["cases"]


def _input(case: Dict[str, Any]) -> bytes:
    if "input_hex" in case:
        return bytes.fromhex(case["input_hex"])
    return case["input"].encode("utf-8")  # type: ignore[no-any-return]


def test_reply_vectors_are_there() -> None:
    assert len(REPLY_CASES) >= 25
    assert len(VERDICT_CASES) >= 200


@pytest.mark.parametrize("case", REPLY_CASES, ids=[c["name"] for c in REPLY_CASES])
def test_reply_vector(case: Dict[str, Any]) -> None:
    data = _input(case)
    strict = {"strict": True, "lenient": False}[case["mode"]]
    if "expect" in case:
        expect = case["expect"]
        reply = sc.parse_reply(data, strict=strict)
        assert reply.code == expect["code"]
        assert (str(reply.enhanced) if reply.enhanced else None) == expect["enhanced"]
        assert reply.lines == expect["lines"]
        assert reply.text == "\n".join(expect["lines"])
        assert sorted(reply.defects) == expect["defects"]
        assert reply.raw == data
        assert reply.is_multiline == (len(expect["lines"]) > 1)
        # The same from a str, where the input is text.
        if "input" in case:
            assert sc.parse_reply(case["input"], strict=strict).lines == expect["lines"]
    else:
        expect = case["expect_error"]
        with pytest.raises(sc.ParseError) as info:
            sc.parse_reply(data, strict=strict)
        assert info.value.kind == expect["kind"]
        assert info.value.offset == expect["offset"]
        assert info.value.line == expect["line"]
        assert f"byte {expect['offset']}" in str(info.value)


def test_reply_vectors_in_one_batch() -> None:
    lenient = [c for c in REPLY_CASES if c["mode"] == "lenient"]
    results = sc.parse_reply_many([_input(c) for c in lenient])
    assert len(results) == len(lenient)
    for case, result in zip(lenient, results):
        if "expect" in case:
            assert isinstance(result, sc.Reply), case["name"]
            assert result.lines == case["expect"]["lines"]
        else:
            assert isinstance(result, sc.ParseError), case["name"]
            assert result.kind == case["expect_error"]["kind"]


def test_reply_vectors_render_back() -> None:
    """Every reply that parses, rendered from its code, enhanced code and
    lines, parses back (strictly) to the same. Only a reply with defects may
    be refused: one a server that follows the RFCs would not have sent."""
    rendered, refused = 0, []
    for case in REPLY_CASES:
        if "expect" not in case:
            continue
        reply = sc.parse_reply(_input(case), strict=case["mode"] == "strict")
        try:
            text = sc.render_reply(reply.code, reply.lines, enhanced=reply.enhanced)
        except sc.RenderError as e:
            assert reply.defects, (case["name"], e.kind, e.line)
            refused.append((case["name"], e.kind, e.line))
            continue
        back = sc.parse_reply(text, strict=True)
        assert (back.code, back.enhanced, back.lines) == (reply.code, reply.enhanced, reply.lines), case["name"]
        assert back.defects == [] and back.raw == text.encode()
        rendered += 1
    # "250 5.1.1 odd": the text starts with a code, and would read back as one.
    assert refused == [("class-mismatch-kept-in-text", "ambiguous_text", 0)]
    assert rendered >= 20


def _classify_args(inp: Dict[str, Any]) -> Dict[str, Any]:
    """The inputs as core/tests/verdicts.rs reads them: the status is the
    first word of the DSN Status text when it is a code, the command what
    Command::parse reads."""
    args: Dict[str, Any] = {}
    status = (inp.get("status") or "").split()
    if status:
        try:
            args["status"] = sc.EnhancedCode(status[0])
        except sc.ParseError:
            pass
    if inp.get("reply_code") is not None:
        # Core ignores a number outside RFC 5321's grammar (570): so do we.
        try:
            sc.parse_reply(f"{inp['reply_code']}\r\n")
            args["reply_code"] = inp["reply_code"]
        except sc.ParseError:
            pass
    if inp.get("remote_host") is not None:
        args["remote_host"] = inp["remote_host"]
    if inp.get("command") is not None:
        command = sc.Command.parse(inp["command"])
        if command is not None:
            args["command"] = command
    return args


@pytest.mark.parametrize("case", VERDICT_CASES, ids=[c["id"] for c in VERDICT_CASES])
def test_verdict_vector(case: Dict[str, Any]) -> None:
    inp = case["input"]
    verdict = sc.classify(inp.get("diagnostic"), **_classify_args(inp))
    assert verdict.as_dict() == case["verdict"]
    # The enums say the same as the names.
    golden = case["verdict"]
    assert verdict.class_ == golden["class"]
    assert verdict.reason == golden["reason"]
    assert verdict.bounce == golden["bounce"]
    assert verdict.action == golden["action"]
    assert verdict.decided_by == golden["decided_by"]
    e = verdict.evidence
    assert (str(e.enhanced) if e.enhanced else None) == golden["enhanced"]
    assert e.reply_code == golden["reply_code"]


def test_verdict_vectors_in_one_batch() -> None:
    items = []
    for case in VERDICT_CASES:
        item = _classify_args(case["input"])
        if case["input"].get("diagnostic") is not None:
            item["diagnostic"] = case["input"]["diagnostic"]
        items.append(item)
    verdicts = sc.classify_many(items)
    assert [v.as_dict() for v in verdicts] == [c["verdict"] for c in VERDICT_CASES]


# ---------------------------------------------------------------------------
# DSN vectors: core/tests/data/dsn/ and its expectation tables.


def _tsv(name: str) -> List[List[str]]:
    lines = (DSN_DATA / name).read_text("utf-8").splitlines()[1:]
    return [line.split("\t") for line in lines if line]


def _opt(s: str) -> Optional[str]:
    return None if s == "-" else s


def _snake(camel: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", camel).lower()


EXPECTED_RECIPIENTS = _tsv("expected-recipients.tsv")
EXPECTED_ERRORS = _tsv("expected-errors.tsv")
DSN_FILES = sorted(p.name for p in DSN_DATA.iterdir() if p.suffix in (".eml", ".txt"))


def test_every_dsn_vector_has_expectations() -> None:
    listed = sorted({row[0] for row in EXPECTED_RECIPIENTS + EXPECTED_ERRORS})
    assert DSN_FILES == listed


def _parse_vector(name: str, **kw: Any) -> sc.DeliveryStatus:
    data = (DSN_DATA / name).read_bytes()
    return sc.parse_dsn(data, **kw)


@pytest.mark.parametrize("name", DSN_FILES)
def test_dsn_vector(name: str) -> None:
    # As core/tests/dsn.rs: .txt files are bodies, .eml files messages.
    as_message = name.endswith(".eml")
    errors = [row for row in EXPECTED_ERRORS if row[0] == name]
    if errors:
        with pytest.raises(sc.ParseError) as info:
            _parse_vector(name, message=as_message)
        accepted = [_snake(e) for e in errors[0][1].split("|")]
        assert info.value.kind in accepted
        return
    dsn = _parse_vector(name, message=as_message)
    rows = [row for row in EXPECTED_RECIPIENTS if row[0] == name]
    assert len(dsn) == len(rows) == len(dsn.recipients)
    for row in rows:
        r = dsn[int(row[1])]
        assert r.final_recipient == row[2]
        assert (r.action.value if r.action else None) == _opt(row[3])
        assert (str(r.status_code) if r.status_code else None) == _opt(row[4])
        assert (str(r.effective_status) if r.effective_status else None) == _opt(row[5])
        assert (str(int(r.reply_code)) if r.reply_code is not None else None) == _opt(row[6])
        assert isinstance(r.verdict, sc.Verdict)
    # Given without saying what it is, the same answer.
    auto = _parse_vector(name)
    assert [r.final_recipient for r in auto] == [r.final_recipient for r in dsn]
    assert [r.effective_status for r in auto] == [r.effective_status for r in dsn]


def test_dsn_verdict_reads_status_diagnostic_and_host() -> None:
    dsn = _parse_vector("exim-recipient-rejected.eml")
    r = dsn[0]
    direct = sc.classify(
        f"{r.diagnostic_type}; {r.diagnostic_code}",
        status=r.status_code,
        remote_host=r.remote_mta,
    )
    assert r.verdict == direct
    assert r.verdict.reason == sc.Reason.USERUNKNOWN
    assert r.verdict.bounce == sc.Bounce.HARD
