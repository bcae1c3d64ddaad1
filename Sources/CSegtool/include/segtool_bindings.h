/*
 * segtool_bindings.h — two additions to the C API (segtool.h) for language bindings such as the
 * Python package (python/): words as one buffer, and a dictionary from memory. Same conventions
 * and thread safety as segtool.h; implemented in Sources/SegtoolC/Bindings.swift.
 */
#ifndef SEGTOOL_BINDINGS_H
#define SEGTOOL_BINDINGS_H

#include "segtool.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Segments `length` bytes of UTF-8 at `text` and writes the tokens' bytes into `out`, one after
 * the other with the byte `separator` between two tokens (none after the last), so that a
 * binding makes all its strings with one split (Python: `out.decode().split("\0")`, when the
 * text has no NUL). Whitespace tokens are included: in precise mode, the output without its
 * separators is the text.
 *
 * *out_length receives the number of bytes the output needs. When that is more than `capacity`,
 * nothing is written: call again with a larger buffer. In precise mode 2 * length bytes always
 * suffice; search mode needs more for its sub-words.
 *
 * `scratch` (zeroed at first, then reused; free with segtool_tokens_free) keeps the token
 * storage between calls; its contents afterwards are unspecified. Invalid UTF-8:
 * SEGTOOL_INVALID_UTF8 with the byte offset, and *out_length is 0.
 */
segtool_status segtool_segment_words(const segtool_segmenter *segmenter, const char *text, size_t length,
                                     segtool_mode mode, uint8_t separator, segtool_tokens *scratch,
                                     char *out, size_t capacity, size_t *out_length,
                                     segtool_error **error);

/**
 * Loads a user dictionary in jieba's format from memory (`length` bytes at `data`, e.g. a file
 * object a binding has read), on top of the segmenter's words, like segtool_load_dictionary.
 * `name` (NUL-terminated) names it in errors: a malformed line is SEGTOOL_DICTIONARY_SYNTAX with
 * `name` and the line, invalid UTF-8 SEGTOOL_DICTIONARY_UTF8 with the line and byte offset.
 * On error no word of it is added.
 */
segtool_status segtool_load_dictionary_data(segtool_segmenter *segmenter, const char *data, size_t length,
                                            const char *name, segtool_error **error);

#ifdef __cplusplus
}
#endif

#endif /* SEGTOOL_BINDINGS_H */
