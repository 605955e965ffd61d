"""A pure-Python classifier that does core's job, for bench.py to compare with.

Built at import from the same registry files core is generated from
(registry/code-reasons.csv, text-rules.csv, provider-rules.csv) and written
as a Python programmer would write it without the library: dicts for the
code tables, plain `in` on the lower-cased text for the phrases, the codes
found with one regex and a few checks around each number. It follows core's
order of decision (core/src/classify.rs, registry/RULES.md): codes found in
the text, status resolution, provider rules by remote host or wording, the
definite code meanings, text phrases (first in the table wins), the code
hints, the command; then bounce and action from reason and class.

Where it differs from core: lower() is Unicode's where core folds ASCII
only; no evidence is kept. bench.py measures how often its verdicts agree
with core's.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any, Dict, List, NamedTuple, Optional, Tuple

REGISTRY = Path(__file__).resolve().parent.parent.parent / "registry"

Enhanced = Tuple[int, int, int]


class CodeRule(NamedTuple):
    """A row of code-reasons.csv."""

    reason: str
    definite: bool
    action: Optional[str]


class TextRule(NamedTuple):
    """A row of text-rules.csv."""

    phrase: str  # lower case
    reason: str
    klass: Optional[str]  # what the phrase alone implies: "transient", "permanent" or None


class ProviderRule(NamedTuple):
    """A row of provider-rules.csv; at most one of the three codes is set."""

    order: int  # the row's place: the first matching row wins
    domains: Tuple[str, ...]
    enhanced: Optional[Enhanced]
    detail_range: Optional[Tuple[int, int, int, int]]  # class, subject, lowest and highest detail
    reply: Optional[int]
    text: str  # lower case, or empty
    reason: str
    action: str

    def code_matches(self, codes: Tuple[Optional[Enhanced], Optional[Enhanced]], reply: Optional[int]) -> bool:
        if self.enhanced is not None:
            return self.enhanced in codes
        if self.detail_range is not None:
            c, s, lo, hi = self.detail_range
            return any(e is not None and e[0] == c and e[1] == s and lo <= e[2] <= hi for e in codes)
        if self.reply is not None:
            return reply == self.reply
        return True


def _rows(name: str) -> List[Dict[str, str]]:
    with open(REGISTRY / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _enhanced(s: str) -> Enhanced:
    c, s_, d = s.split(".")
    return int(c), int(s_), int(d)


def _provider_rule(index: int, row: Dict[str, str]) -> ProviderRule:
    code = row["Code"]
    enhanced = detail_range = reply = None
    if "-" in code:
        lo, hi = (_enhanced(x) for x in code.split("-"))
        detail_range = (lo[0], lo[1], lo[2], hi[2])
    elif "." in code:
        enhanced = _enhanced(code)
    elif code:
        reply = int(code)
    return ProviderRule(
        index, tuple(row["Domains"].split(";")), enhanced, detail_range, reply,
        row["Text"].lower(), row["Reason"], row["Action"],
    )


STATUS_RULES: Dict[Tuple[int, int], CodeRule] = {}  # X.1.1: (1, 1)
SUBJECT_RULES: Dict[int, CodeRule] = {}  # X.7.YYY: 7
REPLY_RULES: Dict[int, CodeRule] = {}
for row in _rows("code-reasons.csv"):
    rule = CodeRule(row["Reason"], row["Strength"] == "definite", row["Action"] or None)
    if row["Code"].startswith("X."):
        subject, detail = row["Code"][2:].split(".")
        if detail == "YYY":
            SUBJECT_RULES[int(subject)] = rule
        else:
            STATUS_RULES[int(subject), int(detail)] = rule
    else:
        REPLY_RULES[int(row["Code"])] = rule

TEXT_RULES = [
    TextRule(row["Phrase"].lower(), row["Reason"], None if row["Class"] == "any" else row["Class"])
    for row in _rows("text-rules.csv")
]

PROVIDER_RULES = [_provider_rule(i, row) for i, row in enumerate(_rows("provider-rules.csv"))]
# With no host known only the rules with a text apply. They are indexed by
# code, so that a diagnostic checks the texts of the rules its codes match,
# and those of the rules with no code.
BY_ENHANCED: Dict[Enhanced, List[ProviderRule]] = {}
BY_RANGE: Dict[Tuple[int, int], List[ProviderRule]] = {}
BY_REPLY: Dict[int, List[ProviderRule]] = {}
ANY_CODE: List[ProviderRule] = []
for p in PROVIDER_RULES:
    if not p.text:
        continue
    if p.enhanced is not None:
        BY_ENHANCED.setdefault(p.enhanced, []).append(p)
    elif p.detail_range is not None:
        BY_RANGE.setdefault(p.detail_range[:2], []).append(p)
    elif p.reply is not None:
        BY_REPLY.setdefault(p.reply, []).append(p)
    else:
        ANY_CODE.append(p)


def any_of(phrases: List[str]) -> "re.Pattern[str]":
    """One regex that finds whether any of `phrases` occurs, written as a
    trie (re tries the alternatives of a group one by one; a trie keeps
    them few)."""
    trie: Dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: Dict[str, Any]) -> str:
        if "" in node:  # a phrase ends here: enough to know that one occurs
            return ""
        alts = [re.escape(ch) + pattern(node[ch]) for ch in sorted(node)]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return re.compile(pattern(trie))


# The phrases are looked for with `in`, first to last, once this regex has
# said that one of them occurs (4 corpus diagnostics in 10 hold none). Of the
# plain-Python ways measured (`in` over all phrases, one flat alternation,
# this), the fastest; bench.py's docstring gives the figures.
TEXT_PHRASES = [(r.phrase, r) for r in TEXT_RULES]
ANY_PHRASE = any_of([r.phrase for r in TEXT_RULES])

# ---------------------------------------------------------------------------
# Codes in the text: core/src/find.rs, its rules 1-6 (numbers read whole, a
# sentence's dot, what may stand around a code, the words that deny one,
# registered subjects) and its ranking.

RUN = re.compile(r"[0-9][0-9.]*")
REPLY_CODE = re.compile(r"[2-5][0-5][0-9]")
ENHANCED_CODE = re.compile(r"([245])\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})")
DIGITS = set("0123456789")
BLANKS = " \t\x0b\x0c"
ENDS_SENTENCE = set(" \t\x0b\x0c\r\n)]}>'\"|")
FOLLOWS = set(")]}><('\";!?|")
BEFORE = set("#;'\"(={<>|")
VERSION_WORDS = {
    "v", "ver", "vers", "version", "rev", "revision", "release", "build", "patch", "section", "sec",
    "sect", "chapter", "clause", "paragraph", "para", "appendix", "figure", "fig", "table", "page",
    "step", "rfc", "openssl", "libressl", "gnutls", "php", "python", "perl", "ruby", "java", "node",
    "mysql", "mariadb", "postgresql", "apache", "nginx", "postfix", "exim", "sendmail", "dovecot",
    "cyrus", "courier", "qmail", "haraka", "zimbra", "rspamd", "spamassassin", "clamav", "amavis",
    "amavisd", "linux", "kernel", "ubuntu", "debian", "freebsd", "windows", "thunderbird", "outlook",
}
COUNT_WORDS = {
    "port", "size", "length", "len", "limit", "max", "maximum", "min", "minimum", "pid", "uid", "gid",
    "id", "line", "lines", "count", "nrcpt", "total", "than", "exceeds", "over", "under", "delay",
    "delays",
}
UNIT_WORDS = {
    "b", "byte", "bytes", "octet", "octets", "k", "kb", "kib", "kbyte", "kbytes", "mb", "mib", "mbyte",
    "mbytes", "gb", "gib", "char", "chars", "characters", "s", "sec", "secs", "second", "seconds",
    "ms", "msec", "min", "mins", "minute", "minutes", "h", "hr", "hrs", "hour", "hours", "day", "days",
    "times", "percent",
}
LETTERS_AT_END = re.compile(r"[A-Za-z]*\Z")
WORD_AFTER = re.compile(r"[ \t\x0b\x0c]*([A-Za-z]+)(?![A-Za-z0-9])")


def best_codes(text: str) -> Tuple[Optional[Enhanced], Optional[int]]:
    """The enhanced code and the reply code that count in `text`."""
    best: Optional[Tuple[int, Enhanced, Optional[int]]] = None
    first_reply: Optional[int] = None
    first_anchored: Optional[int] = None
    last_reply: Optional[Tuple[int, int]] = None  # code, end
    n = len(text)
    for m in RUN.finditer(text):
        start, end = m.span()
        dot = text[end - 1] == "."
        if dot:
            end -= 1
            if end < n - 1 and text[end + 1] not in ENDS_SENTENCE:
                continue
        digits = text[start:end]
        nxt = text[end] if end < n else ""
        if REPLY_CODE.fullmatch(digits):
            reply: Optional[int] = int(digits)
            enhanced: Optional[Enhanced] = None
        elif (e := ENHANCED_CODE.fullmatch(digits)) is not None:
            reply = None
            enhanced = int(e[1]), int(e[2]), int(e[3])
        else:
            continue
        if not dot and nxt and nxt not in "\r\n":
            if nxt in BLANKS:
                if reply is not None:
                    w = WORD_AFTER.match(text, end)
                    if w and w[1].lower() in UNIT_WORDS:
                        continue
            elif nxt in ",:":
                if text[end + 1 : end + 2] in DIGITS:
                    continue
            elif nxt == "-" and reply is not None:
                if text[end + 1 : end + 2] in DIGITS and text[end + 2 : end + 3] != ".":
                    continue
            elif nxt not in FOLLOWS:
                continue
        # Where it stands.
        after_reply = None
        if enhanced is not None and last_reply is not None:
            # RFC 2034 section 4: blanks or one "-" after the reply code, then an optional "#".
            gap = text[last_reply[1] : start]
            gap = gap[:-1] if gap.endswith("#") else gap
            if gap == "-" or (gap and not gap.strip(BLANKS)):
                after_reply = last_reply[0]
        if after_reply is not None:
            anchored = True
        else:
            glued = text[start - 1] if start else "\n"
            if glued in "\r\n" or start == 0:
                anchored = True
            else:
                if glued in BLANKS or glued in BEFORE:
                    pass
                elif glued == ":":
                    if reply is not None and start > 1 and (text[start - 2].isascii() and text[start - 2].isalnum() or text[start - 2] in "].:"):
                        continue
                elif glued == ",":
                    if start > 1 and text[start - 2] in DIGITS:
                        continue
                elif glued == "[":
                    if reply is not None and nxt == "]":
                        continue
                else:
                    continue
                head = text[:start].rstrip(BLANKS)
                mark = head[-1:] or "\n"
                if mark in "\r\n":
                    anchored = True
                elif mark == "§":
                    continue
                else:
                    if mark in ":=":
                        anchored = mark == ":" or reply is None
                        head = head[:-1].rstrip(BLANKS)
                    else:
                        anchored = mark in "#;'\"("
                    w = LETTERS_AT_END.search(head, max(0, len(head) - 18))
                    word = w[0].lower() if w else ""
                    if word in VERSION_WORDS or (reply is not None and word in COUNT_WORDS):
                        continue
        if reply is not None:
            last_reply = (reply, end)
            if first_reply is None:
                first_reply = reply
            if anchored and first_anchored is None:
                first_anchored = reply
            continue
        assert enhanced is not None
        if after_reply is None and enhanced[1] > 7:
            continue
        if after_reply is not None and first_anchored is None:
            first_anchored = after_reply
        subject, detail = enhanced[1], enhanced[2]
        specific = 0 if (subject, detail) in ((0, 0), (4, 7)) else 1 if detail == 0 else 2
        agrees = after_reply is not None and after_reply // 100 == enhanced[0]
        rank = (8 if anchored else 0) + specific * 2 + agrees
        if best is None or rank > best[0]:
            best = (rank, enhanced, after_reply)
    if best is not None:
        return best[1], best[2] or first_anchored or first_reply
    return None, first_anchored or first_reply


SMTP_TYPE = re.compile(r"([A-Za-z0-9-]+);")

# ---------------------------------------------------------------------------
# The verdict.

CLASS_OF = {2: "success", 4: "transient", 5: "permanent"}
COMMANDS = {
    "connect": "CONNECT", "greeting": "CONNECT", "banner": "CONNECT", "ehlo": "EHLO", "helo": "EHLO",
    "lhlo": "EHLO", "mail": "MAIL", "rcpt": "RCPT", "data": "DATA", "data-end": "DATA-END", ".": "DATA-END",
}
HARD = {"userunknown", "hostunknown", "hasmoved", "notaccept"}
NOT_FAILURES = {"delivered", "vacation", "feedback"}
CHANGE_MESSAGE = {"emailtoolarge", "contenterror", "notcompliantrfc", "virusdetected"}
INVESTIGATE = {
    "blocked", "badreputation", "policyviolation", "filtered", "norelaying", "securityerror",
    "failedstarttls", "syntaxerror", "spamdetected", "ratelimited", "rejected", "mailererror",
}


def default_action(reason: str, klass: str) -> str:
    if klass == "success" or reason in NOT_FAILURES:
        return "none"
    if reason == "authfailure":
        return "fix_authentication"
    if reason == "requireptr":
        return "fix_dns"
    if reason == "mailboxfull":
        return "retry" if klass == "transient" else "retry_then_suppress"
    if reason == "suspend":
        return "retry_then_suppress"
    if klass == "transient":
        return "retry"
    if reason in HARD or reason == "suppressed":
        return "remove" if klass == "permanent" else "retry_then_suppress"
    if reason in CHANGE_MESSAGE:
        return "change_message"
    if reason in INVESTIGATE:
        return "investigate"
    return "retry_then_suppress"


def _host_matches(host: str, domains: Tuple[str, ...]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def classify(
    diagnostic: str = "",
    status: Optional[str] = None,
    reply_code: Optional[int] = None,
    remote_host: Optional[str] = None,
    command: Optional[str] = None,
) -> Tuple[str, str, str, str]:
    """(class, reason, bounce, action), as core decides them."""
    text = diagnostic or ""
    text_enhanced, text_reply = best_codes(text) if text else (None, None)
    if text_reply is not None:
        m = SMTP_TYPE.match(text)
        if m and m[1].lower() != "smtp":
            text_reply = None
    reply = reply_code if reply_code is not None else text_reply
    given = _enhanced(status) if status else None
    enhanced = given or text_enhanced
    if (
        given and text_enhanced and given[0] == text_enhanced[0] and given[2] == 0
        and given != text_enhanced and given[1] in (0, text_enhanced[1])
    ):
        enhanced = text_enhanced
    low = text.lower()
    text_rule = None
    if ANY_PHRASE.search(low):
        for phrase, rule in TEXT_PHRASES:
            if phrase in low:
                text_rule = rule
                break

    if given:
        klass = CLASS_OF[given[0]]
    elif reply is not None:
        klass = CLASS_OF.get(reply // 100, "unknown")
    elif enhanced:
        klass = CLASS_OF[enhanced[0]]
    else:
        klass = (text_rule and text_rule.klass) or "unknown"

    codes = (enhanced, text_enhanced)
    provider = None
    if remote_host is None:
        # Without a host, the first rule (in table order) whose text is there
        # and whose code matches.
        candidates: List[ProviderRule] = []
        for e in {enhanced, text_enhanced}:
            if e is not None:
                candidates += BY_ENHANCED.get(e, [])
                candidates += BY_RANGE.get(e[:2], [])
        if reply is not None:
            candidates += BY_REPLY.get(reply, [])
        for r in candidates:
            if (provider is None or r.order < provider.order) and r.text in low and r.code_matches(codes, reply):
                provider = r
        for r in ANY_CODE:
            if provider is not None and r.order > provider.order:
                break
            if r.text in low:
                provider = r
                break
    else:
        host = remote_host.rstrip(".").lower()
        provider = next(
            (
                r for r in PROVIDER_RULES
                if _host_matches(host, r.domains) and (not r.text or r.text in low) and r.code_matches(codes, reply)
            ),
            None,
        )
    status_rule = STATUS_RULES.get(enhanced[1:]) if enhanced else None
    reply_rule = REPLY_RULES.get(reply) if reply is not None else None

    action = None
    if provider is not None:
        reason, action = provider.reason, provider.action
    elif status_rule is not None and status_rule.definite:
        reason, action = status_rule.reason, status_rule.action
    elif reply_rule is not None and reply_rule.definite:
        reason, action = reply_rule.reason, reply_rule.action
    elif text_rule is not None:
        reason = text_rule.reason
    elif reply_rule is not None and enhanced is not None and enhanced[2] == 0:
        reason, action = reply_rule.reason, reply_rule.action
    elif status_rule is not None:
        reason, action = status_rule.reason, status_rule.action
    elif enhanced is not None and enhanced[1] in SUBJECT_RULES:
        reason = SUBJECT_RULES[enhanced[1]].reason
    elif reply_rule is not None:
        reason, action = reply_rule.reason, reply_rule.action
    elif klass == "success":
        reason = "delivered"
    elif klass in ("transient", "permanent") and command:
        name = COMMANDS.get(re.split("[ :]", command.strip(), maxsplit=1)[0].lower())
        reason = {"MAIL": "rejected", "CONNECT": "blocked", "EHLO": "blocked"}.get(name or "", "undefined")
    else:
        reason = "undefined"

    if klass == "success" and reason not in NOT_FAILURES:
        reason = "delivered"
    if klass == "success" or reason in NOT_FAILURES:
        bounce = "none"
    elif klass == "permanent" and reason in HARD:
        bounce = "hard"
    else:
        bounce = "soft"
    if action is None or klass == "success":
        action = default_action(reason, klass)
    return klass, reason, bounce, action
