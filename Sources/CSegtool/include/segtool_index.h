/*
 * segtool_index.h — the index through the C API (segtool.h's conventions): open or create an
 * index, add documents, search, read a document, trends. Results are JSON (UTF-8) in a
 * reusable segtool_json: hits, documents and trend rows carry fields of several kinds, and the
 * bindings this serves (Python: dicts, pandas) take JSON directly. Implemented in
 * Sources/SegtoolC/IndexAPI.swift over the Indexer library's `Index` and `Searcher`.
 *
 * Thread safety: an index handle may be searched from many threads at once; a search sees the
 * snapshot the handle holds (taken at open, after each segtool_index_add, and by
 * segtool_index_reload). segtool_index_add takes the index's writer lock (one writer at a time,
 * across processes too: SEGTOOL_INDEX_ERROR "locked" otherwise).
 */
#ifndef SEGTOOL_INDEX_H
#define SEGTOOL_INDEX_H

#include "segtool.h"

#ifdef __cplusplus
extern "C" {
#endif

/** More segtool_status values: the index (missing, damaged, locked, I/O; the error's path
    says which), and the query (unclosed quote, nothing to find, over a limit). */
#define SEGTOOL_INDEX_ERROR ((segtool_status)20)
#define SEGTOOL_QUERY_ERROR ((segtool_status)21)

/** An index (opaque). */
typedef struct segtool_index segtool_index;

/** Opens the index in the directory `path` (built by `segtool index build` or
    segtool_index_create). */
segtool_status segtool_index_open(const char *path, segtool_index **out, segtool_error **error);

/** Creates an index in `path` (a new or empty directory) with the default analysis (built-in
    lexicon, search-mode terms); an index already there is opened. */
segtool_status segtool_index_create(const char *path, segtool_index **out, segtool_error **error);

/** Frees an index handle (NULL is fine). */
void segtool_index_free(segtool_index *index);

/** Reads the index's last commit again (a new snapshot for later searches). */
segtool_status segtool_index_reload(segtool_index *index, segtool_error **error);

/** The number of live documents in the handle's snapshot. */
segtool_status segtool_index_document_count(const segtool_index *index, size_t *out, segtool_error **error);

/** A document to add. Strings are UTF-8 and NUL-terminated, except `text` (`text_length`
    bytes). `title` and `date` (YYYY, YYYY-MM or YYYY-MM-DD) may be NULL. */
typedef struct segtool_index_input {
    const char *id;
    const char *title;
    const char *text;
    size_t text_length;
    const char *date;
} segtool_index_input;

/** Adds documents (one with an id already there replaces it) and commits; later searches on
    this handle see them. A bad date or text is SEGTOOL_INVALID_ARGUMENT naming the document,
    and nothing is added. */
segtool_status segtool_index_add(segtool_index *index, const segtool_index_input *documents, size_t count,
                                 segtool_error **error);

/** JSON text: start zeroed, reuse freely, release with segtool_json_free. */
typedef struct segtool_json {
    /** UTF-8 JSON, `length` bytes, NUL-terminated. */
    char *data;
    size_t length;
    /** The library's; do not touch. */
    void *internal_;
} segtool_json;

/** Frees the memory of `json` and zeroes it (NULL is fine). */
void segtool_json_free(segtool_json *json);

/** How to search: zero it (`= {0}`), then set what you need. */
typedef struct segtool_search_options {
    /** sizeof(segtool_search_options) as the caller compiled it (0 is taken as this size). */
    uint32_t size;
    /** 0: BM25 (the default), 1: TF-IDF. */
    uint32_t rank;
    /** 1: rank passages instead of documents. */
    uint32_t passages;
    uint32_t reserved_;
    /** How many hits (0: 10), after skipping `offset`. */
    size_t top;
    size_t offset;
    /** Only documents dated from / up to these dates (YYYY, YYYY-MM, YYYY-MM-DD), or NULL. */
    const char *from;
    const char *to;
} segtool_search_options;

/**
 * Searches (query syntax as `segtool search`: words ANDed, `a OR b`, `-word`, "phrases").
 * `out` receives a JSON array of hits, best first, each
 * {"id","title","score","date" (or null),"fields":{…},"passage" (its number),
 *  "passage_byte_start","passage_byte_end" (UTF-8 offsets in the document's text),
 *  "snippet","highlights":[[start,end],…] (character offsets in the snippet)}.
 */
segtool_status segtool_index_search(const segtool_index *index, const char *query, size_t length,
                                    const segtool_search_options *options, segtool_json *out,
                                    segtool_error **error);

/** The stored document with this id as JSON {"id","title","text","date","fields",
    "passages":[[byte_start,byte_end],…]}, or `null` when there is none. */
segtool_status segtool_index_document(const segtool_index *index, const char *id, size_t length,
                                      segtool_json *out, segtool_error **error);

/**
 * How often each term (or "quoted phrase") was used per year (`by_month` 0) or month (1):
 * a JSON array of rows {"period","term","documents","occurrences","period_documents",
 * "period_words","per_10k_words"}, periods from the first dated document's to the last's.
 */
segtool_status segtool_index_trend(const segtool_index *index, const char *const *terms, size_t count,
                                   uint32_t by_month, segtool_json *out, segtool_error **error);

#ifdef __cplusplus
}
#endif

#endif /* SEGTOOL_INDEX_H */
