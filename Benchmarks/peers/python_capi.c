/*
 * The C API alone, per paragraph, on one and two threads sharing one segmenter handle: what
 * `lcut` per paragraph costs below Python (no GIL), and how two threads scale there (issue 16;
 * beside python_gil.py). Paragraphs come one per line from a file (made from the corpus at run
 * time, never kept in the repository):
 *
 *   python3 -c 'import json,sys; ps=[p.strip() for l in open(sys.argv[1]) for p in json.loads(l).get("text","").splitlines() if p.strip()]; n=0
 *   for p in ps:
 *       n+=len(p.encode())
 *       if n>8e6: break
 *       print(p)' ../shared/corpus/politics.jsonl > /tmp/paragraphs.txt
 *   cc -O2 -pthread -I Sources/CSegtool/include Benchmarks/peers/python_capi.c -L DIR -lsegtool-c \
 *      -Wl,-rpath,DIR -o /tmp/python_capi && /tmp/python_capi /tmp/paragraphs.txt 3
 *
 * (DIR: where libsegtool-c.so is, e.g. .build-python/release.) Each round: every paragraph on
 * one thread, then dealt out to two (even and odd ones); wall time, and the threads' CPU time
 * (CLOCK_THREAD_CPUTIME_ID) summed: two threads ÷ one in both.
 */
#define _POSIX_C_SOURCE 200809L
#include "segtool.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static segtool_segmenter *segmenter;
static char **paragraphs;
static size_t *lengths;
static size_t count;

typedef struct {
    size_t first, step;
    double cpu;
} job;

static double seconds(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void *work(void *argument)
{
    job *j = argument;
    segtool_tokens tokens = {0};
    double start = seconds(CLOCK_THREAD_CPUTIME_ID);
    for (size_t i = j->first; i < count; i += j->step) {
        if (segtool_segment(segmenter, paragraphs[i], lengths[i], SEGTOOL_MODE_PRECISE, &tokens, NULL) != SEGTOOL_OK) {
            fprintf(stderr, "python_capi: segtool_segment failed on paragraph %zu\n", i + 1);
            exit(1);
        }
    }
    j->cpu = seconds(CLOCK_THREAD_CPUTIME_ID) - start;
    segtool_tokens_free(&tokens);
    return NULL;
}

/* Wall seconds of `threads` threads over all paragraphs; their CPU seconds in *cpu. */
static double run(int threads, double *cpu)
{
    pthread_t ids[2];
    job jobs[2];
    double start = seconds(CLOCK_MONOTONIC);
    for (int t = 0; t < threads; t++) {
        jobs[t] = (job){(size_t)t, (size_t)threads, 0};
        if (pthread_create(&ids[t], NULL, work, &jobs[t]) != 0) {
            fprintf(stderr, "python_capi: pthread_create failed\n");
            exit(1);
        }
    }
    *cpu = 0;
    for (int t = 0; t < threads; t++) {
        pthread_join(ids[t], NULL);
        *cpu += jobs[t].cpu;
    }
    return seconds(CLOCK_MONOTONIC) - start;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PARAGRAPHS.txt [ROUNDS]\n", argv[0]);
        return 2;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 3;
    FILE *file = fopen(argv[1], "r");
    if (!file) {
        fprintf(stderr, "python_capi: cannot open %s\n", argv[1]);
        return 1;
    }
    size_t capacity = 0, bytes = 0;
    char line[1 << 16];
    while (fgets(line, sizeof line, file)) {
        size_t n = strlen(line);
        if (n > 0 && line[n - 1] == '\n')
            line[--n] = 0;
        if (n == 0)
            continue;
        if (count == capacity) {
            capacity = capacity ? 2 * capacity : 4096;
            paragraphs = realloc(paragraphs, capacity * sizeof *paragraphs);
            lengths = realloc(lengths, capacity * sizeof *lengths);
            if (!paragraphs || !lengths) {
                fprintf(stderr, "python_capi: out of memory\n");
                return 1;
            }
        }
        paragraphs[count] = malloc(n);
        if (!paragraphs[count]) {
            fprintf(stderr, "python_capi: out of memory\n");
            return 1;
        }
        memcpy(paragraphs[count], line, n);
        lengths[count++] = n;
        bytes += n;
    }
    fclose(file);
    segtool_error *error = NULL;
    if (segtool_segmenter_open(NULL, &segmenter, &error) != SEGTOOL_OK) {
        fprintf(stderr, "python_capi: open failed: %s\n", error && error->message ? error->message : "?");
        return 1;
    }
    double cpu1, cpu2;
    run(2, &cpu2); /* warm-up: both threads' workers */
    printf("%zu paragraphs, %.2f MB\n", count, bytes / 1e6);
    for (int r = 1; r <= rounds; r++) {
        double one = run(1, &cpu1), two = run(2, &cpu2);
        printf("round %d: one thread %.1f MB/s, two threads %.1f MB/s: ×%.2f wall, CPU ×%.3f\n", r,
               bytes / 1e6 / one, bytes / 1e6 / two, one / two, cpu2 / cpu1);
    }
    segtool_segmenter_free(segmenter);
    return 0;
}
