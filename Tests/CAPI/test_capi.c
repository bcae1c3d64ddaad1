/*
 * Tests of the C API (segtool.h) through the built libsegtool-c.so, from plain C.
 * Built and run by .ci/postgresql.sh:
 *   cc -std=c11 -Wall -Wextra -Werror -pthread -I Sources/CSegtool/include Tests/CAPI/test_capi.c \
 *      -L .build/debug -lsegtool-c -Wl,-rpath,$PWD/.build/debug -o test_capi
 *   ./test_capi Samples/government-report.txt
 * Prints "N passed, M failed" and exits non-zero on any failure.
 */
#define _POSIX_C_SOURCE 200809L
#include "segtool.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int passed, failed;

#define CHECK(cond, ...)                                                        \
    do {                                                                        \
        if (cond) {                                                             \
            passed++;                                                           \
        } else {                                                                \
            failed++;                                                           \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);     \
            fprintf(stderr, __VA_ARGS__);                                       \
            fputc('\n', stderr);                                                \
        }                                                                       \
    } while (0)

/* The words of `text` in `tokens`, joined with '|' (whitespace tokens left out) into buf. */
static void joined(const char *text, const segtool_tokens *tokens, int subwords, char *buf, size_t cap) {
    size_t at = 0;
    buf[0] = 0;
    for (size_t i = 0; i < tokens->count; i++) {
        const segtool_token *t = &tokens->tokens[i];
        if (t->kind == SEGTOOL_KIND_WHITESPACE) continue;
        if (!subwords && t->is_subword) continue;
        size_t n = (size_t)(t->byte_end - t->byte_start);
        if (at + n + 2 >= cap) break;
        if (at > 0) buf[at++] = '|';
        memcpy(buf + at, text + t->byte_start, n);
        at += n;
        buf[at] = 0;
    }
}

static segtool_segmenter *open_default(void) {
    segtool_segmenter *s = NULL;
    segtool_error *err = NULL;
    segtool_status st = segtool_segmenter_open(NULL, &s, &err);
    if (st != SEGTOOL_OK) {
        fprintf(stderr, "open failed: %s\n", err ? err->message : "?");
        exit(2);
    }
    return s;
}

static void test_version(void) {
    CHECK(sizeof(segtool_token) == 40, "token size %zu", sizeof(segtool_token));
    const char *v = segtool_version();
    CHECK(v != NULL && strlen(v) > 0 && strchr(v, '.') != NULL, "version '%s'", v ? v : "(null)");
    CHECK(segtool_api_version() == SEGTOOL_API_VERSION, "api version %d", segtool_api_version());
}

/* Counts UTF-8 scalars in [0, n). */
static size_t scalars(const char *s, size_t n) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static void test_modes_and_offsets(segtool_segmenter *s) {
    const char *text = "坚持发扬全过程人民民主，GDP增长5.5%。 New text";
    size_t len = strlen(text);
    segtool_tokens toks = {0};
    segtool_error *err = NULL;
    char buf[1024];

    CHECK(segtool_segment(s, text, len, SEGTOOL_MODE_PRECISE, &toks, &err) == SEGTOOL_OK, "precise");
    CHECK(err == NULL, "no error object on success");
    joined(text, &toks, 1, buf, sizeof buf);
    CHECK(strstr(buf, "全过程人民民主") != NULL, "precise words: %s", buf);
    /* Precise tokens tile the input: each starts where the previous ended, bytes and chars. */
    uint64_t byte = 0, ch = 0;
    int tiles = 1, subwords = 0;
    for (size_t i = 0; i < toks.count; i++) {
        segtool_token *t = &toks.tokens[i];
        if (t->byte_start != byte || t->char_start != ch) tiles = 0;
        if (t->char_end - t->char_start != scalars(text + t->byte_start, t->byte_end - t->byte_start)) tiles = 0;
        byte = t->byte_end;
        ch = t->char_end;
        subwords += t->is_subword;
    }
    CHECK(tiles && byte == len && ch == scalars(text, len), "precise tokens tile the text (ended at %llu of %zu)",
          (unsigned long long)byte, len);
    CHECK(subwords == 0, "no sub-words in precise mode");
    size_t precise = toks.count;

    /* Search mode: the same precise tokens plus sub-words (人民民主 inside 全过程人民民主). */
    CHECK(segtool_segment(s, text, len, SEGTOOL_MODE_SEARCH, &toks, &err) == SEGTOOL_OK, "search");
    subwords = 0;
    int kinds_ok = 1;
    for (size_t i = 0; i < toks.count; i++) {
        segtool_token *t = &toks.tokens[i];
        subwords += t->is_subword;
        if (t->kind > SEGTOOL_KIND_WHITESPACE || t->source > SEGTOOL_SOURCE_RULE) kinds_ok = 0;
        if (t->is_subword && i == 0) kinds_ok = 0;
    }
    CHECK(toks.count == precise + (size_t)subwords && subwords > 0, "search = precise + %d sub-words (%zu, %zu)",
          subwords, toks.count, precise);
    CHECK(kinds_ok, "kinds and sources in range");
    joined(text, &toks, 1, buf, sizeof buf);
    CHECK(strstr(buf, "全过程人民民主|") != NULL && strstr(buf, "|人民|") != NULL, "search words: %s", buf);
    /* Kinds: the number rule and Latin letters. */
    int saw_number = 0, saw_letters = 0, saw_punct = 0;
    for (size_t i = 0; i < toks.count; i++) {
        segtool_token *t = &toks.tokens[i];
        size_t n = (size_t)(t->byte_end - t->byte_start);
        if (n == 4 && memcmp(text + t->byte_start, "5.5%", 4) == 0)
            saw_number = t->kind == SEGTOOL_KIND_NUMBER && t->source == SEGTOOL_SOURCE_RULE;
        if (n == 3 && memcmp(text + t->byte_start, "GDP", 3) == 0) saw_letters = t->kind == SEGTOOL_KIND_LETTERS;
        if (n == 3 && memcmp(text + t->byte_start, "，", 3) == 0) saw_punct = t->kind == SEGTOOL_KIND_PUNCTUATION;
    }
    CHECK(saw_number && saw_letters && saw_punct, "kinds: number %d letters %d punct %d", saw_number, saw_letters, saw_punct);

    /* Empty text (NULL allowed with length 0). */
    CHECK(segtool_segment(s, NULL, 0, SEGTOOL_MODE_SEARCH, &toks, &err) == SEGTOOL_OK && toks.count == 0, "empty");
    /* Text with a NUL byte inside: length counts, not the terminator. */
    const char nul[] = "中国\0人民";
    CHECK(segtool_segment(s, nul, sizeof nul - 1, SEGTOOL_MODE_PRECISE, &toks, &err) == SEGTOOL_OK, "NUL inside");
    CHECK(toks.count >= 2 && toks.tokens[toks.count - 1].byte_end == sizeof nul - 1, "covers past the NUL");
    segtool_tokens_free(&toks);
    CHECK(toks.tokens == NULL && toks.count == 0 && toks.internal_ == NULL, "free zeroes");
    segtool_tokens_free(&toks); /* twice is fine */
    segtool_tokens_free(NULL);
}

static void test_bad_input(segtool_segmenter *s) {
    segtool_tokens toks = {0};
    segtool_error *err = NULL;
    const char bad[] = "中国\xff人民";
    segtool_status st = segtool_segment(s, bad, sizeof bad - 1, SEGTOOL_MODE_SEARCH, &toks, &err);
    CHECK(st == SEGTOOL_INVALID_UTF8, "bad UTF-8 status %d", st);
    CHECK(err != NULL && err->code == SEGTOOL_INVALID_UTF8 && err->byte_offset == 6, "offset %lld",
          err ? (long long)err->byte_offset : -99);
    CHECK(err != NULL && strstr(err->message, "6") != NULL, "message names the offset: %s", err ? err->message : "");
    CHECK(toks.count == 0, "no tokens after an error");
    segtool_error_free(err);
    err = NULL;
    /* A truncated sequence at the end, and an overlong encoding. */
    st = segtool_segment(s, "ab\xe4\xb8", 4, SEGTOOL_MODE_PRECISE, &toks, &err);
    CHECK(st == SEGTOOL_INVALID_UTF8 && err && err->byte_offset == 2, "truncated at 2");
    segtool_error_free(err);
    err = NULL;
    st = segtool_segment(s, "\xc0\xaf", 2, SEGTOOL_MODE_PRECISE, &toks, NULL);
    CHECK(st == SEGTOOL_INVALID_UTF8, "overlong, error ignored");
    /* NULL pointers. */
    st = segtool_segment(NULL, "a", 1, SEGTOOL_MODE_PRECISE, &toks, &err);
    CHECK(st == SEGTOOL_INVALID_ARGUMENT && err && err->code == SEGTOOL_INVALID_ARGUMENT, "NULL segmenter");
    segtool_error_free(err);
    err = NULL;
    CHECK(segtool_segment(s, NULL, 3, SEGTOOL_MODE_PRECISE, &toks, NULL) == SEGTOOL_INVALID_ARGUMENT, "NULL text");
    CHECK(segtool_segment(s, "a", 1, SEGTOOL_MODE_PRECISE, NULL, NULL) == SEGTOOL_INVALID_ARGUMENT, "NULL out");
    CHECK(segtool_segment(s, "a", 1, (segtool_mode)7, &toks, NULL) == SEGTOOL_INVALID_ARGUMENT, "bad mode");
    CHECK(segtool_segmenter_open(NULL, NULL, NULL) == SEGTOOL_INVALID_ARGUMENT, "NULL out handle");
    segtool_options o;
    segtool_options_init(&o);
    o.flags = 1u << 9;
    segtool_segmenter *x = (segtool_segmenter *)&o;
    CHECK(segtool_segmenter_open(&o, &x, NULL) == SEGTOOL_INVALID_ARGUMENT && x == NULL, "unknown flag");
    segtool_options_init(&o);
    o.user_dictionary_count = 1;
    CHECK(segtool_segmenter_open(&o, &x, NULL) == SEGTOOL_INVALID_ARGUMENT, "NULL dictionary list");
    segtool_options_init(&o);
    o.flags = SEGTOOL_ICU_ONLY | SEGTOOL_NO_BUILTIN_LEXICON;
    CHECK(segtool_segmenter_open(&o, &x, NULL) == SEGTOOL_INVALID_ARGUMENT, "ICU only with other options");
    segtool_options_init(&o);
    o.size = 4;
    CHECK(segtool_segmenter_open(&o, &x, NULL) == SEGTOOL_INVALID_ARGUMENT, "bad options size");
    CHECK(segtool_add_word(s, "bad\xff", 4, -1, NULL, &err) == SEGTOOL_INVALID_UTF8 && err && err->byte_offset == 3,
          "add_word with bad UTF-8");
    segtool_error_free(err);
    err = NULL;
    CHECK(segtool_add_word(s, "两 个", strlen("两 个"), -1, NULL, NULL) == SEGTOOL_INVALID_ARGUMENT, "word with a space");
    segtool_tokens_free(&toks);
}

/* SEGTOOL_FOLD_TRADITIONAL: Traditional text cut as its Simplified form, original offsets. */
static void test_fold_traditional(void) {
    segtool_options o;
    segtool_options_init(&o);
    o.flags = SEGTOOL_FOLD_TRADITIONAL;
    segtool_segmenter *t = NULL;
    CHECK(segtool_segmenter_open(&o, &t, NULL) == SEGTOOL_OK && t != NULL, "open with SEGTOOL_FOLD_TRADITIONAL");
    if (!t) return;
    const char *text = "習近平出席全國人大常委會會議";
    segtool_tokens toks = {0};
    char buf[1024];
    CHECK(segtool_segment(t, text, strlen(text), SEGTOOL_MODE_PRECISE, &toks, NULL) == SEGTOOL_OK, "segment Traditional");
    joined(text, &toks, 1, buf, sizeof buf);
    CHECK(strcmp(buf, "習近平|出席|全國人大常委會|會議") == 0, "Traditional cut as Simplified: %s", buf);
    CHECK(toks.count == 4 && toks.tokens[2].byte_start == 15 && toks.tokens[2].byte_end == 36
          && toks.tokens[2].char_start == 5 && toks.tokens[2].char_end == 12, "offsets of 全國人大常委會");
    segtool_tokens_free(&toks);
    segtool_segmenter_free(t);
}

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "wb");
    if (!f) { perror(path); exit(2); }
    fputs(text, f);
    fclose(f);
}

static void test_dictionaries(const char *dir) {
    char missing[512], good[512], bad[512];
    snprintf(missing, sizeof missing, "%s/no-such-dictionary.txt", dir);
    snprintf(good, sizeof good, "%s/user.txt", dir);
    snprintf(bad, sizeof bad, "%s/bad.txt", dir);
    write_file(good, "# our words\n蓝天保卫战 100 n\n绿水青山智库 5 nt\n");
    write_file(bad, "好词 10 n\n坏行 notanumber n extra\n");

    segtool_options o;
    segtool_options_init(&o);
    const char *paths[1] = {missing};
    o.user_dictionaries = paths;
    o.user_dictionary_count = 1;
    segtool_segmenter *s = NULL;
    segtool_error *err = NULL;
    segtool_status st = segtool_segmenter_open(&o, &s, &err);
    CHECK(st == SEGTOOL_FILE_ERROR && s == NULL, "missing dictionary: status %d", st);
    CHECK(err && err->path && strcmp(err->path, missing) == 0, "error names the path");
    CHECK(err && strstr(err->message, "no-such-dictionary.txt") != NULL, "message: %s", err ? err->message : "");
    segtool_error_free(err);
    err = NULL;

    paths[0] = bad;
    st = segtool_segmenter_open(&o, &s, &err);
    CHECK(st == SEGTOOL_DICTIONARY_SYNTAX && err && err->line == 2 && err->path && strcmp(err->path, bad) == 0,
          "malformed line: status %d line %lld (%s)", st, err ? (long long)err->line : -1, err ? err->message : "");
    segtool_error_free(err);
    err = NULL;

    const char *text = "打好蓝天保卫战，绿水青山智库发布报告";
    segtool_tokens toks = {0};
    char buf[512];
    segtool_segmenter *plain = open_default();
    segtool_segment(plain, text, strlen(text), SEGTOOL_MODE_PRECISE, &toks, NULL);
    joined(text, &toks, 0, buf, sizeof buf);
    CHECK(strstr(buf, "|绿水青山智库|") == NULL, "without the user dictionary: %s", buf);

    paths[0] = good;
    st = segtool_segmenter_open(&o, &s, &err);
    CHECK(st == SEGTOOL_OK && s != NULL, "user dictionary opens");
    if (s) {
        segtool_segment(s, text, strlen(text), SEGTOOL_MODE_PRECISE, &toks, NULL);
        joined(text, &toks, 0, buf, sizeof buf);
        CHECK(strstr(buf, "|绿水青山智库|") != NULL, "with it: %s", buf);
        int user = 0;
        for (size_t i = 0; i < toks.count; i++) user += toks.tokens[i].source == SEGTOOL_SOURCE_USER;
        CHECK(user >= 1, "source = user");
        int found = 0;
        int64_t freq = 0;
        char tag[8];
        segtool_lookup_word(s, "绿水青山智库", strlen("绿水青山智库"), &found, &freq, tag, sizeof tag, NULL);
        CHECK(found == 1 && freq == 5 && strcmp(tag, "nt") == 0, "lookup: %d %lld %s", found, (long long)freq, tag);
        segtool_segmenter_free(s);
    }

    /* Words at run time, and loading a dictionary later. */
    const char *w = "发布报告";
    int removed = 7;
    CHECK(segtool_add_word(plain, w, strlen(w), 50, "v", NULL) == SEGTOOL_OK, "add_word");
    segtool_segment(plain, text, strlen(text), SEGTOOL_MODE_PRECISE, &toks, NULL);
    joined(text, &toks, 0, buf, sizeof buf);
    CHECK(strstr(buf, "|发布报告") != NULL, "added word used: %s", buf);
    CHECK(segtool_remove_word(plain, w, strlen(w), &removed, NULL) == SEGTOOL_OK && removed == 1, "removed");
    CHECK(segtool_remove_word(plain, w, strlen(w), &removed, NULL) == SEGTOOL_OK && removed == 0, "not there twice");
    segtool_segment(plain, text, strlen(text), SEGTOOL_MODE_PRECISE, &toks, NULL);
    joined(text, &toks, 0, buf, sizeof buf);
    CHECK(strstr(buf, "|发布报告") == NULL, "removed word gone: %s", buf);
    CHECK(segtool_load_dictionary(plain, good, NULL) == SEGTOOL_OK, "load_dictionary");
    segtool_segment(plain, text, strlen(text), SEGTOOL_MODE_PRECISE, &toks, NULL);
    joined(text, &toks, 0, buf, sizeof buf);
    CHECK(strstr(buf, "|绿水青山智库|") != NULL, "loaded later: %s", buf);
    CHECK(segtool_load_dictionary(plain, missing, &err) == SEGTOOL_FILE_ERROR && err && err->path, "load missing");
    segtool_error_free(err);
    segtool_segmenter_free(plain);
    /* ICU alone: ICU's words, no dictionary (全过程人民民主 is one word only in our lexicon). */
    segtool_options_init(&o);
    o.flags = SEGTOOL_ICU_ONLY;
    segtool_segmenter *icu = NULL;
    CHECK(segtool_segmenter_open(&o, &icu, NULL) == SEGTOOL_OK && icu, "ICU only opens");
    if (icu) {
        const char *t2 = "坚持发扬全过程人民民主";
        segtool_segment(icu, t2, strlen(t2), SEGTOOL_MODE_PRECISE, &toks, NULL);
        joined(t2, &toks, 0, buf, sizeof buf);
        int from_icu = 1;
        for (size_t i = 0; i < toks.count; i++) from_icu &= toks.tokens[i].source == SEGTOOL_SOURCE_ICU;
        CHECK(strstr(buf, "全过程人民民主") == NULL && from_icu, "ICU alone: %s", buf);
        segtool_segmenter_free(icu);
    }
    /* No built-in lexicon, only the user dictionary. */
    segtool_options_init(&o);
    o.flags = SEGTOOL_NO_BUILTIN_LEXICON;
    paths[0] = good;
    o.user_dictionaries = paths;
    o.user_dictionary_count = 1;
    segtool_segmenter *bare = NULL;
    CHECK(segtool_segmenter_open(&o, &bare, NULL) == SEGTOOL_OK && bare, "no built-in lexicon opens");
    if (bare) {
        int found = 1;
        segtool_lookup_word(bare, "全过程人民民主", strlen("全过程人民民主"), &found, NULL, NULL, 0, NULL);
        CHECK(found == 0, "built-in word absent");
        segtool_lookup_word(bare, "蓝天保卫战", strlen("蓝天保卫战"), &found, NULL, NULL, 0, NULL);
        CHECK(found == 1, "user word present");
        segtool_segmenter_free(bare);
    }
    segtool_tokens_free(&toks);
    unlink(good);
    unlink(bad);
}

static void test_keywords(segtool_segmenter *s, const char *dir) {
    const char *text =
        "乡村振兴是全面建设社会主义现代化国家的重大任务。推进乡村振兴，要坚持农业农村优先发展，"
        "扎实推进乡村产业振兴、人才振兴、文化振兴、生态振兴、组织振兴。乡村振兴离不开农民的积极参与。";
    segtool_keyword_extractor *k = NULL;
    segtool_error *err = NULL;
    CHECK(segtool_keywords_open(s, NULL, &k, &err) == SEGTOOL_OK && k, "keywords open");
    segtool_keyword_array kw = {0};
    CHECK(segtool_extract_keywords(k, text, strlen(text), SEGTOOL_KEYWORDS_TFIDF, 5, NULL, 0, &kw, &err) == SEGTOOL_OK,
          "tfidf");
    CHECK(kw.count == 5, "five keywords: %zu", kw.count);
    CHECK(kw.count > 0 && (strcmp(kw.keywords[0].word, "振兴") == 0 || strcmp(kw.keywords[0].word, "乡村振兴") == 0), "top tfidf: %s", kw.count ? kw.keywords[0].word : "");
    int sorted = 1;
    for (size_t i = 1; i < kw.count; i++) sorted &= kw.keywords[i].weight <= kw.keywords[i - 1].weight;
    CHECK(sorted && kw.count && kw.keywords[0].weight > 0, "weights descending");
    CHECK(kw.count && kw.keywords[0].length == strlen(kw.keywords[0].word), "length");

    CHECK(segtool_extract_keywords(k, text, strlen(text), SEGTOOL_KEYWORDS_TEXTRANK, 3, NULL, 0, &kw, NULL) == SEGTOOL_OK,
          "textrank");
    CHECK(kw.count == 3 && kw.keywords[0].weight > 0.999 && kw.keywords[0].weight < 1.001, "textrank best is 1");
    int has = 0;
    for (size_t i = 0; i < kw.count; i++) has |= strcmp(kw.keywords[i].word, "乡村振兴") == 0 || strcmp(kw.keywords[i].word, "振兴") == 0;
    CHECK(has, "textrank finds 振兴");

    /* Tags: a user word with tag nt is the only keyword allowed with tags {nt}. */
    CHECK(segtool_add_word(s, "农业农村优先发展", strlen("农业农村优先发展"), 10, "nt", NULL) == SEGTOOL_OK, "add tagged");
    segtool_keyword_extractor *k2 = NULL;
    segtool_keywords_open(s, NULL, &k2, NULL);
    const char *tags[1] = {"nt"};
    CHECK(segtool_extract_keywords(k2, text, strlen(text), SEGTOOL_KEYWORDS_TFIDF, 5, tags, 1, &kw, NULL) == SEGTOOL_OK,
          "tags");
    int only = kw.count >= 1;
    for (size_t i = 0; i < kw.count; i++) only &= strcmp(kw.keywords[i].word, "农业农村优先发展") == 0;
    CHECK(only, "only the nt word (%zu)", kw.count);
    segtool_remove_word(s, "农业农村优先发展", strlen("农业农村优先发展"), NULL, NULL);
    segtool_keywords_free(k2);

    /* Errors. */
    CHECK(segtool_extract_keywords(k, "\xfe", 1, SEGTOOL_KEYWORDS_TFIDF, 5, NULL, 0, &kw, &err) == SEGTOOL_INVALID_UTF8
          && err && err->byte_offset == 0, "keywords bad UTF-8");
    segtool_error_free(err);
    err = NULL;
    CHECK(segtool_extract_keywords(k, "a", 1, SEGTOOL_KEYWORDS_TFIDF, 0, NULL, 0, &kw, NULL) == SEGTOOL_INVALID_ARGUMENT,
          "top_k 0");
    CHECK(segtool_extract_keywords(NULL, "a", 1, SEGTOOL_KEYWORDS_TFIDF, 1, NULL, 0, &kw, NULL) == SEGTOOL_INVALID_ARGUMENT,
          "NULL extractor");
    char idf[512];
    snprintf(idf, sizeof idf, "%s/idf.txt", dir);
    write_file(idf, "乡村 1.5\n振兴 oops\n");
    segtool_keyword_options ko = {0};
    ko.size = sizeof ko;
    ko.idf_path = idf;
    segtool_keyword_extractor *k3 = NULL;
    CHECK(segtool_keywords_open(s, &ko, &k3, &err) == SEGTOOL_IDF_SYNTAX && err && err->line == 2 && k3 == NULL,
          "bad IDF line: %s", err ? err->message : "");
    segtool_error_free(err);
    err = NULL;
    unlink(idf);
    CHECK(segtool_keywords_open(s, &ko, &k3, &err) == SEGTOOL_FILE_ERROR && err && err->path, "missing IDF file");
    segtool_error_free(err);
    segtool_keyword_array_free(&kw);
    CHECK(kw.keywords == NULL && kw.count == 0, "keyword array freed");
    segtool_keywords_free(k);
}

/* Many threads segmenting with one handle at once, each checking against the serial result,
   while the main thread adds and removes a word that does not occur in the text. */
typedef struct {
    segtool_segmenter *s;
    const char *text;
    size_t length;
    const segtool_tokens *expected;
    int rounds;
    int mismatches;
} job;

static int same_tokens(const segtool_tokens *a, const segtool_tokens *b) {
    if (a->count != b->count) return 0;
    for (size_t i = 0; i < a->count; i++) {
        const segtool_token *x = &a->tokens[i], *y = &b->tokens[i];
        if (x->byte_start != y->byte_start || x->byte_end != y->byte_end || x->char_start != y->char_start ||
            x->char_end != y->char_end || x->kind != y->kind || x->source != y->source || x->is_subword != y->is_subword)
            return 0;
    }
    return 1;
}

static void *worker(void *arg) {
    job *j = arg;
    segtool_tokens toks = {0};
    for (int r = 0; r < j->rounds; r++) {
        if (segtool_segment(j->s, j->text, j->length, SEGTOOL_MODE_SEARCH, &toks, NULL) != SEGTOOL_OK ||
            toks.count != j->expected->count ||
            !same_tokens(&toks, j->expected))
            j->mismatches++;
    }
    segtool_tokens_free(&toks);
    return NULL;
}

static void test_threads(segtool_segmenter *s, const char *sample) {
    FILE *f = fopen(sample, "rb");
    if (!f) { perror(sample); exit(2); }
    static char text[1 << 20];
    size_t n = fread(text, 1, sizeof text, f);
    fclose(f);
    segtool_tokens expected = {0};
    CHECK(segtool_segment(s, text, n, SEGTOOL_MODE_SEARCH, &expected, NULL) == SEGTOOL_OK && expected.count > 100,
          "sample segments (%zu tokens)", expected.count);
    enum { T = 8 };
    pthread_t threads[T];
    job jobs[T];
    for (int i = 0; i < T; i++) {
        jobs[i] = (job){s, text, n, &expected, 40, 0};
        pthread_create(&threads[i], NULL, worker, &jobs[i]);
    }
    for (int r = 0; r < 20; r++) {
        segtool_add_word(s, "鑫淼龘", strlen("鑫淼龘"), 3, NULL, NULL);
        segtool_remove_word(s, "鑫淼龘", strlen("鑫淼龘"), NULL, NULL);
    }
    int mismatches = 0;
    for (int i = 0; i < T; i++) {
        pthread_join(threads[i], NULL);
        mismatches += jobs[i].mismatches;
    }
    CHECK(mismatches == 0, "%d threads x 40 rounds: %d mismatches", T, mismatches);
    segtool_tokens_free(&expected);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s SAMPLE.txt [TMPDIR]\n", argv[0]);
        return 2;
    }
    const char *dir = argc > 2 ? argv[2] : "/tmp";
    test_version();
    segtool_segmenter *s = open_default();
    test_modes_and_offsets(s);
    test_bad_input(s);
    test_dictionaries(dir);
    test_fold_traditional();
    test_keywords(s, dir);
    test_threads(s, argv[1]);
    segtool_segmenter_free(s);
    segtool_segmenter_free(NULL);
    printf("capi: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
