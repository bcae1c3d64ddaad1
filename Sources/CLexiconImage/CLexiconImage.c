// The accessor of the prebuilt lexicon image. The image itself is defined in LexiconImage.c,
// which LexiconImagePlugin generates into the build directory (it embeds the generator's
// output with #embed), so no generated file is ever committed or goes stale.
#include "CLexiconImage.h"

#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

extern const unsigned char segtool_lexicon_image_bytes[];
extern const size_t segtool_lexicon_image_count;

const unsigned char *segtool_lexicon_image(size_t *count) {
    *count = segtool_lexicon_image_count;
    return segtool_lexicon_image_bytes;
}

const void *segtool_huge_page_copy(const void *bytes, size_t count) {
    if (count == 0) return NULL;
    const size_t huge = (size_t)1 << 21;
    const size_t length = (count + huge - 1) & ~(huge - 1);
    void *raw = mmap(NULL, length + huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return NULL;
    // Keep the aligned `length` bytes inside the mapping; give the rest back.
    const uintptr_t start = (uintptr_t)raw;
    const uintptr_t aligned = (start + huge - 1) & ~(huge - 1);
    if (aligned > start) munmap(raw, aligned - start);
    const uintptr_t end = start + length + huge;
    if (end > aligned + length) munmap((void *)(aligned + length), end - (aligned + length));
    madvise((void *)aligned, length, MADV_HUGEPAGE);  // a hint: without it, 4 KiB pages
    memcpy((void *)aligned, bytes, count);
    mprotect((void *)aligned, length, PROT_READ);
    return (const void *)aligned;
}
