/* A minimal test harness for the C tests: CHECK records a failure with its
 * place and goes on; each TEST counts as one case; check_summary prints
 * "NAME: N passed, M failed" and gives the exit status. */
#ifndef SMTP_CODES_CHECK_H
#define SMTP_CODES_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures_in_case;
static int check_cases_passed;
static int check_cases_failed;

#define CHECK(cond)                                                                    \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);  \
            check_failures_in_case++;                                                  \
        }                                                                              \
    } while (0)

/* CHECK with a printf-style explanation. */
#define CHECKF(cond, ...)                                                              \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond);   \
            fprintf(stderr, __VA_ARGS__);                                              \
            fputc('\n', stderr);                                                       \
            check_failures_in_case++;                                                  \
        }                                                                              \
    } while (0)

#define RUN(test)                                                                      \
    do {                                                                               \
        check_failures_in_case = 0;                                                    \
        test();                                                                        \
        if (check_failures_in_case == 0) {                                             \
            check_cases_passed++;                                                      \
        } else {                                                                       \
            check_cases_failed++;                                                      \
            fprintf(stderr, "FAILED: %s\n", #test);                                    \
        }                                                                              \
    } while (0)

static int check_summary(const char *name) {
    printf("%s: %d passed, %d failed\n", name, check_cases_passed, check_cases_failed);
    return check_cases_failed == 0 ? 0 : 1;
}

/* Whether a NUL-terminated string equals `want`. */
static int str_eq(const char *got, const char *want) {
    return got != NULL && want != NULL && strcmp(got, want) == 0;
}

/* Whether `len` bytes at `data` equal the NUL-terminated `want`. */
static int bytes_eq(const void *data, size_t len, const char *want) {
    return data != NULL && strlen(want) == len && memcmp(data, want, len) == 0;
}

#endif
