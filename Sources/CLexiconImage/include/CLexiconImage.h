#ifndef SEGTOOL_CLEXICONIMAGE_H
#define SEGTOOL_CLEXICONIMAGE_H
#include <stddef.h>

/// The built-in lexicon's prebuilt tables (see Sources/Segmenter/Lexicon/LexiconImage.swift),
/// generated at build time from Dictionaries/lexicon/*.txt by LexiconImageGenerator (run by
/// the LexiconImagePlugin build-tool plugin) and embedded here: 64-byte aligned, read-only,
/// alive for the process. Sets `*count` to its size in bytes (0 when the generator could not
/// build one) and returns its first byte.
const unsigned char *segtool_lexicon_image(size_t *count);

#endif
