"""render_reply: core's ReplyWriter from Python, its refusals as RenderError,
wrong types as TypeError, and what it writes parsed back."""

from __future__ import annotations

import pickle
from typing import Any, List, Optional

import pytest

import smtp_codes as sc
from smtp_codes import EnhancedCode, ParseError, RenderError, ReplyCode

KINDS = ("enhanced_class_mismatch", "enhanced_on_intermediate", "line_break", "line_too_long", "ambiguous_text")


def test_documented_example() -> None:
    text = sc.render_reply(550, ["No such user", "Try again"], enhanced="5.1.1")
    assert text == "550-5.1.1 No such user\r\n550 5.1.1 Try again\r\n"
    assert type(text) is str
    back = sc.parse_reply(text, strict=True)
    assert (back.code, back.enhanced, back.lines) == (550, "5.1.1", ["No such user", "Try again"])


def test_bare_code_line() -> None:
    assert sc.render_reply(250) == "250\r\n"
    assert sc.render_reply(250, []) == "250\r\n"
    assert sc.render_reply(250, ()) == "250\r\n"
    assert sc.render_reply(250, enhanced="2.0.0") == "250 2.0.0\r\n"
    assert sc.render_reply(354) == "354\r\n"


def test_one_line_as_str() -> None:
    assert sc.render_reply(250, "OK") == "250 OK\r\n"
    assert sc.render_reply(250, "OK") == sc.render_reply(250, ["OK"])
    assert sc.render_reply(250, "OK", enhanced="2.0.0") == "250 2.0.0 OK\r\n"
    assert sc.render_reply(250, ("a", "b")) == "250-a\r\n250 b\r\n"
    assert sc.render_reply(220, "mx.example.com ESMTP ready é") == "220 mx.example.com ESMTP ready é\r\n"


def test_code_and_enhanced_forms() -> None:
    expected = "552 5.2.2 Mailbox full\r\n"
    e = EnhancedCode("5.2.2")
    for code in (552, ReplyCode.EXCEEDED_STORAGE_ALLOCATION):
        for enhanced in ("5.2.2", e):
            assert sc.render_reply(code, ["Mailbox full"], enhanced=enhanced) == expected
    assert sc.render_reply(ReplyCode.OK, "x", enhanced=None) == "250 x\r\n"
    assert sc.render_reply(259, "odd but valid") == "259 odd but valid\r\n"  # no RFC defines 259


@pytest.mark.parametrize(
    "code, lines, enhanced, kind, line",
    [
        (550, ["full"], "4.2.2", "enhanced_class_mismatch", None),
        (250, [], "5.0.0", "enhanced_class_mismatch", None),
        (354, ["Start mail input"], "2.0.0", "enhanced_on_intermediate", None),
        (250, ["a", "b\r\nc"], None, "line_break", 1),
        (250, ["a\n"], "2.0.0", "line_break", 0),
        (250, ["a", "b", "x" * 507], None, "line_too_long", 2),
        (250, ["x" * 501], "2.0.0", "line_too_long", 0),
        (250, ["é" * 254], None, "line_too_long", 0),  # 508 octets of UTF-8 count, not 254 characters
        (250, ["ok", "5.1.1 looks like a code"], None, "ambiguous_text", 1),
        (250, [" leading space"], "2.0.0", "ambiguous_text", 0),
    ],
)
def test_render_errors(code: int, lines: List[str], enhanced: Optional[str], kind: str, line: Optional[int]) -> None:
    with pytest.raises(RenderError) as info:
        sc.render_reply(code, lines, enhanced=enhanced)
    e = info.value
    assert isinstance(e, ValueError) and not isinstance(e, ParseError)
    assert (e.kind, e.line) == (kind, line)
    assert kind in KINDS
    if line is not None:
        assert str(e).startswith(f"line {line} ")
    again = pickle.loads(pickle.dumps(e))
    assert (type(again), str(again), again.kind, again.line) == (RenderError, str(e), e.kind, e.line)


def test_limits_are_exact() -> None:
    # 512 octets with code, enhanced code and CRLF: the longest lines allowed.
    assert len(sc.render_reply(250, "x" * 506).encode()) == 512
    assert len(sc.render_reply(250, "x" * 500, enhanced="2.0.0").encode()) == 512
    assert sc.render_reply(354, "5.1.1 is only text here") == "354 5.1.1 is only text here\r\n"


def test_render_error_messages_are_cores() -> None:
    with pytest.raises(RenderError, match="^3yz replies carry no enhanced status code$"):
        sc.render_reply(354, enhanced="2.0.0")
    with pytest.raises(RenderError, match="^line 0 contains CR or LF$"):
        sc.render_reply(250, "a\rb")


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: sc.render_reply(None), "code must be int or ReplyCode, not NoneType"),  # type: ignore[arg-type]
        (lambda: sc.render_reply(250.0), "code must be int or ReplyCode, not float"),  # type: ignore[arg-type]
        (lambda: sc.render_reply(250, b"OK"), "lines must be str or a sequence of str, not bytes"),  # type: ignore[arg-type]
        (lambda: sc.render_reply(250, bytearray(b"OK")), "lines must be str or a sequence of str, not bytearray"),  # type: ignore[arg-type]
        (lambda: sc.render_reply(250, 7), "lines must be str or a sequence of str, not int"),  # type: ignore[arg-type]
        (lambda: sc.render_reply(250, {"a"}), "lines must be str or a sequence of str, not set"),  # type: ignore[arg-type]
        (lambda: sc.render_reply(250, ["a", b"b"]), "each line must be str, not bytes"),  # type: ignore[list-item]
        (lambda: sc.render_reply(250, [None]), "each line must be str, not NoneType"),  # type: ignore[list-item]
        (lambda: sc.render_reply(250, enhanced=5), "must be str or bytes, not int"),  # type: ignore[arg-type]
    ],
)
def test_wrong_types(call: Any, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        call()


def test_bad_values() -> None:
    with pytest.raises(ValueError, match="650 is not a reply code"):
        sc.render_reply(650)
    with pytest.raises(ValueError, match="is not a reply code"):
        sc.render_reply(-250)
    with pytest.raises(ParseError) as info:
        sc.render_reply(550, "x", enhanced="5.1")
    assert info.value.kind == "expected_dot"
    with pytest.raises(ParseError):
        sc.render_reply(550, "x", enhanced="5.1.1 ")
    with pytest.raises(UnicodeEncodeError):
        sc.render_reply(250, "\udcff")


def test_keyword_only_enhanced() -> None:
    with pytest.raises(TypeError):
        sc.render_reply(550, ["x"], "5.1.1")  # type: ignore[call-arg]
    assert sc.render_reply(code=550, lines=["x"], enhanced="5.1.1") == "550 5.1.1 x\r\n"
