/* Every function of smtp_codes.h with good input and with NULL, empty,
 * oversized and non-UTF-8 input; out-parameters untouched on every error. */
#include "smtp_codes.h"
#include "check.h"

#include <stdint.h>
#include <stdlib.h>

#define U8(s) ((const uint8_t *)(s))
#define LEN(s) (sizeof(s) - 1)

/* A length no buffer can have: the library must refuse it without reading. */
#define HUGE_LEN ((size_t)PTRDIFF_MAX + 1)

/* One megabyte of `fill`, NUL-terminated. */
static char *big(const char *fill, size_t size) {
    char *b = malloc(size + 1);
    size_t i, n = strlen(fill);
    if (b == NULL) {
        abort();
    }
    for (i = 0; i < size; i++) {
        b[i] = fill[i % n];
    }
    b[size] = '\0';
    return b;
}

static void version_and_dates(void) {
    CHECK(str_eq(smtp_codes_version(), SMTP_CODES_VERSION));
    CHECK(str_eq(smtp_codes_registry_updated(), SMTP_CODES_REGISTRY_UPDATED));
    CHECK(SMTP_CODES_VERSION_MAJOR == 0 && SMTP_CODES_VERSION_MINOR == 1);
}

typedef const char *(*name_fn)(uint32_t);

/* Names for 1..=count (or 0..count-1 when `from` is 0), NULL around them. */
static void names_of(name_fn f, uint32_t from, uint32_t count, const char *first) {
    uint32_t i;
    CHECK(str_eq(f(from), first));
    for (i = from; i < from + count; i++) {
        const char *n = f(i);
        CHECKF(n != NULL && n[0] != '\0', "value %u", (unsigned)i);
    }
    if (from > 0) {
        CHECK(f(from - 1) == NULL);
    }
    CHECK(f(from + count) == NULL);
    CHECK(f(UINT32_MAX) == NULL);
}

static void names(void) {
    names_of(smtp_codes_result_name, 0, 8, "ok");
    names_of(smtp_codes_parse_error_name, 1, 15, "empty");
    names_of(smtp_codes_outcome_name, 1, 4, "success");
    names_of(smtp_codes_reason_name, 1, 34, "authfailure");
    names_of(smtp_codes_bounce_name, 1, 3, "hard");
    names_of(smtp_codes_action_name, 1, 8, "remove");
    names_of(smtp_codes_decided_by_name, 1, 8, "provider_rule");
    names_of(smtp_codes_command_name, 1, 9, "CONNECT");
    names_of(smtp_codes_dsn_action_name, 1, 5, "failed");
    names_of(smtp_codes_dsn_defect_description, 1, 11, "a line is not a field");
    CHECK(str_eq(smtp_codes_reason_name(SMTP_CODES_REASON_USER_UNKNOWN), "userunknown"));
    CHECK(str_eq(smtp_codes_action_name(SMTP_CODES_ACTION_RETRY_THEN_SUPPRESS),
                 "retry_then_suppress"));
    CHECK(str_eq(smtp_codes_command_name(SMTP_CODES_COMMAND_DATA_END), "DATA-END"));
    CHECK(smtp_codes_command_name(SMTP_CODES_COMMAND_NONE) == NULL);
    CHECK(str_eq(smtp_codes_defect_name(SMTP_CODES_DEFECT_BARE_LF), "bare_lf"));
    CHECK(str_eq(smtp_codes_defect_name(SMTP_CODES_DEFECT_LINE_OVER_512), "line_over_512"));
    CHECK(smtp_codes_defect_name(0) == NULL);
    CHECK(smtp_codes_defect_name(SMTP_CODES_DEFECT_BARE_LF | SMTP_CODES_DEFECT_CODE_MISMATCH) ==
          NULL);
    CHECK(smtp_codes_defect_name(UINT32_MAX) == NULL);
}

static void reply_code_texts(void) {
    const char *t = "untouched";
    size_t n = 0;
    uint32_t code, known = 0;
    smtp_codes_reply_meaning m;
    CHECK(smtp_codes_reply_code_text(SMTP_CODES_REPLY_MAILBOX_UNAVAILABLE, &t) == SMTP_CODES_OK);
    CHECK(str_eq(t, "Requested action not taken: mailbox unavailable"));
    CHECK(smtp_codes_reply_code_description(550, &t) == SMTP_CODES_OK && strlen(t) > 20);
    t = "untouched";
    CHECK(smtp_codes_reply_code_text(525, &t) == SMTP_CODES_ERR_NOT_FOUND);
    CHECK(smtp_codes_reply_code_text(650, &t) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_reply_code_text(0, &t) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_reply_code_text(65536 + 550, &t) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_reply_code_text(UINT32_MAX, &t) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(str_eq(t, "untouched"));
    CHECK(smtp_codes_reply_code_text(550, NULL) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_reply_code_description(550, NULL) == SMTP_CODES_ERR_NULL);
    /* The whole domain: every answer is one of three, every string NUL-terminated. */
    for (code = 0; code < 1000; code++) {
        smtp_codes_result r = smtp_codes_reply_code_text(code, &t);
        CHECK(r == SMTP_CODES_OK || r == SMTP_CODES_ERR_NOT_FOUND ||
              r == SMTP_CODES_ERR_INVALID_ARGUMENT);
        if (r == SMTP_CODES_OK) {
            known++;
            CHECK(strlen(t) > 0);
            CHECK(smtp_codes_reply_code_meaning_count(code, &n) == SMTP_CODES_OK && n >= 1);
            CHECK(smtp_codes_reply_code_meaning(code, n - 1, &m) == SMTP_CODES_OK);
            CHECK(strlen(m.text) > 0 && strlen(m.meaning) > 0 && strlen(m.context) > 0);
            CHECK(smtp_codes_reply_code_meaning(code, n, &m) == SMTP_CODES_ERR_INVALID_ARGUMENT);
        }
    }
    CHECK(known > 30);
    CHECK(smtp_codes_reply_code_meaning_count(454, &n) == SMTP_CODES_OK && n >= 2);
    CHECK(smtp_codes_reply_code_meaning(454, 0, &m) == SMTP_CODES_OK && str_eq(m.context, "AUTH"));
    CHECK(smtp_codes_reply_code_meaning(454, SIZE_MAX, &m) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_reply_code_meaning(454, 0, NULL) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_reply_code_meaning_count(454, NULL) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_reply_code_meaning_count(525, &n) == SMTP_CODES_ERR_NOT_FOUND);
}

static void status_texts(void) {
    const char *t = "untouched";
    uint32_t s, found = 0;
    CHECK(smtp_codes_status_text(SMTP_CODES_STATUS_BAD_DESTINATION_MAILBOX_ADDRESS, &t) ==
          SMTP_CODES_OK);
    CHECK(str_eq(t, "Bad destination mailbox address"));
    CHECK(smtp_codes_status_description(SMTP_CODES_STATUS_MAILBOX_FULL, &t) == SMTP_CODES_OK &&
          strlen(t) > 10);
    CHECK(smtp_codes_status_text(SMTP_CODES_STATUS_OTHER_UNDEFINED_STATUS, &t) == SMTP_CODES_OK);
    t = "untouched";
    CHECK(smtp_codes_status_text(7606, &t) == SMTP_CODES_ERR_NOT_FOUND);
    CHECK(smtp_codes_status_text(1000000, &t) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_status_text(UINT32_MAX, &t) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(str_eq(t, "untouched"));
    CHECK(smtp_codes_status_text(1001, NULL) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_status_description(1001, NULL) == SMTP_CODES_ERR_NULL);
    for (s = 0; s < 8000; s++) {
        smtp_codes_result r = smtp_codes_status_text(s, &t);
        CHECK(r == SMTP_CODES_OK || r == SMTP_CODES_ERR_NOT_FOUND);
        found += r == SMTP_CODES_OK;
    }
    CHECK(found >= 81);

    CHECK(smtp_codes_class_text(SMTP_CODES_CLASS_PERMANENT_FAILURE, &t) == SMTP_CODES_OK &&
          str_eq(t, "Permanent Failure"));
    CHECK(smtp_codes_class_description(2, &t) == SMTP_CODES_OK && strlen(t) > 10);
    CHECK(smtp_codes_class_text(3, &t) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_class_text(UINT32_MAX, &t) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_class_text(5, NULL) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_class_description(5, NULL) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_subject_text(SMTP_CODES_SUBJECT_MAILBOX, &t) == SMTP_CODES_OK &&
          str_eq(t, "Mailbox Status"));
    CHECK(smtp_codes_subject_description(7, &t) == SMTP_CODES_OK && strlen(t) > 10);
    CHECK(smtp_codes_subject_text(8, &t) == SMTP_CODES_ERR_NOT_FOUND);
    CHECK(smtp_codes_subject_text(1000, &t) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_subject_text(1, NULL) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_subject_description(1, NULL) == SMTP_CODES_ERR_NULL);
}

static void enhanced_codes(void) {
    smtp_codes_enhanced e, untouched;
    smtp_codes_parse_error err;
    uint32_t status = 12345;
    char *b;
    /* Padding included: compared with memcmp, copied with memcpy. */
    memset(&untouched, 9, sizeof untouched);
    CHECK(smtp_codes_enhanced_parse(U8("5.1.1"), 5, &e, &err) == SMTP_CODES_OK);
    CHECK(e.class_ == 5 && e.subject == 1 && e.detail == 1);
    CHECK(smtp_codes_enhanced_status(&e, &status) == SMTP_CODES_OK &&
          status == SMTP_CODES_STATUS_BAD_DESTINATION_MAILBOX_ADDRESS);
    CHECK(smtp_codes_enhanced_parse(U8("4.7.999"), 7, &e, NULL) == SMTP_CODES_OK);
    CHECK(e.class_ == 4 && e.subject == 7 && e.detail == 999);
    CHECK(smtp_codes_enhanced_parse(U8("5.7.606"), 7, &e, NULL) == SMTP_CODES_OK);
    status = 12345;
    CHECK(smtp_codes_enhanced_status(&e, &status) == SMTP_CODES_ERR_NOT_FOUND && status == 12345);

    memcpy(&e, &untouched, sizeof e);
    /* empty */
    CHECK(smtp_codes_enhanced_parse(U8(""), 0, &e, &err) == SMTP_CODES_ERR_PARSE);
    CHECK(str_eq(smtp_codes_parse_error_name(err.kind), "empty") && err.offset == 0);
    /* not a code; non-UTF-8 */
    CHECK(smtp_codes_enhanced_parse(U8("#5.1.1"), 6, &e, &err) == SMTP_CODES_ERR_PARSE);
    CHECK(smtp_codes_enhanced_parse(U8("5.1.\xff"), 5, &e, &err) == SMTP_CODES_ERR_PARSE);
    CHECK(str_eq(smtp_codes_parse_error_name(err.kind), "expected_digit") && err.offset == 4);
    CHECK(smtp_codes_enhanced_parse(U8("3.1.1"), 5, &e, &err) == SMTP_CODES_ERR_PARSE);
    CHECK(err.kind == SMTP_CODES_PARSE_ERROR_ENHANCED_CLASS);
    CHECK(smtp_codes_enhanced_parse(U8("5.01.1"), 6, &e, NULL) == SMTP_CODES_ERR_PARSE);
    /* a code followed by a NUL is not a code: lengths are explicit */
    CHECK(smtp_codes_enhanced_parse(U8("5.1.1\0"), 6, &e, &err) == SMTP_CODES_ERR_PARSE);
    CHECK(err.kind == SMTP_CODES_PARSE_ERROR_TRAILING_INPUT && err.offset == 5);
    /* NULL and oversized */
    CHECK(smtp_codes_enhanced_parse(NULL, 5, &e, &err) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_enhanced_parse(NULL, 0, &e, &err) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_enhanced_parse(U8("5.1.1"), 5, NULL, &err) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_enhanced_parse(U8("5.1.1"), HUGE_LEN, &e, &err) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_enhanced_parse(U8("5.1.1"), SIZE_MAX, &e, &err) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    b = big("5", 1 << 20);
    CHECK(smtp_codes_enhanced_parse(U8(b), 1 << 20, &e, &err) == SMTP_CODES_ERR_PARSE);
    free(b);
    CHECK(memcmp(&e, &untouched, sizeof e) == 0);

    /* enhanced_status validates what C passes */
    {
        smtp_codes_enhanced bad_class = {3, 1, 1}, bad_subject = {5, 1000, 1},
                            bad_detail = {5, 1, 1000}, none = {0, 1, 1};
        CHECK(smtp_codes_enhanced_status(&bad_class, &status) == SMTP_CODES_ERR_INVALID_ARGUMENT);
        CHECK(smtp_codes_enhanced_status(&bad_subject, &status) ==
              SMTP_CODES_ERR_INVALID_ARGUMENT);
        CHECK(smtp_codes_enhanced_status(&bad_detail, &status) == SMTP_CODES_ERR_INVALID_ARGUMENT);
        CHECK(smtp_codes_enhanced_status(&none, &status) == SMTP_CODES_ERR_INVALID_ARGUMENT);
        CHECK(smtp_codes_enhanced_status(NULL, &status) == SMTP_CODES_ERR_NULL);
        CHECK(smtp_codes_enhanced_status(&bad_class, NULL) == SMTP_CODES_ERR_NULL);
        CHECK(status == 12345);
    }
}

static void replies(void) {
    static const char gmail[] = "550-5.1.1 The email account that you tried to reach does not "
                                "exist.\r\n550 5.1.1 https://support.google.com/mail/?p=NoSuchUser\r\n";
    smtp_codes_reply r, untouched;
    smtp_codes_parse_error err;
    smtp_codes_parse_options opts;
    size_t off = 99, len = 99;
    char *b;
    memset(&untouched, 0x5A, sizeof untouched);
    memcpy(&r, &untouched, sizeof r);

    CHECK(smtp_codes_reply_parse(U8(gmail), LEN(gmail), &r, &err) == SMTP_CODES_OK);
    CHECK(r.code == SMTP_CODES_REPLY_MAILBOX_UNAVAILABLE && r.line_count == 2);
    CHECK(r.enhanced.class_ == 5 && r.enhanced.subject == 1 && r.enhanced.detail == 1);
    CHECK(r.defects == 0 && r.length == LEN(gmail));
    CHECK(smtp_codes_reply_line(U8(gmail), LEN(gmail), 1, &off, &len) == SMTP_CODES_OK);
    CHECK(bytes_eq(gmail + off, len, "https://support.google.com/mail/?p=NoSuchUser"));
    CHECK(smtp_codes_reply_line(U8(gmail), LEN(gmail), 2, &off, &len) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_reply_line(U8(gmail), LEN(gmail), SIZE_MAX, &off, &len) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_reply_line(U8(gmail), LEN(gmail), 0, NULL, &len) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_reply_line(U8(gmail), LEN(gmail), 0, &off, NULL) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_reply_line(NULL, LEN(gmail), 0, &off, &len) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_reply_line(U8(gmail), HUGE_LEN, 0, &off, &len) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_reply_line(U8("EHLO x\r\n"), 8, 0, &off, &len) == SMTP_CODES_ERR_PARSE);
    CHECK(smtp_codes_reply_line(U8(""), 0, 0, &off, &len) == SMTP_CODES_ERR_PARSE);

    memcpy(&r, &untouched, sizeof r);
    /* NULL, empty, oversized, non-UTF-8 */
    CHECK(smtp_codes_reply_parse(NULL, 8, &r, &err) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_reply_parse(U8("250 OK\r\n"), 8, NULL, &err) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_reply_parse(U8(""), 0, &r, &err) == SMTP_CODES_ERR_PARSE);
    CHECK(err.kind == SMTP_CODES_PARSE_ERROR_EMPTY);
    CHECK(smtp_codes_reply_parse(U8("250 OK\r\n"), HUGE_LEN, &r, &err) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(memcmp(&r, &untouched, sizeof r) == 0);
    CHECK(smtp_codes_reply_parse(U8("550 M\xfc\xffller\r\n"), 13, &r, NULL) == SMTP_CODES_OK);
    CHECK(smtp_codes_reply_line(U8("550 M\xfc\xffller\r\n"), 13, 0, &off, &len) ==
          SMTP_CODES_OK && off == 4 && len == 7);
    CHECK(smtp_codes_reply_parse(U8("250-a\n250 b\n"), 12, &r, NULL) == SMTP_CODES_OK);
    CHECK(r.defects == SMTP_CODES_DEFECT_BARE_LF);

    /* options */
    CHECK(smtp_codes_parse_options_default(&opts) == SMTP_CODES_OK);
    CHECK(opts.mode == SMTP_CODES_MODE_LENIENT && opts.max_lines == 256 &&
          opts.max_line_length == 4096);
    CHECK(smtp_codes_parse_options_default(NULL) == SMTP_CODES_ERR_NULL);
    opts.max_lines = 1;
    CHECK(smtp_codes_reply_parse_with(U8(gmail), LEN(gmail), &opts, &r, &err) ==
          SMTP_CODES_ERR_PARSE);
    CHECK(err.kind == SMTP_CODES_PARSE_ERROR_TOO_MANY_LINES && err.line == 1);
    opts.max_lines = 256;
    opts.mode = 0;
    CHECK(smtp_codes_reply_parse_with(U8(gmail), LEN(gmail), &opts, &r, &err) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    opts.mode = 99;
    CHECK(smtp_codes_reply_parse_with(U8(gmail), LEN(gmail), &opts, &r, &err) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    opts.mode = SMTP_CODES_MODE_STRICT;
    CHECK(smtp_codes_reply_parse_with(U8(gmail), LEN(gmail), NULL, &r, &err) ==
          SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_reply_parse_with(U8("250-a\r\n251 b\r\n"), 14, &opts, &r, &err) ==
          SMTP_CODES_ERR_PARSE);
    CHECK(err.kind == SMTP_CODES_PARSE_ERROR_CODE_MISMATCH);

    /* oversized real inputs: one 1 MB line; 1 MB of lines */
    b = big("2", 1 << 20);
    memcpy(b, "250 ", 4);
    CHECK(smtp_codes_reply_parse(U8(b), 1 << 20, &r, &err) == SMTP_CODES_ERR_PARSE);
    CHECK(err.kind == SMTP_CODES_PARSE_ERROR_LINE_TOO_LONG);
    free(b);
    b = big("250-x\r\n", 7 << 17);
    CHECK(smtp_codes_reply_parse(U8(b), 7 << 17, &r, &err) == SMTP_CODES_ERR_PARSE);
    CHECK(err.kind == SMTP_CODES_PARSE_ERROR_TOO_MANY_LINES && err.line == 256);
    CHECK(smtp_codes_reply_line(U8(b), 7 << 17, 0, &off, &len) == SMTP_CODES_ERR_PARSE);
    free(b);
}

static void stream(void) {
    static const char session[] = "250-mx.example.com\r\n250-PIPELINING\r\n250 SIZE 1000\r\n"
                                  "354 go ahead\r\n";
    smtp_codes_parse_options opts;
    smtp_codes_reply r, untouched;
    smtp_codes_parse_error err;
    size_t have, start = 0, seen = 0;
    uint16_t codes[2] = {0, 0};
    CHECK(smtp_codes_parse_options_default(&opts) == SMTP_CODES_OK);
    memset(&untouched, 0x11, sizeof untouched);
    /* bytes arrive one at a time */
    for (have = 1; have <= LEN(session); have++) {
        smtp_codes_result res;
        memcpy(&r, &untouched, sizeof r);
        res = smtp_codes_reply_parse_prefix(U8(session + start), have - start, &opts, &r, &err);
        if (res == SMTP_CODES_OK) {
            CHECK(seen < 2);
            if (seen < 2) {
                codes[seen] = r.code;
            }
            seen++;
            start += r.length;
        } else {
            CHECK(res == SMTP_CODES_INCOMPLETE);
            CHECK(memcmp(&r, &untouched, sizeof r) == 0);
        }
    }
    CHECK(seen == 2 && codes[0] == 250 && codes[1] == 354 && start == LEN(session));
    CHECK(smtp_codes_reply_parse_prefix(U8(""), 0, &opts, &r, &err) == SMTP_CODES_INCOMPLETE);
    CHECK(smtp_codes_reply_parse_prefix(U8("HELO\r\n"), 6, &opts, &r, &err) ==
          SMTP_CODES_ERR_PARSE);
    CHECK(smtp_codes_reply_parse_prefix(NULL, 6, &opts, &r, &err) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_reply_parse_prefix(U8("250 a\r\n"), 7, NULL, &r, &err) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_reply_parse_prefix(U8("250 a\r\n"), 7, &opts, NULL, &err) ==
          SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_reply_parse_prefix(U8("250 a\r\n"), HUGE_LEN, &opts, &r, &err) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
}

static void commands(void) {
    uint32_t c = 77;
    CHECK(smtp_codes_command_parse(U8("RCPT TO:<a@example.com>"), 23, &c) == SMTP_CODES_OK &&
          c == SMTP_CODES_COMMAND_RCPT);
    CHECK(smtp_codes_command_parse(U8("rcpt to:<jos\xe9@example.com>"), 26, &c) == SMTP_CODES_OK &&
          c == SMTP_CODES_COMMAND_RCPT);
    CHECK(smtp_codes_command_parse(U8("end of data"), 11, &c) == SMTP_CODES_OK &&
          c == SMTP_CODES_COMMAND_DATA_END);
    c = 77;
    CHECK(smtp_codes_command_parse(U8("NOOP"), 4, &c) == SMTP_CODES_ERR_PARSE);
    CHECK(smtp_codes_command_parse(U8(""), 0, &c) == SMTP_CODES_ERR_PARSE);
    CHECK(smtp_codes_command_parse(U8("\xff\xfe"), 2, &c) == SMTP_CODES_ERR_PARSE);
    CHECK(smtp_codes_command_parse(NULL, 4, &c) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_command_parse(U8("RCPT"), 4, NULL) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_command_parse(U8("RCPT"), HUGE_LEN, &c) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(c == 77);
}

static void classify(void) {
    static const char diag[] = "550-5.2.1 The email account that you tried to reach is "
                               "inactive. For more information, go to "
                               "https://support.google.com/mail/?p=DisabledUser";
    smtp_codes_signals s;
    smtp_codes_verdict v, untouched;
    char *b;
    memset(&untouched, 0x33, sizeof untouched);
    memset(&s, 0, sizeof s);

    /* nothing known */
    CHECK(smtp_codes_classify(&s, &v) == SMTP_CODES_OK);
    CHECK(v.outcome == SMTP_CODES_OUTCOME_UNKNOWN && v.reason == SMTP_CODES_REASON_UNDEFINED);
    CHECK(v.enhanced.class_ == 0 && v.reply_code == 0 && v.matched_len == 0);
    CHECK(v.why.data != NULL && v.provider.data != NULL && v.provider.len == 0);

    /* a provider's wording */
    s.diagnostic = U8(diag);
    s.diagnostic_len = LEN(diag);
    s.reply_code = 550;
    s.remote_host = U8("gmail-smtp-in.l.google.com");
    s.remote_host_len = 26;
    s.command = SMTP_CODES_COMMAND_RCPT;
    CHECK(smtp_codes_classify(&s, &v) == SMTP_CODES_OK);
    CHECK(v.outcome == SMTP_CODES_OUTCOME_PERMANENT && v.reason == SMTP_CODES_REASON_SUSPEND);
    CHECK(v.decided_by == SMTP_CODES_DECIDED_BY_PROVIDER_RULE && v.provider.len > 0);
    CHECK(v.enhanced.class_ == 5 && v.enhanced.subject == 2 && v.enhanced.detail == 1);
    CHECK(v.reply_code == 550 && v.why.len > 0);

    /* a phrase: offsets into the diagnostic */
    memset(&s, 0, sizeof s);
    s.diagnostic = U8("451 Greylisted, please try again later");
    s.diagnostic_len = 38;
    CHECK(smtp_codes_classify(&s, &v) == SMTP_CODES_OK);
    CHECK(v.outcome == SMTP_CODES_OUTCOME_TRANSIENT);
    CHECK(v.matched_offset + v.matched_len <= s.diagnostic_len);

    /* non-UTF-8 and empty diagnostics are fine */
    s.diagnostic = U8("550 5.1.1 Benutzer unbekannt: M\xfcller");
    s.diagnostic_len = 36;
    CHECK(smtp_codes_classify(&s, &v) == SMTP_CODES_OK && v.reason == SMTP_CODES_REASON_USER_UNKNOWN);
    s.diagnostic_len = 0;
    CHECK(smtp_codes_classify(&s, &v) == SMTP_CODES_OK);
    b = big("mailbox full ", 1 << 20);
    s.diagnostic = U8(b);
    s.diagnostic_len = 1 << 20;
    CHECK(smtp_codes_classify(&s, &v) == SMTP_CODES_OK);
    free(b);

    /* errors, with the verdict untouched */
    memcpy(&v, &untouched, sizeof v);
    CHECK(smtp_codes_classify(NULL, &v) == SMTP_CODES_ERR_NULL);
    memset(&s, 0, sizeof s);
    CHECK(smtp_codes_classify(&s, NULL) == SMTP_CODES_ERR_NULL);
    s.diagnostic_len = 5;
    CHECK(smtp_codes_classify(&s, &v) == SMTP_CODES_ERR_NULL);
    s.diagnostic = U8("x");
    s.diagnostic_len = HUGE_LEN;
    CHECK(smtp_codes_classify(&s, &v) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    memset(&s, 0, sizeof s);
    s.reply_code = 650;
    CHECK(smtp_codes_classify(&s, &v) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    s.reply_code = 65536 + 550;
    CHECK(smtp_codes_classify(&s, &v) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    memset(&s, 0, sizeof s);
    s.status.class_ = 3;
    CHECK(smtp_codes_classify(&s, &v) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    s.status.class_ = 5;
    s.status.subject = 1000;
    CHECK(smtp_codes_classify(&s, &v) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    memset(&s, 0, sizeof s);
    s.command = 10;
    CHECK(smtp_codes_classify(&s, &v) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    s.command = UINT32_MAX;
    CHECK(smtp_codes_classify(&s, &v) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    memset(&s, 0, sizeof s);
    s.remote_host = U8("mx.\xff.example");
    s.remote_host_len = 12;
    CHECK(smtp_codes_classify(&s, &v) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    s.remote_host = NULL;
    CHECK(smtp_codes_classify(&s, &v) == SMTP_CODES_ERR_NULL);
    CHECK(memcmp(&v, &untouched, sizeof v) == 0);

    /* a status alone */
    memset(&s, 0, sizeof s);
    s.status.class_ = 4;
    s.status.subject = 2;
    s.status.detail = 2;
    CHECK(smtp_codes_classify(&s, &v) == SMTP_CODES_OK);
    CHECK(v.outcome == SMTP_CODES_OUTCOME_TRANSIENT && v.reason == SMTP_CODES_REASON_MAILBOX_FULL);
}

static const char ehlo_reply[] = "250-mx.example.com Hello [192.0.2.1]\r\n"
                                 "250-SIZE 35882577\r\n"
                                 "250-AUTH LOGIN PLAIN\r\n"
                                 "250-LIMITS RCPTMAX=100 MAILMAX=10\r\n"
                                 "250-X-EXPS GSSAPI NTLM\r\n"
                                 "250-SIZE lots\r\n"
                                 "250 STARTTLS\r\n";

static void ehlo(void) {
    static const char latin1[] = "250-mx Gr\xfc\xdf Gott\r\n250 AUTH PLAIN \xff\r\n";
    const uint8_t *data = U8(ehlo_reply);
    size_t len = LEN(ehlo_reply), off = 99, n = 99;
    smtp_codes_ehlo e, untouched_e;
    smtp_codes_ehlo_extension x, untouched_x;
    smtp_codes_ehlo_error err, untouched_err;
    bool yes = false;
    char *b;
    memset(&untouched_e, 0x3C, sizeof untouched_e);
    memset(&untouched_x, 0x3C, sizeof untouched_x);
    memset(&untouched_err, 0x3C, sizeof untouched_err);

    CHECK(smtp_codes_ehlo_parse(data, len, &e, &err) == SMTP_CODES_OK);
    CHECK(bytes_eq(data + e.domain_offset, e.domain_length, "mx.example.com"));
    CHECK(bytes_eq(data + e.text_offset, e.text_length, "Hello [192.0.2.1]"));
    CHECK(e.extension_count == 6 && e.error_count == 1);
    CHECK(e.size_limit == SMTP_CODES_SIZE_LIMIT_MAXIMUM && e.size_maximum == 35882577);
    CHECK(e.auth && !e.auth_legacy && e.auth_count == 2);
    CHECK(e.limits && e.rcpt_max == 100 && e.mail_max == 10 && e.rcpt_domain_max == 0);
    CHECK(smtp_codes_ehlo_parse(data, len, &e, NULL) == SMTP_CODES_OK);

    /* extension lines */
    CHECK(smtp_codes_ehlo_extension_get(data, len, 0, &x, &err) == SMTP_CODES_OK);
    CHECK(x.keyword == SMTP_CODES_EHLO_SIZE && x.param_count == 1 && !x.auth_legacy);
    CHECK(bytes_eq(data + x.keyword_offset, x.keyword_length, "SIZE"));
    CHECK(bytes_eq(data + x.params_offset, x.params_length, "35882577"));
    CHECK(smtp_codes_ehlo_extension_get(data, len, 3, &x, NULL) == SMTP_CODES_OK);
    CHECK(x.keyword == 0 && x.param_count == 2);
    CHECK(bytes_eq(data + x.keyword_offset, x.keyword_length, "X-EXPS"));
    CHECK(bytes_eq(data + x.params_offset, x.params_length, "GSSAPI NTLM"));
    CHECK(smtp_codes_ehlo_extension_get(data, len, 5, &x, NULL) == SMTP_CODES_OK);
    CHECK(x.keyword == SMTP_CODES_EHLO_START_TLS && x.params_length == 0 && x.param_count == 0);
    CHECK(x.params_offset <= len);
    memcpy(&x, &untouched_x, sizeof x);
    CHECK(smtp_codes_ehlo_extension_get(data, len, 4, &x, &err) == SMTP_CODES_ERR_PARSE);
    CHECK(err.kind == SMTP_CODES_EHLO_ERROR_INVALID_SIZE && err.line == 5 && err.offset == 5 &&
          err.reply_line_error == 0);
    CHECK(smtp_codes_ehlo_extension_get(data, len, 4, &x, NULL) == SMTP_CODES_ERR_PARSE);
    memcpy(&err, &untouched_err, sizeof err);
    CHECK(smtp_codes_ehlo_extension_get(data, len, 6, &x, &err) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_ehlo_extension_get(data, len, SIZE_MAX, &x, &err) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(memcmp(&err, &untouched_err, sizeof err) == 0);
    CHECK(smtp_codes_ehlo_extension_get(NULL, len, 0, &x, &err) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_ehlo_extension_get(data, len, 0, NULL, &err) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_ehlo_extension_get(data, HUGE_LEN, 0, &x, &err) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_ehlo_extension_get(U8(""), 0, 0, &x, &err) == SMTP_CODES_ERR_PARSE);
    CHECK(err.kind == SMTP_CODES_EHLO_ERROR_NO_GREETING);
    CHECK(memcmp(&x, &untouched_x, sizeof x) == 0);

    /* supports, AUTH */
    CHECK(smtp_codes_ehlo_supports(data, len, SMTP_CODES_EHLO_SIZE, &yes) == SMTP_CODES_OK && yes);
    CHECK(smtp_codes_ehlo_supports(data, len, SMTP_CODES_EHLO_LIMITS, &yes) == SMTP_CODES_OK && yes);
    CHECK(smtp_codes_ehlo_supports(data, len, SMTP_CODES_EHLO_PIPELINING, &yes) == SMTP_CODES_OK &&
          !yes);
    yes = true;
    CHECK(smtp_codes_ehlo_supports(data, len, 0, &yes) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_ehlo_supports(data, len, SMTP_CODES_EHLO_LIMITS + 1, &yes) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_ehlo_supports(data, len, UINT32_MAX, &yes) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_ehlo_supports(U8("EHLO x\r\n"), 8, SMTP_CODES_EHLO_SIZE, &yes) ==
          SMTP_CODES_ERR_PARSE);
    CHECK(smtp_codes_ehlo_supports(NULL, len, SMTP_CODES_EHLO_SIZE, &yes) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_ehlo_supports(data, len, SMTP_CODES_EHLO_SIZE, NULL) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_ehlo_supports(data, HUGE_LEN, SMTP_CODES_EHLO_SIZE, &yes) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(yes);
    CHECK(smtp_codes_ehlo_auth_mechanism(data, len, 1, &off, &n) == SMTP_CODES_OK &&
          bytes_eq(data + off, n, "PLAIN"));
    off = n = 99;
    CHECK(smtp_codes_ehlo_auth_mechanism(data, len, 2, &off, &n) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_ehlo_auth_mechanism(U8("250 mx\r\n"), 8, 0, &off, &n) ==
          SMTP_CODES_ERR_NOT_FOUND);
    CHECK(smtp_codes_ehlo_auth_mechanism(U8("550 no\r\n"), 8, 0, &off, &n) == SMTP_CODES_ERR_PARSE);
    CHECK(smtp_codes_ehlo_auth_mechanism(data, len, 0, NULL, &n) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_ehlo_auth_mechanism(data, len, 0, &off, NULL) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_ehlo_auth_mechanism(NULL, len, 0, &off, &n) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_ehlo_auth_mechanism(data, HUGE_LEN, 0, &off, &n) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(off == 99 && n == 99);

    /* errors: NULL, empty, oversized, not an EHLO reply, non-UTF-8 */
    memcpy(&e, &untouched_e, sizeof e);
    memcpy(&err, &untouched_err, sizeof err);
    CHECK(smtp_codes_ehlo_parse(NULL, len, &e, &err) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_ehlo_parse(data, len, NULL, &err) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_ehlo_parse(data, HUGE_LEN, &e, &err) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(memcmp(&err, &untouched_err, sizeof err) == 0);
    CHECK(smtp_codes_ehlo_parse(U8(""), 0, &e, &err) == SMTP_CODES_ERR_PARSE);
    CHECK(err.kind == SMTP_CODES_EHLO_ERROR_NO_GREETING && err.line == 0);
    CHECK(smtp_codes_ehlo_parse(U8("250-mx\r\n25x DSN\r\n"), 16, &e, &err) == SMTP_CODES_ERR_PARSE);
    CHECK(err.kind == SMTP_CODES_EHLO_ERROR_REPLY_LINE && err.line == 1 &&
          str_eq(smtp_codes_parse_error_name(err.reply_line_error), "expected_digit"));
    CHECK(smtp_codes_ehlo_parse(U8("\xff\xfe\r\n"), 4, &e, NULL) == SMTP_CODES_ERR_PARSE);
    CHECK(memcmp(&e, &untouched_e, sizeof e) == 0);
    /* non-UTF-8 greeting text is kept; a non-ASCII parameter is a malformed line */
    CHECK(smtp_codes_ehlo_parse(U8(latin1), LEN(latin1), &e, NULL) == SMTP_CODES_OK);
    CHECK(bytes_eq(latin1 + e.text_offset, e.text_length, "Gr\xfc\xdf Gott"));
    CHECK(e.extension_count == 1 && e.error_count == 1 && !e.auth);
    /* a megabyte: one huge LIMITS line; a megabyte of extension lines */
    b = big(" X-L=1", 1 << 20);
    memcpy(b, "250-mx\r\n250 LIMITS", 18);
    CHECK(smtp_codes_ehlo_parse(U8(b), 1 << 20, &e, NULL) == SMTP_CODES_OK);
    CHECK(e.limits && e.extension_count == 1 && e.error_count == 0 && e.rcpt_max == 0);
    free(b);
    b = big("250-PIPELINING\r\n", 1 << 20);
    memcpy(b, "250-mx.example\r\n", 16);
    CHECK(smtp_codes_ehlo_parse(U8(b), 1 << 20, &e, &err) == SMTP_CODES_ERR_PARSE);
    CHECK(err.kind == SMTP_CODES_EHLO_ERROR_CONTINUATION && err.line == (1 << 16) - 1);
    memcpy(b + (1 << 20) - 16, "250 PIPELINING\r\n", 16);
    CHECK(smtp_codes_ehlo_parse(U8(b), 1 << 20, &e, &err) == SMTP_CODES_OK);
    CHECK(e.extension_count == (1 << 16) - 1 && e.error_count == 0);
    CHECK(smtp_codes_ehlo_supports(U8(b), 1 << 20, SMTP_CODES_EHLO_PIPELINING, &yes) ==
              SMTP_CODES_OK &&
          yes);
    free(b);

    /* keyword texts */
    names_of(smtp_codes_ehlo_keyword_name, 1, SMTP_CODES_EHLO_LIMITS, "SEND");
    names_of(smtp_codes_ehlo_keyword_description, 1, SMTP_CODES_EHLO_LIMITS, "Send to terminal");
    CHECK(str_eq(smtp_codes_ehlo_keyword_name(SMTP_CODES_EHLO_START_TLS), "STARTTLS"));
    CHECK(smtp_codes_ehlo_keyword_deprecated(SMTP_CODES_EHLO_TURN, &yes) == SMTP_CODES_OK && yes);
    CHECK(smtp_codes_ehlo_keyword_deprecated(SMTP_CODES_EHLO_SMTP_UTF8, &yes) == SMTP_CODES_OK &&
          !yes);
    CHECK(smtp_codes_ehlo_keyword_deprecated(0, &yes) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_ehlo_keyword_deprecated(UINT32_MAX, &yes) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_ehlo_keyword_deprecated(SMTP_CODES_EHLO_TURN, NULL) == SMTP_CODES_ERR_NULL);
    CHECK(!yes);
}

static void find(void) {
    static const char text[] = "#5.1.0 smtp;550 5.1.1 <x@example.com>... User unknown";
    smtp_codes_found found[4], untouched[4];
    smtp_codes_enhanced e, untouched_e;
    size_t count = 77;
    uint16_t code = 77;
    char *b;
    /* Padding included: compared with memcmp. */
    memset(&untouched_e, 9, sizeof untouched_e);
    memset(untouched, 0x6B, sizeof untouched);
    memcpy(found, untouched, sizeof found);

    CHECK(smtp_codes_find_codes(U8(text), LEN(text), found, 4, &count) == SMTP_CODES_OK);
    CHECK(count == 3);
    CHECK(found[0].kind == SMTP_CODES_FOUND_ENHANCED && found[0].offset == 1 &&
          found[0].length == 5 && found[0].context == SMTP_CODES_FOUND_ANCHORED &&
          found[0].reply_code == 0 && found[0].after_reply == 0);
    CHECK(found[1].kind == SMTP_CODES_FOUND_REPLY && found[1].reply_code == 550 &&
          found[1].enhanced.class_ == 0 && !found[1].agrees_with_reply);
    CHECK(found[2].context == SMTP_CODES_FOUND_AFTER_REPLY && found[2].after_reply == 550 &&
          found[2].agrees_with_reply && found[2].enhanced.class_ == 5 &&
          found[2].enhanced.subject == 1 && found[2].enhanced.detail == 1);
    CHECK(memcmp(&found[3], &untouched[3], sizeof found[3]) == 0);
    /* capacity below the total: the first ones, and the total */
    memcpy(found, untouched, sizeof found);
    CHECK(smtp_codes_find_codes(U8(text), LEN(text), found, 1, &count) == SMTP_CODES_OK);
    CHECK(count == 3 && found[0].offset == 1);
    CHECK(memcmp(&found[1], &untouched[1], 3 * sizeof found[0]) == 0);
    memcpy(found, untouched, sizeof found);
    CHECK(smtp_codes_find_codes(U8(text), LEN(text), found, 0, &count) == SMTP_CODES_OK);
    CHECK(count == 3 && memcmp(found, untouched, sizeof found) == 0);
    CHECK(smtp_codes_find_codes(U8(""), 0, found, 4, &count) == SMTP_CODES_OK && count == 0);
    CHECK(smtp_codes_find_codes(U8("550 M\xfcller \xff 5.1.1"), 18, found, 4, &count) ==
              SMTP_CODES_OK &&
          count == 2);
    /* errors */
    count = 77;
    CHECK(smtp_codes_find_codes(NULL, 5, found, 4, &count) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_find_codes(U8(text), LEN(text), NULL, 4, &count) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_find_codes(U8(text), LEN(text), NULL, 0, &count) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_find_codes(U8(text), LEN(text), found, 4, NULL) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_find_codes(U8(text), HUGE_LEN, found, 4, &count) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_find_codes(U8(text), LEN(text), found, SIZE_MAX, &count) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_find_codes(U8(text), LEN(text), found, HUGE_LEN / sizeof found[0] + 1,
                                &count) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(count == 77);

    CHECK(smtp_codes_best_enhanced(U8(text), LEN(text), &e) == SMTP_CODES_OK && e.class_ == 5 &&
          e.subject == 1 && e.detail == 1);
    CHECK(smtp_codes_best_reply(U8(text), LEN(text), &code) == SMTP_CODES_OK && code == 550);
    memcpy(&e, &untouched_e, sizeof e);
    code = 77;
    CHECK(smtp_codes_best_enhanced(U8("no code, 203.0.113.5"), 20, &e) == SMTP_CODES_ERR_NOT_FOUND);
    CHECK(smtp_codes_best_reply(U8("no code, 203.0.113.5"), 20, &code) == SMTP_CODES_ERR_NOT_FOUND);
    CHECK(smtp_codes_best_enhanced(U8(""), 0, &e) == SMTP_CODES_ERR_NOT_FOUND);
    CHECK(smtp_codes_best_reply(U8(""), 0, &code) == SMTP_CODES_ERR_NOT_FOUND);
    CHECK(smtp_codes_best_enhanced(NULL, 1, &e) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_best_reply(NULL, 1, &code) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_best_enhanced(U8(text), LEN(text), NULL) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_best_reply(U8(text), LEN(text), NULL) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_best_enhanced(U8(text), HUGE_LEN, &e) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_best_reply(U8(text), HUGE_LEN, &code) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(memcmp(&e, &untouched_e, sizeof e) == 0 && code == 77);
    CHECK(smtp_codes_best_reply(U8("550 M\xfcller"), 10, &code) == SMTP_CODES_OK && code == 550);

    /* a megabyte of codes and of things that look like codes: counted whole */
    b = big("said: 550 5.1.1 ", 1 << 20);
    CHECK(smtp_codes_find_codes(U8(b), 1 << 20, found, 4, &count) == SMTP_CODES_OK);
    CHECK(count == 2 * ((1 << 20) / 16));
    CHECK(smtp_codes_best_enhanced(U8(b), 1 << 20, &e) == SMTP_CODES_OK && e.subject == 1);
    free(b);
    b = big("5.1.1.2 v4.2.2 ", 1 << 20);
    CHECK(smtp_codes_find_codes(U8(b), 1 << 20, found, 4, &count) == SMTP_CODES_OK && count == 0);
    CHECK(smtp_codes_best_reply(U8(b), 1 << 20, &code) == SMTP_CODES_ERR_NOT_FOUND);
    free(b);
}

static void transcripts(void) {
    static const char session[] = "220 mx.example.com ESMTP\r\n"
                                  "EHLO client.example.org\r\n"
                                  "250-mx.example.com\r\n"
                                  "250 PIPELINING\r\n"
                                  "RCPT TO:<M\xfcller@example.com>\r\n"
                                  "550-5.1.1 No such\r\n"
                                  "550 5.1.1 user\r\n"
                                  "\xff\xfe garbage\r\n"
                                  "250-cut short";
    static const uint16_t codes[] = {220, 250, 550};
    smtp_codes_parse_options opts;
    smtp_codes_reply r, untouched;
    size_t offset = 0, start = 0, seen = 0, off, len;
    char *b;
    CHECK(smtp_codes_parse_options_default(&opts) == SMTP_CODES_OK);
    memset(&untouched, 0x4D, sizeof untouched);
    while (smtp_codes_replies_next(U8(session), LEN(session), &offset, &opts, &r, &start) ==
           SMTP_CODES_OK) {
        CHECK(seen < 3 && r.code == codes[seen < 3 ? seen : 0]);
        CHECK(start + r.length == offset && offset <= LEN(session));
        if (seen == 2) {
            CHECK(r.line_count == 2 && r.enhanced.class_ == 5);
            CHECK(smtp_codes_reply_line(U8(session + start), r.length, 1, &off, &len) ==
                      SMTP_CODES_OK &&
                  bytes_eq(session + start + off, len, "user"));
        }
        seen++;
    }
    CHECK(seen == 3);
    /* at the end (or before what is not a whole reply): not found, nothing written */
    memcpy(&r, &untouched, sizeof r);
    start = 77;
    CHECK(smtp_codes_replies_next(U8(session), LEN(session), &offset, &opts, &r, &start) ==
          SMTP_CODES_ERR_NOT_FOUND);
    CHECK(memcmp(&r, &untouched, sizeof r) == 0 && start == 77);
    offset = LEN(session);
    CHECK(smtp_codes_replies_next(U8(session), LEN(session), &offset, &opts, &r, &start) ==
              SMTP_CODES_ERR_NOT_FOUND &&
          offset == LEN(session));
    offset = 0;
    CHECK(smtp_codes_replies_next(U8(""), 0, &offset, &opts, &r, &start) ==
              SMTP_CODES_ERR_NOT_FOUND &&
          offset == 0);
    CHECK(smtp_codes_replies_next(U8("\xff\xfe\r\nHELO\r\n"), 10, &offset, &opts, &r, &start) ==
          SMTP_CODES_ERR_NOT_FOUND);
    /* errors */
    offset = LEN(session) + 1;
    CHECK(smtp_codes_replies_next(U8(session), LEN(session), &offset, &opts, &r, &start) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    offset = SIZE_MAX;
    CHECK(smtp_codes_replies_next(U8(session), LEN(session), &offset, &opts, &r, &start) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(offset == SIZE_MAX);
    offset = 0;
    CHECK(smtp_codes_replies_next(NULL, 5, &offset, &opts, &r, &start) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_replies_next(U8(session), LEN(session), NULL, &opts, &r, &start) ==
          SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_replies_next(U8(session), LEN(session), &offset, NULL, &r, &start) ==
          SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_replies_next(U8(session), LEN(session), &offset, &opts, NULL, &start) ==
          SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_replies_next(U8(session), LEN(session), &offset, &opts, &r, NULL) ==
          SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_replies_next(U8(session), HUGE_LEN, &offset, &opts, &r, &start) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    opts.mode = 0;
    CHECK(smtp_codes_replies_next(U8(session), LEN(session), &offset, &opts, &r, &start) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(offset == 0 && memcmp(&r, &untouched, sizeof r) == 0);
    opts.mode = SMTP_CODES_MODE_LENIENT;
    /* a megabyte of replies and commands */
    b = big("250 OK\r\nNOOP\r\n", 14 << 16);
    seen = 0;
    while (smtp_codes_replies_next(U8(b), 14 << 16, &offset, &opts, &r, &start) == SMTP_CODES_OK) {
        seen++;
    }
    CHECK(seen == 1 << 16 && offset == (14 << 16) - 6);
    free(b);
}

static void render(void) {
    smtp_codes_bytes lines[3];
    smtp_codes_enhanced e = {5, 1, 1}, none = {0, 7, 7};
    smtp_codes_render_error err, untouched_err;
    char buf[128];
    size_t written = 77, i;
    char *b;
    memset(&untouched_err, 0x2E, sizeof untouched_err);
    memcpy(&err, &untouched_err, sizeof err);
    lines[0].data = U8("No such user");
    lines[0].len = 12;
    lines[1].data = U8("Try again");
    lines[1].len = 9;
    lines[2].data = U8("");
    lines[2].len = 0;

    CHECK(smtp_codes_reply_render(550, &e, lines, 2, buf, sizeof buf, &written, &err) ==
          SMTP_CODES_OK);
    CHECK(bytes_eq(buf, written, "550-5.1.1 No such user\r\n550 5.1.1 Try again\r\n"));
    CHECK(memcmp(&err, &untouched_err, sizeof err) == 0);
    CHECK(smtp_codes_reply_render(250, NULL, lines, 3, buf, sizeof buf, &written, NULL) ==
          SMTP_CODES_OK);
    CHECK(bytes_eq(buf, written, "250-No such user\r\n250-Try again\r\n250\r\n"));
    CHECK(smtp_codes_reply_render(250, &none, lines, 0, buf, sizeof buf, &written, NULL) ==
              SMTP_CODES_OK &&
          bytes_eq(buf, written, "250\r\n"));
    e.class_ = 2;
    e.subject = 0;
    e.detail = 0;
    CHECK(smtp_codes_reply_render(250, &e, lines, 0, buf, sizeof buf, &written, NULL) ==
              SMTP_CODES_OK &&
          bytes_eq(buf, written, "250 2.0.0\r\n"));
    /* what it renders reads back */
    {
        smtp_codes_reply r;
        CHECK(smtp_codes_reply_render(354, NULL, lines + 1, 1, buf, sizeof buf, &written, NULL) ==
              SMTP_CODES_OK);
        CHECK(smtp_codes_reply_parse(U8(buf), written, &r, NULL) == SMTP_CODES_OK && r.code == 354);
    }

    /* too small: nothing written, the size needed */
    memset(buf, 'Z', sizeof buf);
    e.class_ = 5;
    e.subject = 1;
    e.detail = 1;
    for (i = 0; i < 45; i++) {
        written = 77;
        CHECK(smtp_codes_reply_render(550, &e, lines, 2, buf, i, &written, &err) ==
              SMTP_CODES_ERR_BUFFER_TOO_SMALL);
        CHECK(written == 45);
    }
    for (i = 0; i < sizeof buf; i++) {
        CHECK(buf[i] == 'Z');
    }
    CHECK(smtp_codes_reply_render(550, &e, lines, 2, buf, 45, &written, &err) == SMTP_CODES_OK &&
          written == 45 && buf[45] == 'Z');
    CHECK(str_eq(smtp_codes_result_name(SMTP_CODES_ERR_BUFFER_TOO_SMALL), "buffer_too_small"));
    CHECK(memcmp(&err, &untouched_err, sizeof err) == 0);

    /* what the RFCs do not allow: parse errors, saying why and where */
    written = 77;
    e.class_ = 4;
    CHECK(smtp_codes_reply_render(550, &e, lines, 2, buf, sizeof buf, &written, &err) ==
          SMTP_CODES_ERR_PARSE);
    CHECK(err.kind == SMTP_CODES_RENDER_ERROR_ENHANCED_CLASS_MISMATCH && err.line == 0);
    e.class_ = 2;
    CHECK(smtp_codes_reply_render(354, &e, lines, 0, buf, sizeof buf, &written, &err) ==
          SMTP_CODES_ERR_PARSE);
    CHECK(err.kind == SMTP_CODES_RENDER_ERROR_ENHANCED_ON_INTERMEDIATE);
    lines[1].data = U8("a\r\nb");
    lines[1].len = 4;
    CHECK(smtp_codes_reply_render(550, NULL, lines, 2, buf, sizeof buf, &written, &err) ==
          SMTP_CODES_ERR_PARSE);
    CHECK(err.kind == SMTP_CODES_RENDER_ERROR_LINE_BREAK && err.line == 1);
    lines[1].data = U8("5.1.1 looks like a code");
    lines[1].len = 23;
    CHECK(smtp_codes_reply_render(550, NULL, lines, 2, buf, sizeof buf, &written, &err) ==
          SMTP_CODES_ERR_PARSE);
    CHECK(err.kind == SMTP_CODES_RENDER_ERROR_AMBIGUOUS_TEXT && err.line == 1);
    CHECK(smtp_codes_reply_render(550, NULL, lines, 2, buf, sizeof buf, &written, NULL) ==
          SMTP_CODES_ERR_PARSE);
    b = big("x", 1 << 20);
    lines[1].data = U8(b);
    lines[1].len = 1 << 20;
    CHECK(smtp_codes_reply_render(550, NULL, lines, 2, buf, sizeof buf, &written, &err) ==
          SMTP_CODES_ERR_PARSE);
    CHECK(err.kind == SMTP_CODES_RENDER_ERROR_LINE_TOO_LONG && err.line == 1);
    free(b);
    CHECK(written == 77);

    /* what C gets wrong: invalid arguments, NULL */
    memcpy(&err, &untouched_err, sizeof err);
    lines[1].data = U8("M\xfcller");
    lines[1].len = 7;
    CHECK(smtp_codes_reply_render(550, NULL, lines, 2, buf, sizeof buf, &written, &err) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    lines[1].data = U8("Try again");
    lines[1].len = 9;
    CHECK(smtp_codes_reply_render(650, NULL, lines, 2, buf, sizeof buf, &written, &err) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_reply_render(0, NULL, lines, 2, buf, sizeof buf, &written, &err) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_reply_render(65536 + 550, NULL, lines, 2, buf, sizeof buf, &written, &err) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    e.class_ = 3;
    CHECK(smtp_codes_reply_render(550, &e, lines, 2, buf, sizeof buf, &written, &err) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    e.class_ = 5;
    e.detail = 1000;
    CHECK(smtp_codes_reply_render(550, &e, lines, 2, buf, sizeof buf, &written, &err) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_reply_render(550, NULL, lines, 2, buf, HUGE_LEN, &written, &err) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_reply_render(550, NULL, lines, SIZE_MAX, buf, sizeof buf, &written, &err) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_reply_render(550, NULL, NULL, 0, buf, sizeof buf, &written, &err) ==
          SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_reply_render(550, NULL, lines, 2, NULL, 0, &written, &err) ==
          SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_reply_render(550, NULL, lines, 2, buf, sizeof buf, NULL, &err) ==
          SMTP_CODES_ERR_NULL);
    lines[2].data = NULL;
    CHECK(smtp_codes_reply_render(550, NULL, lines, 3, buf, sizeof buf, &written, &err) ==
          SMTP_CODES_ERR_NULL);
    lines[2].data = U8("x");
    lines[2].len = HUGE_LEN;
    CHECK(smtp_codes_reply_render(550, NULL, lines, 3, buf, sizeof buf, &written, &err) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(written == 77 && memcmp(&err, &untouched_err, sizeof err) == 0);
}

static const char dsn_body[] =
    "Reporting-MTA: dns; mail.example.org\r\n"
    "X-Postfix-Queue-ID: 4Q1xyz\r\n"
    "Arrival-Date: Mon, 1 Jan 2024 00:00:00 +0000\r\n"
    "\r\n"
    "Final-Recipient: rfc822; x@example.com\r\n"
    "Original-Recipient: rfc822; X@Example.com\r\n"
    "Action: failed\r\n"
    "Status: 5.0.0 (generic)\r\n"
    "Remote-MTA: dns; mx.example.com\r\n"
    "Diagnostic-Code: smtp; 550 5.1.1 <x@example.com>: Recipient\r\n"
    "  address rejected: M\xfcller unknown\r\n"
    "\r\n"
    "Final-Recipient: rfc822; y@example.com\r\n"
    "Action: bogus\r\n"
    "Status: 4.4.1\r\n"
    "Will-Retry-Until: Tue, 2 Jan 2024 00:00:00 +0000\r\n";

static void dsn(void) {
    smtp_codes_dsn *d = NULL, *untouched_dsn = (smtp_codes_dsn *)&untouched_dsn;
    smtp_codes_dsn_error err;
    smtp_codes_dsn_field f;
    smtp_codes_dsn_defect defect;
    smtp_codes_bytes value;
    smtp_codes_enhanced e;
    smtp_codes_verdict v, untouched_v;
    size_t n = 0, i;
    uint32_t action = 0;
    uint16_t code = 0;
    char *copy = malloc(sizeof dsn_body);
    char *b;

    if (copy == NULL) {
        abort();
    }
    memset(&untouched_v, 0x71, sizeof untouched_v);
    memcpy(copy, dsn_body, sizeof dsn_body);
    CHECK(smtp_codes_dsn_parse(U8(copy), LEN(dsn_body), &d, &err) == SMTP_CODES_OK);
    /* the report keeps its own copy of what it needs */
    memset(copy, 'X', LEN(dsn_body));
    free(copy);
    if (d == NULL) {
        return;
    }
    CHECK(smtp_codes_dsn_recipient_count(d, &n) == SMTP_CODES_OK && n == 2);
    CHECK(smtp_codes_dsn_field_get(d, 0, SMTP_CODES_DSN_REPORTING_MTA, &f) == SMTP_CODES_OK);
    CHECK(bytes_eq(f.type_name.data, f.type_name.len, "dns"));
    CHECK(bytes_eq(f.value.data, f.value.len, "mail.example.org"));
    CHECK(smtp_codes_dsn_field_get(d, 0, SMTP_CODES_DSN_ARRIVAL_DATE, &f) == SMTP_CODES_OK &&
          f.type_name.len == 0 && f.type_name.data != NULL);
    CHECK(smtp_codes_dsn_field_get(d, 0, SMTP_CODES_DSN_DSN_GATEWAY, &f) ==
          SMTP_CODES_ERR_NOT_FOUND);
    CHECK(smtp_codes_dsn_field_get(d, 0, SMTP_CODES_DSN_FINAL_RECIPIENT, &f) == SMTP_CODES_OK);
    CHECK(bytes_eq(f.value.data, f.value.len, "x@example.com"));
    CHECK(smtp_codes_dsn_field_get(d, 0, SMTP_CODES_DSN_ORIGINAL_RECIPIENT, &f) == SMTP_CODES_OK);
    CHECK(bytes_eq(f.value.data, f.value.len, "X@Example.com"));
    CHECK(smtp_codes_dsn_field_get(d, 0, SMTP_CODES_DSN_STATUS, &f) == SMTP_CODES_OK);
    CHECK(bytes_eq(f.value.data, f.value.len, "5.0.0 (generic)"));
    CHECK(smtp_codes_dsn_field_get(d, 0, SMTP_CODES_DSN_DIAGNOSTIC_CODE, &f) == SMTP_CODES_OK);
    CHECK(bytes_eq(f.type_name.data, f.type_name.len, "smtp"));
    CHECK(f.value.len > 30 && memcmp(f.value.data, "550 5.1.1", 9) == 0);
    CHECK(memchr(f.value.data, 0xfc, f.value.len) != NULL); /* non-UTF-8 kept as is */
    CHECK(smtp_codes_dsn_field_get(d, 1, SMTP_CODES_DSN_WILL_RETRY_UNTIL, &f) == SMTP_CODES_OK);
    CHECK(smtp_codes_dsn_field_get(d, 1, SMTP_CODES_DSN_ACTION, &f) == SMTP_CODES_OK &&
          bytes_eq(f.value.data, f.value.len, "bogus"));
    CHECK(smtp_codes_dsn_field_get(d, 0, SMTP_CODES_DSN_FINAL_LOG_ID, &f) ==
          SMTP_CODES_ERR_NOT_FOUND);
    CHECK(smtp_codes_dsn_field_get(d, 2, SMTP_CODES_DSN_FINAL_RECIPIENT, &f) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_dsn_field_get(d, SIZE_MAX, SMTP_CODES_DSN_ACTION, &f) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_dsn_field_get(d, 0, 0, &f) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_dsn_field_get(d, 0, 6, &f) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_dsn_field_get(d, 0, UINT32_MAX, &f) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_dsn_field_get(NULL, 0, SMTP_CODES_DSN_ACTION, &f) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_dsn_field_get(d, 0, SMTP_CODES_DSN_ACTION, NULL) == SMTP_CODES_ERR_NULL);

    CHECK(smtp_codes_dsn_field_by_name(d, SIZE_MAX, U8("x-postfix-queue-id"), 18, &value) ==
          SMTP_CODES_OK);
    CHECK(bytes_eq(value.data, value.len, "4Q1xyz"));
    CHECK(smtp_codes_dsn_field_by_name(d, 0, U8("REMOTE-MTA"), 10, &value) == SMTP_CODES_OK);
    CHECK(bytes_eq(value.data, value.len, "dns; mx.example.com"));
    CHECK(smtp_codes_dsn_field_by_name(d, 1, U8("Remote-MTA"), 10, &value) ==
          SMTP_CODES_ERR_NOT_FOUND);
    CHECK(smtp_codes_dsn_field_by_name(d, 0, U8("Remote-\xff"), 8, &value) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_dsn_field_by_name(d, 0, U8(""), 0, &value) == SMTP_CODES_ERR_NOT_FOUND);
    CHECK(smtp_codes_dsn_field_by_name(d, 5, U8("Action"), 6, &value) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_dsn_field_by_name(d, 0, NULL, 6, &value) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_dsn_field_by_name(d, 0, U8("Action"), HUGE_LEN, &value) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_dsn_field_by_name(d, 0, U8("Action"), 6, NULL) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_dsn_field_by_name(NULL, 0, U8("Action"), 6, &value) == SMTP_CODES_ERR_NULL);

    CHECK(smtp_codes_dsn_recipient_action(d, 0, &action) == SMTP_CODES_OK &&
          action == SMTP_CODES_DSN_ACTION_FAILED);
    action = 77;
    CHECK(smtp_codes_dsn_recipient_action(d, 1, &action) == SMTP_CODES_ERR_NOT_FOUND && action == 77);
    CHECK(smtp_codes_dsn_recipient_action(d, 2, &action) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_dsn_recipient_action(d, 0, NULL) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_dsn_recipient_action(NULL, 0, &action) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_dsn_recipient_status(d, 0, &e) == SMTP_CODES_OK && e.class_ == 5 &&
          e.subject == 0 && e.detail == 0);
    CHECK(smtp_codes_dsn_recipient_effective_status(d, 0, &e) == SMTP_CODES_OK && e.class_ == 5 &&
          e.subject == 1 && e.detail == 1);
    CHECK(smtp_codes_dsn_recipient_status(d, 1, &e) == SMTP_CODES_OK && e.class_ == 4 &&
          e.subject == 4 && e.detail == 1);
    CHECK(smtp_codes_dsn_recipient_status(d, 9, &e) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_dsn_recipient_status(d, 0, NULL) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_dsn_recipient_effective_status(d, 9, &e) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_dsn_recipient_effective_status(NULL, 0, &e) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_dsn_recipient_reply_code(d, 0, &code) == SMTP_CODES_OK && code == 550);
    CHECK(smtp_codes_dsn_recipient_reply_code(d, 1, &code) == SMTP_CODES_ERR_NOT_FOUND);
    CHECK(smtp_codes_dsn_recipient_reply_code(d, 2, &code) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_dsn_recipient_reply_code(d, 0, NULL) == SMTP_CODES_ERR_NULL);

    /* verdicts: recipient 0's match is in its Diagnostic-Code view */
    CHECK(smtp_codes_dsn_recipient_verdict(d, 0, &v) == SMTP_CODES_OK);
    CHECK(v.outcome == SMTP_CODES_OUTCOME_PERMANENT && v.reason == SMTP_CODES_REASON_USER_UNKNOWN);
    CHECK(v.reply_code == 550 && v.enhanced.class_ == 5 && v.enhanced.subject == 1);
    CHECK(smtp_codes_dsn_field_get(d, 0, SMTP_CODES_DSN_DIAGNOSTIC_CODE, &f) == SMTP_CODES_OK);
    CHECK(v.matched_offset + v.matched_len <= f.value.len);
    CHECK(smtp_codes_dsn_recipient_verdict(d, 1, &v) == SMTP_CODES_OK);
    CHECK(v.outcome == SMTP_CODES_OUTCOME_TRANSIENT && v.enhanced.class_ == 4 &&
          v.enhanced.subject == 4 && v.enhanced.detail == 1 && v.matched_len == 0);
    memcpy(&v, &untouched_v, sizeof v);
    CHECK(smtp_codes_dsn_recipient_verdict(d, 2, &v) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_dsn_recipient_verdict(d, SIZE_MAX, &v) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_dsn_recipient_verdict(NULL, 0, &v) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_dsn_recipient_verdict(d, 0, NULL) == SMTP_CODES_ERR_NULL);
    CHECK(memcmp(&v, &untouched_v, sizeof v) == 0);

    CHECK(smtp_codes_dsn_defect_count(d, &n) == SMTP_CODES_OK && n >= 1);
    for (i = 0; i < n; i++) {
        CHECK(smtp_codes_dsn_defect_get(d, i, &defect) == SMTP_CODES_OK);
        CHECK(smtp_codes_dsn_defect_description(defect.kind) != NULL);
        CHECK(defect.offset < LEN(dsn_body));
    }
    CHECK(smtp_codes_dsn_defect_get(d, 0, &defect) == SMTP_CODES_OK &&
          defect.kind == SMTP_CODES_DSN_DEFECT_UNKNOWN_ACTION);
    CHECK(smtp_codes_dsn_defect_get(d, n, &defect) == SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_dsn_defect_get(d, 0, NULL) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_dsn_defect_count(NULL, &n) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_dsn_defect_count(d, NULL) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_dsn_recipient_count(NULL, &n) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_dsn_recipient_count(d, NULL) == SMTP_CODES_ERR_NULL);
    smtp_codes_dsn_free(d);
    smtp_codes_dsn_free(NULL);

    /* errors: nothing allocated, dsn_out untouched */
    d = untouched_dsn;
    CHECK(smtp_codes_dsn_parse(U8(""), 0, &d, &err) == SMTP_CODES_ERR_PARSE);
    CHECK(err.kind == SMTP_CODES_DSN_ERROR_EMPTY);
    CHECK(smtp_codes_dsn_parse(U8("Reporting-MTA: dns; x\r\n"), 23, &d, &err) ==
          SMTP_CODES_ERR_PARSE);
    CHECK(err.kind == SMTP_CODES_DSN_ERROR_NO_RECIPIENTS);
    CHECK(smtp_codes_dsn_parse(U8("\xff\xfe\x00\x01"), 4, &d, NULL) == SMTP_CODES_ERR_PARSE);
    CHECK(smtp_codes_dsn_parse(NULL, 4, &d, &err) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_dsn_parse(U8(dsn_body), LEN(dsn_body), NULL, &err) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_dsn_parse(U8(dsn_body), HUGE_LEN, &d, &err) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    CHECK(smtp_codes_dsn_parse_message(U8(""), 0, &d, &err) == SMTP_CODES_ERR_PARSE);
    CHECK(err.kind == SMTP_CODES_DSN_ERROR_NOT_A_MESSAGE);
    CHECK(smtp_codes_dsn_parse_message(U8("Subject: hi\r\n\r\nhello\r\n"), 22, &d, &err) ==
          SMTP_CODES_ERR_PARSE);
    CHECK(err.kind == SMTP_CODES_DSN_ERROR_NOT_A_REPORT);
    CHECK(smtp_codes_dsn_parse_message(NULL, 1, &d, &err) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_dsn_parse_message(U8("x"), 1, NULL, &err) == SMTP_CODES_ERR_NULL);
    CHECK(smtp_codes_dsn_parse_message(U8("x"), HUGE_LEN, &d, &err) ==
          SMTP_CODES_ERR_INVALID_ARGUMENT);
    b = big("Final-Recipient: rfc822; a@b\r\nX: \xff\r\n\r\n", 1 << 20);
    CHECK(smtp_codes_dsn_parse_message(U8(b), 1 << 20, &d, &err) == SMTP_CODES_ERR_PARSE);
    CHECK(d == untouched_dsn);
    /* a megabyte of recipient groups is one report */
    CHECK(smtp_codes_dsn_parse(U8(b), 1 << 20, &d, &err) == SMTP_CODES_OK);
    if (d != untouched_dsn) {
        CHECK(smtp_codes_dsn_recipient_count(d, &n) == SMTP_CODES_OK && n > 1000);
        smtp_codes_dsn_free(d);
    }
    free(b);
}

int main(void) {
    RUN(version_and_dates);
    RUN(names);
    RUN(reply_code_texts);
    RUN(status_texts);
    RUN(enhanced_codes);
    RUN(replies);
    RUN(stream);
    RUN(commands);
    RUN(classify);
    RUN(dsn);
    RUN(ehlo);
    RUN(find);
    RUN(transcripts);
    RUN(render);
    return check_summary("test_api");
}
