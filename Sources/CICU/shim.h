// ICU renames every C function with a version macro (ubrk_open -> ubrk_open_72), which Swift
// cannot see through. These static inline wrappers expand the macros in C, so the Swift side
// stays independent of the ICU version on the machine.
#ifndef SEGTOOL_CICU_SHIM_H
#define SEGTOOL_CICU_SHIM_H

#include <unicode/ubrk.h>
#include <unicode/uclean.h>
#include <unicode/utrans.h>

static inline UBreakIterator *cicu_ubrk_open_word(const char *locale, UErrorCode *status) {
    return ubrk_open(UBRK_WORD, locale, NULL, 0, status);
}
static inline UBreakIterator *cicu_ubrk_clone(const UBreakIterator *bi, UErrorCode *status) {
    return ubrk_clone(bi, status);
}
static inline void cicu_ubrk_close(UBreakIterator *bi) { ubrk_close(bi); }
static inline void cicu_ubrk_setText(UBreakIterator *bi, const UChar *text, int32_t length, UErrorCode *status) {
    ubrk_setText(bi, text, length, status);
}
static inline int32_t cicu_ubrk_first(UBreakIterator *bi) { return ubrk_first(bi); }
static inline int32_t cicu_ubrk_next(UBreakIterator *bi) { return ubrk_next(bi); }
static inline int32_t cicu_ubrk_getRuleStatus(UBreakIterator *bi) { return ubrk_getRuleStatus(bi); }
static inline int32_t cicu_done(void) { return UBRK_DONE; }

// Transliterators (libicui18n), for folding Traditional characters to Simplified. With rules,
// a transliterator of those rules named `id`; without, the system's transliterator `id`.
// ICU declares `UTransliterator` as `void *`, so the handle is passed as `void *` here.
static inline void *cicu_utrans_open(const UChar *id, int32_t idLength,
                                     const UChar *rules, int32_t rulesLength, UErrorCode *status) {
    UParseError parseError;
    return (void *)utrans_openU(id, idLength, UTRANS_FORWARD, rules, rulesLength, &parseError, status);
}
static inline void cicu_utrans_close(void *t) { utrans_close((UTransliterator *)t); }
static inline int32_t cicu_utrans_toRules(const void *t, UChar *result, int32_t capacity, UErrorCode *status) {
    return utrans_toRules((const UTransliterator *)t, 0, result, capacity, status);
}
static inline void cicu_utrans_transUChars(const void *t, UChar *text, int32_t *length, int32_t capacity,
                                           int32_t *limit, UErrorCode *status) {
    utrans_transUChars((const UTransliterator *)t, text, length, capacity, 0, limit, status);
}

#endif
