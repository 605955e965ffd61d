"""A user's code, checked by `mypy --strict` in test.sh (not a test module)."""

from __future__ import annotations

import smtplib
from typing import Dict, List, Optional, Union

import smtp_codes as sc


def bounce_kind(diagnostic: str) -> str:
    verdict: sc.Verdict = sc.classify(diagnostic)
    reason: sc.Reason = verdict.reason
    if verdict.bounce is sc.Bounce.HARD:
        return f"hard: {reason.value}"
    return str(verdict.action)


def first_status(data: bytes) -> Optional[sc.EnhancedStatus]:
    reply = sc.parse_reply(data)
    code: Union[sc.ReplyCode, int] = reply.code
    if isinstance(code, sc.ReplyCode) and code.is_permanent_negative:
        print(code.phrase)
    enhanced: Optional[sc.EnhancedCode] = reply.enhanced
    return enhanced.status if enhanced is not None else None


def refused(exc: smtplib.SMTPRecipientsRefused) -> Dict[str, sc.Reason]:
    verdicts = sc.classify_exception(exc)
    assert isinstance(verdicts, dict)
    return {addr: v.reason for addr, v in verdicts.items()}


def from_smtplib(exc: smtplib.SMTPResponseException) -> List[str]:
    return sc.parse_reply(exc).lines


def batch(lines: List[bytes]) -> int:
    return sum(1 for r in sc.parse_reply_many(lines) if isinstance(r, sc.Reply) and r.code == 550)


def dsn(message: bytes) -> List[Optional[str]]:
    return [r.final_recipient for r in sc.parse_dsn(message) if r.verdict.class_ is sc.Outcome.PERMANENT]


def registry() -> int:
    total = sum(1 for s in sc.EnhancedStatus if s.subject is sc.Subject.ADDRESSING)
    ok: int = sc.ReplyCode.OK + 0
    mailbox_full: sc.EnhancedStatus = sc.EnhancedStatus.MAILBOX_FULL
    return total + ok + len(mailbox_full.sample_text)


def server_reply(lines: List[str]) -> str:
    try:
        return sc.render_reply(sc.ReplyCode.MAILBOX_UNAVAILABLE, lines, enhanced=sc.EnhancedCode("5.1.1"))
    except sc.RenderError as e:
        line: Optional[int] = e.line
        return sc.render_reply(451, f"cannot say it: {e.kind} at {line}", enhanced="4.3.0")


def one_line(data: Union[str, bytes]) -> Optional[str]:
    line: sc.ReplyLine = sc.parse_reply_line(data)
    wrong: Optional[sc.EnhancedCode] = line.mismatched_enhanced
    if line.is_last and wrong is None:
        return line.text
    return str(line.enhanced) if line.enhanced is not None else None


def rules_for(reason: sc.Reason) -> List[str]:
    phrases = [r.phrase for r in sc.text_rules() if r.reason is reason]
    providers = [r.provider for r in sc.provider_rules() if r.action is sc.Action.RETRY]
    rule: Optional[sc.ProviderRule] = sc.classify("550 x").evidence.provider_rule
    text: Optional[sc.TextRule] = sc.classify("550 x").evidence.text_rule
    return phrases + providers + [str(rule), str(text)]


def digits(code: int) -> str:
    cls: sc.ReplyClass = sc.reply_class(code)
    cat: sc.ReplyCategory = sc.reply_category(code)
    return f"{cls.phrase}, {cat.phrase}: {int(cls)}{int(cat)}"
