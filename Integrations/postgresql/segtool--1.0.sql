-- segtool: a Chinese text search parser over segtool's C API (libsegtool-c).
\echo Use "CREATE EXTENSION segtool" to load this file. \quit

CREATE FUNCTION segtool_prsstart(internal, int4) RETURNS internal
    AS 'MODULE_PATHNAME', 'segtool_prsstart' LANGUAGE C STRICT;
CREATE FUNCTION segtool_prsgettoken(internal, internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'segtool_prsgettoken' LANGUAGE C STRICT;
CREATE FUNCTION segtool_prsend(internal) RETURNS void
    AS 'MODULE_PATHNAME', 'segtool_prsend' LANGUAGE C STRICT;
CREATE FUNCTION segtool_prsheadline(internal, internal, tsquery) RETURNS internal
    AS 'MODULE_PATHNAME', 'segtool_prsheadline' LANGUAGE C STRICT;
CREATE FUNCTION segtool_prslextype(internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'segtool_prslextype' LANGUAGE C STRICT;

CREATE TEXT SEARCH PARSER segtool (
    START = segtool_prsstart,
    GETTOKEN = segtool_prsgettoken,
    END = segtool_prsend,
    HEADLINE = segtool_prsheadline,
    LEXTYPES = segtool_prslextype
);

CREATE FUNCTION segtool_dict_init(internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'segtool_dict_init' LANGUAGE C STRICT;
CREATE FUNCTION segtool_dict_lexize(internal, internal, internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'segtool_dict_lexize' LANGUAGE C STRICT;

CREATE TEXT SEARCH TEMPLATE segtool_template (
    INIT = segtool_dict_init,
    LEXIZE = segtool_dict_lexize
);

-- A word with its search-mode sub-words, normalized (full-width folded, lowercased).
CREATE TEXT SEARCH DICTIONARY segtool (TEMPLATE = segtool_template);
COMMENT ON TEXT SEARCH DICTIONARY segtool IS 'segtool: a token and its sub-words at one position';
-- No lexeme, but the position advances: phrases do not match across it.
CREATE TEXT SEARCH DICTIONARY segtool_gap (TEMPLATE = segtool_template, gap = true);
COMMENT ON TEXT SEARCH DICTIONARY segtool_gap IS 'segtool: a separator (punctuation, line breaks): not indexed, breaks phrases';

CREATE TEXT SEARCH CONFIGURATION chinese (PARSER = segtool);
COMMENT ON TEXT SEARCH CONFIGURATION chinese IS 'Chinese (segtool): search-mode words, sub-words at their word''s position';
ALTER TEXT SEARCH CONFIGURATION chinese ADD MAPPING FOR zhword, word, number WITH segtool;
ALTER TEXT SEARCH CONFIGURATION chinese ADD MAPPING FOR punct, symbol, break WITH segtool_gap;

CREATE FUNCTION segtool_version() RETURNS text
    AS 'MODULE_PATHNAME', 'segtool_version_sql' LANGUAGE C STRICT PARALLEL SAFE;
CREATE FUNCTION segtool_reload() RETURNS int4
    AS 'MODULE_PATHNAME', 'segtool_reload' LANGUAGE C STRICT;
