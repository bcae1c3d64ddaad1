// ICU renames every C function with a version macro (ubrk_open -> ubrk_open_72), which Swift
// cannot see through. These static inline wrappers expand the macros in C, so the Swift side
// stays independent of the ICU version on the machine.
#ifndef SEGTOOL_CICU_SHIM_H
#define SEGTOOL_CICU_SHIM_H

#include <unicode/ubrk.h>
#include <unicode/uclean.h>

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

#endif
