"""Replies, streams, batches, codes in text, EHLO, classify: str and bytes,
errors and wrong types, and garbage that must never crash."""

from __future__ import annotations

import pickle
import random

import pytest

import smtp_codes as sc
from smtp_codes import EnhancedCode, ParseError, Reply, ReplyCode


def test_parse_reply_str_and_bytes() -> None:
    for data in ("250 2.0.0 OK queued\r\n", b"250 2.0.0 OK queued\r\n", bytearray(b"250 2.0.0 OK queued\r\n")):
        r = sc.parse_reply(data)
        assert r.code is ReplyCode.OK and r.code == 250
        assert r.enhanced == "2.0.0" and isinstance(r.enhanced, EnhancedCode)
        assert r.lines == ["OK queued"] and r.text == "OK queued"
        assert not r.is_multiline and r.defects == []
        assert r.raw == b"250 2.0.0 OK queued\r\n"


def test_parse_reply_unknown_code_is_an_int() -> None:
    r = sc.parse_reply("259 odd\r\n")
    assert r.code == 259 and type(r.code) is int


def test_parse_reply_multiline_and_defects() -> None:
    r = sc.parse_reply("550-5.1.1 a\n550 5.1.1 b\n")
    assert r.is_multiline and r.lines == ["a", "b"] and r.text == "a\nb"
    assert r.defects == ["bare_lf"]
    assert set(r.defects) <= set(sc.REPLY_DEFECTS)
    assert "Reply 550 5.1.1" in repr(r)
    lenient = sc.parse_reply("250-first\r\n251 second\r\n")
    assert lenient.code == 250 and "code_mismatch" in lenient.defects
    with pytest.raises(ParseError) as info:
        sc.parse_reply("250-first\r\n251 second\r\n", strict=True)
    assert info.value.kind == "code_mismatch"
    with pytest.raises(ParseError) as info:
        sc.parse_reply("250-a\r\n250-b\r\n250 c\r\n", max_lines=2)
    assert info.value.kind == "too_many_lines"


def test_parse_error_says_where_and_what() -> None:
    with pytest.raises(ParseError) as info:
        sc.parse_reply(b"250-a\r\nxyz\r\n")
    e = info.value
    assert isinstance(e, ValueError)
    assert (e.kind, e.offset, e.line) == ("expected_digit", 7, 1)
    assert str(e) == "invalid reply at byte 7 (line 2): expected a digit"
    again = pickle.loads(pickle.dumps(e))
    assert (str(again), again.kind, again.offset, again.line) == (str(e), e.kind, e.offset, e.line)


def test_offsets_of_str_input_are_str_indices() -> None:
    text = "250-é\r\nxyz\r\n"  # "é" is two bytes in UTF-8
    with pytest.raises(ParseError) as info:
        sc.parse_reply(text)
    assert info.value.offset == text.index("xyz")
    with pytest.raises(ParseError) as info:
        sc.parse_reply(text.encode())
    assert info.value.offset == text.encode().index(b"xyz")


def test_wrong_types() -> None:
    with pytest.raises(TypeError, match="expected str or bytes, or an SMTP exception"):
        sc.parse_reply(250)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        sc.parse_reply(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        sc.parse_reply_many([b"250 ok\r\n", 3])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        sc.classify(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        sc.classify("x", remote_host=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="unexpected key"):
        sc.classify_many([{"diagnostic": "x", "reply": 550}])
    with pytest.raises(TypeError):
        sc.find_codes(["550"])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        sc.parse_dsn(1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        sc.parse_ehlo(1)  # type: ignore[arg-type]


def test_unicode_errors_are_value_errors() -> None:
    with pytest.raises(UnicodeEncodeError):
        sc.parse_reply("250 \udcff\r\n")


def test_parse_reply_many() -> None:
    out = sc.parse_reply_many(["250 ok\r\n", b"xyz\r\n", "550 5.1.1 no\r\n"])
    assert isinstance(out[0], Reply) and isinstance(out[1], ParseError) and isinstance(out[2], Reply)
    assert out[1].kind == "expected_digit"
    assert sc.parse_reply_many(iter([b"250 ok\r\n"]))[0].code == 250
    assert sc.parse_reply_many([]) == []


def test_parse_replies_of_a_transcript() -> None:
    transcript = "220 mx.example.com ESMTP\r\nEHLO me\r\n250-mx\r\n250 SIZE 10\r\n550 5.1.1 no\r\n"
    out = sc.parse_replies(transcript)
    assert [type(x).__name__ for x in out] == ["Reply", "ParseError", "Reply", "Reply"]
    assert [x.code for x in out if isinstance(x, Reply)] == [220, 250, 550]
    assert out[2].raw == b"250-mx\r\n250 SIZE 10\r\n"
    assert out[1].offset == transcript.index("EHLO")


def test_reply_reader_streams() -> None:
    reader = sc.ReplyReader()
    assert reader.feed(b"250-mx.exa") == []
    assert reader.buffered == 10
    assert reader.feed(b"mple.com\r\n250-PIPE") == []
    got = reader.feed(b"LINING\r\n250 OK\r\n354 go ahead\r\n")
    assert [(r.code, r.lines) for r in got] == [(250, ["mx.example.com", "PIPELINING", "OK"]), (354, ["go ahead"])]
    assert reader.buffered == 0
    reader.close()


def test_reply_reader_errors() -> None:
    reader = sc.ReplyReader()
    with pytest.raises(ParseError) as info:
        reader.feed(b"hello\r\n")
    assert info.value.kind == "expected_digit"
    assert reader.buffered == 0
    # Replies completed before a bad one are returned; the error comes next.
    got = reader.feed(b"250 ok\r\nbad\r\n")
    assert [r.code for r in got] == [250]
    with pytest.raises(ParseError):
        reader.feed(b"")
    reader.feed(b"250-cut")
    with pytest.raises(ParseError) as info:
        reader.close()
    assert info.value.kind == "incomplete"


def test_find_codes() -> None:
    log = "status=bounced (host mx.example.com[203.0.113.5] said: 550 5.1.1 <x@example.com>: User unknown)"
    found = sc.find_codes(log)
    assert [str(f.code) for f in found] == ["550", "5.1.1"]
    assert found[0].code is ReplyCode.MAILBOX_UNAVAILABLE and not found[0].is_enhanced
    assert found[1].is_enhanced and found[1].context == "after_reply"
    assert found[1].after_reply == 550 and found[1].agrees_with_reply
    start, end = found[1].span
    assert log[start:end] == "5.1.1"
    assert sc.best_reply(log) == 550
    assert sc.best_enhanced(log) == "5.1.1"
    assert sc.best_reply("nothing here") is None and sc.best_enhanced(b"") is None
    # Spans index the str, whatever its characters.
    text = "défaut: 550 5.7.1 refusé"
    f = sc.find_codes(text)
    assert [text[a:b] for a, b in (x.span for x in f)] == ["550", "5.7.1"]
    assert [bytes_span for bytes_span in (x.span for x in sc.find_codes(text.encode()))][0] == (9, 12)


def test_classify_arguments() -> None:
    v = sc.classify("550 5.1.1 <x@example.com>: Recipient address rejected: User unknown")
    assert (v.class_, v.reason, v.bounce, v.action) == ("permanent", "userunknown", "hard", "remove")
    assert v.decided_by is sc.DecidedBy.STATUS_CODE
    assert v.evidence.enhanced == "5.1.1" and v.evidence.reply_code is ReplyCode.MAILBOX_UNAVAILABLE
    assert v.evidence.why
    assert "Verdict class=permanent" in repr(v)
    # Keyword forms, status as text or code, reply code as int or member.
    v2 = sc.classify(status="5.2.2", reply_code=ReplyCode.EXCEEDED_STORAGE_ALLOCATION)
    assert v2.reason == sc.Reason.MAILBOXFULL
    assert sc.classify(status=EnhancedCode("4.2.2")).action == "retry"
    assert sc.classify(b"421 try again later", command="MAIL").class_ == "transient"
    assert sc.classify().class_ == "unknown"
    refused_mail = sc.classify(reply_code=550, command=sc.Command.MAIL)
    assert refused_mail.reason == "rejected" and refused_mail.decided_by == "command"
    with pytest.raises(ValueError, match="not an SMTP command"):
        sc.classify("x", command="FROB")
    with pytest.raises(ValueError, match="not a reply code"):
        sc.classify("x", reply_code=600)
    with pytest.raises(ParseError):
        sc.classify("x", status="5.1")


def test_classify_evidence_of_rules() -> None:
    v = sc.classify("550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy",
                    remote_host="mx.google.com")
    assert v.decided_by == "provider_rule" and v.evidence.provider and v.evidence.source
    text = "Your message could not be delivered: mailbox is full, try again later"
    t = sc.classify(text)
    if t.decided_by == "text_rule":
        assert t.evidence.phrase is not None and t.evidence.matched is not None
        a, b = t.evidence.matched
        assert text[a:b].lower() == t.evidence.phrase.lower()


def test_classify_many_forms() -> None:
    items = ["550 5.1.1 unknown", b"452 4.2.2 full", {"status": "5.7.1", "command": "RCPT"}]
    out = sc.classify_many(items)
    assert [v.reason for v in out] == [sc.classify(x).reason for x in items[:2]] + [sc.classify(status="5.7.1", command="RCPT").reason]
    many = sc.classify_many(["550 5.1.1 unknown"] * 200)
    assert len(many) == 200 and all(v == many[0] for v in many)
    assert sc.classify_many(iter(["x"]))[0].class_ == "unknown"


def test_parse_ehlo() -> None:
    raw = b"250-mx.example.com Hello [192.0.2.1]\r\n250-SIZE 52428800\r\n250-8BITMIME\r\n250-AUTH PLAIN LOGIN\r\n250-LIMITS RCPTMAX=20 MAILMAX=5\r\n250-XCLIENT NAME ADDR\r\n250-SIZE x\r\n250 STARTTLS\r\n"
    e = sc.parse_ehlo(raw)
    assert e.domain == "mx.example.com" and e.greeting == "Hello [192.0.2.1]"
    assert e.max_size == 52428800 and e.size_allows(1000) and not e.size_allows(10**9)
    assert e.auth == ["PLAIN", "LOGIN"]
    assert e.limits == {"RCPTMAX": "20", "MAILMAX": "5"} and e.rcpt_max == 20 and e.mail_max == 5
    assert e.rcpt_domain_max is None
    assert e.supports(sc.EhloKeyword.START_TLS) and e.supports("starttls") and e.supports("XCLIENT")
    assert not e.supports(sc.EhloKeyword.PIPELINING)
    assert e.get("xclient") is not None and e.get("XCLIENT").params == ["NAME", "ADDR"]  # type: ignore[union-attr]
    keywords = [x.keyword for x in e.extensions]
    assert keywords == ["SIZE", "8BITMIME", "AUTH", "LIMITS", "XCLIENT", "STARTTLS"]
    assert e.extensions[1].known is sc.EhloKeyword.EIGHT_BIT_MIME and e.extensions[4].known is None
    [err] = e.errors
    assert isinstance(err, ParseError) and err.kind == "invalid_size" and err.line == 6
    # smtplib keeps the text of the lines: ehlo_resp.
    lines = sc.parse_ehlo(["mx.example.com", "PIPELINING", b"SIZE 10"])
    assert lines.supports("PIPELINING") and lines.max_size == 10
    assert sc.parse_ehlo("250 mx.example.com\r\n").extensions == []
    with pytest.raises(ParseError) as info:
        sc.parse_ehlo("502 5.5.1 EHLO not supported\r\n")
    assert info.value.kind == "unexpected_code"
    with pytest.raises(ParseError) as info:
        sc.parse_ehlo([])
    assert info.value.kind == "no_greeting"


def test_parse_dsn_errors() -> None:
    with pytest.raises(ParseError) as info:
        sc.parse_dsn(b"Hello,\nyour message could not be delivered.\n", message=False)
    assert info.value.kind == "no_fields" and info.value.offset == 0
    with pytest.raises(ParseError) as info:
        sc.parse_dsn(b"Reporting-MTA: dns; x\n")
    assert info.value.kind in ("no_recipients", "not_a_report")
    body = "Reporting-MTA: dns; mail.example.org\n\nFinal-Recipient: rfc822;x@example.com\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: smtp; 550 5.1.1 <x@example.com>: Recipient address rejected\n"
    dsn = sc.parse_dsn(body)
    assert dsn.reporting_mta == "mail.example.org" and len(dsn) == 1 and dsn[-1] is not None
    r = dsn[0]
    assert r.action is sc.DsnAction.FAILED and r.status == "5.0.0" and r.effective_status == "5.1.1"
    assert r.diagnostic_type == "smtp" and r.diagnostic_code.startswith("550 5.1.1")  # type: ignore[union-attr]
    assert r.reply_code is ReplyCode.MAILBOX_UNAVAILABLE and r.verdict.reason == "userunknown"
    assert [x.final_recipient for x in dsn] == ["x@example.com"]
    with pytest.raises(IndexError):
        dsn[1]


def test_garbage_never_crashes() -> None:
    rng = random.Random(5)
    alphabet = b"0123456789 -.\r\n:;25xX\x00\xff\xc3\xa9SIZEAUTH"
    for _ in range(3000):
        data = bytes(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))
        for f in (sc.parse_reply, sc.parse_dsn, sc.parse_ehlo, EnhancedCode):
            try:
                f(data)  # type: ignore[operator]
            except ParseError:
                pass
        sc.find_codes(data)
        sc.classify(data)
        sc.parse_replies(data)
        reader = sc.ReplyReader()
        try:
            reader.feed(data)
            reader.close()
        except ParseError:
            pass
    big = b"550-" + b"x" * 100_000 + b"\r\n"
    with pytest.raises(ParseError):
        sc.parse_reply(big)
    assert sc.classify(b"5" * 1_000_000).class_ in ("unknown", "permanent")


def test_classify_many_large_batch_keeps_order() -> None:
    # Large batches run on several threads; the answers stay in order.
    items = [f"{c} {e} text {i}" for i in range(1500) for c, e in [("550", "5.1.1"), ("452", "4.2.2"), ("554", "5.7.1")]]
    out = sc.classify_many(items)
    assert [v.as_dict() for v in out] == [sc.classify(x).as_dict() for x in items]
