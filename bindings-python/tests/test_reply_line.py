"""parse_reply_line: core's ReplyLine from Python, str and bytes, errors as
ParseError, wrong types as TypeError, and the reply vectors line by line."""

from __future__ import annotations

import json
import random
import re
from typing import Any, Dict, List

import pytest

import smtp_codes as sc
from conftest import VECTORS
from smtp_codes import EnhancedCode, ParseError, ReplyCode, ReplyLine

REPLY_CASES: List[Dict[str, Any]] = json.loads((VECTORS / "replies.json").read_text("utf-8"))["cases"]


def test_continuation_line() -> None:
    for data in (
        "550-5.1.1 The email account that you tried to reach does not exist.\r\n",
        b"550-5.1.1 The email account that you tried to reach does not exist.\r\n",
        bytearray(b"550-5.1.1 The email account that you tried to reach does not exist.\n"),
    ):
        line = sc.parse_reply_line(data)
        assert isinstance(line, ReplyLine)
        assert line.code is ReplyCode.MAILBOX_UNAVAILABLE
        assert not line.is_last
        assert line.enhanced == "5.1.1" and isinstance(line.enhanced, EnhancedCode)
        assert line.mismatched_enhanced is None
        assert line.text == "The email account that you tried to reach does not exist."
        assert repr(line) == '<ReplyLine 550-5.1.1 "The email account that you tried to reach does not exist.">'


def test_last_and_bare_lines() -> None:
    bare = sc.parse_reply_line(b"250")
    assert bare.is_last and bare.text == "" and bare.enhanced is None
    assert sc.parse_reply_line("250 OK").is_last
    assert not sc.parse_reply_line("250-PIPELINING").is_last
    ms = sc.parse_reply_line(b"550 #5.7.606 Access denied, banned sending IP\n")
    assert ms.enhanced is not None and ms.enhanced.detail == 606
    assert ms.text == "Access denied, banned sending IP"


def test_mismatched_enhanced_stays_in_the_text() -> None:
    odd = sc.parse_reply_line(b"250 5.1.1 ok")
    assert odd.enhanced is None
    assert odd.mismatched_enhanced == "5.1.1"
    assert odd.text == "5.1.1 ok"
    later = sc.parse_reply_line("451 5.7.1 try later")
    assert later.enhanced is None and later.mismatched_enhanced == EnhancedCode("5.7.1")
    # 3yz replies carry no enhanced code.
    go = sc.parse_reply_line("354 2.0.0 go ahead")
    assert (go.enhanced, go.mismatched_enhanced, go.text) == (None, None, "2.0.0 go ahead")


def test_code_is_a_member_or_an_int() -> None:
    assert sc.parse_reply_line("421 bye").code is ReplyCode(421)
    odd = sc.parse_reply_line("259 odd")
    assert odd.code == 259 and type(odd.code) is int


def test_text_is_decoded_as_reply_lines_are() -> None:
    for data in (b"250 \xff caf\xc3\xa9", "250 café".encode()):
        assert sc.parse_reply_line(data).text == sc.parse_reply(data).lines[0]
    assert sc.parse_reply_line("250 café").text == "café"


def test_equality() -> None:
    a = sc.parse_reply_line("550 5.1.1 no")
    assert a == sc.parse_reply_line(b"550 5.1.1 no\r\n")
    assert a != sc.parse_reply_line("550-5.1.1 no")
    assert a != sc.parse_reply_line("550 5.1.1 No")
    assert a != "550 5.1.1 no"


@pytest.mark.parametrize(
    ("data", "kind", "offset"),
    [
        ("", "empty", 0),
        (b"\r\n", "empty", 0),
        ("550x", "expected_separator", 3),
        ("2500 x", "too_many_digits", 3),
        ("55", "expected_digit", 2),
        ("650 x", "reply_class", 0),
        (b"\xff50 x", "expected_digit", 0),
    ],
)
def test_errors(data: Any, kind: str, offset: int) -> None:
    with pytest.raises(ParseError) as info:
        sc.parse_reply_line(data)
    e = info.value
    assert isinstance(e, ValueError)
    assert (e.kind, e.offset, e.line) == (kind, offset, None)
    assert str(e).startswith("invalid reply line")


def test_error_offsets_of_str_input_are_str_indices() -> None:
    # "é" is two bytes in UTF-8 but one character of the str.
    with pytest.raises(ParseError) as info:
        sc.parse_reply_line("5é0 x")
    assert info.value.offset == 1
    with pytest.raises(ParseError) as info:
        sc.parse_reply_line("5é0 x".encode())
    assert info.value.offset == 1


def test_wrong_types() -> None:
    for bad in (250, None, 2.5, ["250 ok"], memoryview(b"250 ok")):
        with pytest.raises(TypeError, match="data must be str or bytes"):
            sc.parse_reply_line(bad)  # type: ignore[arg-type]
    with pytest.raises(UnicodeEncodeError):
        sc.parse_reply_line("250 \udcff")
    with pytest.raises(TypeError):
        ReplyLine()  # type: ignore[call-arg]


def test_garbage_never_crashes() -> None:
    rng = random.Random(7)
    alphabet = b"0123456789 -.#\r\n\t25xX\x00\xff\xc3\xa9"
    for _ in range(5000):
        data = bytes(rng.choice(alphabet) for _ in range(rng.randrange(0, 24)))
        try:
            line = sc.parse_reply_line(data)
        except ParseError as e:
            assert e.offset is not None and e.offset <= len(data)
        else:
            repr(line)


def _lines(case: Dict[str, Any]) -> List[str]:
    return [ln for ln in re.split(r"\r?\n", case["input"]) if ln]


# Well-formed replies given as text: each line, read alone, is one of the reply's lines.
LINE_CASES = [
    c
    for c in REPLY_CASES
    if "expect" in c and "input" in c and not c["expect"]["defects"] and len(_lines(c)) == len(c["expect"]["lines"])
]


def test_line_cases_are_there() -> None:
    assert len(LINE_CASES) >= 15


@pytest.mark.parametrize("case", LINE_CASES, ids=[c["name"] for c in LINE_CASES])
def test_reply_vectors_line_by_line(case: Dict[str, Any]) -> None:
    expect = case["expect"]
    lines = _lines(case)
    parsed = [sc.parse_reply_line(ln) for ln in lines]
    assert [ln.code for ln in parsed] == [expect["code"]] * len(lines)
    assert [ln.is_last for ln in parsed] == [False] * (len(lines) - 1) + [True]
    assert [ln.text for ln in parsed] == expect["lines"]
    first = parsed[0].enhanced
    assert (str(first) if first else None) == expect["enhanced"]
