/*
 * CPU time per segtool_segment_words call on one short sentence, from 1 or N threads sharing one
 * segmenter handle: whether the C API's calls contend (locks, reference counts) across threads.
 *
 *   swift build -c release --product segtool-c
 *   cc -O2 -pthread -I Sources/CSegtool/include Benchmarks/capi/threads.c -L .build/release \
 *      -lsegtool-c -Wl,-rpath,$PWD/.build/release -o /tmp/capi-threads
 *   /tmp/capi-threads 1 && /tmp/capi-threads 2
 *
 * Each thread prints its CPU time per call (CLOCK_THREAD_CPUTIME_ID), which other processes on
 * a shared machine disturb little; the wall time per call shows how many cores were free.
 */
#define _POSIX_C_SOURCE 200809L
#include "segtool.h"
#include "segtool_bindings.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static segtool_segmenter *segmenter;
static const char *text = "推动成渝地区双城经济圈建设，是党中央作出的重大决策部署。";
enum { CALLS = 200000, MAX_THREADS = 16 };

static double seconds(clockid_t clock) {
    struct timespec t;
    clock_gettime(clock, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void *work(void *unused) {
    (void)unused;
    segtool_tokens scratch = {0};
    char out[1024];
    size_t length = 0;
    double start = seconds(CLOCK_THREAD_CPUTIME_ID);
    for (int i = 0; i < CALLS; i++) {
        if (segtool_segment_words(segmenter, text, strlen(text), SEGTOOL_MODE_PRECISE, 0, &scratch, out,
                                  sizeof out, &length, NULL) != SEGTOOL_OK) {
            fprintf(stderr, "segtool_segment_words failed\n");
            exit(1);
        }
    }
    printf("  thread: %.0f ns CPU per call\n", (seconds(CLOCK_THREAD_CPUTIME_ID) - start) / CALLS * 1e9);
    segtool_tokens_free(&scratch);
    return NULL;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 1;
    if (threads < 1 || threads > MAX_THREADS) {
        fprintf(stderr, "usage: %s [THREADS 1-%d]\n", argv[0], MAX_THREADS);
        return 2;
    }
    segtool_error *error = NULL;
    if (segtool_segmenter_open(NULL, &segmenter, &error) != SEGTOOL_OK) {
        fprintf(stderr, "open failed: %s\n", error ? error->message : "?");
        return 1;
    }
    pthread_t ids[MAX_THREADS];
    double start = seconds(CLOCK_MONOTONIC);
    for (int i = 0; i < threads; i++) pthread_create(&ids[i], NULL, work, NULL);
    for (int i = 0; i < threads; i++) pthread_join(ids[i], NULL);
    printf("%d thread(s): %.0f ns wall per call per thread\n", threads,
           (seconds(CLOCK_MONOTONIC) - start) / CALLS * 1e9);
    segtool_segmenter_free(segmenter);
    return 0;
}
