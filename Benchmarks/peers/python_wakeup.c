/*
 * How long a thread sleeping on a condition variable takes to run after it is signalled, when
 * its processor has gone idle meanwhile: what a thread that finds the GIL held pays in CPython's
 * take_gil (a condition variable) on this machine. Beside python_gil.py (issue 16).
 *
 *   cc -O2 -pthread Benchmarks/peers/python_wakeup.c -o /tmp/python_wakeup && /tmp/python_wakeup
 *
 * The main thread spins 50 µs (the waiter's processor idles), then signals; the waiter notes the
 * time it runs again. 2,000 hand-offs; median, 90th and 99th percentiles.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { HANDOFFS = 2000 };
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static atomic_int ready;
static double signalled, latency[HANDOFFS];

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void *waiter(void *unused)
{
    (void)unused;
    for (int i = 0; i < HANDOFFS; i++) {
        pthread_mutex_lock(&mutex);
        while (!atomic_load(&ready))
            pthread_cond_wait(&cond, &mutex);
        latency[i] = now() - signalled;
        atomic_store(&ready, 0);
        pthread_mutex_unlock(&mutex);
    }
    return NULL;
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(void)
{
    pthread_t thread;
    if (pthread_create(&thread, NULL, waiter, NULL) != 0) {
        fprintf(stderr, "pthread_create failed\n");
        return 1;
    }
    for (int i = 0; i < HANDOFFS; i++) {
        for (double end = now() + 50e-6; now() < end;)
            ;
        pthread_mutex_lock(&mutex);
        atomic_store(&ready, 1);
        signalled = now();
        pthread_cond_signal(&cond);
        pthread_mutex_unlock(&mutex);
        while (atomic_load(&ready))
            ;
    }
    pthread_join(thread, NULL);
    qsort(latency, HANDOFFS, sizeof latency[0], compare);
    printf("run after a condition signal: median %.1f µs, 90th percentile %.1f µs, 99th %.1f µs\n",
           latency[HANDOFFS / 2] * 1e6, latency[HANDOFFS * 9 / 10] * 1e6, latency[HANDOFFS * 99 / 100] * 1e6);
    return 0;
}
