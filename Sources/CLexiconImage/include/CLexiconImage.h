#ifndef SEGTOOL_CLEXICONIMAGE_H
#define SEGTOOL_CLEXICONIMAGE_H
#include <stddef.h>

/// The built-in lexicon's prebuilt tables (see Sources/Segmenter/Lexicon/LexiconImage.swift),
/// generated at build time from Dictionaries/lexicon/*.txt by LexiconImageGenerator (run by
/// the LexiconImagePlugin build-tool plugin) and embedded here: 64-byte aligned, read-only,
/// alive for the process. Sets `*count` to its size in bytes (0 when the generator could not
/// build one) and returns its first byte.
const unsigned char *segtool_lexicon_image(size_t *count);

/// A copy of `bytes[0..<count]` that stays for the rest of the process, read-only, in memory
/// aligned to 2 MiB and marked for transparent huge pages (`MADV_HUGEPAGE`), so that random
/// reads over it miss the TLB once per 2 MiB rather than once per 4 KiB page (the binary's own
/// data is in 4 KiB pages). NULL when the system gives no memory (then read the original).
const void *segtool_huge_page_copy(const void *bytes, size_t count);

/// Asks the processor to start loading the cache line at `address` for reading, without
/// waiting for it (a hint: no fault, no effect on results). The matcher asks for the table
/// slots of positions a few ahead of the one it reads (`Worker+Resolve.swift`).
static inline void segtool_prefetch(const void *address) { __builtin_prefetch(address); }

#endif
