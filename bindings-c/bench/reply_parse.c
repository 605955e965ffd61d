/* The cost of the C boundary: smtp_codes_reply_parse over the reply corpus
 * (tests/vectors/replies.json, as tests/vectors.h), against the same loop in
 * Rust calling Reply::parse directly (bench/reply_parse.rs). Prints the
 * median of 7 runs, in nanoseconds per call. See BENCHMARKS-c.md. */
#define _POSIX_C_SOURCE 200809L
#include "smtp_codes.h"
#include "vectors.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define ROUNDS 20000
#define RUNS 7

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(void) {
    double runs[RUNS];
    unsigned long sink = 0;
    size_t run, round, i, bytes = 0;
    for (i = 0; i < REPLY_VECTOR_COUNT; i++) {
        bytes += reply_vectors[i].input_len;
    }
    for (run = 0; run < RUNS; run++) {
        double start = now_ns();
        for (round = 0; round < ROUNDS; round++) {
            for (i = 0; i < REPLY_VECTOR_COUNT; i++) {
                const struct reply_vector *v = &reply_vectors[i];
                smtp_codes_reply r;
                if (smtp_codes_reply_parse((const uint8_t *)v->input, v->input_len, &r, NULL) ==
                    SMTP_CODES_OK) {
                    uint32_t d = r.defects;
                    sink += r.code + r.line_count + r.enhanced.detail;
                    for (; d != 0; d &= d - 1) {
                        sink++; /* one per defect, as the Rust loop counts them */
                    }
                } else {
                    sink += 1;
                }
            }
        }
        runs[run] = (now_ns() - start) / ((double)ROUNDS * REPLY_VECTOR_COUNT);
    }
    qsort(runs, RUNS, sizeof runs[0], by_value);
    printf("C    smtp_codes_reply_parse: %6.1f ns/call (median of %d; min %.1f, max %.1f), "
           "%d inputs, %zu bytes, checksum %lu\n",
           runs[RUNS / 2], RUNS, runs[0], runs[RUNS - 1], REPLY_VECTOR_COUNT, bytes,
           sink / (RUNS * ROUNDS));
    return 0;
}
