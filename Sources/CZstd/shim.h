// The system zstd (Debian's libzstd-dev): block compression of stored texts, with a
// dictionary trained per segment.
#include <zstd.h>
#include <zdict.h>
