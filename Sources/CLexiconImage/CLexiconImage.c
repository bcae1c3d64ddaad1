// The accessor of the prebuilt lexicon image. The image itself is defined in LexiconImage.c,
// which LexiconImagePlugin generates into the build directory (it embeds the generator's
// output with #embed), so no generated file is ever committed or goes stale.
#include "CLexiconImage.h"

extern const unsigned char segtool_lexicon_image_bytes[];
extern const size_t segtool_lexicon_image_count;

const unsigned char *segtool_lexicon_image(size_t *count) {
    *count = segtool_lexicon_image_count;
    return segtool_lexicon_image_bytes;
}
