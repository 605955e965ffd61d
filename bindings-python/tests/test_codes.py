"""The registry enums and EnhancedCode behave as a Python user expects
(http.HTTPStatus is the model)."""

from __future__ import annotations

import copy
import enum
import pickle

import pytest

import smtp_codes as sc
from smtp_codes import Class, EnhancedCode, EnhancedStatus, ReplyCode, Subject


def test_reply_code_is_an_int_enum() -> None:
    assert issubclass(ReplyCode, enum.IntEnum)
    assert ReplyCode(550) is ReplyCode.MAILBOX_UNAVAILABLE
    assert ReplyCode.MAILBOX_UNAVAILABLE == 550
    assert ReplyCode["OK"] is ReplyCode.OK
    assert hash(ReplyCode.OK) == hash(250)
    assert {250: "x"}[ReplyCode.OK] == "x"
    assert int(ReplyCode.OK) == 250 and str(ReplyCode.OK) == "250"
    assert repr(ReplyCode.OK) == "<ReplyCode.OK: 250>"
    assert ReplyCode.OK < ReplyCode.MAILBOX_UNAVAILABLE
    with pytest.raises(ValueError):
        ReplyCode(259)  # a valid code that no RFC defines: not a member


def test_reply_code_members_are_the_registry() -> None:
    members = list(ReplyCode)
    assert len(members) == 37
    assert [int(m) for m in members] == sorted(int(m) for m in members)
    # Names are core's constants (ReplyCode::USER_NOT_LOCAL_WILL_FORWARD, ...).
    assert ReplyCode.USER_NOT_LOCAL_WILL_FORWARD == 251
    assert ReplyCode.START_MAIL_INPUT == 354
    assert ReplyCode.SERVICE_NOT_AVAILABLE == 421
    assert ReplyCode.TRANSACTION_FAILED == 554
    for m in members:
        assert m.phrase and m.description and m.reference.startswith("RFC")
        assert m.meanings[0].text == m.phrase
        digit = int(m) // 100
        flags = [m.is_positive_completion, m.is_positive_intermediate, m.is_transient_negative, m.is_permanent_negative]
        assert flags == [digit == 2, digit == 3, digit == 4, digit == 5]


def test_reply_code_data() -> None:
    m = ReplyCode.MAILBOX_UNAVAILABLE
    assert m.phrase == "Requested action not taken: mailbox unavailable"
    assert m.meanings[0].context == "any"
    assert ReplyCode(530).meanings[1:] and any(x.context == "STARTTLS" for x in ReplyCode(530).meanings)
    assert EnhancedStatus.USER_ACCOUNT_DISABLED in sc.associated_statuses(525)
    with pytest.raises(ValueError):
        sc.associated_statuses(600)


def test_class_and_subject() -> None:
    assert [int(c) for c in Class] == [2, 4, 5]
    assert Class(5) is Class.PERMANENT_FAILURE
    assert Class.PERMANENT_FAILURE.summary == "Permanent Failure"
    assert Class.PERMANENT_FAILURE.code == "5.XXX.YYY"
    assert [int(s) for s in Subject] == list(range(8))
    assert Subject.MAILBOX.summary == "Mailbox Status"
    assert Subject(7) is Subject.SECURITY_OR_POLICY
    assert Subject.ADDRESSING.reference.startswith("[RFC3463]")


def test_enhanced_status_enum() -> None:
    assert len(EnhancedStatus) == 81
    s = EnhancedStatus("X.1.1")
    assert s is EnhancedStatus.BAD_DESTINATION_MAILBOX_ADDRESS
    assert s.sample_text == "Bad destination mailbox address"
    assert s.subject is Subject.ADDRESSING and s.detail == 1
    assert s.associated_text == "451, 550"
    assert s.associated_codes == (ReplyCode.LOCAL_ERROR_IN_PROCESSING, ReplyCode.MAILBOX_UNAVAILABLE)
    assert s.allows(550) and not s.allows(250)
    assert s.reference.startswith("[RFC3463]")
    assert s.submitter and s.change_controller
    assert EnhancedStatus.from_parts(2, 2) is EnhancedStatus.MAILBOX_FULL
    assert EnhancedStatus.from_parts(9, 9) is None
    assert str(EnhancedStatus.MAILBOX_FULL.with_class(4)) == "4.2.2"
    assert EnhancedStatus.OTHER_UNDEFINED_STATUS.associated_kind == "any"
    assert EnhancedStatus.MAILBOX_OWNER_HAS_CHANGED.associated_classes == (5,)
    for st in EnhancedStatus:
        assert EnhancedCode.from_parts(5, int(st.subject), st.detail).status is st


def test_str_enums_compare_equal_to_their_names() -> None:
    assert sc.Reason.USERUNKNOWN == "userunknown"
    assert hash(sc.Reason.USERUNKNOWN) == hash("userunknown")
    assert sc.Reason("mailboxfull") is sc.Reason.MAILBOXFULL
    assert str(sc.Action.RETRY_THEN_SUPPRESS) == "retry_then_suppress"
    assert f"{sc.Bounce.HARD}" == "hard"
    assert isinstance(sc.Outcome.PERMANENT, str)
    assert [o.value for o in sc.Outcome] == ["success", "transient", "permanent", "unknown"]
    assert sc.DecidedBy.PROVIDER_RULE == "provider_rule"
    assert sc.Command.DATA_END == "DATA-END"
    assert sc.Command.parse("rcpt to:<x@example.com>") is sc.Command.RCPT
    assert sc.Command.parse("end of data") is sc.Command.DATA_END
    assert sc.Command.parse("FOO") is None
    assert sc.DsnAction.FAILED == "failed"
    assert len(sc.Reason) == 34


def test_ehlo_registry_enums() -> None:
    assert sc.EhloKeyword("STARTTLS") is sc.EhloKeyword.START_TLS
    assert sc.EhloKeyword.EIGHT_BIT_MIME == "8BITMIME"
    assert sc.EhloKeyword.SIZE.description == "Message size declaration"
    assert sc.EhloKeyword.TURN.is_deprecated
    assert sc.EhloKeyword.SIZE.parameters == "number"
    assert sc.ServerLimit("RCPTMAX") is sc.ServerLimit.RCPT_MAX
    assert "six-digit" in sc.ServerLimit.RCPT_MAX.syntax


@pytest.mark.parametrize(
    "member",
    [ReplyCode.OK, Class.SUCCESS, Subject.MAILBOX, EnhancedStatus.MAILBOX_FULL, sc.Reason.USERUNKNOWN,
     sc.Command.RCPT, sc.EhloKeyword.SIZE, sc.DsnAction.DELAYED],
)
def test_members_pickle_and_copy(member: enum.Enum) -> None:
    assert pickle.loads(pickle.dumps(member)) is member
    assert copy.deepcopy(member) is member


def test_enhanced_code_value() -> None:
    c = EnhancedCode.parse("5.7.606")
    assert c == EnhancedCode("5.7.606") == EnhancedCode(b"5.7.606")
    assert str(c) == "5.7.606" and repr(c) == "EnhancedCode('5.7.606')"
    assert c.class_ is Class.PERMANENT_FAILURE
    assert c.subject is Subject.SECURITY_OR_POLICY and c.detail == 606
    assert c.status is None
    assert c.is_permanent_failure and not c.is_success
    assert EnhancedCode("5.1.1").status is EnhancedStatus.BAD_DESTINATION_MAILBOX_ADDRESS
    assert EnhancedCode("5.9.1").subject == 9 and not isinstance(EnhancedCode("5.9.1").subject, Subject)
    assert EnhancedCode(c) == c
    assert EnhancedCode.from_parts(4, 4, 316) == "4.4.316"


def test_enhanced_code_hash_order_pickle() -> None:
    a, b = EnhancedCode("5.1.1"), EnhancedCode("5.1.1")
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a == "5.1.1" and hash(a) == hash("5.1.1") and a != "5.1.2"
    assert a != 511 and not (a == None)  # noqa: E711
    assert EnhancedCode("2.0.0") < EnhancedCode("4.2.2") < EnhancedCode("5.1.1") < EnhancedCode("5.1.10")
    assert sorted([EnhancedCode("5.7.1"), EnhancedCode("4.4.1")]) == ["4.4.1", "5.7.1"]
    with pytest.raises(TypeError):
        _ = a < "5.1.2"  # type: ignore[operator]
    assert pickle.loads(pickle.dumps(a)) == a
    assert copy.copy(a) == a


def test_every_enhanced_code_round_trips() -> None:
    # The whole domain of one class, as core's domain test does for all.
    for subject in range(0, 1000, 7):
        for detail in range(0, 1000, 13):
            text = f"4.{subject}.{detail}"
            assert str(EnhancedCode(text)) == text


@pytest.mark.parametrize(
    ("text", "kind", "offset"),
    [("", "empty", 0), ("3.1.1", "enhanced_class", 0), ("5.1", "expected_dot", 3),
     ("5.01.1", "leading_zero", 2), ("5.1.1000", "too_many_digits", 7), ("5.1.1 ", "trailing_input", 5)],
)
def test_enhanced_code_errors(text: str, kind: str, offset: int) -> None:
    with pytest.raises(sc.ParseError) as info:
        EnhancedCode(text)
    assert isinstance(info.value, ValueError)
    assert (info.value.kind, info.value.offset, info.value.line) == (kind, offset, None)
    assert "invalid enhanced status code" in str(info.value)


def test_enhanced_code_wrong_types() -> None:
    with pytest.raises(TypeError, match="must be str or bytes, not int"):
        EnhancedCode(511)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        EnhancedCode.from_parts(3, 1, 1)
    with pytest.raises(ValueError):
        EnhancedCode.from_parts(5, 1000, 1)


def test_versions() -> None:
    assert sc.__version__ == "0.1.0"
    assert sc.REGISTRY_UPDATED[:2] == "20"
    assert sc.MAIL_PARAMETERS_UPDATED[:2] == "20"


def test_reply_class_and_category_of_every_code() -> None:
    """Every code of the grammar, defined or not: its digits, as core reads them."""
    assert issubclass(sc.ReplyClass, enum.IntEnum) and issubclass(sc.ReplyCategory, enum.IntEnum)
    assert [int(c) for c in sc.ReplyClass] == [2, 3, 4, 5]
    assert [int(c) for c in sc.ReplyCategory] == [0, 1, 2, 3, 4, 5]
    checked = 0
    for n in range(200, 600):
        if n // 10 % 10 > 5:
            with pytest.raises(ValueError):
                sc.reply_class(n)
            continue
        assert sc.reply_class(n) is sc.ReplyClass(n // 100)
        assert sc.reply_category(n) is sc.ReplyCategory(n // 10 % 10)
        checked += 1
    assert checked == 4 * 60
    # A code outside the IntEnum stays an int, and still has a class and category.
    with pytest.raises(ValueError):
        ReplyCode(559)
    assert sc.reply_class(559) is sc.ReplyClass.PERMANENT_NEGATIVE
    assert sc.reply_category(559) is sc.ReplyCategory.MAIL_SYSTEM
    assert sc.reply_class(ReplyCode.START_MAIL_INPUT) is sc.ReplyClass.POSITIVE_INTERMEDIATE
    assert sc.reply_class(sc.parse_reply("259 odd").code) == 2


def test_reply_class_and_category_members() -> None:
    assert sc.ReplyClass.TRANSIENT_NEGATIVE.phrase == "Transient Negative Completion reply"
    assert sc.ReplyCategory.MAIL_SYSTEM.phrase == "Mail system"
    assert sc.ReplyCategory(3).phrase == sc.ReplyCategory(4).phrase == "Unspecified as yet"
    assert str(sc.ReplyClass(5)) == "5" and f"{sc.ReplyCategory(1)}" == "1"
    assert hash(sc.ReplyClass(4)) == hash(4)
    for member in [*sc.ReplyClass, *sc.ReplyCategory]:
        assert pickle.loads(pickle.dumps(member)) is member
    with pytest.raises(ValueError):
        sc.ReplyClass(1)
    with pytest.raises(ValueError):
        sc.ReplyCategory(6)


def test_reply_class_wrong_types_and_values() -> None:
    for bad in ("550", b"550", 5.5, None):
        with pytest.raises(TypeError):
            sc.reply_class(bad)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            sc.reply_category(bad)  # type: ignore[arg-type]
    for n in (-1, 0, 199, 600, 260, 1000):
        with pytest.raises(ValueError):
            sc.reply_class(n)
        with pytest.raises(ValueError):
            sc.reply_category(n)
    # An int beyond 64 bits is an int that is no reply code, wherever a code is taken.
    for call in (
        lambda n: sc.reply_class(n),
        lambda n: sc.reply_category(n),
        lambda n: sc.render_reply(n),
        lambda n: sc.classify(reply_code=n),
    ):
        with pytest.raises(ValueError, match=r"^1180591620717411303424 is not a reply code"):
            call(2**70)
        with pytest.raises(ValueError, match=r"^-1180591620717411303424 is not a reply code"):
            call(-(2**70))
