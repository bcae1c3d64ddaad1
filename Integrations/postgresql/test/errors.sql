-- Bad input reaches the parser only in a SQL_ASCII database: a clear error, and the backend
-- lives on. A database in another encoding is refused.
\set VERBOSITY terse
CREATE DATABASE segtool_ascii ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
CREATE DATABASE segtool_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c segtool_ascii
CREATE EXTENSION segtool;
SELECT to_tsvector('chinese', convert_from('\xe4b8ade59bbd'::bytea, 'SQL_ASCII')) AS valid_in_sql_ascii;
SELECT to_tsvector('chinese', convert_from('\xe4b8ade59bbdff20616263'::bytea, 'SQL_ASCII'));
SELECT websearch_to_tsquery('chinese', convert_from('\x61c3'::bytea, 'SQL_ASCII'));
SELECT 1 AS backend_alive;
\c segtool_latin1
CREATE EXTENSION segtool;
SELECT to_tsvector('chinese', 'abc');
SELECT 1 AS backend_alive;
\c postgres
-- In a UTF8 database PostgreSQL itself refuses invalid UTF-8 before the parser sees it.
SELECT to_tsvector('chinese', convert_from('\xe4b8adff'::bytea, 'UTF8'));
SELECT 1 AS backend_alive;
DROP DATABASE segtool_ascii;
DROP DATABASE segtool_latin1;
