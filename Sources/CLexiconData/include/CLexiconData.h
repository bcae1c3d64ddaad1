#ifndef SEGTOOL_CLEXICONDATA_H
#define SEGTOOL_CLEXICONDATA_H
#include <stddef.h>

/// One file of Dictionaries/, embedded into the binary at compile time.
typedef struct {
    const char *name;            // path below Dictionaries/, e.g. "lexicon/01-institutions.txt"
    const unsigned char *bytes;  // the file's bytes (not NUL-terminated as far as `count` goes)
    size_t count;                // number of bytes
} segtool_embedded_file;

size_t segtool_embedded_file_count(void);
segtool_embedded_file segtool_embedded_file_at(size_t index);

#endif
