/*
 * segtool._ext: the hot calls of the Python package (lcut, cut, cut_for_search, tokenize,
 * tokens) as a CPython extension module over segtool's C API (segtool.h).
 *
 * Why C and not ctypes: a ctypes call costs ~1.5 µs of marshalling, and turning the C API's
 * output into Python strings took a decode and a split per call. Here a call releases the GIL,
 * encodes the text into a per-thread buffer (an ASCII str is its own UTF-8) and segments it,
 * takes the GIL back and makes each word as a slice of the caller's str, by the character
 * offsets the C API returns, through a small cache of recent words (political text repeats its words: most
 * are found there, and a found word is one reference more, not a new string).
 *
 * The module does not link to libsegtool-c: `_native` loads the library with ctypes (for the
 * other calls) and hands this module the addresses of the three functions it needs (`bind`),
 * so that both use one copy of the library, whichever file SEGTOOL_LIBRARY names.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>

#include "segtool.h"

#if PY_VERSION_HEX < 0x030A0000
static inline PyObject *Py_NewRef(PyObject *o) { Py_INCREF(o); return o; }
#endif

typedef segtool_status (*segment_fn)(const segtool_segmenter *, const char *, size_t, segtool_mode,
                                     segtool_tokens *, segtool_error **);
typedef void (*tokens_free_fn)(segtool_tokens *);
typedef void (*error_free_fn)(segtool_error *);

static segment_fn c_segment;
static tokens_free_fn c_tokens_free;
static error_free_fn c_error_free;
/* raise_error(status, message, path, line, offset, data): raises the package's exception. */
static PyObject *raise_error;
/* The Token class and the Kind and Source members in the C API's numbering. */
static PyTypeObject *token_type;
static PyObject *kinds;
static PyObject *sources;

/* Texts longer than this (bytes): the thread's token storage is freed after the call, so that
 * a thread does not keep the memory of a huge text's tokens for the rest of its life. */
#define TRIM_ABOVE (1 << 22)

/* ------------------------------------------------------------------ GIL timing (diagnostic) */

/* Builds with -DSEGTOOL_GIL_STATS time each call's phases (with the GIL, releasing it, the
 * segmenting without it, taking it back, and the caller's Python between two calls) per thread
 * and add them up when the thread ends; `gil_stats()` returns the totals. For measuring only
 * (Benchmarks/peers/python_gil.py): the clock reads cost ~5% of a call. */
#ifdef SEGTOOL_GIL_STATS
#include <stdatomic.h>
#include <time.h>
enum { STAT_CALLS, STAT_HELD, STAT_RELEASE, STAT_WORK, STAT_RETAKE, STAT_BETWEEN,
       STAT_RETAKE_2US, STAT_RETAKE_20US, STAT_RETAKE_200US, STAT_RETAKE_2MS, STAT_RELEASE_2US,
       STAT_SPINS, STAT_SPIN_NS, STAT_SPINS_GIVEN_UP, STAT_COUNT };
static const char *const stat_names[STAT_COUNT] = {
    "calls", "held_ns", "release_ns", "work_ns", "retake_ns", "between_ns",
    "retakes_over_2us", "retakes_over_20us", "retakes_over_200us", "retakes_over_2ms",
    "releases_over_2us", "spins", "spin_ns", "spins_given_up"};
static _Atomic uint64_t stat_totals[STAT_COUNT];
static inline uint64_t stat_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}
#endif

/* ------------------------------------------------------------------ GIL hand-off */

/* Why: a thread that has segmented its text and finds the GIL held sleeps in CPython's
 * take_gil on a condition variable, and is woken when the holder releases it. On a virtual
 * machine whose idle processors halt, that wake-up takes ~25 µs (Benchmarks/RESULTS.md,
 * issue 16; Benchmarks/peers/python_wakeup.c), while a thread making a paragraph's words holds the GIL ~3 µs; the sleeper's
 * segmenting (~10 µs a paragraph) waits meanwhile, and two threads came out barely faster
 * than one. So a thread about to take the GIL back first spins while another thread holds it
 * after taking it in this module (making its words, back in its Python loop, or in its next
 * call before releasing it), for at most SPIN_LIMIT_NS; then it takes the usual path.
 *
 * `gil_holder` is a hint: the number of the last taking of the GIL in this module (numbered
 * with the GIL held, so no two are alike), 0 once that thread released it in this module. A
 * thread that released it elsewhere (blocking in other code, or ending) leaves its number
 * there: the first thread to spin for SPIN_LIMIT_NS on a number marks it stale (`stale_holder`),
 * and nobody spins for it again. Spinning costs the waiting thread's processor only. Builds
 * with -DSEGTOOL_NO_HANDOFF take the GIL back at once, to measure it. */
#if !defined(Py_GIL_DISABLED) && !defined(SEGTOOL_NO_HANDOFF)
#define USE_HANDOFF 1
#include <stdatomic.h>
#include <time.h>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define cpu_relax() _mm_pause()
#elif defined(__aarch64__)
#define cpu_relax() __asm__ __volatile__("yield")
#else
#define cpu_relax() ((void)0)
#endif
#define SPIN_LIMIT_NS 20000
#define SPIN_YIELD_NS 4000
/* SPIN_LIMIT_NS, or 0 (no spinning) when the environment has SEGTOOL_GIL_SPIN=0 at import or
 * after set_gil_spin(False) (for measuring both ways in one process). */
static _Atomic uint64_t spin_limit_ns = SPIN_LIMIT_NS;
static _Atomic uint64_t gil_holder;
static _Atomic uint64_t stale_holder;
static uint64_t holder_count; /* only touched with the GIL held */

/* Notes that this thread took the GIL in this module (with the GIL held); returns its number. */
static inline uint64_t holder_set(void)
{
    if (++holder_count == 0)
        holder_count = 1;
    atomic_store_explicit(&gil_holder, holder_count, memory_order_relaxed);
    return holder_count;
}

/* Notes that taking `number` is over (called right after releasing the GIL). */
static inline void holder_clear(uint64_t number)
{
    uint64_t expected = number;
    atomic_compare_exchange_strong_explicit(&gil_holder, &expected, 0, memory_order_relaxed, memory_order_relaxed);
}

static inline uint64_t monotonic_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* Spins while another thread holds the GIL after taking it in this module (not for `mine`,
 * this thread's last number, nor a stale one), at most SPIN_LIMIT_NS. Returns 0 when it did not
 * spin, 1 when the GIL was released, 2 when it gave up (for the diagnostic counts). */
static inline int holder_wait(uint64_t mine)
{
    uint64_t holder = atomic_load_explicit(&gil_holder, memory_order_relaxed);
    if (holder == 0 || holder == mine || holder == atomic_load_explicit(&stale_holder, memory_order_relaxed))
        return 0;
    uint64_t limit = atomic_load_explicit(&spin_limit_ns, memory_order_relaxed);
    if (limit == 0)
        return 0;
    uint64_t start = monotonic_ns();
    for (unsigned i = 1;; i++) {
        cpu_relax();
        holder = atomic_load_explicit(&gil_holder, memory_order_relaxed);
        if (holder == 0)
            return 1;
        if ((i & 63) == 0) {
            uint64_t spun = monotonic_ns() - start;
            if (spun > limit) {
                atomic_store_explicit(&stale_holder, holder, memory_order_relaxed);
                return 2;
            }
            /* Longer than a paragraph's words take: the holder may be waiting for this very
             * processor (a loaded machine), so let it run. */
            if (spun > SPIN_YIELD_NS)
                sched_yield();
        }
    }
}
#else
#define USE_HANDOFF 0
#endif

/* ------------------------------------------------------------------ per-thread state */

/* A token's word in the word cache (see there): its key, and its slot or NO_SLOT. */
typedef struct {
    uint64_t a, b;
    uint32_t slot;
} token_word;

/* What a thread keeps between calls: the C API's result struct (it wants one per thread) and a
 * buffer for the UTF-8 of a str. */
typedef struct {
    segtool_tokens tokens;
    char *utf8;
    size_t capacity;
    /* In use by a call that is making its words. A call on the same thread meanwhile (from a
     * finalizer the garbage collector runs while the words' tuples are allocated) must not
     * overwrite its tokens: it gets a temporary state of its own. */
    int busy;
    int temporary;
    /* This thread's last number in `gil_holder` (see GIL hand-off). */
    uint64_t holding;
    /* The word cache's key and slot of each token of the last call, found without the GIL. */
    token_word *words;
    size_t word_capacity;
#ifdef SEGTOOL_GIL_STATS
    uint64_t stats[STAT_COUNT];
    uint64_t released, worked, retaken, returned;
#endif
} thread_state;

static pthread_key_t state_key;

/* Frees what the state holds (it stays usable: everything is made again on demand). */
static void state_trim(thread_state *state)
{
    if (c_tokens_free)
        c_tokens_free(&state->tokens);
    PyMem_RawFree(state->utf8);
    state->utf8 = NULL;
    state->capacity = 0;
    PyMem_RawFree(state->words);
    state->words = NULL;
    state->word_capacity = 0;
}

static void state_destroy(void *p)
{
#ifdef SEGTOOL_GIL_STATS
    thread_state *state = p;
    if (!state->temporary)
        for (int i = 0; i < STAT_COUNT; i++)
            atomic_fetch_add(&stat_totals[i], state->stats[i]);
#endif
    state_trim(p);
    PyMem_RawFree(p);
}

/* This thread's state, made on first use and freed when the thread ends. NULL with
 * MemoryError set when out of memory. */
static thread_state *thread_state_get(void)
{
    thread_state *state = pthread_getspecific(state_key);
    if (state)
        return state;
    state = PyMem_RawCalloc(1, sizeof *state);
    if (!state || pthread_setspecific(state_key, state) != 0) {
        PyMem_RawFree(state);
        PyErr_NoMemory();
        return NULL;
    }
    return state;
}

/* Makes the state's UTF-8 buffer hold `size` bytes; -1 with MemoryError set when it cannot. */
static int state_reserve(thread_state *state, size_t size)
{
    if (size <= state->capacity)
        return 0;
    size_t capacity = size < 2 * state->capacity ? 2 * state->capacity : size;
    if (capacity < 4096)
        capacity = 4096;
    char *grown = PyMem_RawRealloc(state->utf8, capacity);
    if (!grown) {
        PyErr_NoMemory();
        return -1;
    }
    state->utf8 = grown;
    state->capacity = capacity;
    return 0;
}

/* The UTF-8 of `length` characters at `data` (a str's characters, of width `kind`) written at
 * `out`, which has room for `length * kind` + `length` bytes (each character takes at most one
 * byte more than its width, and 4 bytes at most). Returns the bytes written, or -1 at a
 * surrogate (not encodable: the caller lets Python raise its UnicodeEncodeError). Runs without
 * the GIL: it touches no Python object, only the characters of an immutable str. */
static Py_ssize_t encode_utf8(int kind, const void *data, Py_ssize_t length, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *p = data;
        for (Py_ssize_t i = 0; i < length; i++) {
            Py_UCS1 c = p[i];
            if (c < 0x80) {
                *o++ = c;
            } else {
                *o++ = (unsigned char)(0xC0 | (c >> 6));
                *o++ = (unsigned char)(0x80 | (c & 0x3F));
            }
        }
    } else if (kind == PyUnicode_2BYTE_KIND) {
        const Py_UCS2 *p = data;
        for (Py_ssize_t i = 0; i < length; i++) {
            Py_UCS2 c = p[i];
            if (c < 0x80) {
                *o++ = (unsigned char)c;
            } else if (c < 0x800) {
                *o++ = (unsigned char)(0xC0 | (c >> 6));
                *o++ = (unsigned char)(0x80 | (c & 0x3F));
            } else if (c >= 0xD800 && c <= 0xDFFF) {
                return -1;
            } else {
                *o++ = (unsigned char)(0xE0 | (c >> 12));
                *o++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
                *o++ = (unsigned char)(0x80 | (c & 0x3F));
            }
        }
    } else {
        const Py_UCS4 *p = data;
        for (Py_ssize_t i = 0; i < length; i++) {
            Py_UCS4 c = p[i];
            if (c < 0x80) {
                *o++ = (unsigned char)c;
            } else if (c < 0x800) {
                *o++ = (unsigned char)(0xC0 | (c >> 6));
                *o++ = (unsigned char)(0x80 | (c & 0x3F));
            } else if (c < 0x10000) {
                if (c >= 0xD800 && c <= 0xDFFF)
                    return -1;
                *o++ = (unsigned char)(0xE0 | (c >> 12));
                *o++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
                *o++ = (unsigned char)(0x80 | (c & 0x3F));
            } else {
                *o++ = (unsigned char)(0xF0 | (c >> 18));
                *o++ = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
                *o++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
                *o++ = (unsigned char)(0x80 | (c & 0x3F));
            }
        }
    }
    return (Py_ssize_t)(o - (unsigned char *)out);
}

/* ------------------------------------------------------------------ the word cache */

/* Recent words, direct-mapped by a hash of their characters: a slot's word is replaced by the
 * next word that falls there. A word of up to CACHE_MAX_LENGTH characters, all below U+10000,
 * has a key: its characters as 16-bit numbers packed into two 64-bit ones (zero past the word).
 * A slot keeps its word's key and length beside the str, so that a word is found by comparing
 * numbers in the slot, without reading the str's characters (another cache miss); the str is
 * touched only to count the new reference. Other words are made afresh each time.
 * Written only with the GIL held; prepare_words reads a slot's `word` without it, only to
 * prefetch it. Builds with the GIL disabled make every word afresh, as builds with
 * -DSEGTOOL_NO_WORD_CACHE do (to measure it). */
#ifndef CACHE_BITS
#define CACHE_BITS 15
#endif
#define CACHE_MAX_LENGTH 8
/* Texts of at most this many tokens have their words' slots and strs prefetched before the GIL
 * is taken back (prepare_words): a slot's half line and a str's first line each, well within
 * the processor's L2 cache. Longer texts are prefetched a few tokens ahead while the words are
 * made (word_cursor). */
#ifndef PREFETCH_MAX
#define PREFETCH_MAX 2048
#endif
#if !defined(Py_GIL_DISABLED) && !defined(SEGTOOL_NO_WORD_CACHE)
#define USE_CACHE 1
typedef struct {
    uint64_t a, b;   /* the key of `word` */
    PyObject *word;  /* NULL, or a str of `length` characters with that key (a reference) */
    uint64_t length;
} cache_slot;
static cache_slot cache[1 << CACHE_BITS] __attribute__((aligned(64)));
#else
#define USE_CACHE 0
#endif

static void cache_clear(void)
{
#if USE_CACHE
    for (size_t i = 0; i < (size_t)1 << CACHE_BITS; i++) {
        PyObject *old = cache[i].word;
        __atomic_store_n(&cache[i].word, NULL, __ATOMIC_RELAXED); /* read without the GIL: prepare_words */
        Py_XDECREF(old);
    }
#endif
}

#define NO_SLOT UINT32_MAX

/* Finds the key and cache slot of the `length` characters at `p` (of width `kind`; `end` is
 * the end of the text's characters) into `w`; its slot is NO_SLOT for a word that is not
 * cached (too long, a character from U+10000 on). */
static inline void key_word(token_word *w, int kind, const char *p, Py_ssize_t length, const char *end)
{
    w->slot = NO_SLOT;
#if USE_CACHE
    if (length > CACHE_MAX_LENGTH)
        return;
    uint64_t a = 0, b = 0;
    if (kind == PyUnicode_2BYTE_KIND && end - p >= 16) {
        /* Chinese text: two loads and two masks. Safe because: the 16 bytes read lie within
         * the text's characters (end - p >= 16). */
        memcpy(&a, p, 8);
        memcpy(&b, p + 8, 8);
        if (length < 4) {
            a &= ((uint64_t)1 << (16 * length)) - 1;
            b = 0;
        } else if (length < 8) {
            b &= ((uint64_t)1 << (16 * (length - 4))) - 1;
        }
    } else {
        for (Py_ssize_t i = 0; i < length; i++) {
            Py_UCS4 c = PyUnicode_READ(kind, p, i);
            if (c > 0xFFFF)
                return;
            if (i < 4)
                a |= (uint64_t)c << (16 * i);
            else
                b |= (uint64_t)c << (16 * (i - 4));
        }
    }
    uint64_t h = (a * 0x9E3779B97F4A7C15u) ^ (b * 0xC2B2AE3D27D4EB4Fu) ^ (uint64_t)length;
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93u;
    w->a = a;
    w->b = b;
    w->slot = (uint32_t)(h >> (64 - CACHE_BITS));
#else
    (void)kind; (void)p; (void)length; (void)end;
#endif
}

/* A new reference to the str of the `length` characters at `p` (of width `kind`, key and slot
 * in `w`), found in the cache or made and put there; NULL with an exception set on failure.
 * Safe because: a slot's word has its slot's key and length (set together, with the GIL), and
 * a key and length name one string of characters. */
static inline PyObject *word_of(const token_word *w, int kind, const char *p, Py_ssize_t length)
{
#if USE_CACHE
    if (w->slot != NO_SLOT) {
        cache_slot *s = &cache[w->slot];
        PyObject *cached = s->word;
        if (cached && s->a == w->a && s->b == w->b && s->length == (uint64_t)length)
            return Py_NewRef(cached);
        PyObject *word = PyUnicode_FromKindAndData(kind, p, length);
        if (!word)
            return NULL;
        s->a = w->a;
        s->b = w->b;
        s->length = (uint64_t)length;
        __atomic_store_n(&s->word, Py_NewRef(word), __ATOMIC_RELAXED); /* read without the GIL: prepare_words */
        Py_XDECREF(cached);
        return word;
    }
#else
    (void)w;
#endif
    return PyUnicode_FromKindAndData(kind, p, length);
}

/* Checks that every token lies in the text (`text_length` characters; the C API's offsets are
 * in code points, as a str's indices are) and finds each token's key and cache slot, into the
 * state's `words`; for a text of at most PREFETCH_MAX tokens, also fetches their slots and
 * strs into the processor's cache. Runs without the GIL for a str (it touches only the str's
 * immutable characters and this thread's state, and reads the cache's pointers only to
 * prefetch), so that the GIL is held only to look the words up. Returns 0, -1 for a token
 * outside the text, -2 when out of memory. */
static int prepare_words(thread_state *state, const segtool_tokens *tokens, int kind, const char *data,
                         Py_ssize_t text_length)
{
    size_t count = tokens->count;
    if (count > state->word_capacity) {
        size_t capacity = count < 2 * state->word_capacity ? 2 * state->word_capacity : count;
        if (capacity < 256)
            capacity = 256;
        if (capacity > SIZE_MAX / sizeof(token_word))
            return -2;
        token_word *grown = PyMem_RawRealloc(state->words, capacity * sizeof(token_word));
        if (!grown)
            return -2;
        state->words = grown;
        state->word_capacity = capacity;
    }
    const segtool_token *t = tokens->tokens;
    token_word *words = state->words;
    const char *end = data + (size_t)text_length * (size_t)kind;
    int prefetch = USE_CACHE && count <= PREFETCH_MAX;
    (void)prefetch;
    for (size_t i = 0; i < count; i++) {
        if (t[i].char_start > t[i].char_end || t[i].char_end > (uint64_t)text_length)
            return -1;
        key_word(&words[i], kind, data + (size_t)t[i].char_start * (size_t)kind,
                 (Py_ssize_t)(t[i].char_end - t[i].char_start), end);
#if USE_CACHE
        if (prefetch && words[i].slot != NO_SLOT)
            __builtin_prefetch(&cache[words[i].slot]);
#endif
    }
#if USE_CACHE
    /* Safe because: a prefetch touches nothing (an address freed meanwhile by a thread holding
     * the GIL is harmless), and `word` is read with an atomic load (its writers store it so). */
    if (prefetch)
        for (size_t i = 0; i < count; i++) {
            if (words[i].slot == NO_SLOT)
                continue;
            PyObject *cached = __atomic_load_n(&cache[words[i].slot].word, __ATOMIC_RELAXED);
            if (cached)
                __builtin_prefetch(cached);
        }
#endif
    return 0;
}

/* The words of a segmentation, in order, from the keys prepare_words found. For a text of more
 * than PREFETCH_MAX tokens, the cursor prefetches the slots AHEAD tokens before their words
 * are made, and half as far ahead the strs in those slots (most of the time of a found word is
 * otherwise the two cache misses). */
#define AHEAD 16
typedef struct {
    int kind;
    int prefetch;
    const char *data;
    const segtool_token *tokens;
    const token_word *words;
    size_t count;
} word_cursor;

static inline void cursor_prefetch_slot(const word_cursor *c, size_t i)
{
#if USE_CACHE
    if (c->words[i].slot != NO_SLOT)
        __builtin_prefetch(&cache[c->words[i].slot]);
#else
    (void)c; (void)i;
#endif
}

static inline void cursor_start(word_cursor *c, PyObject *text, const segtool_tokens *tokens, const token_word *words)
{
    c->kind = PyUnicode_KIND(text);
    c->data = PyUnicode_DATA(text);
    c->tokens = tokens->tokens;
    c->words = words;
    c->count = tokens->count;
    c->prefetch = USE_CACHE && c->count > PREFETCH_MAX;
    if (c->prefetch)
        for (size_t i = 0; i < AHEAD && i < c->count; i++)
            cursor_prefetch_slot(c, i);
}

/* A new reference to the word of token `i` (called for i = 0, 1, 2 … in order).
 * Safe because: prepare_words checked every token's char_start <= char_end <= the text's
 * length, and the cursor's text is held for as long as the cursor is used. */
static inline PyObject *cursor_word(word_cursor *c, size_t i)
{
#if USE_CACHE
    if (c->prefetch) {
        if (i + AHEAD < c->count)
            cursor_prefetch_slot(c, i + AHEAD);
        if (i + AHEAD / 2 < c->count) {
            uint32_t ahead = c->words[i + AHEAD / 2].slot;
            PyObject *cached = ahead == NO_SLOT ? NULL : cache[ahead].word;
            if (cached)
                __builtin_prefetch(cached);
        }
    }
#endif
    const segtool_token *t = &c->tokens[i];
    return word_of(&c->words[i], c->kind, c->data + (size_t)t->char_start * (size_t)c->kind,
                   (Py_ssize_t)(t->char_end - t->char_start));
}

/* ------------------------------------------------------------------ segmenting */

/* One segmentation: the text as a str, and its tokens in this thread's state. */
typedef struct {
    PyObject *text;        /* the str whose characters the tokens index (a new reference) */
    segtool_tokens *tokens;
    thread_state *state;
    size_t length;         /* UTF-8 bytes segmented */
} segmentation;

static void segmentation_done(segmentation *s)
{
    if (s->state) {
        if (s->state->temporary) {
            state_destroy(s->state);
        } else {
            if (s->length > TRIM_ABOVE)
                state_trim(s->state);
            s->state->busy = 0;
        }
        s->state = NULL;
    }
    Py_CLEAR(s->text);
}

/* This thread's state for a new call (a temporary one when it is busy), marked busy; NULL with
 * an exception set. Released by segmentation_done. */
static thread_state *state_acquire(void)
{
    thread_state *state = thread_state_get();
    if (!state)
        return NULL;
    if (state->busy) {
        state = PyMem_RawCalloc(1, sizeof *state);
        if (!state) {
            PyErr_NoMemory();
            return NULL;
        }
        state->temporary = 1;
    }
    state->busy = 1;
    return state;
}

/* Raises the package's exception for a failed call (and frees the error). */
static void raise_status(segtool_status status, segtool_error *error, PyObject *data)
{
    PyObject *message = NULL, *path = NULL;
    long long line = -1, offset = -1;
    if (error) {
        message = PyUnicode_DecodeUTF8(error->message ? error->message : "", error->message ? (Py_ssize_t)strlen(error->message) : 0, "replace");
        if (error->path)
            path = PyUnicode_DecodeUTF8(error->path, (Py_ssize_t)strlen(error->path), "replace");
        line = error->line;
        offset = error->byte_offset;
        c_error_free(error);
    }
    if (!message) {
        PyErr_Clear();
        message = PyUnicode_FromFormat("segtool: error %d", (int)status);
        if (!message)
            return;
    }
    if (!path) {
        PyErr_Clear();
        path = Py_NewRef(Py_None);
    }
    PyObject *result = PyObject_CallFunction(raise_error, "iOOLLO", (int)status, message, path, line, offset,
                                             data ? data : Py_None);
    Py_DECREF(message);
    Py_DECREF(path);
    if (result) { /* raise_error always raises; a bug if it returned */
        Py_DECREF(result);
        PyErr_SetString(PyExc_SystemError, "segtool: raise_error returned");
    }
}

/* Segments `object` (a str, or UTF-8 bytes / a bytes-like object) with the GIL released
 * around the C call (and, for a str, around its encoding into the thread's buffer). Returns 0,
 * or -1 with an exception set. */
static int segment(PyObject *handle_object, PyObject *object, PyObject *search_object, segmentation *out)
{
    out->text = NULL;
    out->tokens = NULL;
    out->state = NULL;
    out->length = 0;
    if (!c_segment) {
        PyErr_SetString(PyExc_RuntimeError, "segtool._ext: bind() was not called");
        return -1;
    }
    /* Safe because: the package passes a Tokenizer's handle (`Segmenter.address`), which the
     * tokenizer keeps open while it lives, and the tokenizer is alive during its own call. */
    const segtool_segmenter *handle = PyLong_AsVoidPtr(handle_object);
    if (!handle) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "segtool: the segmenter is closed");
        return -1;
    }
    int search = PyObject_IsTrue(search_object);
    if (search < 0)
        return -1;
    PyObject *owner = NULL; /* the bytes object that holds the UTF-8, for bytes input */
    const char *utf8 = NULL;
    Py_ssize_t length = 0;
    /* A non-ASCII str: its characters, encoded into the thread's buffer without the GIL. */
    int kind = 0;
    const void *characters = NULL;
    Py_ssize_t character_count = 0;
    /* A str's characters, for prepare_words without the GIL (kind 0: bytes, prepared later). */
    int text_kind = 0;
    const char *text_data = NULL;
    Py_ssize_t text_length = 0;
    if (PyUnicode_Check(object)) {
#if PY_VERSION_HEX < 0x030C0000
        if (PyUnicode_READY(object) < 0)
            return -1;
#endif
        text_kind = PyUnicode_KIND(object);
        text_data = PyUnicode_DATA(object);
        text_length = PyUnicode_GET_LENGTH(object);
        if (PyUnicode_IS_ASCII(object)) {
            utf8 = PyUnicode_DATA(object);
            length = PyUnicode_GET_LENGTH(object);
        } else {
            kind = PyUnicode_KIND(object);
            characters = PyUnicode_DATA(object);
            character_count = PyUnicode_GET_LENGTH(object);
            if ((size_t)character_count > (PY_SSIZE_T_MAX - 1) / 5) {
                PyErr_NoMemory();
                return -1;
            }
        }
    } else if (PyBytes_Check(object)) {
        owner = Py_NewRef(object);
    } else if (PyByteArray_Check(object) || PyMemoryView_Check(object)) {
        /* A copy: the GIL is released during the call, and these can change meanwhile. */
        owner = PyBytes_FromObject(object);
        if (!owner)
            return -1;
    } else {
        PyErr_Format(PyExc_TypeError, "segtool: expected str or UTF-8 bytes, got %s",
                     object == Py_None ? "None" : Py_TYPE(object)->tp_name);
        return -1;
    }
    if (owner) {
        utf8 = PyBytes_AS_STRING(owner);
        length = PyBytes_GET_SIZE(owner);
    }
    thread_state *state = state_acquire();
    if (!state) {
        Py_XDECREF(owner);
        return -1;
    }
    out->state = state;
#if USE_HANDOFF
    state->holding = holder_set();
#endif
    if (characters && state_reserve(state, (size_t)character_count * (size_t)(kind + 1)) < 0) {
        Py_XDECREF(owner);
        segmentation_done(out);
        return -1;
    }
    segtool_tokens *tokens = &state->tokens;
    out->tokens = tokens;
    segtool_error *error = NULL;
    segtool_status status = SEGTOOL_OK;
    int surrogate = 0;
    int prepared = 0;
    tokens->count = 0;
    if (length > 0 || character_count > 0) {
        /* Safe because: without the GIL only memory that cannot change or go is touched: the
         * characters (or bytes) of an immutable str (bytes object) that `object` (`owner`)
         * holds, this thread's state, and the C API's handle. */
#ifdef SEGTOOL_GIL_STATS
        state->released = stat_now();
#endif
        Py_BEGIN_ALLOW_THREADS
#if USE_HANDOFF
        holder_clear(state->holding);
#endif
#ifdef SEGTOOL_GIL_STATS
        state->worked = stat_now();
        state->stats[STAT_RELEASE] += state->worked - state->released;
        state->stats[STAT_RELEASE_2US] += state->worked - state->released > 2000;
#endif
        if (characters) {
            length = encode_utf8(kind, characters, character_count, state->utf8);
            surrogate = length < 0;
            utf8 = state->utf8;
        }
        if (!surrogate)
            status = c_segment(handle, utf8, (size_t)length, search ? SEGTOOL_MODE_SEARCH : SEGTOOL_MODE_PRECISE, tokens, &error);
        if (!surrogate && status == SEGTOOL_OK && text_kind != 0)
            prepared = prepare_words(state, tokens, text_kind, text_data, text_length);
#ifdef SEGTOOL_GIL_STATS
        state->retaken = stat_now();
        state->stats[STAT_WORK] += state->retaken - state->worked;
#endif
#if USE_HANDOFF
        {
            int spun = holder_wait(state->holding);
#ifdef SEGTOOL_GIL_STATS
            state->stats[STAT_SPINS] += spun != 0;
            state->stats[STAT_SPINS_GIVEN_UP] += spun == 2;
            if (spun) {
                uint64_t now = stat_now();
                state->stats[STAT_SPIN_NS] += now - state->retaken;
            }
#else
            (void)spun;
#endif
        }
#endif
        Py_END_ALLOW_THREADS
#if USE_HANDOFF
        state->holding = holder_set();
#endif
#ifdef SEGTOOL_GIL_STATS
        {
            uint64_t now = stat_now(), wait = now - state->retaken;
            state->stats[STAT_RETAKE] += wait;
            state->stats[STAT_RETAKE_2US] += wait > 2000;
            state->stats[STAT_RETAKE_20US] += wait > 20000;
            state->stats[STAT_RETAKE_200US] += wait > 200000;
            state->stats[STAT_RETAKE_2MS] += wait > 2000000;
            state->retaken = now;
        }
#endif
    }
    out->length = length > 0 ? (size_t)length : 0;
    if (surrogate) {
        /* Python's own encoder raises the UnicodeEncodeError, with the position. */
        PyObject *encoded = PyUnicode_AsUTF8String(object);
        if (encoded) {
            Py_DECREF(encoded);
            PyErr_SetString(PyExc_SystemError, "segtool: a surrogate that Python could encode");
        }
        segmentation_done(out);
        return -1;
    }
    if (status != SEGTOOL_OK) {
        raise_status(status, error, owner);
        Py_XDECREF(owner);
        segmentation_done(out);
        return -1;
    }
    if (PyUnicode_Check(object)) {
        out->text = Py_NewRef(object);
    } else {
        /* Valid UTF-8 (the segmenter checked it): the str the offsets index. */
        out->text = PyUnicode_DecodeUTF8(utf8, length, "strict");
        if (!out->text) {
            Py_XDECREF(owner);
            segmentation_done(out);
            return -1;
        }
    }
    Py_XDECREF(owner);
    if (text_kind == 0) /* bytes (the str was made just now), or an empty str: prepared here */
        prepared = prepare_words(state, tokens, PyUnicode_KIND(out->text), PyUnicode_DATA(out->text),
                                 PyUnicode_GET_LENGTH(out->text));
    if (prepared < 0) {
        if (prepared == -2)
            PyErr_NoMemory();
        else
            PyErr_SetString(PyExc_SystemError, "segtool: a token lies outside the text");
        segmentation_done(out);
        return -1;
    }
    return 0;
}

static int check_arguments(const char *name, Py_ssize_t nargs, Py_ssize_t expected)
{
    if (nargs == expected)
        return 0;
    PyErr_Format(PyExc_TypeError, "%s() takes %zd arguments (%zd given)", name, expected, nargs);
    return -1;
}

/* Makes list item i from token t (its word from the cursor); NULL with an exception set. */
typedef PyObject *(*item_maker)(word_cursor *cursor, size_t i, const segtool_token *t);

/* The entry points' one body: checks the arguments (handle, text, search), segments, and
 * fills a list with `make(...)` of every token. `static inline` with a constant `make` in
 * each caller, so that the compiler makes one loop per entry point without an indirect call. */
static inline PyObject *segmented_list(const char *name, PyObject *const *args, Py_ssize_t nargs, item_maker make)
{
#ifdef SEGTOOL_GIL_STATS
    uint64_t entered = stat_now();
#endif
    if (check_arguments(name, nargs, 3) < 0)
        return NULL;
    segmentation s;
    if (segment(args[0], args[1], args[2], &s) < 0)
        return NULL;
#ifdef SEGTOOL_GIL_STATS
    thread_state *st = s.state;
    if (!st->temporary && s.length > 0) {
        st->stats[STAT_CALLS]++;
        if (st->returned)
            st->stats[STAT_BETWEEN] += entered - st->returned;
        st->stats[STAT_HELD] += st->released - entered;
    }
#endif
    size_t count = s.tokens->count;
    PyObject *list = PyList_New((Py_ssize_t)count);
    if (list) {
        word_cursor cursor;
        cursor_start(&cursor, s.text, s.tokens, s.state->words);
        const segtool_token *t = s.tokens->tokens;
        for (size_t i = 0; i < count; i++) {
            PyObject *item = make(&cursor, i, &t[i]);
            if (!item) {
                Py_CLEAR(list);
                break;
            }
            PyList_SET_ITEM(list, (Py_ssize_t)i, item);
        }
    }
#ifdef SEGTOOL_GIL_STATS
    if (!st->temporary && s.length > 0) {
        st->returned = stat_now();
        st->stats[STAT_HELD] += st->returned - st->retaken;
    }
#endif
    segmentation_done(&s);
    return list;
}

static PyObject *word_item(word_cursor *cursor, size_t i, const segtool_token *t)
{
    (void)t;
    return cursor_word(cursor, i);
}

/* words(handle, text, search) -> list[str]: the words of the text, every token (whitespace
 * included, so in precise mode "".join(words) == text). */
static PyObject *ext_words(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    return segmented_list("words", args, nargs, word_item);
}

static PyObject *span_item(word_cursor *cursor, size_t i, const segtool_token *t)
{
    PyObject *item = PyTuple_New(3);
    PyObject *word = item ? cursor_word(cursor, i) : NULL;
    PyObject *a = word ? PyLong_FromSsize_t((Py_ssize_t)t->char_start) : NULL;
    PyObject *b = a ? PyLong_FromSsize_t((Py_ssize_t)t->char_end) : NULL;
    if (!b) {
        Py_XDECREF(item);
        Py_XDECREF(word);
        Py_XDECREF(a);
        return NULL;
    }
    PyTuple_SET_ITEM(item, 0, word);
    PyTuple_SET_ITEM(item, 1, a);
    PyTuple_SET_ITEM(item, 2, b);
    return item;
}

/* spans(handle, text, search) -> list[tuple[str, int, int]]: (word, start, end) in characters,
 * as jieba's tokenize yields them. */
static PyObject *ext_spans(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    return segmented_list("spans", args, nargs, span_item);
}

static PyObject *token_item(word_cursor *cursor, size_t i, const segtool_token *t)
{
    if (t->kind >= PyTuple_GET_SIZE(kinds) || t->source >= PyTuple_GET_SIZE(sources)) {
        PyErr_Format(PyExc_SystemError, "segtool: unknown token kind %d or source %d", t->kind, t->source);
        return NULL;
    }
    /* A Token is a tuple subclass (a NamedTuple): made as tuple.__new__ makes one.
     * Safe because: bind() checked that Token is a tuple subclass with nothing beyond a
     * tuple's layout (a NamedTuple's __slots__ is empty), so its 8 items are all there
     * is to set. */
    PyObject *item = token_type->tp_alloc(token_type, 8);
    PyObject *fields[8] = {NULL};
    int ok = item != NULL;
    ok = ok && (fields[0] = cursor_word(cursor, i)) != NULL;
    ok = ok && (fields[1] = PyLong_FromSsize_t((Py_ssize_t)t->char_start)) != NULL;
    ok = ok && (fields[2] = PyLong_FromSsize_t((Py_ssize_t)t->char_end)) != NULL;
    ok = ok && (fields[3] = PyLong_FromUnsignedLongLong(t->byte_start)) != NULL;
    ok = ok && (fields[4] = PyLong_FromUnsignedLongLong(t->byte_end)) != NULL;
    if (!ok) {
        for (int f = 0; f < 8; f++)
            Py_XDECREF(fields[f]);
        Py_XDECREF(item);
        return NULL;
    }
    fields[5] = Py_NewRef(PyTuple_GET_ITEM(kinds, t->kind));
    fields[6] = Py_NewRef(PyTuple_GET_ITEM(sources, t->source));
    fields[7] = Py_NewRef(t->is_subword ? Py_True : Py_False);
    for (int f = 0; f < 8; f++)
        PyTuple_SET_ITEM(item, f, fields[f]);
    return item;
}

/* tokens(handle, text, search) -> list[Token]: every field of the C API's tokens. */
static PyObject *ext_tokens(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (!token_type) {
        PyErr_SetString(PyExc_RuntimeError, "segtool._ext: bind() was not called");
        return NULL;
    }
    return segmented_list("tokens", args, nargs, token_item);
}

/* bind(segment, tokens_free, error_free, raise_error, Token, kinds, sources): the addresses
 * of the C API's functions (from ctypes) and the package's Python objects. */
static PyObject *ext_bind(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (check_arguments("bind", nargs, 7) < 0)
        return NULL;
    void *segment_address = PyLong_AsVoidPtr(args[0]);
    void *free_address = segment_address ? PyLong_AsVoidPtr(args[1]) : NULL;
    void *error_address = free_address ? PyLong_AsVoidPtr(args[2]) : NULL;
    if (!error_address) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "segtool._ext.bind: a NULL function address");
        return NULL;
    }
    if (!PyCallable_Check(args[3]) || !PyType_Check(args[4]) ||
        !PyType_IsSubtype((PyTypeObject *)args[4], &PyTuple_Type) ||
        ((PyTypeObject *)args[4])->tp_basicsize != PyTuple_Type.tp_basicsize ||
        ((PyTypeObject *)args[4])->tp_dictoffset != 0 || !PyTuple_Check(args[5]) || !PyTuple_Check(args[6])) {
        PyErr_SetString(PyExc_TypeError, "segtool._ext.bind: expected (int, int, int, callable, a tuple type without fields of its own, tuple, tuple)");
        return NULL;
    }
    /* Function pointers from data pointers: POSIX guarantees they convert (dlsym works so). */
    c_segment = (segment_fn)segment_address;
    c_tokens_free = (tokens_free_fn)free_address;
    c_error_free = (error_free_fn)error_address;
    Py_XSETREF(raise_error, Py_NewRef(args[3]));
    Py_XSETREF(token_type, (PyTypeObject *)Py_NewRef(args[4]));
    Py_XSETREF(kinds, Py_NewRef(args[5]));
    Py_XSETREF(sources, Py_NewRef(args[6]));
    Py_RETURN_NONE;
}

/* thread_has_storage() -> bool: whether this thread holds token storage or a UTF-8 buffer
 * (for tests of the trimming after huge texts). */
static PyObject *ext_thread_has_storage(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    thread_state *state = pthread_getspecific(state_key);
    return PyBool_FromLong(state != NULL && (state->tokens.internal_ != NULL || state->utf8 != NULL));
}

/* clear_cache(): empties the word cache (the strings stay alive while used elsewhere). */
static PyObject *ext_clear_cache(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    cache_clear();
    Py_RETURN_NONE;
}

/* set_gil_spin(on) -> bool: turns the spin before retaking the GIL on or off (see GIL hand-off);
 * returns whether it was on. False always in builds without it. */
static PyObject *ext_set_gil_spin(PyObject *module, PyObject *on)
{
    (void)module;
    int value = PyObject_IsTrue(on);
    if (value < 0)
        return NULL;
#if USE_HANDOFF
    uint64_t was = atomic_exchange_explicit(&spin_limit_ns, value ? SPIN_LIMIT_NS : 0, memory_order_relaxed);
    return PyBool_FromLong(was != 0);
#else
    Py_RETURN_FALSE;
#endif
}

#ifdef SEGTOOL_GIL_STATS
/* gil_stats() -> dict: the phase totals of the threads that have ended (see SEGTOOL_GIL_STATS);
 * gil_stats(True) also sets them to zero. */
static PyObject *ext_gil_stats(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    int reset = nargs > 0 ? PyObject_IsTrue(args[0]) : 0;
    if (reset < 0)
        return NULL;
    PyObject *result = PyDict_New();
    for (int i = 0; result && i < STAT_COUNT; i++) {
        uint64_t value = reset ? atomic_exchange(&stat_totals[i], 0) : atomic_load(&stat_totals[i]);
        PyObject *number = PyLong_FromUnsignedLongLong(value);
        if (!number || PyDict_SetItemString(result, stat_names[i], number) < 0)
            Py_CLEAR(result);
        Py_XDECREF(number);
    }
    return result;
}
#endif

static PyMethodDef methods[] = {
#ifdef SEGTOOL_GIL_STATS
    {"gil_stats", (PyCFunction)(void (*)(void))ext_gil_stats, METH_FASTCALL,
     "gil_stats(reset=False) -> dict: time per phase of the calls of threads that have ended."},
#endif
    {"words", (PyCFunction)(void (*)(void))ext_words, METH_FASTCALL,
     "words(handle, text, search) -> list[str]: every token's text, in order."},
    {"spans", (PyCFunction)(void (*)(void))ext_spans, METH_FASTCALL,
     "spans(handle, text, search) -> list[(word, start, end)], character offsets."},
    {"tokens", (PyCFunction)(void (*)(void))ext_tokens, METH_FASTCALL,
     "tokens(handle, text, search) -> list[Token]."},
    {"bind", (PyCFunction)(void (*)(void))ext_bind, METH_FASTCALL,
     "bind(segment, tokens_free, error_free, raise_error, Token, kinds, sources)."},
    {"thread_has_storage", ext_thread_has_storage, METH_NOARGS,
     "Whether this thread keeps token storage."},
    {"clear_cache", ext_clear_cache, METH_NOARGS, "Empties the cache of recent words."},
    {"set_gil_spin", ext_set_gil_spin, METH_O,
     "set_gil_spin(on) -> bool: the spin before retaking the GIL on or off; whether it was on."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_definition = {
    PyModuleDef_HEAD_INIT, "segtool._ext",
    "segtool's hot calls over its C API (see _ext.c); used through segtool.Tokenizer.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__ext(void)
{
    static int key_made;
    if (!key_made) {
        if (pthread_key_create(&state_key, state_destroy) != 0) {
            PyErr_SetString(PyExc_ImportError, "segtool._ext: pthread_key_create failed");
            return NULL;
        }
        key_made = 1;
    }
#if USE_HANDOFF
    const char *spin = getenv("SEGTOOL_GIL_SPIN");
    if (spin && strcmp(spin, "0") == 0)
        atomic_store_explicit(&spin_limit_ns, 0, memory_order_relaxed);
#endif
    return PyModule_Create(&module_definition);
}
