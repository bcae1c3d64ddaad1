/*-------------------------------------------------------------------------
 * segtool_pg.c — a PostgreSQL text search parser for Chinese over segtool's C API.
 *
 * The parser (prsstart) segments the whole text once, in search mode, into a token array it
 * keeps between calls; prsgettoken hands out the precise tokens (which tile the text: headlines
 * rebuild it from them) as pointers into the text, with no allocation per token. The sub-words
 * of a long token reach the index through the `segtool` dictionary template: given the token
 * the parser has just returned, its lexize returns the token and its sub-words as lexemes of one
 * token, which PostgreSQL stores at one position (parsetext() advances the position once per
 * token, not per lexeme). So sub-words never break the adjacency of precise tokens, and phrase
 * queries (<->) work on the precise tokens. See README.md in this folder for the semantics.
 *
 * Token types: zhword (Chinese word), word (letters), number, punct, symbol, blank (spaces),
 * break (white space with a line break). The configuration `chinese` maps zhword/word/number to
 * the `segtool` dictionary, punct/symbol/break to `segtool_gap` (no lexeme, but the position
 * advances, so a phrase does not match across punctuation or paragraphs), and leaves blank
 * unmapped (spaces neither index nor separate: "new york" stays a phrase).
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <sys/stat.h>

#include "catalog/pg_collation.h"
#include "commands/defrem.h"
#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "tsearch/ts_public.h"
#include "utils/builtins.h"
#include "utils/formatting.h"
#include "utils/guc.h"
#include "utils/memutils.h"

#include "segtool.h"

PG_MODULE_MAGIC;

/* Token types (lexid). */
#define TT_ZHWORD 1
#define TT_WORD 2
#define TT_NUMBER 3
#define TT_PUNCT 4
#define TT_SYMBOL 5
#define TT_BLANK 6
#define TT_BREAK 7
#define TT_LAST 7
/* The default parser's id for spaces, which its headline function treats as a non-word. */
#define PRSD_SPACE 12

/* Pieces of white space, punctuation or symbols longer than this are cut (PostgreSQL refuses
   tokens of MAXSTRLEN = 2047 bytes or more with a notice). */
#define MAX_PIECE 1024

static const char *const tok_alias[] = {"", "zhword", "word", "number", "punct", "symbol", "blank", "break"};
static const char *const tok_descr[] = {"",
                                        "Chinese word",
                                        "Word of letters (Latin and others)",
                                        "Number (with its unit: 5.5%, 2024年)",
                                        "Punctuation",
                                        "Symbol",
                                        "Space",
                                        "White space with a line break"};

/* ---- The segmenter of this backend ---------------------------------------------------- */

/* GUC: comma-separated user dictionary paths, read by the server. */
static char *user_dictionaries_guc = NULL;

static segtool_segmenter *backend_segmenter = NULL;
/* What the segmenter was opened with: the GUC value and each file's size and mtime. */
static char *loaded_setting = NULL; /* malloc'd */
typedef struct
{
    char *path; /* malloc'd */
    off_t size;
    struct timespec mtime;
} LoadedFile;
static LoadedFile *loaded_files = NULL; /* malloc'd */
static int loaded_file_count = 0;

static void free_loaded(void)
{
    for (int i = 0; i < loaded_file_count; i++)
        free(loaded_files[i].path);
    free(loaded_files);
    loaded_files = NULL;
    loaded_file_count = 0;
    free(loaded_setting);
    loaded_setting = NULL;
}

/* Raises the error of a failed C API call (frees it first: the message is copied). */
static void pg_attribute_noreturn() report_segtool_error(segtool_status status, segtool_error *err, const char *what)
{
    char *message = pstrdup(err && err->message ? err->message : "unknown error");
    int code = (status == SEGTOOL_FILE_ERROR || status == SEGTOOL_DICTIONARY_SYNTAX || status == SEGTOOL_DICTIONARY_UTF8)
                   ? ERRCODE_CONFIG_FILE_ERROR
                   : (status == SEGTOOL_INVALID_UTF8 ? ERRCODE_CHARACTER_NOT_IN_REPERTOIRE : ERRCODE_INTERNAL_ERROR);
    segtool_error_free(err);
    ereport(ERROR, (errcode(code), errmsg("segtool: %s", message), errcontext("%s", what)));
    pg_unreachable();
}

/* The files named by the setting (split at commas, spaces trimmed), palloc'd. */
static List *setting_paths(const char *setting)
{
    List *paths = NIL;
    const char *p = setting;
    while (*p)
    {
        const char *start, *end;
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        start = p;
        while (*p && *p != ',')
            p++;
        end = p;
        while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
            end--;
        if (end > start)
            paths = lappend(paths, pnstrdup(start, end - start));
    }
    return paths;
}

static bool files_unchanged(void)
{
    for (int i = 0; i < loaded_file_count; i++)
    {
        struct stat st;
        if (stat(loaded_files[i].path, &st) != 0 || st.st_size != loaded_files[i].size ||
            st.st_mtim.tv_sec != loaded_files[i].mtime.tv_sec || st.st_mtim.tv_nsec != loaded_files[i].mtime.tv_nsec)
            return false;
    }
    return true;
}

/*
 * The backend's segmenter, opened on first use and again whenever segtool.user_dictionaries
 * changes or one of its files changes (size or modification time). A failure raises an ERROR
 * naming the file (and line) and keeps the previous segmenter for the next try.
 */
static segtool_segmenter *get_segmenter(void)
{
    const char *setting = user_dictionaries_guc ? user_dictionaries_guc : "";
    List *paths;
    ListCell *lc;
    segtool_options options;
    const char **array;
    int n, i;
    segtool_segmenter *fresh = NULL;
    segtool_error *err = NULL;
    segtool_status status;
    LoadedFile *files;

    if (backend_segmenter && loaded_setting && strcmp(loaded_setting, setting) == 0 && files_unchanged())
        return backend_segmenter;

    if (GetDatabaseEncoding() != PG_UTF8 && GetDatabaseEncoding() != PG_SQL_ASCII)
        ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("segtool needs a UTF8 database (this one is %s)", GetDatabaseEncodingName())));

    paths = setting_paths(setting);
    n = list_length(paths);
    array = palloc(sizeof(char *) * (n + 1));
    files = calloc(n + 1, sizeof(LoadedFile));
    if (!files)
        ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
    i = 0;
    foreach (lc, paths)
    {
        struct stat st;
        array[i] = lfirst(lc);
        files[i].path = strdup(array[i]);
        if (stat(array[i], &st) == 0)
        {
            files[i].size = st.st_size;
            files[i].mtime = st.st_mtim;
        }
        i++;
    }
    segtool_options_init(&options);
    options.user_dictionaries = array;
    options.user_dictionary_count = (size_t)n;
    status = segtool_segmenter_open(&options, &fresh, &err);
    if (status != SEGTOOL_OK)
    {
        for (i = 0; i < n; i++)
            free(files[i].path);
        free(files);
        report_segtool_error(status, err, "opening the segmenter with segtool.user_dictionaries");
    }
    segtool_segmenter_free(backend_segmenter);
    free_loaded();
    backend_segmenter = fresh;
    loaded_setting = strdup(setting);
    loaded_files = files;
    loaded_file_count = n;
    return backend_segmenter;
}

/* ---- The parser ------------------------------------------------------------------------ */

typedef struct ParserState
{
    const char *text;
    int length;
    segtool_tokens *tokens; /* the shared array, or one of its own */
    bool owns_tokens;
    size_t next;           /* the next token to look at */
    size_t last;           /* the index of the token returned last */
    int piece_offset;      /* within a long token being cut into pieces */
    bool finished;
    MemoryContextCallback callback;
} ParserState;

/* One token array for the parse in progress, kept for the backend's life (no allocation per
   parse once it has grown); a nested parse (none is known) gets its own. */
static segtool_tokens shared_tokens;
static bool shared_tokens_busy = false;
/* The parse whose tokens the `segtool` dictionary reads (the one in progress). */
static ParserState *current_parse = NULL;

static void parse_finished(void *arg)
{
    ParserState *st = (ParserState *)arg;
    if (st->finished)
        return;
    st->finished = true;
    if (current_parse == st)
        current_parse = NULL;
    if (st->owns_tokens)
    {
        segtool_tokens_free(st->tokens);
        free(st->tokens);
    }
    else
        shared_tokens_busy = false;
}

PG_FUNCTION_INFO_V1(segtool_prsstart);
Datum segtool_prsstart(PG_FUNCTION_ARGS)
{
    char *text = (char *)PG_GETARG_POINTER(0);
    int length = PG_GETARG_INT32(1);
    segtool_segmenter *segmenter = get_segmenter();
    ParserState *st = palloc0(sizeof(ParserState));
    segtool_error *err = NULL;
    segtool_status status;

    st->text = text;
    st->length = length;
    if (!shared_tokens_busy)
    {
        st->tokens = &shared_tokens;
        shared_tokens_busy = true;
    }
    else
    {
        st->tokens = calloc(1, sizeof(segtool_tokens));
        if (!st->tokens)
            ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
        st->owns_tokens = true;
    }
    /* Released when the parse ends, or when its memory context goes (after an error). */
    st->callback.func = parse_finished;
    st->callback.arg = st;
    MemoryContextRegisterResetCallback(CurrentMemoryContext, &st->callback);

    status = segtool_segment(segmenter, text, (size_t)length, SEGTOOL_MODE_SEARCH, st->tokens, &err);
    if (status != SEGTOOL_OK)
        report_segtool_error(status, err, "segmenting text for full text search");
    current_parse = st;
    PG_RETURN_POINTER(st);
}

static int type_of(const ParserState *st, const segtool_token *t)
{
    switch (t->kind)
    {
    case SEGTOOL_KIND_IDEOGRAPHIC:
        return TT_ZHWORD;
    case SEGTOOL_KIND_NUMBER:
        return TT_NUMBER;
    case SEGTOOL_KIND_LETTERS:
        return TT_WORD;
    case SEGTOOL_KIND_PUNCTUATION:
        return TT_PUNCT;
    case SEGTOOL_KIND_SYMBOL:
        return TT_SYMBOL;
    default:
        return memchr(st->text + t->byte_start, '\n', t->byte_end - t->byte_start) ||
                       memchr(st->text + t->byte_start, '\r', t->byte_end - t->byte_start)
                   ? TT_BREAK
                   : TT_BLANK;
    }
}

PG_FUNCTION_INFO_V1(segtool_prsgettoken);
Datum segtool_prsgettoken(PG_FUNCTION_ARGS)
{
    ParserState *st = (ParserState *)PG_GETARG_POINTER(0);
    char **t = (char **)PG_GETARG_POINTER(1);
    int *tlen = (int *)PG_GETARG_POINTER(2);
    const segtool_tokens *tokens = st->tokens;

    while (st->next < tokens->count)
    {
        const segtool_token *tok = &tokens->tokens[st->next];
        int type, length;
        if (tok->is_subword)
        {
            st->next++;
            continue;
        }
        type = type_of(st, tok);
        length = (int)(tok->byte_end - tok->byte_start) - st->piece_offset;
        *t = (char *)st->text + tok->byte_start + st->piece_offset;
        st->last = st->next;
        if (length > MAX_PIECE && type != TT_ZHWORD && type != TT_WORD && type != TT_NUMBER)
        {
            /* Cut a long run of white space or punctuation at a character boundary. */
            int cut = MAX_PIECE;
            while (cut > 0 && ((unsigned char)(*t)[cut] & 0xC0) == 0x80)
                cut--;
            st->piece_offset += cut;
            *tlen = cut;
            PG_RETURN_INT32(type);
        }
        st->piece_offset = 0;
        st->next++;
        *tlen = length;
        PG_RETURN_INT32(type);
    }
    *tlen = 0;
    PG_RETURN_INT32(0);
}

PG_FUNCTION_INFO_V1(segtool_prsend);
Datum segtool_prsend(PG_FUNCTION_ARGS)
{
    ParserState *st = (ParserState *)PG_GETARG_POINTER(0);
    parse_finished(st);
    PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(segtool_prslextype);
Datum segtool_prslextype(PG_FUNCTION_ARGS)
{
    LexDescr *descr = palloc(sizeof(LexDescr) * (TT_LAST + 1));
    for (int i = 1; i <= TT_LAST; i++)
    {
        descr[i - 1].lexid = i;
        descr[i - 1].alias = pstrdup(tok_alias[i]);
        descr[i - 1].descr = pstrdup(tok_descr[i]);
    }
    descr[TT_LAST].lexid = 0;
    PG_RETURN_POINTER(descr);
}

/*
 * Headlines: the default parser's headline function, told which of our tokens are not words
 * (it knows its own token ids only: its id for spaces marks a non-word).
 */
PG_FUNCTION_INFO_V1(segtool_prsheadline);
Datum segtool_prsheadline(PG_FUNCTION_ARGS)
{
    HeadlineParsedText *prs = (HeadlineParsedText *)PG_GETARG_POINTER(0);
    for (int i = 0; i < prs->curwords; i++)
    {
        int type = prs->words[i].type;
        if (type == TT_PUNCT || type == TT_SYMBOL || type == TT_BLANK || type == TT_BREAK)
            prs->words[i].type = PRSD_SPACE;
    }
    return DirectFunctionCall3(prsd_headline, PG_GETARG_DATUM(0), PG_GETARG_DATUM(1), PG_GETARG_DATUM(2));
}

/* ---- The dictionary template -------------------------------------------------------------- */

typedef struct
{
    bool gap; /* true: every token is a stop word (no lexeme; the position still advances) */
} DictConfig;

PG_FUNCTION_INFO_V1(segtool_dict_init);
Datum segtool_dict_init(PG_FUNCTION_ARGS)
{
    List *options = (List *)PG_GETARG_POINTER(0);
    DictConfig *config = palloc0(sizeof(DictConfig));
    ListCell *lc;
    foreach (lc, options)
    {
        DefElem *def = (DefElem *)lfirst(lc);
        if (strcmp(def->defname, "gap") == 0)
            config->gap = defGetBoolean(def);
        else
            ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                            errmsg("unrecognized segtool dictionary parameter: \"%s\"", def->defname)));
    }
    PG_RETURN_POINTER(config);
}

/*
 * The normal form of a word, palloc'd: full-width ASCII folded (ＧＤＰ → GDP), ASCII
 * lowercased (as segtool's index normalizes terms); other letters lowercased by PostgreSQL.
 */
static char *normalized(const char *s, int len)
{
    char *out = palloc(len + 1);
    int o = 0;
    bool other_letters = false;
    for (int i = 0; i < len;)
    {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80)
        {
            out[o++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : (char)c;
            i++;
            continue;
        }
        /* U+FF01..U+FF5E: EF BC 81..EF BC BF, EF BD 80..EF BD 9E */
        if (c == 0xEF && i + 2 < len)
        {
            unsigned char b1 = (unsigned char)s[i + 1], b2 = (unsigned char)s[i + 2];
            unsigned v = 0;
            if (b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF)
                v = 0xFF00 + (b2 - 0x80);
            else if (b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E)
                v = 0xFF40 + (b2 - 0x80);
            if (v)
            {
                unsigned char a = (unsigned char)(v - 0xFEE0);
                out[o++] = (a >= 'A' && a <= 'Z') ? (char)(a + 32) : (char)a;
                i += 3;
                continue;
            }
        }
        /* Latin-1 Supplement to Cyrillic (lead bytes C3..D4) may have case. */
        if (c >= 0xC3 && c <= 0xD4)
            other_letters = true;
        out[o++] = (char)c;
        i++;
    }
    out[o] = 0;
    if (other_letters)
    {
        char *lower = str_tolower(out, o, DEFAULT_COLLATION_OID);
        pfree(out);
        return lower;
    }
    return out;
}

PG_FUNCTION_INFO_V1(segtool_dict_lexize);
Datum segtool_dict_lexize(PG_FUNCTION_ARGS)
{
    DictConfig *config = (DictConfig *)PG_GETARG_POINTER(0);
    char *token = (char *)PG_GETARG_POINTER(1);
    int32 len = PG_GETARG_INT32(2);
    TSLexeme *res;
    const ParserState *st = current_parse;

    if (config->gap)
        PG_RETURN_POINTER(palloc0(sizeof(TSLexeme))); /* a stop word: no lexeme, a position */

    /* The token the parser has just returned: its sub-words are the tokens after it. */
    if (st && st->last < st->tokens->count)
    {
        const segtool_token *tokens = st->tokens->tokens;
        const segtool_token *parent = &tokens[st->last];
        if (token == st->text + parent->byte_start && len == (int32)(parent->byte_end - parent->byte_start))
        {
            size_t end = st->last + 1;
            int n, k = 0;
            while (end < st->tokens->count && tokens[end].is_subword)
                end++;
            n = (int)(end - st->last);
            res = palloc0(sizeof(TSLexeme) * (n + 1));
            /* One split variant (the same nvariant): in a query, the token and its sub-words
               are ANDed at one position; in a document they all sit at the token's position. */
            for (size_t i = st->last; i < end; i++)
            {
                res[k].nvariant = 1;
                res[k].lexeme = normalized(st->text + tokens[i].byte_start, (int)(tokens[i].byte_end - tokens[i].byte_start));
                k++;
            }
            PG_RETURN_POINTER(res);
        }
    }

    /* Called outside a parse by this parser (ts_lexize, another parser): segment the token
       alone; when it is one precise token, its sub-words come with it. */
    {
        segtool_tokens own = {0};
        segtool_error *err = NULL;
        segtool_status status = segtool_segment(get_segmenter(), token, (size_t)len, SEGTOOL_MODE_SEARCH, &own, &err);
        size_t end = 1;
        int k = 0;
        if (status != SEGTOOL_OK)
        {
            segtool_tokens_free(&own);
            report_segtool_error(status, err, "segmenting a token in the segtool dictionary");
        }
        if (own.count > 0 && own.tokens[0].byte_start == 0 && own.tokens[0].byte_end == (uint64_t)len)
            while (end < own.count && own.tokens[end].is_subword)
                end++;
        res = palloc0(sizeof(TSLexeme) * (end + 1));
        res[k].nvariant = 1;
        res[k++].lexeme = normalized(token, len);
        for (size_t i = 1; i < end && own.count > 0 && own.tokens[0].byte_end == (uint64_t)len; i++)
        {
            res[k].nvariant = 1;
            res[k++].lexeme = normalized(token + own.tokens[i].byte_start, (int)(own.tokens[i].byte_end - own.tokens[i].byte_start));
        }
        segtool_tokens_free(&own);
        PG_RETURN_POINTER(res);
    }
}

/* ---- SQL helpers -------------------------------------------------------------------------- */

PG_FUNCTION_INFO_V1(segtool_version_sql);
Datum segtool_version_sql(PG_FUNCTION_ARGS)
{
    PG_RETURN_TEXT_P(cstring_to_text(segtool_version()));
}

/* Opens the segmenter again now (after a dictionary file was edited in place with the same
   size and time, say); returns the number of user dictionary files loaded. */
PG_FUNCTION_INFO_V1(segtool_reload);
Datum segtool_reload(PG_FUNCTION_ARGS)
{
    free(loaded_setting);
    loaded_setting = NULL;
    get_segmenter();
    PG_RETURN_INT32(loaded_file_count);
}

void _PG_init(void);
void _PG_init(void)
{
    DefineCustomStringVariable(
        "segtool.user_dictionaries",
        "User dictionaries for the segtool text search parser (comma-separated paths).",
        "Files in jieba's format (word [freq] [tag] a line), read by the server; relative paths are "
        "relative to the data directory. Later files win. A change (of the setting or of a file) takes "
        "effect at the next parse in each session.",
        &user_dictionaries_guc, "", PGC_SUSET, 0, NULL, NULL, NULL);
    MarkGUCPrefixReserved("segtool");
}
