"""smtplib and aiosmtplib exceptions, taken as they come (duck-typed: neither
library is imported).

smtplib raises ``SMTPResponseException(smtp_code, smtp_error)`` and its
subclasses, and ``SMTPRecipientsRefused(recipients)`` with a dict
``{address: (code, message)}``; aiosmtplib raises exceptions with ``code``
and ``message``, and ``SMTPRecipientsRefused`` with a list of
``SMTPRecipientRefused`` (``code``, ``message``, ``recipient``).
"""

from __future__ import annotations

# Not `typing.TYPE_CHECKING`: importing typing costs milliseconds (mypy
# honours any constant of this name).
TYPE_CHECKING = False

from . import _native

if TYPE_CHECKING:
    from typing import Any, Dict, List, Optional, Tuple, Union

# The exception classes of smtplib and aiosmtplib, by name, and the command
# whose reply they carry: this is what the exception's type says.
_COMMANDS = {
    "SMTPSenderRefused": "MAIL",
    "SMTPRecipientRefused": "RCPT",
    "SMTPRecipientsRefused": "RCPT",
    "SMTPDataError": "DATA-END",
    "SMTPHeloError": "EHLO",
    "SMTPConnectError": "CONNECT",
    "SMTPConnectResponseError": "CONNECT",
    "SMTPAuthenticationError": "AUTH",
}


def _code_and_message(exc: Any) -> Optional[Tuple[Any, Any]]:
    for code_attr, msg_attr in (("smtp_code", "smtp_error"), ("code", "message")):
        code = getattr(exc, code_attr, None)
        msg = getattr(exc, msg_attr, None)
        if isinstance(code, int) and isinstance(msg, (str, bytes)):
            return code, msg
    return None


def _command(exc: Any) -> Optional[str]:
    for cls in type(exc).__mro__:
        cmd = _COMMANDS.get(cls.__name__)
        if cmd is not None:
            return cmd
    return None


def _not_an_exception(obj: Any) -> TypeError:
    if hasattr(obj, "recipients"):
        return TypeError(
            f"{type(obj).__name__} holds one reply per recipient: classify_exception() gives a Verdict for each"
        )
    return TypeError(
        "expected str or bytes, or an SMTP exception with a code and a message "
        f"(smtplib's smtp_code/smtp_error, aiosmtplib's code/message), not {type(obj).__name__}"
    )


def reply_text(exc: Any) -> Union[str, bytes]:
    """The reply an exception carries, as the server sent it: smtplib keeps
    the code and the text of the lines joined with newlines; the lines get
    their code back (``550-...``, last ``550 ...``)."""
    found = _code_and_message(exc)
    if found is None:
        raise _not_an_exception(exc)
    code, msg = found
    if isinstance(msg, bytes):
        blines = msg.split(b"\n") if msg else [b""]
        prefix = str(code).encode()
        return b"".join(
            prefix + (b" " if i == len(blines) - 1 else b"-") + line.rstrip(b"\r") + b"\r\n"
            for i, line in enumerate(blines)
        )
    lines = msg.split("\n") if msg else [""]
    return "".join(
        f"{code}{' ' if i == len(lines) - 1 else '-'}{line.rstrip(chr(13))}\r\n"
        for i, line in enumerate(lines)
    )


def signals(exc: Any) -> Tuple[Optional[int], Optional[Union[str, bytes]], Optional[str]]:
    """``(code, text, command)`` of an exception, for ``classify``."""
    found = _code_and_message(exc)
    if found is None:
        raise _not_an_exception(exc)
    code, msg = found
    return code, msg, _command(exc)


def _refused(exc: Any) -> Optional[List[Tuple[str, Any, Any]]]:
    # The dict itself, as smtplib's sendmail() returns it when some
    # recipients were refused and others accepted.
    recipients = exc if isinstance(exc, dict) else getattr(exc, "recipients", None)
    if isinstance(recipients, dict):  # smtplib
        out = []
        for addr, value in recipients.items():
            code, msg = value
            out.append((addr, code, msg))
        return out
    if isinstance(recipients, (list, tuple)):  # aiosmtplib
        out = []
        for err in recipients:
            found = _code_and_message(err)
            if found is None:
                return None
            out.append((getattr(err, "recipient", ""), found[0], found[1]))
        return out
    return None


class _Refused(Exception):
    """One refused recipient, as ``classify`` takes an exception."""

    def __init__(self, code: Any, message: Any) -> None:
        super().__init__(code, message)
        self.smtp_code = code
        self.smtp_error = message


_COMMANDS["_Refused"] = "RCPT"


def classify_exception(
    exc: Union[BaseException, Dict[str, Tuple[int, Union[bytes, str]]]],
) -> Union["_native.Verdict", Dict[str, "_native.Verdict"]]:
    """Classifies what an smtplib or aiosmtplib exception reports.

    ``SMTPRecipientsRefused`` gives ``{address: Verdict}`` (one per refused
    recipient, read as replies to RCPT), and so does the dict of refused
    recipients smtplib's ``sendmail()`` returns; any other exception with a
    code and a message gives one ``Verdict``, with the command its type names.
    """
    refused = _refused(exc)
    if refused is not None:
        verdicts = _native.classify_many([_Refused(code, msg) for _, code, msg in refused])
        return {addr: v for (addr, _, _), v in zip(refused, verdicts)}
    if isinstance(exc, dict):
        raise TypeError("a dict of refused recipients must map addresses to (code, message)")
    return _native.classify(exc)
