/*
 * segtool.h — the C API of segtool, a Chinese word segmenter for political and government text.
 *
 * Plain C (C99), no Swift types. Link with -lsegtool-c (libsegtool-c.so, built by
 * `swift build --product segtool-c`); the library needs the Swift runtime libraries at run time
 * (libswiftCore.so and friends, in the toolchain's usr/lib/swift/linux): give an rpath.
 *
 * Conventions
 * -----------
 * - Every function that can fail returns a segtool_status (SEGTOOL_OK = 0) and takes a last
 *   argument `segtool_error **error`. When it fails and `error` is not NULL, *error receives a
 *   new error object (code, message, and where it applies the file, line and byte offset) that
 *   the caller frees with segtool_error_free(). Pass NULL to ignore details. No thread-local
 *   state: errors are safe to use from any thread.
 * - Text is UTF-8 given as pointer + length in bytes (it need not be NUL-terminated and may
 *   contain NUL bytes). Invalid UTF-8 is an error (SEGTOOL_INVALID_UTF8) with the byte offset
 *   of the first bad byte, never a crash. NULL where a pointer is required is
 *   SEGTOOL_INVALID_ARGUMENT (a NULL text is allowed only with length 0).
 * - Results go into caller-owned array structs that start zeroed (`= {0}`), can be passed
 *   again to reuse their memory, and are released with their _free function.
 *
 * Thread safety
 * -------------
 * A segtool_segmenter may be used from many threads at once: segmenting, keyword extraction
 * and lookups need no locking by the caller. segtool_add_word, segtool_remove_word and
 * segtool_load_dictionary change the segmenter in place and are also safe to call while other
 * threads segment with it: a call that is already running finishes with the words it started
 * with (a snapshot), later calls see the change. (While another thread holds that snapshot,
 * a change copies the lexicon; change words at start-up when you can.) A result array or an
 * error object belongs to one thread at a time. segtool_segmenter_free must not race with
 * other calls on the same handle.
 * A segtool_keyword_extractor keeps the words its segmenter had when it was opened, and may
 * also be used from many threads at once.
 */
#ifndef SEGTOOL_H
#define SEGTOOL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The version of this header's API; segtool_api_version() gives the library's. */
#define SEGTOOL_API_VERSION 1

/** What a call returns: SEGTOOL_OK or what went wrong. */
typedef enum segtool_status {
    SEGTOOL_OK = 0,
    /** A NULL pointer, an unknown mode, flag or method, or a bad options size. */
    SEGTOOL_INVALID_ARGUMENT = 1,
    /** The text is not valid UTF-8; the error's byte_offset says where. */
    SEGTOOL_INVALID_UTF8 = 2,
    /** A file could not be opened or read; the error's path says which. */
    SEGTOOL_FILE_ERROR = 3,
    /** A dictionary line is malformed; path and line say where. */
    SEGTOOL_DICTIONARY_SYNTAX = 4,
    /** A dictionary (or IDF/stop-word) file is not valid UTF-8; path, line, byte_offset. */
    SEGTOOL_DICTIONARY_UTF8 = 5,
    /** An IDF table file is malformed; path and line where known. */
    SEGTOOL_IDF_SYNTAX = 6,
    /** ICU failed to open (its code is in the message). */
    SEGTOOL_ICU_ERROR = 7,
    /** This library has no built-in IDF table (give one with an idf_path). */
    SEGTOOL_NO_IDF_TABLE = 8
} segtool_status;

/** The details of a failure. Free with segtool_error_free. */
typedef struct segtool_error {
    /** What went wrong. */
    segtool_status code;
    /** A readable message with all the details (UTF-8, NUL-terminated, never NULL). */
    char *message;
    /** The file concerned, or NULL. */
    char *path;
    /** The 1-based line in `path`, or -1. */
    int64_t line;
    /** The byte offset of the first bad byte (in the text, or in `path`'s file), or -1. */
    int64_t byte_offset;
} segtool_error;

/** Frees an error object (NULL is fine). */
void segtool_error_free(segtool_error *error);

/** The library's version, e.g. "0.1.0" (static storage; do not free). */
const char *segtool_version(void);

/** The API version the library implements (SEGTOOL_API_VERSION of its header). */
int segtool_api_version(void);

/* ------------------------------------------------------------------------------------------ */
/* Opening a segmenter                                                                        */

/** Options flags (segtool_options.flags). Unknown bits are SEGTOOL_INVALID_ARGUMENT. */
enum {
    /** Do not load the built-in political lexicon (user dictionaries still apply). */
    SEGTOOL_NO_BUILTIN_LEXICON = 1u << 0,
    /** ICU's word breaks alone: no rules, no dictionaries (the baseline). Excludes user
        dictionaries and SEGTOOL_NO_BUILTIN_LEXICON. */
    SEGTOOL_ICU_ONLY = 1u << 1,
    /** Read Traditional characters as Simplified (ICU's Hant-Hans, one character for one):
        習近平 segments as 习近平; offsets and token text stay the original's. Full-width ASCII
        is always folded. Opening costs ~17 ms once per process (ICU compiles its rules). */
    SEGTOOL_FOLD_TRADITIONAL = 1u << 2
};

/** How to open a segmenter. Initialize with segtool_options_init, then set fields; later
    versions append fields, and `size` tells the library which fields the caller knows. */
typedef struct segtool_options {
    /** sizeof(segtool_options) as the caller compiled it (set by segtool_options_init). */
    uint32_t size;
    /** SEGTOOL_NO_BUILTIN_LEXICON | SEGTOOL_ICU_ONLY | SEGTOOL_FOLD_TRADITIONAL, or 0. */
    uint32_t flags;
    /** Paths (NUL-terminated) of user dictionaries in jieba's format (`word [freq] [tag]`
        a line); later files win over earlier ones, all over the built-in lexicon. */
    const char *const *user_dictionaries;
    /** How many paths user_dictionaries holds. */
    size_t user_dictionary_count;
} segtool_options;

/** Sets `options` to the defaults: built-in lexicon, no user dictionaries. */
void segtool_options_init(segtool_options *options);

/** A segmenter (opaque). */
typedef struct segtool_segmenter segtool_segmenter;

/**
 * Opens a segmenter. `options` may be NULL for the defaults. On success *out is a new handle
 * (free with segtool_segmenter_free). Opening parses the built-in lexicon once per process
 * (~10 ms) and each user dictionary; a missing or malformed dictionary is an error naming the
 * file (and line).
 */
segtool_status segtool_segmenter_open(const segtool_options *options, segtool_segmenter **out,
                                      segtool_error **error);

/** Frees a segmenter (NULL is fine). */
void segtool_segmenter_free(segtool_segmenter *segmenter);

/* ------------------------------------------------------------------------------------------ */
/* Segmenting                                                                                 */

/** How much to emit. */
typedef enum segtool_mode {
    /** One token sequence that tiles the input exactly (whitespace included). */
    SEGTOOL_MODE_PRECISE = 0,
    /** The precise tokens, each token of three or more Han characters followed by its
        sub-words (is_subword = 1): for indexing and queries. */
    SEGTOOL_MODE_SEARCH = 1
} segtool_mode;

/** What a token is made of (judged by its first character). */
typedef enum segtool_kind {
    SEGTOOL_KIND_IDEOGRAPHIC = 0,
    SEGTOOL_KIND_NUMBER = 1,
    SEGTOOL_KIND_LETTERS = 2,
    SEGTOOL_KIND_PUNCTUATION = 3,
    SEGTOOL_KIND_SYMBOL = 4,
    SEGTOOL_KIND_WHITESPACE = 5
} segtool_kind;

/** Which part of the segmenter decided a token. */
typedef enum segtool_source {
    /** ICU's word breaks (or a piece of an ICU word cut by a dictionary word). */
    SEGTOOL_SOURCE_ICU = 0,
    /** The built-in political lexicon. */
    SEGTOOL_SOURCE_BUILTIN = 1,
    /** A user dictionary or a word added at run time. */
    SEGTOOL_SOURCE_USER = 2,
    /** A rule: numbers with units, ordinals, dates, hyphenated codes. */
    SEGTOOL_SOURCE_RULE = 3
} segtool_source;

/** One token: offsets into the segmented text, [start, end). */
typedef struct segtool_token {
    /** Byte offsets (UTF-8). */
    uint64_t byte_start, byte_end;
    /** Unicode scalar (code point) offsets. */
    uint64_t char_start, char_end;
    /** A segtool_kind. */
    uint8_t kind;
    /** A segtool_source. */
    uint8_t source;
    /** 1 for a search-mode sub-word (a part of the longer token before it), else 0. */
    uint8_t is_subword;
    /** Zero; makes the struct 40 bytes with no padding. */
    uint8_t reserved_[5];
} segtool_token;

/** Tokens: start zeroed, reuse freely, release with segtool_tokens_free. */
typedef struct segtool_tokens {
    /** The tokens, `count` of them (NULL when count is 0). */
    segtool_token *tokens;
    /** How many. */
    size_t count;
    /** The library's (capacity and scratch space); do not touch. */
    void *internal_;
} segtool_tokens;

/** Frees the memory of `tokens` and zeroes it (NULL is fine). */
void segtool_tokens_free(segtool_tokens *tokens);

/**
 * Segments `length` bytes of UTF-8 at `text` into `out` (replacing what it held).
 * Invalid UTF-8: SEGTOOL_INVALID_UTF8 with the byte offset, and out->count is 0.
 * Complexity: linear in the length; long texts are cut into ~32 KiB chunks at line breaks
 * or sentence ends, so memory stays proportional to the tokens.
 */
segtool_status segtool_segment(const segtool_segmenter *segmenter, const char *text, size_t length,
                               segtool_mode mode, segtool_tokens *out, segtool_error **error);

/* ------------------------------------------------------------------------------------------ */
/* Words at run time                                                                          */

/**
 * Adds (or replaces) a user word; it takes precedence over the built-in lexicon.
 * `frequency` < 0 means the default; `tag` may be NULL. The word must be valid UTF-8 with
 * no whitespace; the tag NUL-terminated UTF-8.
 */
segtool_status segtool_add_word(segtool_segmenter *segmenter, const char *word, size_t length,
                                int64_t frequency, const char *tag, segtool_error **error);

/** Removes a word, built-in or user. *removed (may be NULL) is 1 when it was there, else 0. */
segtool_status segtool_remove_word(segtool_segmenter *segmenter, const char *word, size_t length,
                                   int *removed, segtool_error **error);

/** Loads a user dictionary file on top of the segmenter's words (jieba's load_userdict). */
segtool_status segtool_load_dictionary(segtool_segmenter *segmenter, const char *path,
                                       segtool_error **error);

/**
 * Looks a word up in the lexicon. *found is 1 when it is there; then *frequency (may be NULL)
 * is its frequency or -1 when the entry has none, and its tag (or "") is copied into
 * `tag` (NUL-terminated, cut to tag_capacity - 1 bytes; `tag` may be NULL).
 */
segtool_status segtool_lookup_word(const segtool_segmenter *segmenter, const char *word, size_t length,
                                   int *found, int64_t *frequency, char *tag, size_t tag_capacity,
                                   segtool_error **error);

/* ------------------------------------------------------------------------------------------ */
/* Keywords (TF-IDF and TextRank, as jieba.analyse)                                           */

/** How to rank keywords. */
typedef enum segtool_keyword_method {
    /** (1 + ln tf) · idf(word) · factors (generic words 0.3, dictionary names 1.5; see
        KeywordExtractor); idf from the table, its median for unknown words. */
    SEGTOOL_KEYWORDS_TFIDF = 0,
    /** PageRank over co-occurrence within 5 candidates; the best scaled to 1. */
    SEGTOOL_KEYWORDS_TEXTRANK = 1
} segtool_keyword_method;

/** How to open a keyword extractor: zero it, then set what you need (all optional). */
typedef struct segtool_keyword_options {
    /** sizeof(segtool_keyword_options) as the caller compiled it (0 is taken as this size). */
    uint32_t size;
    /** 1: single-character words may be keywords. */
    uint32_t allow_single;
    /** An IDF table (`word idf` a line, # comments), or NULL for the built-in one. */
    const char *idf_path;
    /** A stop-word list (one word a line), or NULL for the built-in one. */
    const char *stop_words_path;
    /** 1: use no stop words at all (stop_words_path must be NULL). */
    uint32_t no_stop_words;
    uint32_t reserved_;
} segtool_keyword_options;

/** A keyword extractor (opaque). */
typedef struct segtool_keyword_extractor segtool_keyword_extractor;

/** Opens a keyword extractor over `segmenter`'s current words (options may be NULL). */
segtool_status segtool_keywords_open(const segtool_segmenter *segmenter, const segtool_keyword_options *options,
                                     segtool_keyword_extractor **out, segtool_error **error);

/** Frees a keyword extractor (NULL is fine). */
void segtool_keywords_free(segtool_keyword_extractor *extractor);

/** One keyword. */
typedef struct segtool_keyword {
    /** The word: UTF-8, NUL-terminated, owned by the array. */
    const char *word;
    /** Its length in bytes. */
    size_t length;
    /** Its weight (TF-IDF value, or TextRank score with the best at 1). */
    double weight;
} segtool_keyword;

/** Keywords: start zeroed, reuse freely, release with segtool_keyword_array_free. */
typedef struct segtool_keyword_array {
    /** Best first (equal weights in the order the words first occur). */
    segtool_keyword *keywords;
    size_t count;
    /** The library's; do not touch. */
    void *internal_;
} segtool_keyword_array;

/** Frees the memory of `keywords` and zeroes it (NULL is fine). */
void segtool_keyword_array_free(segtool_keyword_array *keywords);

/**
 * The top `top_k` (≥ 1) keywords of the UTF-8 text. `tags` (may be NULL when tag_count is 0):
 * only words whose dictionary tag is one of these NUL-terminated strings (jieba's allowPOS).
 */
segtool_status segtool_extract_keywords(const segtool_keyword_extractor *extractor, const char *text,
                                        size_t length, segtool_keyword_method method, size_t top_k,
                                        const char *const *tags, size_t tag_count,
                                        segtool_keyword_array *out, segtool_error **error);

#ifdef __cplusplus
}
#endif

#endif /* SEGTOOL_H */
