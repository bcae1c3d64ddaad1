// The built-in dictionaries, embedded with C23 #embed (clang supports it as an extension in
// every C mode). Each array gets one trailing 0 byte so that an empty file is still a valid
// initializer; `count` excludes it. To add a dictionary file, add an array and a table row;
// a test checks that every file under Dictionaries/lexicon is listed here.
#include "CLexiconData.h"

#pragma clang diagnostic ignored "-Wc23-extensions"

static const unsigned char f01[] = {
#embed "../../Dictionaries/lexicon/01-institutions.txt" suffix(,)
0 };
static const unsigned char f02[] = {
#embed "../../Dictionaries/lexicon/02-ideology.txt" suffix(,)
0 };
static const unsigned char f03[] = {
#embed "../../Dictionaries/lexicon/03-policy.txt" suffix(,)
0 };
static const unsigned char f04[] = {
#embed "../../Dictionaries/lexicon/04-governance.txt" suffix(,)
0 };
static const unsigned char f05[] = {
#embed "../../Dictionaries/lexicon/05-regional.txt" suffix(,)
0 };
static const unsigned char f06[] = {
#embed "../../Dictionaries/lexicon/06-cppcc.txt" suffix(,)
0 };
static const unsigned char f07[] = {
#embed "../../Dictionaries/lexicon/07-formulas.txt" suffix(,)
0 };
static const unsigned char f08[] = {
#embed "../../Dictionaries/lexicon/08-divisions.txt" suffix(,)
0 };
static const unsigned char f09[] = {
#embed "../../Dictionaries/lexicon/09-people.txt" suffix(,)
0 };
static const unsigned char f10[] = {
#embed "../../Dictionaries/lexicon/10-general.txt" suffix(,)
0 };
static const unsigned char f11[] = {
#embed "../../Dictionaries/lexicon/11-vocabulary.txt" suffix(,)
0 };
static const unsigned char stopwords[] = {
#embed "../../Dictionaries/stopwords.txt" suffix(,)
0 };
static const unsigned char idf[] = {
#embed "../../Dictionaries/idf.txt" suffix(,)
0 };
static const unsigned char nameModel[] = {
#embed "../../Dictionaries/name-model.tsv" suffix(,)
0 };
static const unsigned char nameWords[] = {
#embed "../../Dictionaries/name-words.tsv" suffix(,)
0 };
static const unsigned char keyword_pairs[] = {
#embed "../../Dictionaries/keyword-pairs.txt" suffix(,)
0 };

#define ROW(name, var) { name, var, sizeof(var) - 1 }
static const segtool_embedded_file files[] = {
    ROW("lexicon/01-institutions.txt", f01),
    ROW("lexicon/02-ideology.txt", f02),
    ROW("lexicon/03-policy.txt", f03),
    ROW("lexicon/04-governance.txt", f04),
    ROW("lexicon/05-regional.txt", f05),
    ROW("lexicon/06-cppcc.txt", f06),
    ROW("lexicon/07-formulas.txt", f07),
    ROW("lexicon/08-divisions.txt", f08),
    ROW("lexicon/09-people.txt", f09),
    ROW("lexicon/10-general.txt", f10),
    ROW("lexicon/11-vocabulary.txt", f11),
    ROW("stopwords.txt", stopwords),
    ROW("idf.txt", idf),
    ROW("name-model.tsv", nameModel),
    ROW("name-words.tsv", nameWords),
    ROW("keyword-pairs.txt", keyword_pairs),
};

size_t segtool_embedded_file_count(void) { return sizeof(files) / sizeof(files[0]); }

segtool_embedded_file segtool_embedded_file_at(size_t index) {
    if (index >= segtool_embedded_file_count()) {
        segtool_embedded_file none = { "", files[0].bytes, 0 };
        return none;
    }
    return files[index];
}
