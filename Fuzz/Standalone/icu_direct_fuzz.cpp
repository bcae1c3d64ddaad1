// libFuzzer harness (review21): ICUDictionary.cpp's direct division (`segtool_icu_breaks`,
// with its SSE2 pass over the text) against ICU's iterator alone, on texts in heap buffers of
// exactly their length, so that the address sanitizer sees any read past a text's end; UBSan
// checks shifts and overflows. Not part of `run.sh` (it needs no Swift): from the repository,
//
//   clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
//       -ISources/CICUDictionary -ISources/CICUDictionary/include Fuzz/Standalone/icu_direct_fuzz.cpp \
//       -licuuc -licui18n -o /tmp/icu_direct_fuzz
//   /tmp/icu_direct_fuzz -max_total_time=240 -max_len=600 /tmp/icu-direct-corpus
//
// Each input byte is a UTF-16 unit from `kAlphabet` (below 0xC0) or a run of common
// ideographs of 4 × (byte - 0xC0) units, so runs of every length meet every neighbour.
#include "ICUDictionary.cpp"
#include <cstdio>
#include <cstdlib>

static const char16_t kAlphabet[] = {
    u'中', u'国', u'人', u'民', u'经', u'济', u'发', u'展', u'社', u'会', u'主', u'义', u'政', u'府',
    0x3400, 0x4DB5, 0x4E00, 0x9FEF,            // run units at both blocks' edges
    0x33FF, 0x4DB6, 0x4DFF, 0x9FF0, 0xA000,    // just outside
    u'，', u'。', u'、', u'“', u'”', u'《', u'》', u'—', u'…', u'·', u'‘', u'’', u'；', u'．',
    u'a', u'Z', u'1', u'0', u' ', u'.', u',', u';', u'\'', u'@', u'_', u'-', u'\n', u'\r', 0,
    u'ア', u'々', u'〇', 0xF900, 0x00AD, 0x0301, 0x200D, 0xFF21, 0xD840, 0xDC00,  // others (and a pair half)
};

static UBreakIterator *plain, *direct;
static const SegtoolICUDictionary *dict;
static SegtoolICUScratch *scratch;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!dict) {
        UErrorCode st = U_ZERO_ERROR;
        plain = ubrk_open(UBRK_WORD, "zh", nullptr, 0, &st);
        direct = ubrk_open(UBRK_WORD, "zh", nullptr, 0, &st);
        dict = segtool_icu_dictionary_shared(direct);
        if (!dict) { fprintf(stderr, "no direct dictionary\n"); abort(); }
        scratch = segtool_icu_scratch_new();
    }
    // Each byte a unit: < 0xC0 from the alphabet; else a run of (b - 0xC0) * 4 common words' units.
    std::vector<char16_t> units;
    for (size_t k = 0; k < size; ++k) {
        const uint8_t b = data[k];
        if (b < 0xC0) units.push_back(kAlphabet[b % (sizeof kAlphabet / sizeof kAlphabet[0])]);
        else for (int r = 0; r < (b - 0xC0) * 4; ++r) units.push_back(kAlphabet[(r * 7 + k) % 14]);
    }
    const int32_t n = int32_t(units.size());
    char16_t *text = static_cast<char16_t *>(malloc(sizeof(char16_t) * (n ? n : 1)));
    std::copy(units.begin(), units.end(), text);
    const int32_t *ends = nullptr;
    const int32_t count = segtool_icu_breaks(dict, scratch, direct, reinterpret_cast<const uint16_t *>(text), n, &ends);
    std::vector<int32_t> mine(ends, ends + (count > 0 ? count : 0));
    UErrorCode st = U_ZERO_ERROR;
    ubrk_setText(plain, reinterpret_cast<const UChar *>(text), n, &st);
    std::vector<int32_t> icu;
    ubrk_first(plain);
    for (int32_t e = ubrk_next(plain); e != UBRK_DONE; e = ubrk_next(plain)) icu.push_back(e);
    ubrk_setText(plain, nullptr, 0, &st);
    if (count < 0 || mine != icu) {
        fprintf(stderr, "differs from ICU: n=%d count=%d icu=%zu\n", n, count, icu.size());
        abort();
    }
    if (n > 0) {  // is_one_word over a run prefix, if it is one
        int32_t k = 0;
        while (k < n && isRunUnit(text[k])) ++k;
        if (k > 0) (void)segtool_icu_is_one_word(dict, scratch, reinterpret_cast<const uint16_t *>(text), k);
    }
    free(text);
    return 0;
}
