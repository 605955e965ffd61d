"""The exceptions of smtp_codes: ``ParseError`` (every parser) and
``RenderError`` (``render_reply``)."""

from __future__ import annotations

# Not `typing.TYPE_CHECKING`: importing typing costs milliseconds (mypy
# honours any constant of this name).
TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Optional, Tuple


class ParseError(ValueError):
    """The input is not what the parser reads: what is wrong, and where.

    ``kind`` is a stable lowercase name (``expected_digit``, ``incomplete``,
    ``no_recipients``, ...); ``offset`` is where in the input the problem is
    (an index into a ``str``, a byte offset into ``bytes``), or ``None`` when
    no position applies; ``line`` is the 0-based line of a reply, when the
    parser reads lines. The message is core's, in words.
    """

    kind: str
    offset: Optional[int]
    line: Optional[int]

    def __init__(
        self,
        message: str,
        kind: str,
        offset: Optional[int] = None,
        line: Optional[int] = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.offset = offset
        self.line = line

    def __reduce__(
        self,
    ) -> Tuple[type, Tuple[str, str, Optional[int], Optional[int]]]:
        return (type(self), (str(self), self.kind, self.offset, self.line))


class RenderError(ValueError):
    """``render_reply`` refuses to write this reply: why, and on which line.

    ``kind`` is a stable lowercase name (``enhanced_class_mismatch``,
    ``enhanced_on_intermediate``, ``line_break``, ``line_too_long``,
    ``ambiguous_text``; the C binding's names); ``line`` is the 0-based line
    it is about, or ``None`` when the reply as a whole is refused. The
    message is core's, in words.
    """

    kind: str
    line: Optional[int]

    def __init__(self, message: str, kind: str, line: Optional[int] = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.line = line

    def __reduce__(self) -> Tuple[type, Tuple[str, str, Optional[int]]]:
        return (type(self), (str(self), self.kind, self.line))
