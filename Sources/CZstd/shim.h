// The system zstd (Debian's libzstd-dev): block compression of stored texts, with a
// dictionary trained per segment.
#include <zstd.h>
#define ZDICT_STATIC_LINKING_ONLY  // ZDICT_trainFromBuffer_fastCover with fixed parameters
#include <zdict.h>
