// ICU's CJK dictionary, read directly (see ICUDictionary.cpp). A plain C interface with no
// ICU types, so Swift files that import Foundation never see ICU's C declarations.
#ifndef SEGTOOL_CICU_DICTIONARY_H
#define SEGTOOL_CICU_DICTIONARY_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The process's reader of ICU's CJK dictionary (shared, read-only, thread-safe).
typedef struct SegtoolICUDictionary SegtoolICUDictionary;
/// One thread's scratch space for `segtool_icu_breaks`.
typedef struct SegtoolICUScratch SegtoolICUScratch;

/// Opens the dictionary once per process, on the first call: ICU's `cjdict` through udata,
/// a table of the trie's states after each first character (filled as characters are first
/// met), and a check that its word ends equal ICU's own on a sample of mixed text (ICU's
/// break iterator `word_break_iterator`, a `UBreakIterator *`, is cloned for that). NULL when the dictionary is missing, has
/// another layout, or the check fails: callers then use ICU alone.
const SegtoolICUDictionary *segtool_icu_dictionary_shared(const void *word_break_iterator);

SegtoolICUScratch *segtool_icu_scratch_new(void);
void segtool_icu_scratch_free(SegtoolICUScratch *scratch);

/// Blocks of huge-page memory (the shared first-character table, each scratch's pair cache)
/// mapped and not yet unmapped: for tests that a freed scratch gives its memory back.
long segtool_icu_live_blocks(void);

/// ICU's word ends over `text[0..<length]` (UTF-16; the final end included, 0 not), with the
/// break iterator `word_break_iterator` (a `UBreakIterator *`, used by this thread only) run
/// over the text in which each run of two or more common ideographs between plain neighbours
/// stands as one ideograph, and the run divided with ICU's dictionary and ICU's algorithm
/// directly; a text of such ideographs, ASCII digits and common punctuation alone is not given
/// to the iterator at all (its word ends there follow from ICU's rules directly). On return
/// `*ends` points into `scratch` (valid until its next use).
/// Returns the number of ends, or -1 when ICU reported an error.
int32_t segtool_icu_breaks(
    const SegtoolICUDictionary *dictionary, SegtoolICUScratch *scratch,
    void *word_break_iterator, const uint16_t *text, int32_t length, const int32_t **ends);

/// Whether ICU's word breaks take the two characters `first` `second` as one word (as
/// `segtool_icu_is_one_word` on them, from the first character's table entry and the pair cache
/// without a division): 1 or 0; -1 when either is not a common ideograph.
int32_t segtool_icu_is_pair_word(
    const SegtoolICUDictionary *dictionary, SegtoolICUScratch *scratch, uint16_t first, uint16_t second);

/// Whether ICU's word breaks may take the three characters `first` `second` `third` as one
/// word: 0 when they cannot (the dictionary's trie does not hold them, as read from the first
/// character's table entry and the pair cache without a trie step), 1 when they may (then ask
/// `segtool_icu_is_one_word`); -1 when any is not a common ideograph.
int32_t segtool_icu_may_be_triple_word(
    const SegtoolICUDictionary *dictionary, SegtoolICUScratch *scratch,
    uint16_t first, uint16_t second, uint16_t third);

/// Whether ICU's word breaks take the whole of `text[0..<length]` as one word: 1 or 0; -1 when
/// the text is not made of common ideographs alone (then ask ICU).
int32_t segtool_icu_is_one_word(
    const SegtoolICUDictionary *dictionary, SegtoolICUScratch *scratch,
    const uint16_t *text, int32_t length);

#ifdef __cplusplus
}
#endif

#endif
