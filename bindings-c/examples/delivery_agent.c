/* delivery_agent: what a legacy MTA's delivery agent decides from the
 * replies of an SMTP server.
 *
 * Reads a session from standard input (server replies, with or without the
 * client's commands between them, as a transcript or a log shows them), and
 * for each complete reply prints the decision (deliver, retry, bounce; or
 * continue, for a step of the session that went well) and why. The exit status is the last decision's, as sendmail's mailers report
 * one: 0 (EX_OK) deliver, 75 (EX_TEMPFAIL) retry, 67 (EX_NOUSER) or
 * 69 (EX_UNAVAILABLE) bounce.
 *
 *   delivery_agent [-h REMOTE_HOST] < session.txt
 *
 * Build: cc delivery_agent.c $(pkg-config --cflags --libs smtp-codes)
 */
#include <smtp_codes.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EX_OK 0
#define EX_NOUSER 67
#define EX_UNAVAILABLE 69
#define EX_TEMPFAIL 75

struct agent {
    const char *remote_host;
    uint32_t command; /* the client command the next reply answers */
    int status;       /* the exit status of the last decision */
};

static void print_bytes(const char *label, smtp_codes_bytes b) {
    if (b.len > 0) {
        printf("  %s: %.*s\n", label, (int)b.len, (const char *)b.data);
    }
}

/* One complete reply: classify it and print the decision. */
static void decide(struct agent *a, const uint8_t *data, const smtp_codes_reply *reply) {
    smtp_codes_signals s;
    smtp_codes_verdict v;
    const char *decision, *text;
    size_t i;
    uint32_t status;

    memset(&s, 0, sizeof s);
    s.diagnostic = data;
    s.diagnostic_len = reply->length;
    s.reply_code = reply->code;
    s.status = reply->enhanced;
    s.command = a->command;
    if (a->remote_host != NULL) {
        s.remote_host = (const uint8_t *)a->remote_host;
        s.remote_host_len = strlen(a->remote_host);
    }
    if (smtp_codes_classify(&s, &v) != SMTP_CODES_OK) {
        printf("%u: cannot classify\n", (unsigned)reply->code);
        return;
    }
    if (v.outcome == SMTP_CODES_OUTCOME_SUCCESS ||
        (reply->code >= 300 && reply->code < 400)) {
        /* A step of the session went well; the message is delivered when
         * the server accepts its end (or when nothing says which step). */
        if (a->command == SMTP_CODES_COMMAND_DATA_END || a->command == SMTP_CODES_COMMAND_NONE) {
            decision = "deliver";
            a->status = EX_OK;
        } else {
            decision = "continue";
        }
    } else if (v.outcome == SMTP_CODES_OUTCOME_PERMANENT) {
        decision = "bounce";
        a->status = v.reason == SMTP_CODES_REASON_USER_UNKNOWN ? EX_NOUSER : EX_UNAVAILABLE;
    } else {
        decision = "retry"; /* transient, or nothing tells: try again later */
        a->status = EX_TEMPFAIL;
    }

    printf("%u", (unsigned)reply->code);
    if (reply->enhanced.class_ != 0) {
        printf(" %u.%u.%u", (unsigned)reply->enhanced.class_, (unsigned)reply->enhanced.subject,
               (unsigned)reply->enhanced.detail);
    }
    if (smtp_codes_command_name(a->command) != NULL) {
        printf(" after %s", smtp_codes_command_name(a->command));
    }
    printf(": %s (%s, %s bounce, action %s)\n", decision, smtp_codes_reason_name(v.reason),
           smtp_codes_bounce_name(v.bounce), smtp_codes_action_name(v.action));
    for (i = 0; i < reply->line_count; i++) {
        size_t off, len;
        if (smtp_codes_reply_line(data, reply->length, i, &off, &len) == SMTP_CODES_OK) {
            printf("  server said: %.*s\n", (int)len, (const char *)data + off);
        }
    }
    printf("  decided by: %s\n", smtp_codes_decided_by_name(v.decided_by));
    print_bytes("because", v.why);
    print_bytes("provider", v.provider);
    if (v.enhanced.class_ != 0 && smtp_codes_enhanced_status(&v.enhanced, &status) == SMTP_CODES_OK &&
        smtp_codes_status_text(status, &text) == SMTP_CODES_OK && text[0] != '\0') {
        printf("  status %u.%u.%u: %s\n", (unsigned)v.enhanced.class_,
               (unsigned)v.enhanced.subject, (unsigned)v.enhanced.detail, text);
    } else if (smtp_codes_reply_code_text(reply->code, &text) == SMTP_CODES_OK) {
        printf("  reply %u: %s\n", (unsigned)reply->code, text);
    }
    a->command = SMTP_CODES_COMMAND_NONE;
}

int main(int argc, char **argv) {
    struct agent a = {NULL, SMTP_CODES_COMMAND_NONE, EX_TEMPFAIL};
    smtp_codes_parse_options opts;
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0, start = 0;
    int eof = 0;

    if (argc == 3 && strcmp(argv[1], "-h") == 0) {
        a.remote_host = argv[2];
    } else if (argc != 1) {
        fprintf(stderr, "usage: %s [-h REMOTE_HOST] < session\n", argv[0]);
        return 64; /* EX_USAGE */
    }
    if (smtp_codes_parse_options_default(&opts) != SMTP_CODES_OK) {
        return 70; /* EX_SOFTWARE */
    }
    for (;;) {
        smtp_codes_reply reply;
        smtp_codes_result r;
        if (start == len && eof) {
            break;
        }
        r = smtp_codes_reply_parse_prefix(buf + start, len - start, &opts, &reply, NULL);
        if (buf == NULL) {
            r = SMTP_CODES_INCOMPLETE; /* nothing read yet */
        }
        if (r == SMTP_CODES_INCOMPLETE && eof) {
            /* The input ends without a line ending: the last reply may be whole. */
            r = smtp_codes_reply_parse(buf + start, len - start, &reply, NULL);
            if (r != SMTP_CODES_OK) {
                printf("incomplete reply at the end of the input\n");
                break;
            }
        }
        if (r == SMTP_CODES_OK) {
            decide(&a, buf + start, &reply);
            start += reply.length;
        } else if (r == SMTP_CODES_INCOMPLETE) {
            size_t n;
            if (cap - len < 4096) {
                uint8_t *grown;
                memmove(buf, buf + start, len - start);
                len -= start;
                start = 0;
                cap = cap * 2 + 4096;
                grown = realloc(buf, cap);
                if (grown == NULL) {
                    free(buf);
                    return 71; /* EX_OSERR */
                }
                buf = grown;
            }
            n = fread(buf + len, 1, cap - len, stdin);
            len += n;
            eof = n == 0;
        } else {
            /* Not a reply: a client command tells what the next reply answers. */
            const uint8_t *nl = memchr(buf + start, '\n', len - start);
            size_t line = nl != NULL ? (size_t)(nl - (buf + start)) + 1 : len - start;
            uint32_t command;
            if (nl == NULL && !eof) {
                /* Wait for the whole line (at most a parse-limit long). */
                size_t n;
                if (cap - len < 4096) {
                    uint8_t *grown;
                    cap = cap * 2 + 4096;
                    grown = realloc(buf, cap);
                    if (grown == NULL) {
                        free(buf);
                        return 71;
                    }
                    buf = grown;
                }
                n = fread(buf + len, 1, cap - len, stdin);
                len += n;
                eof = n == 0;
                continue;
            }
            if (smtp_codes_command_parse(buf + start, line, &command) == SMTP_CODES_OK) {
                a.command = command;
            }
            start += line;
        }
    }
    free(buf);
    return a.status;
}
