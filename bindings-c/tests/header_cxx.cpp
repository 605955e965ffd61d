// The header compiles as C++11 with -Wall -Wextra -Wpedantic -Werror, and its
// functions link with C linkage (extern "C").
#include "smtp_codes.h"

#include <cstdio>
#include <cstring>

static_assert(SMTP_CODES_REPLY_MAILBOX_UNAVAILABLE == 550, "reply constant");
static_assert(SMTP_CODES_STATUS_MAILBOX_FULL == 2002, "status constant");
static_assert(sizeof(smtp_codes_result) == 4, "results are 32-bit");

int main() {
    smtp_codes_verdict verdict;
    smtp_codes_signals signals = smtp_codes_signals();
    signals.reply_code = 452;
    if (smtp_codes_classify(&signals, &verdict) != SMTP_CODES_OK ||
        verdict.outcome != SMTP_CODES_OUTCOME_TRANSIENT) {
        return 1;
    }
    const char *text = nullptr;
    if (smtp_codes_status_text(SMTP_CODES_STATUS_MAILBOX_FULL, &text) != SMTP_CODES_OK ||
        std::strcmp(text, "Mailbox full") != 0) {
        return 1;
    }
    std::printf("header_cxx: %s %s\n", smtp_codes_outcome_name(verdict.outcome),
                smtp_codes_version());
    return 0;
}
