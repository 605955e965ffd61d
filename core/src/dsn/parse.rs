//! The delivery-status body parser: lines, fields, groups.
//!
//! One pass over the input, no recursion, no indexing that can panic: every
//! slice is taken with `get` or from positions found in the same slice.

use super::value::{is_wsp, trim_cow, trim_end};
use super::{
    Action, Defect, DefectKind, DeliveryStatus, Diagnostic, DsnError, DsnErrorKind, Field,
    FieldValue, PerMessage, Recipient, StatusField, TypedValue, first_token,
};
use alloc::borrow::Cow;
use alloc::vec::Vec;

/// The fields RFC 3464 (and RFC 6533's `Localized-Diagnostic`) define.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Name {
    OriginalEnvelopeId,
    ReportingMta,
    DsnGateway,
    ReceivedFromMta,
    ArrivalDate,
    OriginalRecipient,
    FinalRecipient,
    Action,
    Status,
    RemoteMta,
    DiagnosticCode,
    LocalizedDiagnostic,
    LastAttemptDate,
    FinalLogId,
    WillRetryUntil,
    Other,
}

const NAMES: [(&str, Name); 15] = [
    ("Original-Envelope-Id", Name::OriginalEnvelopeId),
    ("Reporting-MTA", Name::ReportingMta),
    ("DSN-Gateway", Name::DsnGateway),
    ("Received-From-MTA", Name::ReceivedFromMta),
    ("Arrival-Date", Name::ArrivalDate),
    ("Original-Recipient", Name::OriginalRecipient),
    ("Final-Recipient", Name::FinalRecipient),
    ("Action", Name::Action),
    ("Status", Name::Status),
    ("Remote-MTA", Name::RemoteMta),
    ("Diagnostic-Code", Name::DiagnosticCode),
    ("Localized-Diagnostic", Name::LocalizedDiagnostic),
    ("Last-Attempt-Date", Name::LastAttemptDate),
    ("Final-Log-ID", Name::FinalLogId),
    ("Will-Retry-Until", Name::WillRetryUntil),
];

impl Name {
    pub(crate) fn of(name: &str) -> Name {
        NAMES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map_or(Name::Other, |&(_, k)| k)
    }

    pub(crate) fn is_per_message(self) -> bool {
        matches!(
            self,
            Name::OriginalEnvelopeId
                | Name::ReportingMta
                | Name::DsnGateway
                | Name::ReceivedFromMta
                | Name::ArrivalDate
        )
    }

    pub(crate) fn is_per_recipient(self) -> bool {
        !self.is_per_message() && self != Name::Other
    }
}

/// One line: where it starts, its text without the line ending, where the
/// next one starts.
struct Line<'a> {
    start: usize,
    text: &'a [u8],
    next: usize,
}

fn line_at(input: &[u8], start: usize) -> Option<Line<'_>> {
    let rest = input.get(start..).filter(|r| !r.is_empty())?;
    let (text, next) = match crate::memchr::find_byte(b'\n', rest) {
        Some(i) => (rest.get(..i)?, start + i + 1),
        None => (rest, input.len()),
    };
    let text = text.strip_suffix(b"\r").unwrap_or(text);
    Some(Line { start, text, next })
}

fn is_blank(text: &[u8]) -> bool {
    text.iter().all(|&b| is_wsp(b))
}

fn is_continuation(text: &[u8]) -> bool {
    text.first().is_some_and(|&b| is_wsp(b)) && !is_blank(text)
}

/// RFC 5322 ftext: printable ASCII but `:`.
fn is_field_name(name: &[u8]) -> bool {
    !name.is_empty() && name.iter().all(|&b| (33..=126).contains(&b) && b != b':')
}

enum Item<'a> {
    Field(Field<'a>),
    Blank,
    Defect(Defect),
}

/// The body as a sequence of fields (unfolded), blank lines and skipped lines.
struct Items<'a> {
    input: &'a [u8],
    pos: usize,
}

impl<'a> Items<'a> {
    /// Moves past the continuation lines at `pos`, adding them to `value`
    /// when given.
    fn continuations(&mut self, mut value: Option<(&'a [u8], &mut Option<Vec<u8>>)>) {
        while let Some(line) = line_at(self.input, self.pos) {
            if !is_continuation(line.text) {
                break;
            }
            if let Some((first, owned)) = value.as_mut() {
                owned
                    .get_or_insert_with(|| first.to_vec())
                    .extend_from_slice(line.text);
            }
            self.pos = line.next;
        }
    }

    fn skip(&mut self, kind: DefectKind, offset: usize) -> Item<'a> {
        self.continuations(None);
        Item::Defect(Defect::new(kind, offset))
    }
}

impl<'a> Iterator for Items<'a> {
    type Item = Item<'a>;

    fn next(&mut self) -> Option<Item<'a>> {
        let line = line_at(self.input, self.pos)?;
        self.pos = line.next;
        if is_blank(line.text) {
            return Some(Item::Blank);
        }
        if is_continuation(line.text) {
            return Some(self.skip(DefectKind::ContinuationWithoutField, line.start));
        }
        let Some(colon) = line.text.iter().position(|&b| b == b':') else {
            return Some(self.skip(DefectKind::NotAField, line.start));
        };
        let (raw_name, after) = line.text.split_at(colon);
        // RFC 5322 §4.5.3 (obsolete syntax): spaces before the colon.
        let raw_name = trim_end(raw_name);
        let name = match core::str::from_utf8(raw_name) {
            Ok(name) if is_field_name(raw_name) => name,
            _ => return Some(self.skip(DefectKind::NotAField, line.start)),
        };
        let first = after.get(1..).unwrap_or_default();
        let mut owned = None;
        self.continuations(Some((first, &mut owned)));
        let value = match owned {
            Some(v) => Cow::Owned(v),
            None => Cow::Borrowed(first),
        };
        Some(Item::Field(Field::new(
            name,
            FieldValue::new(trim_cow(value)),
            line.start,
        )))
    }
}

/// Sets `slot` once; a second value is a duplicate.
fn set_once<T>(slot: &mut Option<T>, value: T, offset: usize, defects: &mut Vec<Defect>) {
    if slot.is_some() {
        defects.push(Defect::new(DefectKind::DuplicateField, offset));
    } else {
        *slot = Some(value);
    }
}

fn typed<'a>(value: FieldValue<'a>, offset: usize, defects: &mut Vec<Defect>) -> TypedValue<'a> {
    let (typed, has_type) = TypedValue::parse(value);
    if !has_type {
        defects.push(Defect::new(DefectKind::MissingType, offset));
    }
    typed
}

impl<'a> PerMessage<'a> {
    fn add(&mut self, field: Field<'a>, name: Name, defects: &mut Vec<Defect>) {
        let offset = field.offset();
        let value = field.value().clone();
        match name {
            Name::OriginalEnvelopeId => {
                set_once(&mut self.original_envelope_id, value, offset, defects)
            }
            Name::ReportingMta => {
                let t = typed(value, offset, defects);
                set_once(&mut self.reporting_mta, t, offset, defects)
            }
            Name::DsnGateway => {
                let t = typed(value, offset, defects);
                set_once(&mut self.dsn_gateway, t, offset, defects)
            }
            Name::ReceivedFromMta => {
                let t = typed(value, offset, defects);
                set_once(&mut self.received_from_mta, t, offset, defects)
            }
            Name::ArrivalDate => set_once(&mut self.arrival_date, value, offset, defects),
            _ => {}
        }
        self.fields.push(field);
    }
}

impl<'a> Recipient<'a> {
    fn new(offset: usize) -> Recipient<'a> {
        Recipient {
            offset,
            fields: Vec::new(),
            original_recipient: None,
            final_recipient: None,
            action_text: None,
            action: None,
            status: None,
            remote_mta: None,
            diagnostic_code: None,
            localized_diagnostics: Vec::new(),
            last_attempt_date: None,
            final_log_id: None,
            will_retry_until: None,
        }
    }

    /// Whether a field named `name` must start another group: only when this
    /// group already has that recipient field (Postfix writes
    /// `Original-Recipient` after `Final-Recipient`, Sendmail before).
    fn starts_another(&self, name: Name) -> bool {
        match name {
            Name::FinalRecipient => self.final_recipient.is_some(),
            Name::OriginalRecipient => self.original_recipient.is_some(),
            _ => false,
        }
    }

    fn add(&mut self, field: Field<'a>, name: Name, defects: &mut Vec<Defect>) {
        let offset = field.offset();
        let value = field.value().clone();
        match name {
            Name::OriginalRecipient => {
                let t = typed(value, offset, defects);
                set_once(&mut self.original_recipient, t, offset, defects)
            }
            Name::FinalRecipient => {
                let t = typed(value, offset, defects);
                set_once(&mut self.final_recipient, t, offset, defects)
            }
            Name::Action => {
                if self.action_text.is_none() {
                    self.action = Action::from_bytes(first_token(value.as_bytes()).0);
                    if self.action.is_none() {
                        defects.push(Defect::new(DefectKind::UnknownAction, offset));
                    }
                }
                set_once(&mut self.action_text, value, offset, defects)
            }
            Name::Status => {
                let status = StatusField::new(value);
                if self.status.is_none() && status.code().is_none() {
                    defects.push(Defect::new(DefectKind::BadStatus, offset));
                }
                set_once(&mut self.status, status, offset, defects)
            }
            Name::RemoteMta => {
                let t = typed(value, offset, defects);
                set_once(&mut self.remote_mta, t, offset, defects)
            }
            Name::DiagnosticCode => {
                let typed = typed(value, offset, defects);
                set_once(
                    &mut self.diagnostic_code,
                    Diagnostic { typed },
                    offset,
                    defects,
                )
            }
            Name::LocalizedDiagnostic => {
                let t = typed(value, offset, defects);
                self.localized_diagnostics.push(t)
            }
            Name::LastAttemptDate => set_once(&mut self.last_attempt_date, value, offset, defects),
            Name::FinalLogId => set_once(&mut self.final_log_id, value, offset, defects),
            Name::WillRetryUntil => set_once(&mut self.will_retry_until, value, offset, defects),
            _ => {}
        }
        self.fields.push(field);
    }

    /// Reports the required fields the group lacks.
    fn finish(self, defects: &mut Vec<Defect>, recipients: &mut Vec<Recipient<'a>>) {
        for (missing, kind) in [
            (
                self.final_recipient.is_none(),
                DefectKind::MissingFinalRecipient,
            ),
            (self.action_text.is_none(), DefectKind::MissingAction),
            (self.status.is_none(), DefectKind::MissingStatus),
        ] {
            if missing {
                defects.push(Defect::new(kind, self.offset));
            }
        }
        recipients.push(self);
    }
}

/// Where the parser is.
// One value, on the stack, for the whole parse: its size does not matter.
#[allow(clippy::large_enum_variant)]
enum At<'a> {
    /// Before the first field.
    Start,
    /// In the per-message group.
    PerMessage,
    /// In a per-recipient group.
    Recipient(Recipient<'a>),
    /// After a blank line that ended a group.
    Between,
}

pub(crate) fn parse(input: &[u8]) -> Result<DeliveryStatus<'_>, DsnError> {
    let mut per_message = PerMessage::default();
    let mut recipients = Vec::new();
    let mut defects = Vec::new();
    let mut at = At::Start;
    let mut first_skipped = None;
    let mut any_field = false;

    for item in (Items { input, pos: 0 }) {
        let field = match item {
            Item::Blank => {
                match core::mem::replace(&mut at, At::Between) {
                    At::Start => at = At::Start,
                    At::Recipient(r) => r.finish(&mut defects, &mut recipients),
                    At::PerMessage | At::Between => {}
                }
                continue;
            }
            Item::Defect(d) => {
                first_skipped.get_or_insert(d.offset());
                defects.push(d);
                continue;
            }
            Item::Field(field) => field,
        };
        any_field = true;
        let name = Name::of(field.name());
        let offset = field.offset();
        at = match at {
            At::Start if !name.is_per_recipient() => {
                per_message.offset = offset;
                per_message.add(field, name, &mut defects);
                At::PerMessage
            }
            At::PerMessage if !name.is_per_recipient() => {
                per_message.add(field, name, &mut defects);
                At::PerMessage
            }
            At::Recipient(mut r) => {
                if r.starts_another(name) {
                    defects.push(Defect::new(DefectKind::MissingBlankLine, offset));
                    r.finish(&mut defects, &mut recipients);
                    r = Recipient::new(offset);
                }
                r.add(field, name, &mut defects);
                At::Recipient(r)
            }
            previous => {
                // A per-recipient field at the start or among the per-message
                // fields, or any field after a blank line: a new group.
                if matches!(previous, At::PerMessage) {
                    defects.push(Defect::new(DefectKind::MissingBlankLine, offset));
                }
                let mut r = Recipient::new(offset);
                r.add(field, name, &mut defects);
                At::Recipient(r)
            }
        };
    }
    if let At::Recipient(r) = at {
        r.finish(&mut defects, &mut recipients);
    }

    if !any_field {
        return Err(match first_skipped {
            Some(offset) => DsnError::new(DsnErrorKind::NoFields, offset),
            None => DsnError::new(DsnErrorKind::Empty, input.len()),
        });
    }
    if recipients.is_empty() {
        return Err(DsnError::new(DsnErrorKind::NoRecipients, input.len()));
    }
    if per_message.reporting_mta.is_none() {
        defects.push(Defect::new(
            DefectKind::MissingReportingMta,
            per_message.offset,
        ));
    }
    defects.sort_by_key(|d| d.offset());
    Ok(DeliveryStatus {
        per_message,
        recipients,
        defects,
    })
}
