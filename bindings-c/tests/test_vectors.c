/* The shared vectors, read through the C API: tests/vectors/replies.json and
 * tests/vectors/verdicts.json (as C arrays in vectors.h, generated from the
 * JSON and checked for drift by tests/vectors.rs), and the DSN files of
 * core/tests/data/dsn/ with their expected-*.tsv (read here, at run time,
 * from the folder given as argv[1]). The Rust and Python tests read the same
 * cases: the binding is proved to answer exactly as the core crate does. */
#include "smtp_codes.h"
#include "check.h"
#include "vectors.h"

#include <stdlib.h>

/* Appends the lossy UTF-8 decoding of `s` to `out` (as Rust's
 * String::from_utf8_lossy: each maximal invalid subpart becomes U+FFFD). */
static size_t lossy(const unsigned char *s, size_t n, char *out) {
    size_t i = 0, o = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t need, j;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c < 0x80) {
            out[o++] = (char)c;
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c == 0xE0) {
            need = 2;
            lo = 0xA0;
        } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
            need = 2;
        } else if (c == 0xED) {
            need = 2;
            hi = 0x9F;
        } else if (c == 0xF0) {
            need = 3;
            lo = 0x90;
        } else if (c >= 0xF1 && c <= 0xF3) {
            need = 3;
        } else if (c == 0xF4) {
            need = 3;
            hi = 0x8F;
        } else {
            need = 0;
        }
        for (j = 1; need > 0 && j <= need && i + j < n; j++) {
            unsigned char b = s[i + j];
            if (j == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) {
                break;
            }
        }
        if (need > 0 && j == need + 1) {
            memcpy(out + o, s + i, need + 1);
            o += need + 1;
            i += need + 1;
        } else {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i += need > 0 ? j : 1;
        }
    }
    return o;
}

static void format_enhanced(const smtp_codes_enhanced *e, char *buf, size_t cap) {
    if (e->class_ == 0) {
        buf[0] = '\0';
    } else {
        snprintf(buf, cap, "%u.%u.%u", (unsigned)e->class_, (unsigned)e->subject,
                 (unsigned)e->detail);
    }
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void defect_names(uint32_t bits, char *buf, size_t cap) {
    const char *names[32];
    size_t n = 0, i;
    uint32_t bit;
    buf[0] = '\0';
    for (bit = 1; bit != 0; bit <<= 1) {
        if (bits & bit) {
            const char *name = smtp_codes_defect_name(bit);
            names[n++] = name != NULL ? name : "?";
        }
    }
    qsort(names, n, sizeof names[0], by_name);
    for (i = 0; i < n; i++) {
        if (i > 0) {
            strncat(buf, " ", cap - strlen(buf) - 1);
        }
        strncat(buf, names[i], cap - strlen(buf) - 1);
    }
}

static void one_reply_vector(const struct reply_vector *v) {
    smtp_codes_parse_options opts;
    smtp_codes_reply reply, untouched;
    smtp_codes_parse_error err;
    smtp_codes_result r;
    CHECK(smtp_codes_parse_options_default(&opts) == SMTP_CODES_OK);
    opts.mode = v->strict ? SMTP_CODES_MODE_STRICT : SMTP_CODES_MODE_LENIENT;
    memset(&reply, 0xA5, sizeof reply);
    memset(&untouched, 0xA5, sizeof untouched);
    r = smtp_codes_reply_parse_with((const uint8_t *)v->input, v->input_len, &opts, &reply, &err);
    if (v->ok) {
        char got_enh[32], got_defects[256];
        char *lines = malloc(v->input_len * 3 + v->line_count + 1);
        size_t o = 0, i;
        CHECKF(r == SMTP_CODES_OK, "%s: %s", v->name, smtp_codes_result_name(r));
        if (r != SMTP_CODES_OK || lines == NULL) {
            free(lines);
            return;
        }
        CHECKF(reply.code == v->code, "%s: code %u", v->name, (unsigned)reply.code);
        format_enhanced(&reply.enhanced, got_enh, sizeof got_enh);
        CHECKF(str_eq(got_enh, v->enhanced), "%s: enhanced %s", v->name, got_enh);
        CHECKF(reply.line_count == v->line_count, "%s: %zu lines", v->name, reply.line_count);
        CHECK(reply.length == v->input_len);
        for (i = 0; i < reply.line_count; i++) {
            size_t off = 0, len = 0;
            CHECK(smtp_codes_reply_line((const uint8_t *)v->input, v->input_len, i, &off, &len) ==
                  SMTP_CODES_OK);
            CHECK(off + len <= v->input_len);
            if (i > 0) {
                lines[o++] = '\n';
            }
            o += lossy((const unsigned char *)v->input + off, len, lines + o);
        }
        CHECKF(bytes_eq(lines, o, v->lines), "%s: lines %.*s", v->name, (int)o, lines);
        free(lines);
        defect_names(reply.defects, got_defects, sizeof got_defects);
        CHECKF(str_eq(got_defects, v->defects), "%s: defects %s", v->name, got_defects);
        /* The same reply read as the start of a stream. */
        memset(&untouched, 0, sizeof untouched);
        r = smtp_codes_reply_parse_prefix((const uint8_t *)v->input, v->input_len, &opts,
                                          &untouched, NULL);
        if (v->input_len > 0 && v->input[v->input_len - 1] == '\n') {
            CHECK(r == SMTP_CODES_OK && untouched.length == v->input_len &&
                  untouched.code == reply.code);
        } else {
            CHECK(r == SMTP_CODES_INCOMPLETE);
        }
    } else {
        const char *kind;
        CHECKF(r == SMTP_CODES_ERR_PARSE, "%s: %s", v->name, smtp_codes_result_name(r));
        if (r != SMTP_CODES_ERR_PARSE) {
            return;
        }
        kind = smtp_codes_parse_error_name(err.kind);
        CHECKF(str_eq(kind, v->error_kind), "%s: kind %s", v->name, kind);
        CHECKF(err.offset == v->error_offset, "%s: offset %zu", v->name, err.offset);
        CHECKF(err.line == v->error_line, "%s: line %zu", v->name, err.line);
        /* Out-parameters are written only on success. */
        CHECK(memcmp(&reply, &untouched, sizeof reply) == 0);
    }
}

static void reply_vectors_match(void) {
    size_t i;
    CHECK(REPLY_VECTOR_COUNT >= 25);
    for (i = 0; i < REPLY_VECTOR_COUNT; i++) {
        one_reply_vector(&reply_vectors[i]);
    }
}

static void one_verdict_vector(const struct verdict_vector *v) {
    smtp_codes_signals s;
    smtp_codes_verdict verdict;
    smtp_codes_result r;
    const char *t;
    char enh[32];
    memset(&s, 0, sizeof s);
    if (v->diagnostic != NULL) {
        s.diagnostic = (const uint8_t *)v->diagnostic;
        s.diagnostic_len = v->diagnostic_len;
    }
    if (v->status != NULL) {
        /* The Status field's first word, when it is a code. */
        size_t n = strcspn(v->status, " \t(");
        smtp_codes_enhanced e;
        if (smtp_codes_enhanced_parse((const uint8_t *)v->status, n, &e, NULL) == SMTP_CODES_OK) {
            s.status = e;
        }
    }
    /* As the Rust test: a code the grammar refuses (570) is no signal. */
    if (v->reply_code != 0 &&
        smtp_codes_reply_code_text(v->reply_code, &t) != SMTP_CODES_ERR_INVALID_ARGUMENT) {
        s.reply_code = v->reply_code;
    }
    if (v->remote_host != NULL) {
        s.remote_host = (const uint8_t *)v->remote_host;
        s.remote_host_len = strlen(v->remote_host);
    }
    if (v->command != NULL) {
        uint32_t c;
        if (smtp_codes_command_parse((const uint8_t *)v->command, strlen(v->command), &c) ==
            SMTP_CODES_OK) {
            s.command = c;
        }
    }
    r = smtp_codes_classify(&s, &verdict);
    CHECKF(r == SMTP_CODES_OK, "%s: %s", v->id, smtp_codes_result_name(r));
    if (r != SMTP_CODES_OK) {
        return;
    }
    CHECKF(str_eq(smtp_codes_outcome_name(verdict.outcome), v->outcome), "%s: outcome %s", v->id,
           smtp_codes_outcome_name(verdict.outcome));
    CHECKF(str_eq(smtp_codes_reason_name(verdict.reason), v->reason), "%s: reason %s", v->id,
           smtp_codes_reason_name(verdict.reason));
    CHECKF(str_eq(smtp_codes_bounce_name(verdict.bounce), v->bounce), "%s: bounce %s", v->id,
           smtp_codes_bounce_name(verdict.bounce));
    CHECKF(str_eq(smtp_codes_action_name(verdict.action), v->action), "%s: action %s", v->id,
           smtp_codes_action_name(verdict.action));
    CHECKF(str_eq(smtp_codes_decided_by_name(verdict.decided_by), v->decided_by),
           "%s: decided_by %s", v->id, smtp_codes_decided_by_name(verdict.decided_by));
    format_enhanced(&verdict.enhanced, enh, sizeof enh);
    CHECKF(str_eq(enh, v->enhanced), "%s: enhanced %s", v->id, enh);
    CHECKF(verdict.reply_code == v->verdict_reply_code, "%s: reply code %u", v->id,
           (unsigned)verdict.reply_code);
    CHECK(verdict.why.data != NULL && verdict.provider.data != NULL);
    CHECK(verdict.matched_offset + verdict.matched_len <= v->diagnostic_len);
}

static void verdict_vectors_match(void) {
    size_t i;
    CHECK(VERDICT_VECTOR_COUNT >= 200);
    for (i = 0; i < VERDICT_VECTOR_COUNT; i++) {
        one_verdict_vector(&verdict_vectors[i]);
    }
}

static const char *dsn_dir;

static char *read_file(const char *dir, const char *name, size_t *len) {
    char path[1024];
    FILE *f;
    char *buf = NULL;
    long size;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)size + 1);
        if (buf != NULL && fread(buf, 1, (size_t)size, f) != (size_t)size) {
            free(buf);
            buf = NULL;
        }
        *len = (size_t)size;
    }
    fclose(f);
    return buf;
}

/* Splits a TSV line in place into at most `max` fields. */
static size_t split_tab(char *line, char **fields, size_t max) {
    size_t n = 0;
    line[strcspn(line, "\r\n")] = '\0';
    while (n < max) {
        fields[n++] = line;
        line = strchr(line, '\t');
        if (line == NULL) {
            break;
        }
        *line++ = '\0';
    }
    return n;
}

static smtp_codes_result parse_dsn_file(const char *name, smtp_codes_dsn **dsn,
                                        smtp_codes_dsn_error *err) {
    size_t len = 0;
    char *data = read_file(dsn_dir, name, &len);
    smtp_codes_result r;
    size_t n = strlen(name);
    if (data == NULL) {
        return SMTP_CODES_ERR_NULL;
    }
    if (n > 4 && strcmp(name + n - 4, ".eml") == 0) {
        r = smtp_codes_dsn_parse_message((const uint8_t *)data, len, dsn, err);
    } else {
        r = smtp_codes_dsn_parse((const uint8_t *)data, len, dsn, err);
    }
    free(data); /* the report keeps its own copy */
    return r;
}

static void check_enhanced_field(const char *want, smtp_codes_result r,
                                 const smtp_codes_enhanced *e, const char *what,
                                 const char *file) {
    char got[32];
    if (strcmp(want, "-") == 0) {
        CHECKF(r == SMTP_CODES_ERR_NOT_FOUND, "%s: %s", file, what);
        return;
    }
    CHECKF(r == SMTP_CODES_OK, "%s: %s %s", file, what, smtp_codes_result_name(r));
    if (r == SMTP_CODES_OK) {
        format_enhanced(e, got, sizeof got);
        CHECKF(str_eq(got, want), "%s: %s %s", file, what, got);
    }
}

static void dsn_vectors_match(void) {
    size_t len = 0, rows = 0;
    char *tsv = read_file(dsn_dir, "expected-recipients.tsv", &len);
    char *line, *save = NULL;
    CHECKF(tsv != NULL, "cannot read %s/expected-recipients.tsv", dsn_dir);
    if (tsv == NULL) {
        return;
    }
    tsv[len] = '\0';
    for (line = strtok_r(tsv, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
        char *f[8];
        smtp_codes_dsn *dsn = NULL;
        smtp_codes_dsn_error err;
        smtp_codes_dsn_field field;
        smtp_codes_enhanced e;
        uint32_t action;
        uint16_t code;
        size_t index, count = 0;
        smtp_codes_result r;
        if (split_tab(line, f, 8) != 7 || strcmp(f[0], "file") == 0) {
            continue;
        }
        rows++;
        index = (size_t)strtoul(f[1], NULL, 10);
        r = parse_dsn_file(f[0], &dsn, &err);
        CHECKF(r == SMTP_CODES_OK, "%s: %s", f[0], smtp_codes_result_name(r));
        if (r != SMTP_CODES_OK) {
            continue;
        }
        CHECK(smtp_codes_dsn_recipient_count(dsn, &count) == SMTP_CODES_OK && index < count);
        r = smtp_codes_dsn_field_get(dsn, index, SMTP_CODES_DSN_FINAL_RECIPIENT, &field);
        if (strcmp(f[2], "-") == 0) {
            CHECKF(r == SMTP_CODES_ERR_NOT_FOUND, "%s: final recipient", f[0]);
        } else {
            CHECKF(r == SMTP_CODES_OK && bytes_eq(field.value.data, field.value.len, f[2]),
                   "%s/%s: final recipient", f[0], f[1]);
        }
        r = smtp_codes_dsn_recipient_action(dsn, index, &action);
        if (strcmp(f[3], "-") == 0) {
            CHECKF(r == SMTP_CODES_ERR_NOT_FOUND, "%s: action", f[0]);
        } else {
            CHECKF(r == SMTP_CODES_OK && str_eq(smtp_codes_dsn_action_name(action), f[3]),
                   "%s/%s: action", f[0], f[1]);
        }
        r = smtp_codes_dsn_recipient_status(dsn, index, &e);
        check_enhanced_field(f[4], r, &e, "status", f[0]);
        r = smtp_codes_dsn_recipient_effective_status(dsn, index, &e);
        check_enhanced_field(f[5], r, &e, "effective status", f[0]);
        r = smtp_codes_dsn_recipient_reply_code(dsn, index, &code);
        if (strcmp(f[6], "-") == 0) {
            CHECKF(r == SMTP_CODES_ERR_NOT_FOUND, "%s: reply code", f[0]);
        } else {
            CHECKF(r == SMTP_CODES_OK && code == (uint16_t)atoi(f[6]), "%s/%s: reply code",
                   f[0], f[1]);
        }
        smtp_codes_dsn_free(dsn);
    }
    CHECK(rows >= 20);
    free(tsv);
}

static const char *dsn_error_name(uint32_t kind) {
    switch (kind) {
    case SMTP_CODES_DSN_ERROR_NOT_A_MESSAGE: return "NotAMessage";
    case SMTP_CODES_DSN_ERROR_NOT_A_REPORT: return "NotAReport";
    case SMTP_CODES_DSN_ERROR_OTHER_REPORT_TYPE: return "OtherReportType";
    case SMTP_CODES_DSN_ERROR_MIME_PARSER_FAILED: return "MimeParserFailed";
    case SMTP_CODES_DSN_ERROR_NO_DELIVERY_STATUS_PART: return "NoDeliveryStatusPart";
    default: return "?";
    }
}

static void dsn_error_vectors_match(void) {
    size_t len = 0, rows = 0;
    char *tsv = read_file(dsn_dir, "expected-errors.tsv", &len);
    char *line, *save = NULL;
    CHECK(tsv != NULL);
    if (tsv == NULL) {
        return;
    }
    tsv[len] = '\0';
    for (line = strtok_r(tsv, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
        char *f[3], want[128];
        smtp_codes_dsn *dsn = NULL;
        smtp_codes_dsn_error err;
        smtp_codes_result r;
        const char *name, *p;
        size_t n;
        if (split_tab(line, f, 3) != 2 || strcmp(f[0], "file") == 0) {
            continue;
        }
        rows++;
        r = parse_dsn_file(f[0], &dsn, &err);
        CHECKF(r == SMTP_CODES_ERR_PARSE && dsn == NULL, "%s: %s", f[0],
               smtp_codes_result_name(r));
        if (r != SMTP_CODES_ERR_PARSE) {
            smtp_codes_dsn_free(dsn);
            continue;
        }
        /* `A|B`: either, depending on the build. */
        name = dsn_error_name(err.kind);
        snprintf(want, sizeof want, "|%s|", f[1]);
        n = strlen(name);
        p = strstr(want, name);
        CHECKF(p != NULL && p[-1] == '|' && p[n] == '|', "%s: %s", f[0], name);
    }
    CHECK(rows >= 3);
    free(tsv);
}

int main(int argc, char **argv) {
    dsn_dir = argc > 1 ? argv[1] : "../core/tests/data/dsn";
    RUN(reply_vectors_match);
    RUN(verdict_vectors_match);
    RUN(dsn_vectors_match);
    RUN(dsn_error_vectors_match);
    return check_summary("test_vectors");
}
