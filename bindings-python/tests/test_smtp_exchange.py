"""A real exchange: an aiosmtpd server on 127.0.0.1 refuses chosen senders,
recipients and messages with chosen replies (multi-line included, one
written by render_reply); smtplib talks to it, and what smtplib raises goes
to the API as it is."""

from __future__ import annotations

import smtplib
import socket
from typing import Any, Dict, Iterator

import pytest

import smtp_codes as sc

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")

GMAIL_NO_SUCH_USER = (
    "550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n"
    "550-5.1.1 double-checking the recipient's email address for typos or\r\n"
    "550 5.1.1 unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser"
)
REPLIES: Dict[str, str] = {
    "nobody@example.com": GMAIL_NO_SUCH_USER,
    "full@example.com": "452 4.2.2 The email account that you tried to reach is over quota",
    "moved@example.com": "551 5.1.6 User not local; please try <new@example.org>",
    # Written by render_reply (aiosmtpd adds the last CRLF itself).
    "rendered@example.com": sc.render_reply(
        550, ["Mailbox unavailable", "Rendered by smtp_codes"], enhanced="5.1.1"
    ).removesuffix("\r\n"),
}
REFUSED_SENDER = "spammer@example.net"
SPAM_REPLY = (
    "554-5.7.1 Message rejected as spam by Content Filtering.\r\n"
    "554 5.7.1 See https://example.com/policy for details"
)


class Handler:
    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address == REFUSED_SENDER:
            return "553 5.7.1 <spammer@example.net>: Sender address rejected: Access denied"
        envelope.mail_from = address
        return "250 2.1.0 Ok"

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in REPLIES:
            return REPLIES[address]
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if b"SPAM" in envelope.content:
            return SPAM_REPLY
        return "250 2.0.0 Ok: queued as 4F9C2"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[int]:
    port = _free_port()
    controller = aiosmtpd_controller.Controller(Handler(), hostname="127.0.0.1", port=port, ready_timeout=10)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


def _client(port: int) -> smtplib.SMTP:
    return smtplib.SMTP("127.0.0.1", port, timeout=10)


MESSAGE = "Subject: hello\r\n\r\nhello\r\n"


def test_all_recipients_refused(server: int) -> None:
    with _client(server) as smtp:
        with pytest.raises(smtplib.SMTPRecipientsRefused) as info:
            smtp.sendmail("a@example.org", ["nobody@example.com", "full@example.com"], MESSAGE)
    exc = info.value
    verdicts = sc.classify_exception(exc)
    assert isinstance(verdicts, dict) and set(verdicts) == {"nobody@example.com", "full@example.com"}
    nobody, full = verdicts["nobody@example.com"], verdicts["full@example.com"]
    with pytest.raises(TypeError, match="classify_exception"):
        sc.classify(exc)
    assert (nobody.class_, nobody.reason, nobody.bounce, nobody.action) == ("permanent", "userunknown", "hard", "remove")
    assert nobody.evidence.enhanced == "5.1.1" and nobody.evidence.reply_code == sc.ReplyCode.MAILBOX_UNAVAILABLE
    assert (full.class_, full.reason, full.bounce, full.action) == ("transient", "mailboxfull", "soft", "retry")
    # The refused recipients' replies, rebuilt and parsed: the multi-line one intact.
    code, msg = exc.recipients["nobody@example.com"]
    reply = sc.parse_reply(smtplib.SMTPResponseException(code, msg))
    assert reply.code == 550 and reply.is_multiline and len(reply.lines) == 3
    assert reply.enhanced == "5.1.1" and reply.defects == []


def test_some_recipients_refused(server: int) -> None:
    with _client(server) as smtp:
        refused = smtp.sendmail("a@example.org", ["ok@example.com", "moved@example.com"], MESSAGE)
    assert set(refused) == {"moved@example.com"}
    verdicts = sc.classify_exception(refused)
    assert isinstance(verdicts, dict)
    moved = verdicts["moved@example.com"]
    assert moved.reason == sc.Reason.HASMOVED and moved.bounce == sc.Bounce.HARD


def test_rendered_reply_over_the_wire(server: int) -> None:
    with _client(server) as smtp:
        with pytest.raises(smtplib.SMTPRecipientsRefused) as info:
            smtp.sendmail("a@example.org", ["rendered@example.com"], MESSAGE)
    code, msg = info.value.recipients["rendered@example.com"]
    reply = sc.parse_reply(smtplib.SMTPResponseException(code, msg))
    assert (reply.code, reply.enhanced, reply.lines) == (550, "5.1.1", ["Mailbox unavailable", "Rendered by smtp_codes"])
    assert reply.defects == []
    verdicts = sc.classify_exception(info.value)
    assert isinstance(verdicts, dict) and verdicts["rendered@example.com"].bounce == "hard"


def test_sender_refused(server: int) -> None:
    with _client(server) as smtp:
        with pytest.raises(smtplib.SMTPSenderRefused) as info:
            smtp.sendmail(REFUSED_SENDER, ["ok@example.com"], MESSAGE)
    exc = info.value
    assert exc.smtp_code == 553
    reply = sc.parse_reply(exc)
    assert reply.code == sc.ReplyCode.MAILBOX_NAME_NOT_ALLOWED and reply.enhanced == "5.7.1"
    v = sc.classify(exc)
    assert v.class_ == sc.Outcome.PERMANENT and v == sc.classify_exception(exc)
    assert v.evidence.reply_code == 553


def test_message_refused_multiline(server: int) -> None:
    with _client(server) as smtp:
        with pytest.raises(smtplib.SMTPDataError) as info:
            smtp.sendmail("a@example.org", ["ok@example.com"], "Subject: SPAM\r\n\r\nbuy\r\n")
    exc = info.value
    assert exc.smtp_code == 554
    assert isinstance(exc.smtp_error, bytes) and b"\n" in exc.smtp_error
    reply = sc.parse_reply(exc)
    assert reply.code == sc.ReplyCode.TRANSACTION_FAILED and reply.is_multiline
    assert reply.enhanced == "5.7.1"
    assert reply.lines == ["Message rejected as spam by Content Filtering.", "See https://example.com/policy for details"]
    v = sc.classify(exc)
    assert v.class_ == "permanent" and v.bounce == "soft" and v.reason == "spamdetected"
    assert v.evidence.enhanced == "5.7.1"


def test_success_replies(server: int) -> None:
    with _client(server) as smtp:
        code, msg = smtp.ehlo()
        assert code == 250
        ehlo = sc.parse_ehlo(msg.splitlines())
        assert ehlo.supports(sc.EhloKeyword.EIGHT_BIT_MIME) or ehlo.extensions
        assert sc.classify(msg, reply_code=code).class_ == "success"
        assert smtp.mail("a@example.org")[0] == 250
        code, msg = smtp.rcpt("ok@example.com")
        assert code == 250
        assert sc.parse_reply(f"{code} ".encode() + msg + b"\r\n").enhanced == "2.1.5"


class SMTPResponseException(Exception):
    """aiosmtplib's shape: code and message (str)."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(code, message)
        self.code = code
        self.message = message


class SMTPRecipientRefused(SMTPResponseException):
    def __init__(self, code: int, message: str, recipient: str) -> None:
        super().__init__(code, message)
        self.recipient = recipient


class SMTPRecipientsRefused(Exception):
    def __init__(self, recipients: list) -> None:  # type: ignore[type-arg]
        super().__init__(recipients)
        self.recipients = recipients


class SMTPSenderRefused(SMTPResponseException):
    pass


def test_aiosmtplib_shaped_exceptions() -> None:
    one = SMTPRecipientRefused(550, "5.1.1 The email account that you tried to reach does not exist.", "x@example.com")
    assert sc.parse_reply(one).enhanced == "5.1.1"
    assert sc.classify(one).reason == "userunknown"
    many = SMTPRecipientsRefused([one, SMTPRecipientRefused(452, "4.2.2 Mailbox full", "y@example.com")])
    verdicts = sc.classify_exception(many)
    assert isinstance(verdicts, dict)
    assert verdicts["x@example.com"].bounce == "hard" and verdicts["y@example.com"].reason == "mailboxfull"
    sender = SMTPSenderRefused(550, "Sender blocked")
    assert sc.classify(sender).reason == "rejected"  # a refused MAIL, from the exception's type
    assert sc.classify(SMTPResponseException(-1, "garbage")).class_ == "unknown"
    with pytest.raises(sc.ParseError):
        sc.parse_reply(SMTPResponseException(-1, "garbage"))
