"""SMTP reply codes (RFC 5321) and enhanced status codes (RFC 3463, IANA
registry): parse replies (and render them), DSNs and EHLO responses, find
codes in text, and classify failures. A thin layer over the Rust crate
``smtp-codes``.

>>> from smtp_codes import ReplyCode, parse_reply, classify
>>> ReplyCode(550)
<ReplyCode.MAILBOX_UNAVAILABLE: 550>
>>> reply = parse_reply(b"550-5.1.1 No such user\\r\\n550 5.1.1 Try again\\r\\n")
>>> reply.code == 550, str(reply.enhanced), reply.lines
(True, '5.1.1', ['No such user', 'Try again'])
>>> classify("550 5.1.1 <x@example.com>: Recipient address rejected: User unknown").reason
<Reason.USERUNKNOWN: 'userunknown'>
"""

from ._enums import (
    REPLY_DEFECTS,
    Action,
    Bounce,
    Class,
    Command,
    DecidedBy,
    DsnAction,
    EhloKeyword,
    EnhancedStatus,
    Outcome,
    Reason,
    ReplyCode,
    ReplyMeaning,
    ServerLimit,
    Subject,
)
from ._errors import ParseError, RenderError
from ._native import (
    MAIL_PARAMETERS_UPDATED,
    REGISTRY_UPDATED,
    DeliveryStatus,
    DsnRecipient,
    Ehlo,
    EhloExtension,
    EnhancedCode,
    Evidence,
    Found,
    ProviderRule,
    Reply,
    ReplyLine,
    ReplyReader,
    TextRule,
    Verdict,
    __version__,
    associated_statuses,
    best_enhanced,
    best_reply,
    classify,
    classify_many,
    find_codes,
    parse_dsn,
    parse_ehlo,
    parse_replies,
    parse_reply,
    parse_reply_line,
    parse_reply_many,
    provider_rules,
    render_reply,
    text_rules,
)
from ._smtplib import classify_exception

__all__ = [
    "MAIL_PARAMETERS_UPDATED",
    "REGISTRY_UPDATED",
    "REPLY_DEFECTS",
    "Action",
    "Bounce",
    "Class",
    "Command",
    "DecidedBy",
    "DeliveryStatus",
    "DsnAction",
    "DsnRecipient",
    "Ehlo",
    "EhloExtension",
    "EhloKeyword",
    "EnhancedCode",
    "EnhancedStatus",
    "Evidence",
    "Found",
    "Outcome",
    "ParseError",
    "ProviderRule",
    "Reason",
    "RenderError",
    "Reply",
    "ReplyCode",
    "ReplyLine",
    "ReplyMeaning",
    "ReplyReader",
    "ServerLimit",
    "Subject",
    "TextRule",
    "Verdict",
    "__version__",
    "associated_statuses",
    "best_enhanced",
    "best_reply",
    "classify",
    "classify_exception",
    "classify_many",
    "find_codes",
    "parse_dsn",
    "parse_ehlo",
    "parse_replies",
    "parse_reply",
    "parse_reply_line",
    "parse_reply_many",
    "provider_rules",
    "render_reply",
    "text_rules",
]
