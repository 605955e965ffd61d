/* The header compiles as C99 with -Wall -Wextra -Wpedantic -Werror, twice
 * included (include guard), and its constants are what they say. */
#include "smtp_codes.h"
#include "smtp_codes.h"

#include <stdio.h>
#include <string.h>

typedef char assert_reply[SMTP_CODES_REPLY_MAILBOX_UNAVAILABLE == 550 ? 1 : -1];
typedef char assert_status[SMTP_CODES_STATUS_BAD_DESTINATION_MAILBOX_ADDRESS == 1001 ? 1 : -1];
typedef char assert_class[SMTP_CODES_CLASS_PERMANENT_FAILURE == 5 ? 1 : -1];
typedef char assert_subject[SMTP_CODES_SUBJECT_MAILBOX == 2 ? 1 : -1];
typedef char assert_result[sizeof(smtp_codes_result) == 4 ? 1 : -1];
typedef char assert_version[SMTP_CODES_VERSION_MAJOR >= 0 ? 1 : -1];

int main(void) {
    smtp_codes_reply reply;
    smtp_codes_result r = smtp_codes_reply_parse((const uint8_t *)"250 OK\r\n", 8, &reply, NULL);
    (void)sizeof(assert_reply);
    (void)sizeof(assert_status);
    (void)sizeof(assert_class);
    (void)sizeof(assert_subject);
    (void)sizeof(assert_result);
    (void)sizeof(assert_version);
    if (r != SMTP_CODES_OK || reply.code != SMTP_CODES_REPLY_OK ||
        strcmp(smtp_codes_version(), SMTP_CODES_VERSION) != 0) {
        return 1;
    }
    puts("header_c99: ok");
    return 0;
}
