// ICU's CJK dictionary, read directly.
//
// ICU's word break iterator spends 80–90% of its time on Chinese text in its dictionary
// engine: for every run of ideographs it finds, at every position, the dictionary's words
// starting there (a walk of a UCharsTrie from its root, whose first step is a binary search
// over some 16,000 first characters) and takes the path of least summed cost (an unknown
// character costs 255). Here the same dictionary (ICU's `cjdict`, opened through udata) and
// the same algorithm run over each run of common ideographs — with the trie's state after the
// first character taken from a shared table, and after the first two from a per-thread cache
// (the second step is another binary search, over the first character's followers) — and
// ICU's iterator runs over the text in which each such run stands as one ideograph, so its
// rules still decide everything around the runs.
//
// Only runs that ICU would hand to its dictionary engine on their own are replaced: two or
// more ideographs from the CJK Unified Ideographs block and Extension A (assigned, NFKC-stable,
// one UTF-16 unit each), with, on each side, the end of the text or a plain character
// (Latin, general or CJK punctuation, full-width forms — never kana, other ideographs,
// combining marks or format characters, which ICU would join to the run). The dictionary is
// checked once per process against ICU itself on a sample; if it ever differs, it is not used.
// Tests compare the two on large random and real texts.
//
// Most lines of Chinese news are made of such runs, digits, Latin letters, spaces and
// punctuation alone; there ICU's rules need not run at all (`ownBreaks`): every punctuation
// mark is a word, every run of letters and digits is one (joined across a separator between
// two digits or two letters), every run of spaces is one, and each run is divided.

#include "CICUDictionary.h"

#include <unicode/appendable.h>
#include <unicode/ubrk.h>
#include <unicode/ucharstrie.h>
#include <unicode/udata.h>

#include <sys/mman.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

namespace {

constexpr char16_t kFirst = 0x3400;   // the table covers U+3400..U+9FFF
constexpr char16_t kLimit = 0xA000;
constexpr int32_t kMaxWordLength = 20;  // ICU's CjkBreakEngine: maxWordSize
constexpr uint32_t kUnknownCost = 255;  // ICU's CjkBreakEngine: maxSnlp
constexpr int kPairBits = 16;
constexpr int kPairWayBits = 2;  // the pair cache's sets: 2^kPairWayBits entries each
constexpr size_t kPairWays = size_t(1) << kPairWayBits;
constexpr int32_t kAhead = 6;  // how far ahead `divide` asks for its table entries

inline bool isRunUnit(char16_t c) {
    return (c >= 0x4E00 && c <= 0x9FEF) || (c >= 0x3400 && c <= 0x4DB5);
}

/// A character next to which ICU's rules always break and its dictionary engine stops.
inline bool isPlainNeighbour(char16_t c) {
    if (c < 0x250) return c != 0xAD;  // Latin (soft hyphen is a format character)
    return (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E)  // punctuation
        || (c >= 0x3000 && c <= 0x3004) || (c >= 0x3008 && c <= 0x3020)  // CJK punctuation
        || (c >= 0xFF01 && c <= 0xFF60);                                 // full-width forms
}

/// How ICU's word rules treat a character of a text it need not see (`ownBreaks`).
enum class Plain : uint8_t {
    other,    // anything else: ICU's iterator decides
    alone,    // a word of its own whatever its neighbours (Word_Break Other)
    digit,    // ASCII digit (Word_Break Numeric)
    letter,   // ASCII letter and '@', which ICU 72 counts as one (Word_Break ALetter)
    midNum,   // Word_Break MidNum: inside a number between two digits (1,234), else alone
    midNumLet,  // Word_Break MidNumLet or Single_Quote: between two digits (3.5) or two
                // letters (e.g), else alone
    midLetter,  // Word_Break MidLetter: between two letters (a·b), else alone
    space,    // U+0020 (Word_Break WSegSpace): a run of them is one word (rule 3d)
};

/// Punctuation of Chinese text, by its Word_Break class (UAX #29 with ICU's rules, which
/// have no rule for these next to ideographs: `word.txt` rules 8, 11, 12 and 999); all are
/// plain neighbours. Kept short on purpose: any character not listed sends the text to ICU.
__attribute__((always_inline)) inline Plain plainClass(char16_t c) {
    if (c < 0x80) {
        if (c >= '0' && c <= '9') return Plain::digit;
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return Plain::letter;
        switch (c) {
        case '@':
            return Plain::letter;
        case ',': case ';':
            return Plain::midNum;
        case '.': case '\'':
            return Plain::midNumLet;
        case '!': case '"': case '#': case '$': case '%': case '&': case '(': case ')': case '*':
        case '+': case '-': case '/': case ':': case '<': case '=': case '>': case '?':
        case '[': case '\\': case ']': case '^': case '`': case '{': case '|': case '}': case '~':
            return Plain::alone;
        case ' ':
            return Plain::space;
        default:
            // '_' (rule 13a), controls.
            return Plain::other;
        }
    }
    switch (c) {
    case 0xFF0C: case 0xFF1B:
        return Plain::midNum;      // ， ；
    case 0x2018: case 0x2019: case 0xFF0E: case 0xFF07:
        return Plain::midNumLet;   // ‘ ’ ． ＇
    case 0x00B7:
        return Plain::midLetter;   // ·
    case 0x2013: case 0x2014: case 0x2015: case 0x201C: case 0x201D: case 0x2026:
    case 0x3001: case 0x3002:
    case 0x3008: case 0x3009: case 0x300A: case 0x300B: case 0x300C: case 0x300D: case 0x300E:
    case 0x300F: case 0x3010: case 0x3011: case 0x3014: case 0x3015: case 0x3016: case 0x3017:
    case 0xFF01: case 0xFF08: case 0xFF09: case 0xFF1A: case 0xFF1C: case 0xFF1D: case 0xFF1E:
    case 0xFF1F: case 0xFF3B: case 0xFF3D: case 0xFF5B: case 0xFF5D: case 0xFF5E:
        return Plain::alone;    // – — ― “ ” … 、 。 〈〉《》「」『』【】〔〕〖〗 ！（）：＜＝＞？［］｛｝～
    default:
        return Plain::other;
    }
}

/// A character's bit in a `NextFilter`.
inline uint64_t nextBit(char16_t c) { return uint64_t(1) << ((c * 0x9E37u) >> 10 & 63); }

/// The characters that continue a trie state, as a 64-bit filter (`nextBit` of each): a
/// character whose bit is clear cannot continue it, so the walk stops without a trie step
/// (most steps from the third character on end there; the filter never says no to a
/// character that continues, so the words found are the same).
class NextFilter : public icu::Appendable {
public:
    uint64_t bits = 0;
    UBool appendCodeUnit(char16_t c) override {
        bits |= nextBit(c);
        return true;
    }
};

/// The filter of the characters that continue `trie` in its current state.
inline uint64_t nextFilter(const icu::UCharsTrie &trie) {
    NextFilter filter;
    trie.getNextUChars(filter);
    return filter.bits;
}

/// What the trie says after a first character; filled on first use (see `rootEntry`). One
/// cache line each (40 bytes of fields; 1.7 MiB for the table, one huge page): `divide` asks
/// for the entry of a character ahead with one prefetch, and reads it with one miss at most.
struct alignas(64) RootEntry {
    std::atomic<uint8_t> ready{0};  // 0: not filled; 1: being filled; 2: filled
    bool word = false;        // whether the character alone is a word
    bool more = false;        // whether longer words start with it
    int32_t value = 0;        // cost of the one-character word (`kUnknownCost` when not `word`)
    uint64_t next = 0;        // `nextFilter` of the state, when `more`
    icu::UCharsTrie::State state;  // the trie after the character, when `more`
};

constexpr size_t kHugePage = size_t(1) << 21;

/// `bytes` of zeroed memory straight from the system (anonymous pages are zero), aligned to
/// and rounded up to 2 MiB and marked for transparent huge pages (`MADV_HUGEPAGE`; the
/// system's setting is usually `madvise`): the random reads of a table of a megabyte or two
/// then miss the TLB once per 2 MiB instead of once per 4 KiB page. Pages are still touched
/// only when used. Null when the system has no memory to give; `*mapped` is the length to
/// unmap.
/// Blocks of `hugeZeroed` memory mapped and not yet given back (`segtool_icu_live_blocks`).
std::atomic<long> liveBlocks{0};

void *hugeZeroed(size_t bytes, size_t *mapped) {
    const size_t length = (bytes + kHugePage - 1) & ~(kHugePage - 1);
    void *raw = mmap(nullptr, length + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return nullptr;
    // Keep the aligned `length` bytes inside the mapping; give the rest back.
    const uintptr_t start = reinterpret_cast<uintptr_t>(raw);
    const uintptr_t aligned = (start + kHugePage - 1) & ~(kHugePage - 1);
    if (aligned > start) munmap(raw, aligned - start);
    const uintptr_t end = start + length + kHugePage;
    if (end > aligned + length) munmap(reinterpret_cast<void *>(aligned + length), end - (aligned + length));
    madvise(reinterpret_cast<void *>(aligned), length, MADV_HUGEPAGE);  // a hint: failure is harmless
    *mapped = length;
    liveBlocks.fetch_add(1, std::memory_order_relaxed);
    return reinterpret_cast<void *>(aligned);
}

/// `count` objects of an aggregate whose all-zero bytes are its starting state, in zeroed
/// memory from the system (`hugeZeroed`): a table costs nothing to make and only the pages in
/// use are ever touched (a `new T[]` or a vector writes every entry first: ~2 MB at every
/// start). An aggregate is an implicit-lifetime type, so such memory holds its objects (C++20
/// [intro.object]).
template <typename T>
class ZeroedArray {
    static_assert(std::is_aggregate_v<T> && std::is_trivially_destructible_v<T>);
    T *items_ = nullptr;
    size_t mapped_ = 0;
public:
    ZeroedArray() = default;
    // In the body, not the initializer list: `mapped_`'s own initializer (= 0) runs after
    // `items_`'s and would reset the length `hugeZeroed` wrote, so the block was never unmapped.
    explicit ZeroedArray(size_t count) { items_ = static_cast<T *>(hugeZeroed(count * sizeof(T), &mapped_)); }
    ZeroedArray(const ZeroedArray &) = delete;
    ZeroedArray &operator=(const ZeroedArray &) = delete;
    ZeroedArray &operator=(ZeroedArray &&other) noexcept {
        std::swap(items_, other.items_);
        std::swap(mapped_, other.mapped_);
        return *this;
    }
    ~ZeroedArray() {
        if (items_ && munmap(items_, mapped_) == 0) liveBlocks.fetch_sub(1, std::memory_order_relaxed);
    }
    T *get() const { return items_; }
    T &operator[](size_t i) const { return items_[i]; }
};

struct Run {
    int32_t start;     // in the original text
    int32_t length;
    int32_t packed;    // position of its stand-in in the packed text
};

}  // namespace

struct SegtoolICUDictionary {
    UDataMemory *file = nullptr;
    const char16_t *trie = nullptr;
    // kLimit - kFirst entries, filled as characters are first met (by any thread), so that
    // opening costs nothing per character: a character's entry is written once by the
    // thread that claims it and read by others only once marked filled.
    ZeroedArray<RootEntry> root;

    ~SegtoolICUDictionary() { if (file) udata_close(file); }
};

/// The trie after two characters, cached per thread (four-way set-associative on the pair: the
/// four entries of a set side by side, 64 bytes, one cache line): what every lookup reads,
/// 16 bytes (the table, 1 MiB), and apart from it the state, read only when a third character
/// may continue the pair. 2^16 entries: of the pairs asked for in 8 MB of news, a direct-mapped
/// table of 2^14 answered 75%, of 2^16 86%, of 2^18 91% (the rest are first asks); each miss
/// costs a trie step and the enumeration of the pair's followers. In a set, the entries are in
/// the order of their last use and a miss replaces the last; an entry names which of the
/// set's states is its own (so that reordering the entries moves no state).
struct PairEntry {
    uint64_t next = 0;         // `nextFilter` of the state, when the result leaves more to match
    uint32_t key = 0;          // (first - kFirst) << 16 | second, + 1; 0: empty
    int32_t valueAndResult = 0;  // the two-character word's cost (0 without one) << 4 | its state's way << 2 | the UStringTrieResult
};

struct PairState {
    icu::UCharsTrie::State state;  // when the pair's result leaves more to match
};

/// A thread's pair cache: the entries (1 MiB) and their states (1.5 MiB), in one block of
/// huge pages (`hugeZeroed`: 4 MiB, touched as used).
struct PairCache {
    PairEntry entries[size_t(1) << kPairBits];
    PairState states[size_t(1) << kPairBits];
};

/// Whether a pair's value fits `PairEntry::valueAndResult` (ICU's costs are below 256).
inline bool fitsPairEntry(int32_t value) { return value >= -(1 << 26) && value < (1 << 26); }

namespace {

/// Word ends, grow-only: `std::vector`'s `push_back` without its `resize`, which fills the
/// ends a division appends with zeros first (an out-of-line call per division, ~0.5% of the
/// segmenter's instructions: speed19).
class EndList {
    std::unique_ptr<int32_t[]> items_;
    size_t size_ = 0;
    size_t capacity_ = 0;

    void grow(size_t needed) {
        const size_t capacity = std::max(needed, std::max(capacity_ * 2, size_t(256)));
        std::unique_ptr<int32_t[]> items(new int32_t[capacity]);
        if (size_ > 0) std::memcpy(items.get(), items_.get(), size_ * sizeof(int32_t));
        items_ = std::move(items);
        capacity_ = capacity;
    }

public:
    void clear() { size_ = 0; }
    size_t size() const { return size_; }
    const int32_t *data() const { return items_.get(); }
    int32_t back() const { return items_[size_ - 1]; }
    void push_back(int32_t end) {
        if (size_ == capacity_) grow(size_ + 1);
        items_[size_++] = end;
    }
    void pop_back() { if (size_ > 0) --size_; }
    /// Room for `count` more ends, appended (uninitialized: the caller writes them all).
    int32_t *append(size_t count) {
        if (capacity_ - size_ < count) grow(size_ + count);
        int32_t *at = items_.get() + size_;
        size_ += count;
        return at;
    }
    bool operator==(const std::vector<int32_t> &other) const {
        return size_ == other.size() && std::equal(other.begin(), other.end(), items_.get());
    }
};

}  // namespace

struct SegtoolICUScratch {
    // The check at open (`agreesWithICU`) fills neither the shared table nor a pair cache:
    // its sample's few hundred characters would touch ~300 fresh pages (~0.6 ms) that a
    // short input never needs.
    bool checking = false;
    ZeroedArray<PairCache> pairCache;  // allocated on first use (key 0: empty)
    std::vector<char16_t> packed;
    std::vector<Run> runs;
    EndList ends;
    std::vector<uint32_t> best;
    std::vector<int32_t> prev;
    /// Per unit of the text `ownBreaks` reads: whether it is a run unit (`isRunUnit`), 64 a
    /// word; grow-only.
    std::vector<uint64_t> runBits;
    /// The division's trie cursor, made once (`divide` always resets it to a saved state
    /// before a step), and its spare first-character entry.
    std::unique_ptr<icu::UCharsTrie> trie;
    const char16_t *trieData = nullptr;
    RootEntry spare;
};

namespace {

/// Fills `entry` (the table's, when `store` and this thread claims it) or else `spare` with the
/// trie's answer for the first character `c`, and returns the one filled. Out of line: it runs
/// once per character and process (and for the check at open), and inlined it took registers
/// that `divide`'s loop then kept on the stack.
__attribute__((noinline, cold)) const RootEntry &fillRootEntry(
        const SegtoolICUDictionary &d, RootEntry &entry, char16_t c, RootEntry &spare, bool store) {
    uint8_t expected = 0;
    const bool claimed = store && entry.ready.compare_exchange_strong(expected, 1, std::memory_order_acq_rel);
    RootEntry &target = claimed ? entry : spare;
    icu::UCharsTrie trie(d.trie);
    const UStringTrieResult r = trie.first(c);
    target.word = USTRINGTRIE_HAS_VALUE(r);
    target.value = target.word ? trie.getValue() : int32_t(kUnknownCost);
    target.more = r == USTRINGTRIE_NO_VALUE || r == USTRINGTRIE_INTERMEDIATE_VALUE;
    if (target.more) {
        trie.saveState(target.state);
        // Enumerating the followers pays off only for an entry kept (not for the check at
        // open, which stores nothing: every character lets all through there).
        target.next = claimed ? nextFilter(trie) : ~uint64_t(0);
    }
    if (claimed) entry.ready.store(2, std::memory_order_release);
    return target;
}

/// The trie's answer for the first character `c` (a run character): from the table, or
/// computed and, when no other thread is at it (and `store`), stored there; else computed
/// into `spare`.
__attribute__((always_inline)) inline const RootEntry &rootEntry(
        const SegtoolICUDictionary &d, RootEntry *root, char16_t c, RootEntry &spare, bool store) {
    RootEntry &entry = root[c - kFirst];
    if (__builtin_expect(store && entry.ready.load(std::memory_order_acquire) == 2, 1)) return entry;
    return fillRootEntry(d, entry, c, spare, store);
}

/// The pair cache's key of `first` `second` (never 0), and the first slot of its set (the
/// set's entries and states are at that slot and the next kPairWays - 1).
inline uint32_t pairKey(char16_t first, char16_t second) { return (uint32_t(first - kFirst) << 16 | second) + 1; }
inline size_t pairSlot(uint32_t key) { return size_t((key * 0x9E3779B1u) >> (32 - kPairBits + kPairWayBits)) << kPairWayBits; }

/// The trie after a first character `first` (whose `entry` says longer words start with it and
/// `second` may follow) and `second`.
struct PairStep {
    UStringTrieResult result;
    int32_t value;   // the two-character word's cost, when `result` has a value
    uint64_t next;   // `nextFilter` of the state, when the result leaves more to match
    bool atPair;     // whether `trie` is in the pair's state (else the cache holds it, at `slot`)
    size_t slot;
};

/// The second step of a walk when the pair cache does not have the pair (or there is none):
/// from `trie` (left in the pair's state), then cached. (Out of line it cost more than it
/// saved: its answer then went through memory.)
__attribute__((always_inline)) inline PairStep pairMiss(
        PairCache *pc, bool cache, const RootEntry &entry, uint32_t key, size_t slot, char16_t second,
        icu::UCharsTrie &trie) {
    trie.resetToState(entry.state);
    const UStringTrieResult r2 = trie.next(second);
    const int32_t value = USTRINGTRIE_HAS_VALUE(r2) ? trie.getValue() : 0;
    const bool more = r2 == USTRINGTRIE_NO_VALUE || r2 == USTRINGTRIE_INTERMEDIATE_VALUE;
    const uint64_t next = !more ? 0 : cache ? nextFilter(trie) : ~uint64_t(0);
    if (cache && fitsPairEntry(value)) {
        // The set's last entry goes; the others move down one, and the new one, first, takes
        // a state none of them owns.
        PairEntry *set = &pc->entries[slot];
        uint32_t owned = 0;
        for (size_t k = kPairWays - 1; k > 0; --k) {
            set[k] = set[k - 1];
            if (set[k].key != 0) owned |= 1u << ((uint32_t(set[k].valueAndResult) >> 2) & (kPairWays - 1));
        }
        const uint32_t way = uint32_t(__builtin_ctz(~owned));
        set[0].key = key;
        set[0].valueAndResult = int32_t(uint32_t(value) << 4 | way << 2 | uint32_t(r2));
        set[0].next = next;
        if (more) trie.saveState(pc->states[slot + way].state);
    }
    return PairStep{r2, value, next, true, slot};
}

/// The second step of a walk: from the thread's pair cache when it has the pair (and `cache`),
/// else `pairMiss`.
__attribute__((always_inline)) inline PairStep pairStep(
        PairCache *pc, bool cache, const RootEntry &entry, char16_t first, char16_t second,
        icu::UCharsTrie &trie) {
    const uint32_t key = pairKey(first, second);
    const size_t slot = pairSlot(key);
    if (cache) {
        PairEntry *set = &pc->entries[slot];
        for (size_t w = 0; w < kPairWays; ++w) {
            if (set[w].key != key) continue;
            const PairEntry found = set[w];
            if (w > 0) {  // the last used first (a hit on the first writes nothing)
                for (size_t k = w; k > 0; --k) set[k] = set[k - 1];
                set[0] = found;
            }
            const int32_t packed = found.valueAndResult;
            return PairStep{UStringTrieResult(packed & 3), packed >> 4, found.next, false,
                            slot + size_t((packed >> 2) & int32_t(kPairWays - 1))};
        }
    }
    return pairMiss(pc, cache, entry, key, slot, second, trie);
}

/// Makes the thread's pair cache on first use (not for the check at open). - Returns: whether
/// there is one (else no memory for it).
__attribute__((always_inline)) inline bool pairCache(SegtoolICUScratch &s) {
    if (!s.pairCache.get() && !s.checking) s.pairCache = ZeroedArray<PairCache>(1);
    return s.pairCache.get() != nullptr;
}

/// Four costs not yet reached (`divide`'s `best`).
constexpr uint32_t kUnreached[4] = {UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX};

/// ICU's CjkBreakEngine::divideUpDictionaryRange for a run of table characters: the least
/// summed cost path over the dictionary's words (ties to the earlier start, then the shorter
/// word), an unknown character a word of cost 255. Appends the word ends (ascending, the
/// last = length) to `out`, offset by `base`.
/// `divide`, for `kUsual` = true when the thread stores to the shared table and has its pair
/// cache (every division but the check at open's, and those of a thread with no memory for a
/// cache): then neither is tested per character.
template <bool kUsual>
__attribute__((no_builtin("memset"))) void divideRun(const SegtoolICUDictionary &d, SegtoolICUScratch &s,
            const char16_t *text, int32_t n, int32_t base, EndList &out) {
    if (s.best.size() < size_t(n) + 4) {
        s.best.resize(size_t(n) + 4);
        s.prev.resize(size_t(n) + 4);
    }
    uint32_t *best = s.best.data();
    int32_t *prev = s.prev.data();
    // Four costs a store, in room of four more than n + 1 (most runs are short: a call of
    // `memset` cost more than the stores).
    for (size_t k = 0; k <= size_t(n); k += 4) std::memcpy(best + k, kUnreached, sizeof kUnreached);
    best[0] = 0;
    const bool cache = kUsual || pairCache(s);
    if (s.trieData != d.trie) {
        s.trie.reset(new icu::UCharsTrie(d.trie));
        s.trieData = d.trie;
    }
    icu::UCharsTrie &trie = *s.trie;
    RootEntry &spare = s.spare;
    const bool store = kUsual || !s.checking;
    // What the loop reads at position j — the character's entry (one cache line) and the
    // pair's cache entry — is scattered over 2 MiB, mostly beyond the
    // first-level caches: asked for kAhead positions early, the loads overlap instead of each
    // stalling the loop in turn.
    PairCache *const pc = s.pairCache.get();  // when `cache`
    const PairEntry *pairs = cache ? pc->entries : nullptr;
    RootEntry *const root = d.root.get();
    const auto ask = [&](int32_t j) {
        __builtin_prefetch(&root[text[j] - kFirst]);
        if (cache && j + 1 < n) __builtin_prefetch(&pairs[pairSlot(pairKey(text[j], text[j + 1]))]);
    };
    // The words starting at i.
    const auto step = [&](int32_t i) __attribute__((always_inline)) {
        const uint32_t here = best[i];
        const RootEntry &entry = rootEntry(d, root, text[i], spare, store);
        const uint32_t single = here + uint32_t(entry.value);  // kUnknownCost when not a word
        if (single < best[i + 1]) { best[i + 1] = single; prev[i + 1] = i; }
        if (!entry.more || i + 1 >= n || !(entry.next & nextBit(text[i + 1]))) return;
        // The second step, from the thread's pair cache when it has the pair.
        const PairStep pair = pairStep(pc, cache, entry, text[i], text[i + 1], trie);
        const UStringTrieResult r2 = pair.result;
        const int32_t value = pair.value;
        const uint64_t next = pair.next;
        const bool atPair = pair.atPair;
        const size_t slot = pair.slot;
        if (USTRINGTRIE_HAS_VALUE(r2)) {
            const uint32_t cost = here + uint32_t(value);
            if (cost < best[i + 2]) { best[i + 2] = cost; prev[i + 2] = i; }
        }
        if (r2 != USTRINGTRIE_NO_VALUE && r2 != USTRINGTRIE_INTERMEDIATE_VALUE) return;
        if (i + 2 >= n || !(next & nextBit(text[i + 2]))) return;
        if (!atPair) trie.resetToState(pc->states[slot].state);
        const int32_t limit = n - i < kMaxWordLength ? n - i : kMaxWordLength;
        for (int32_t k = 2; k < limit; ++k) {
            const UStringTrieResult r = trie.next(text[i + k]);
            if (USTRINGTRIE_HAS_VALUE(r)) {
                const uint32_t cost = here + uint32_t(trie.getValue());
                if (cost < best[i + k + 1]) { best[i + k + 1] = cost; prev[i + k + 1] = i; }
                if (r == USTRINGTRIE_FINAL_VALUE) break;
            } else if (r == USTRINGTRIE_NO_MATCH) {
                break;
            }
        }
    };
    for (int32_t j = 0; j < n && j < kAhead; ++j) ask(j);
    // Before the last kAhead + 1 positions, the characters asked for are in the run: there
    // `ask`'s tests of the run's end are left out.
    int32_t i = 0;
    for (; i < n - kAhead - 1; ++i) {
        __builtin_prefetch(&root[text[i + kAhead] - kFirst]);
        if (cache) __builtin_prefetch(&pairs[pairSlot(pairKey(text[i + kAhead], text[i + kAhead + 1]))]);
        step(i);
    }
    // The last character's entry (when not asked for above), as `ask(n - 1)` would at
    // n - 1 - kAhead; then no more asks.
    if (n > kAhead) __builtin_prefetch(&root[text[n - 1] - kFirst]);
    for (; i < n; ++i) step(i);
    // The path's ends, written in place from the last (no reversal).
    size_t words = 0;
    for (int32_t i = n; i > 0; i = prev[i]) ++words;
    int32_t *at = out.append(words);
    size_t k = words;
    for (int32_t i = n; i > 0; i = prev[i]) at[--k] = base + i;
}

/// ICU's CjkBreakEngine::divideUpDictionaryRange for a run of table characters (`divideRun`).
void divide(const SegtoolICUDictionary &d, SegtoolICUScratch &s,
            const char16_t *text, int32_t n, int32_t base, EndList &out) {
    if (!s.checking && pairCache(s)) {
        divideRun<true>(d, s, text, n, base, out);
    } else {
        divideRun<false>(d, s, text, n, base, out);
    }
}

/// Bit `k % 64` of `bits[k / 64]` for each unit `k` of `text[0..<n]` that is a run unit
/// (`isRunUnit`), the bits from n on clear. False, as soon as it is seen, when a unit is
/// neither a run unit nor a character `plainClass` knows (then `ownBreaks` leaves the text to
/// ICU). With SSE2, sixteen units a step: most are run units, so `plainClass` is asked only
/// of the others.
bool markRunUnits(const char16_t *text, int32_t n, uint64_t *bits) {
    const size_t words = size_t(n) / 64 + 1;
    std::fill_n(bits, words, uint64_t(0));
    int32_t i = 0;
#if defined(__SSE2__)
    const __m128i base1 = _mm_set1_epi16(short(0x4E00)), span1 = _mm_set1_epi16(short(0x9FEF - 0x4E00));
    const __m128i base2 = _mm_set1_epi16(short(0x3400)), span2 = _mm_set1_epi16(short(0x4DB5 - 0x3400));
    const __m128i zero = _mm_setzero_si128();
    // A lane is a run unit when (c - base) <= span, unsigned: the saturating difference
    // with span is then 0.
    const auto runLanes = [&](__m128i v) {
        const __m128i in1 = _mm_cmpeq_epi16(_mm_subs_epu16(_mm_sub_epi16(v, base1), span1), zero);
        const __m128i in2 = _mm_cmpeq_epi16(_mm_subs_epu16(_mm_sub_epi16(v, base2), span2), zero);
        return _mm_or_si128(in1, in2);
    };
    for (; i + 16 <= n; i += 16) {
        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i *>(text + i));
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i *>(text + i + 8));
        // Lanes of all ones or zeros pack to bytes of all ones or zeros: bit k for unit i + k.
        const uint32_t run = uint32_t(_mm_movemask_epi8(_mm_packs_epi16(runLanes(a), runLanes(b))));
        for (uint32_t others = ~run & 0xFFFFu; others != 0; others &= others - 1) {
            if (plainClass(text[i + __builtin_ctz(others)]) == Plain::other) return false;
        }
        bits[size_t(i) / 64] |= uint64_t(run) << (i % 64);
    }
#endif
    for (; i < n; ++i) {
        if (isRunUnit(text[i])) {
            bits[size_t(i) / 64] |= uint64_t(1) << (i % 64);
        } else if (plainClass(text[i]) == Plain::other) {
            return false;
        }
    }
    return true;
}

/// The end of the run of run units that `i` is in, from `markRunUnits`' bits (the first
/// clear bit from `i` on; bit n is clear).
inline int32_t runEnd(const uint64_t *bits, int32_t i) {
    size_t w = size_t(i) / 64;
    uint64_t outside = ~bits[w] & (~uint64_t(0) << (i % 64));
    while (outside == 0) outside = ~bits[++w];
    return int32_t(w * 64 + size_t(__builtin_ctzll(outside)));
}

/// ICU's word ends without ICU's iterator, for a text of run characters, ASCII digits and
/// letters, spaces and the punctuation `plainClass` knows (most lines of Chinese news): there
/// ICU's rules end a word around every punctuation mark (a joiner between two letters or two
/// digits excepted) and around every run of letters and digits, every run of spaces and every
/// run of ideographs, whose words its dictionary engine then gives (a run of one: that
/// character; longer runs: `divide`). False, with nothing written, for any
/// other text. The open-time check and the tests compare it with ICU.
bool ownBreaks(const SegtoolICUDictionary &d, SegtoolICUScratch &s, const char16_t *text, int32_t n) {
    // Bit 1 (of run units) past the end: never; the word holding bit n exists.
    const size_t words = size_t(n) / 64 + 1;
    if (s.runBits.size() < words) s.runBits.resize(words);
    uint64_t *bits = s.runBits.data();
    if (!markRunUnits(text, n, bits)) return false;
    for (int32_t i = 0; i < n;) {
        const char16_t c = text[i];
        int32_t j = i + 1;
        if (isRunUnit(c)) {
            j = runEnd(bits, i);
            if (j - i >= 2) {
                divide(d, s, text + i, j - i, i, s.ends);
                i = j;
                continue;
            }
        } else if (c == ' ') {
            while (j < n && text[j] == ' ') ++j;
        } else if (plainClass(c) == Plain::digit || plainClass(c) == Plain::letter) {
            // Rules 5-12: letters and digits join one another; a mark between two letters
            // joins them when MidLetter or MidNumLet, between two digits when MidNum or
            // MidNumLet (e.g, a·b, 1,234.5, a3.5, 3.5@x — but a.1 and 1.a break).
            Plain last = plainClass(c);
            while (j < n) {
                const Plain k = plainClass(text[j]);
                if (k == Plain::digit || k == Plain::letter) {
                    last = k;
                    ++j;
                    continue;
                }
                if (j + 1 < n) {
                    const Plain after = plainClass(text[j + 1]);
                    const bool letters = last == Plain::letter && after == Plain::letter
                        && (k == Plain::midLetter || k == Plain::midNumLet);
                    const bool digits = last == Plain::digit && after == Plain::digit
                        && (k == Plain::midNum || k == Plain::midNumLet);
                    if (letters || digits) {
                        last = after;
                        j += 2;
                        continue;
                    }
                }
                break;
            }
        }
        s.ends.push_back(j);
        i = j;
    }
    return true;
}

/// ICU's iterator over the packed text; the runs' ends put back. -1 on an ICU error.
int32_t breaks(const SegtoolICUDictionary &d, SegtoolICUScratch &s,
               UBreakIterator *bi, const char16_t *text, int32_t n) {
    s.ends.clear();
    if (ownBreaks(d, s, text, n)) return int32_t(s.ends.size());
    s.runs.clear();
    s.packed.clear();
    for (int32_t i = 0; i < n;) {
        if (!isRunUnit(text[i])) { ++i; continue; }
        int32_t j = i + 1;
        while (j < n && isRunUnit(text[j])) ++j;
        if (j - i >= 2 && (i == 0 || isPlainNeighbour(text[i - 1]))
                && (j == n || isPlainNeighbour(text[j]))) {
            s.runs.push_back(Run{i, j - i, 0});
        }
        i = j;
    }
    const char16_t *input = text;
    int32_t inputLength = n;
    if (!s.runs.empty()) {
        int32_t copied = 0;
        for (Run &run : s.runs) {
            s.packed.insert(s.packed.end(), text + copied, text + run.start);
            run.packed = int32_t(s.packed.size());
            s.packed.push_back(text[run.start]);
            copied = run.start + run.length;
        }
        s.packed.insert(s.packed.end(), text + copied, text + n);
        input = s.packed.data();
        inputLength = int32_t(s.packed.size());
    }
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(bi, reinterpret_cast<const UChar *>(input), inputLength, &status);
    if (U_FAILURE(status)) return -1;
    ubrk_first(bi);
    size_t r = 0;
    int32_t shift = 0;  // original position - packed position, before the next run
    for (int32_t end = ubrk_next(bi); end != UBRK_DONE; end = ubrk_next(bi)) {
        while (r < s.runs.size() && s.runs[r].packed < end) {
            const Run &run = s.runs[r];
            if (run.packed + 1 == end) {
                // ICU ends a word at the stand-in's end: the run's own words, the last
                // of which ends where ICU's does.
                divide(d, s, text + run.start, run.length, run.start, s.ends);
                s.ends.pop_back();
            }
            shift += run.length - 1;
            ++r;
        }
        s.ends.push_back(end + shift);
    }
    UErrorCode detach = U_ZERO_ERROR;
    ubrk_setText(bi, nullptr, 0, &detach);
    return int32_t(s.ends.size());
}

/// Our own text: government-report Chinese around runs of every kind of neighbour.
const char16_t *const kSample[] = {
    u"新时代的经济社会发展取得了历史性成就，人民生活水平不断提高。2025年国内生产总值增长5.2%，城镇新增就业1200万人。",
    u"我们要坚持以人民为中心的发展思想，推进高质量发展，加快建设现代化产业体系；深化改革，扩大高水平对外开放。",
    u"《政府工作报告》指出：科技创新是发展的第一动力——必须把握新一轮科技革命和产业变革的机遇……",
    u"APEC会议在北京举行，各国代表就气候变化、粮食安全、能源转型等议题深入交换意见。东京タワー和ソウル的游客都在增加。",
    u"「一带一路」倡议提出十余年来，参与国家超过150个，合作项目覆盖交通、能源、通信等领域（据统计）。",
    u"全国人民代表大会常务委员会关于修改中华人民共和国民法典的决定草案审议通过后正式施行并向社会公布",
    u"GDP增长5.2%，e.g.与U.S.A、a·b、x1y2、3.5a、a.1、1.a、a,b、1,234;5、a'b、x@y.cn、a‘b’c。5G网络和AI+产业",
    u"  本报讯  记者 张三  李四   2025年 5 月 , 会议在 北京 召开。 一 二  三 ， 1 ,2 3. 4 “ 好 ” 【 新 】  ",
    u"人人\u00AD参与，家家\u0301户户，年年\u200D岁岁，﨑岖山路，𠀀字，时时々刻刻，ＡＢＣ公司和ｘｙｚ集团，第3季度",
};

bool agreesWithICU(const SegtoolICUDictionary &d, const UBreakIterator *templ) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_clone(templ, &status);
    if (U_FAILURE(status) || bi == nullptr) return false;
    SegtoolICUScratch s;
    s.checking = true;
    bool same = true;
    for (const char16_t *line : kSample) {
        const int32_t n = int32_t(std::char_traits<char16_t>::length(line));
        std::vector<int32_t> icuEnds;
        status = U_ZERO_ERROR;
        ubrk_setText(bi, reinterpret_cast<const UChar *>(line), n, &status);
        if (U_FAILURE(status)) { same = false; break; }
        ubrk_first(bi);
        for (int32_t end = ubrk_next(bi); end != UBRK_DONE; end = ubrk_next(bi)) icuEnds.push_back(end);
        if (breaks(d, s, bi, line, n) < 0 || !(s.ends == icuEnds)) { same = false; break; }
    }
    ubrk_close(bi);
    return same;
}

SegtoolICUDictionary *open(const UBreakIterator *templ) {
    UErrorCode status = U_ZERO_ERROR;
    UDataMemory *file = udata_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", "dict", "cjdict", &status);
    if (U_FAILURE(status) || file == nullptr) return nullptr;
    auto *d = new SegtoolICUDictionary();
    d->file = file;
    // ICU's DictionaryData layout: int32 indexes (the trie's offset first; the trie type,
    // UChars = 1, with values = 8, at 4; the transform, none = 0, at 5), then the trie.
    const auto *data = static_cast<const uint8_t *>(udata_getMemory(file));
    const auto *indexes = reinterpret_cast<const int32_t *>(data);
    const int32_t offset = indexes[0], totalSize = indexes[3], type = indexes[4], transform = indexes[5];
    if (type != (1 | 8) || transform != 0 || offset < 32 || offset >= totalSize || offset % 2 != 0) {
        delete d;
        return nullptr;
    }
    d->trie = reinterpret_cast<const char16_t *>(data + offset);
    d->root = ZeroedArray<RootEntry>(size_t(kLimit - kFirst));
    if (!d->root.get()) {
        delete d;
        return nullptr;
    }
    if (!agreesWithICU(*d, templ)) {
        delete d;
        return nullptr;
    }
    return d;
}

}  // namespace

extern "C" const SegtoolICUDictionary *segtool_icu_dictionary_shared(const void *word_break_iterator) {
    static const SegtoolICUDictionary *const shared =
        word_break_iterator ? open(static_cast<const UBreakIterator *>(word_break_iterator)) : nullptr;
    return shared;
}

extern "C" SegtoolICUScratch *segtool_icu_scratch_new(void) { return new SegtoolICUScratch(); }

extern "C" void segtool_icu_scratch_free(SegtoolICUScratch *scratch) { delete scratch; }

extern "C" long segtool_icu_live_blocks(void) { return liveBlocks.load(std::memory_order_relaxed); }

extern "C" int32_t segtool_icu_breaks(
        const SegtoolICUDictionary *dictionary, SegtoolICUScratch *scratch,
        void *word_break_iterator, const uint16_t *text, int32_t length, const int32_t **ends) {
    if (!dictionary || !scratch || !word_break_iterator || length < 0 || (length > 0 && !text)) return -1;
    const int32_t count = breaks(*dictionary, *scratch, static_cast<UBreakIterator *>(word_break_iterator),
                                 reinterpret_cast<const char16_t *>(text), length);
    *ends = scratch->ends.data();
    return count;
}

extern "C" int32_t segtool_icu_is_pair_word(
        const SegtoolICUDictionary *dictionary, SegtoolICUScratch *scratch, uint16_t first, uint16_t second) {
    if (!dictionary || !scratch || !isRunUnit(first) || !isRunUnit(second)) return -1;
    // `divide` over the two: the pair wins unless the two characters alone cost less (a later
    // start replaces an earlier one only when strictly cheaper).
    RootEntry spare;
    const RootEntry &entry = rootEntry(*dictionary, dictionary->root.get(), first, spare, !scratch->checking);
    if (!entry.more || !(entry.next & nextBit(second))) return 0;
    icu::UCharsTrie trie(dictionary->trie);
    const bool cache = pairCache(*scratch);
    const PairStep pair = pairStep(scratch->pairCache.get(), cache, entry, first, second, trie);
    if (!USTRINGTRIE_HAS_VALUE(pair.result)) return 0;
    const uint32_t firstCost = entry.word ? uint32_t(entry.value) : kUnknownCost;
    RootEntry spare2;
    const RootEntry &after = rootEntry(*dictionary, dictionary->root.get(), second, spare2, !scratch->checking);
    const uint32_t secondCost = after.word ? uint32_t(after.value) : kUnknownCost;
    return uint32_t(pair.value) <= firstCost + secondCost ? 1 : 0;
}

extern "C" int32_t segtool_icu_may_be_triple_word(
        const SegtoolICUDictionary *dictionary, SegtoolICUScratch *scratch,
        uint16_t first, uint16_t second, uint16_t third) {
    if (!dictionary || !scratch || !isRunUnit(first) || !isRunUnit(second) || !isRunUnit(third)) return -1;
    // `divide` takes the three as one word only if the trie holds them: it walks there only
    // when the first character's entry and the pair's let the next character through, which
    // is what is checked here (from the same tables, no third trie step).
    RootEntry spare;
    const RootEntry &entry = rootEntry(*dictionary, dictionary->root.get(), first, spare, !scratch->checking);
    if (!entry.more || !(entry.next & nextBit(second))) return 0;
    icu::UCharsTrie trie(dictionary->trie);
    const bool cache = pairCache(*scratch);
    const PairStep pair = pairStep(scratch->pairCache.get(), cache, entry, first, second, trie);
    if (pair.result != USTRINGTRIE_NO_VALUE && pair.result != USTRINGTRIE_INTERMEDIATE_VALUE) return 0;
    return (pair.next & nextBit(third)) ? 1 : 0;
}

extern "C" int32_t segtool_icu_is_one_word(
        const SegtoolICUDictionary *dictionary, SegtoolICUScratch *scratch,
        const uint16_t *text, int32_t length) {
    if (!dictionary || !scratch || length <= 0 || !text) return -1;
    const auto *units = reinterpret_cast<const char16_t *>(text);
    for (int32_t i = 0; i < length; ++i) {
        if (!isRunUnit(units[i])) return -1;
    }
    if (length == 1) return 1;
    scratch->ends.clear();
    divide(*dictionary, *scratch, units, length, 0, scratch->ends);
    return scratch->ends.size() == 1 ? 1 : 0;
}
