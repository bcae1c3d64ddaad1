#!/usr/bin/env python3
"""Compare segtool's on-disk inverted index with tantivy (tantivy-py) on the same corpus.

Run it through run.sh (`run.sh index ...`) or index.sh, which use the peers' virtual
environment (tantivy installed).

Corpus: copies of --corpus (ids suffixed -c1, -c2, ...) until the UTF-8 bytes of the `text`
fields reach --mb MB (10^6 bytes); the last copy is usually partial. It is written to a
temporary directory outside the repository, together with both indexes.

segtool: `segtool index build` (wall time, the whole process: reading, segmenting in search
mode, writing), `segtool index stats --json` (index bytes without the stored text) and
`segtool index bench --json` (warm, one thread, in process) on a query file written here.

tantivy: the text is segmented first with `segtool segment` (precise mode; the time is
reported on its own), and each document becomes one line of space-separated tokens.
Tokens without a letter or digit (punctuation, symbols) are dropped, and full-width ASCII
and Latin upper case are folded, as segtool's index does. Phrases do not behave quite alike:
segtool's positions count characters, so its phrases stop at punctuation and line breaks,
while tantivy's stream has no punctuation left (a pair across a comma is adjacent there); the
chosen phrase queries rarely meet the difference (the match counts are reported). tantivy indexes that line with a
whitespace tokenizer (no other filter) into a `text` field with positions, and the id into
a stored `id` field (raw tokenizer). Indexing time is the wall time of add_document for
every document plus commit (default writer heap, --threads indexing threads); the time until
its background merges end is reported beside it. Query latency is measured in this process
around `searcher.search(query, top, count=False)` (the query parsed once, outside the
timing; count=False because segtool's bench only collects the top hits); the same with
count=True and an empty query (the cost of a call through Python) are reported too.
tantivy-py's `search` wraps its TopDocs collector in a MultiCollector (with a Count when
count=True), and a MultiCollector does not take tantivy's block-max WAND path: every match is
scored even with count=False. Native tantivy (Rust, TopDocs alone) prunes and is not measured
here; where segtool is faster on frequent words and OR queries, that is largely why.

Queries: chosen from document frequencies (df) of the precise segmentation of the first
copy, among words of two or more CJK characters that are not stop words
(Dictionaries/stopwords.txt) and that segtool segments as one token on their own:
- frequent: the word with the highest df;
- rare: the word with df closest to 0.05% of the documents (then higher count, then word);
- and: of the words with df in 2-5%, the pair found together in the most documents;
- or: the three words with df closest to 2% among those with df in 1-3%;
- phrase: the most frequent adjacent pair of such words (bigram counts);
- subword-phrase: "社会主义 现代化", two words that mostly stand inside longer tokens
  (社会主义现代化国家, 社会主义现代化强国): segtool finds them through the sub-words' positions,
  tantivy (precise tokens only) only where they are tokens of their own;
- subword-phrase-2: "高质量 发展" likewise (inside 高质量发展).
Each phrase of sub-words is timed twice on tantivy: on the precise-token field as typed (few
or no matches: little work), and as a tantivy user finds a Chinese substring, a phrase of its
characters ("社会主义现代化") on a field of characters (the `...-chars` rows). That field is in
an index of its own (id + characters; its build time and size are reported on their own line,
so the other rows' figures stay those of the precise index): the text normalized as above,
line breaks made "\n", tokenized by tantivy's regex tokenizer with CHARS_PATTERN (runs of
ASCII letters and digits, else every character that is not a space, and each line break), so
positions are consecutive characters, spaces take no position, and punctuation and line
breaks are tokens that break a phrase: the rules of segtool's positions. (tantivy's ngram
tokenizer gives every gram position 0, so a phrase query on it is an AND of characters.)
Ratios: each alternation's tantivy p50 over segtool's top-k p50, then the median of those
per-run ratios (not a ratio of medians).
"""

from __future__ import annotations

import argparse
import collections
import datetime
import hashlib
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import (find_repo_root, machine_info, package_version, PeerError,  # noqa: E402  (beside this script)
                    resolve_in_repo, resolve_segtool, run_checked, run_script, segtool_version,
                    write_report)

MB = 1_000_000  # sizes and throughput in decimal megabytes
LABELS = ("frequent", "rare", "and", "or", "phrase", "subword-phrase", "subword-phrase-chars",
          "subword-phrase-2", "subword-phrase-2-chars")
# The phrases of sub-words: segtool's query (words as a user types them), and the characters.
SUBWORD_PHRASES = (("subword-phrase", ("社会主义", "现代化")), ("subword-phrase-2", ("高质量", "发展")))
# The characters field's tokens (tantivy's regex tokenizer, on normalized text whose line
# breaks are "\n"): a run of ASCII letters or digits, else one character that is not
# whitespace, or a line break. Spaces and tabs take no position, as in segtool's index.
CHARS_PATTERN = r"[0-9a-z]+|\S|\n"
CJK_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")
LINE_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
# segtool's Analyzer.normalize: full-width ASCII to ASCII, ideographic space to space,
# Latin upper case to lower case.
FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
FOLD[0x3000] = 0x20
FOLD.update({code: code + 0x20 for code in range(0x41, 0x5B)})
for _full in range(0xFF21, 0xFF3B):  # full-width A-Z: fold and lower in one step
    FOLD[_full] = _full - 0xFEE0 + 0x20


class IndexBenchError(PeerError):
    """A problem with the inputs or a tool; printed without a traceback."""


# --------------------------------------------------------------------------- setup


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Compare segtool's index (build, size, open, query latency) with tantivy.")
    parser.add_argument("--corpus", default="../shared/corpus/politics.jsonl",
                        help="JSONL corpus with `id`, `title` and `text` per record; relative "
                             "paths are resolved against the repository root "
                             "(default: %(default)s)")
    parser.add_argument("--mb", type=float, default=100,
                        help="MB (10^6 bytes) of `text` to index, repeating the corpus "
                             "(default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=200,
                        help="timed runs per query (default: %(default)s)")
    parser.add_argument("--alternations", type=int, default=5,
                        help="measure the queries this many times, segtool and tantivy in turn, "
                             "and report the median of each percentile (default: %(default)s)")
    parser.add_argument("--warmup", type=int, default=20,
                        help="untimed runs per query first (default: %(default)s)")
    parser.add_argument("--top", type=int, default=10,
                        help="hits per query (default: %(default)s)")
    parser.add_argument("--rank", choices=("bm25", "tfidf"), default="bm25",
                        help="segtool's ranking; tantivy always uses BM25 (default: %(default)s)")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1,
                        help="threads for segtool index build, segtool segment and tantivy's "
                             "writer (default: the number of cores, %(default)s)")
    parser.add_argument("--segtool", default=None,
                        help="segtool binary (default: $SEGTOOL, else .build/release/segtool "
                             "in the repository)")
    parser.add_argument("--workdir", default=None,
                        help="where the temporary directory goes (default: the system's "
                             "temporary directory); it must be outside the repository")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary directory (corpus, indexes) and print its path")
    parser.add_argument("--json", metavar="FILE", default=None,
                        help="also write the numbers to FILE as JSON")
    args = parser.parse_args()
    if args.mb <= 0:
        parser.error("--mb must be positive")
    for name in ("rounds", "top", "threads", "alternations"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    if args.warmup < 0:
        parser.error("--warmup must not be negative")
    return args


def import_tantivy():
    try:
        import tantivy
    except ImportError as error:
        raise IndexBenchError(f"{error}. Run this through Benchmarks/peers/run.sh index "
                              "(or index.sh), which installs tantivy into its virtual "
                              "environment.") from None
    for name in ("SchemaBuilder", "Index", "Document", "Tokenizer", "TextAnalyzerBuilder"):
        if not hasattr(tantivy, name):
            raise IndexBenchError(f"this tantivy ({package_version('tantivy')}) has no "
                                  f"tantivy.{name}; custom tokenizers need tantivy-py 0.24 "
                                  "or later")
    return tantivy


def log(message: str) -> None:
    print(f"index.py: {message}", file=sys.stderr, flush=True)


def snapshot_binary(binary: Path, scratch: Path) -> tuple[Path, str]:
    """A copy of the segtool binary in the scratch directory, so that a rebuild during the run
    cannot change what is measured (the original when the copy does not run), and its SHA-256."""
    digest = hashlib.sha256(binary.read_bytes()).hexdigest()
    copy = scratch / "segtool"
    shutil.copy2(binary, copy)
    try:
        works = subprocess.run([str(copy), "--version"], capture_output=True,
                               timeout=60).returncode == 0
    except (OSError, subprocess.SubprocessError):
        works = False
    return (copy if works else binary), digest


# --------------------------------------------------------------------------- corpus


def build_corpus(source: Path, target_bytes: int, jsonl: Path, lines: Path) -> dict:
    """Copies of `source` until the text reaches `target_bytes`: JSONL for segtool, and the
    texts one per line (line breaks turned into spaces) for `segtool segment`."""
    if not source.is_file():
        raise IndexBenchError(f"corpus not found: {source} (pass --corpus PATH)")
    records = []
    with source.open(encoding="utf-8") as reader:
        for number, line in enumerate(reader, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text = record.get("text")
            except (json.JSONDecodeError, AttributeError) as error:
                raise IndexBenchError(f"{source}:{number}: not a JSON object: {error}") from None
            if not isinstance(text, str):
                continue
            title = record.get("title")
            records.append((str(record.get("id") or f"line-{number}"),
                            title if isinstance(title, str) else "", text,
                            len(text.encode("utf-8"))))
    if not records or not sum(r[3] for r in records):
        raise IndexBenchError(f"{source} has no document with a `text`")
    # Duplicate ids in the source would make segtool replace documents.
    seen: collections.Counter = collections.Counter()
    unique = []
    for doc_id, title, text, size in records:
        seen[doc_id] += 1
        unique.append((doc_id if seen[doc_id] == 1 else f"{doc_id}#{seen[doc_id]}",
                       title, text, size))
    text_bytes = title_bytes = documents = copies = 0
    ids = []
    with jsonl.open("w", encoding="utf-8") as out, lines.open("w", encoding="utf-8") as flat:
        while text_bytes < target_bytes:
            copies += 1
            for doc_id, title, text, size in unique:
                if text_bytes >= target_bytes:
                    break
                new_id = f"{doc_id}-c{copies}"
                out.write(json.dumps({"id": new_id, "title": title, "text": text},
                                     ensure_ascii=False) + "\n")
                flat.write(LINE_BREAKS.sub(" ", text) + "\n")
                ids.append(new_id)
                text_bytes += size
                title_bytes += len(title.encode("utf-8"))
                documents += 1
    return {"source": str(source), "source_documents": len(unique), "documents": documents,
            "copies": copies, "last_copy_documents": documents - (copies - 1) * len(unique),
            "text_bytes": text_bytes, "title_bytes": title_bytes,
            "jsonl_bytes": jsonl.stat().st_size, "ids": ids}


# --------------------------------------------------------------------------- segmentation


def is_term(token: str) -> bool:
    """Whether segtool's index keeps the token as a term (it drops punctuation and symbols)."""
    return any(char.isalnum() for char in token)


def load_stopwords(path: Path) -> set[str]:
    if not path.is_file():
        log(f"warning: no stop word list at {path}; choosing query words without one")
        return set()
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.update(line.split())
    return words


def prepare_tantivy_text(segmented: Path, documents: int, first_copy: int,
                         stopwords: set[str]) -> tuple[list[str], dict]:
    """The tantivy input (one string of normalized terms per document) and the statistics of
    the first copy's precise segmentation: df, counts and adjacent-pair counts of candidate
    query words (two or more CJK characters, not stop words)."""
    texts: list[str] = []
    df: collections.Counter = collections.Counter()
    cf: collections.Counter = collections.Counter()
    bigrams: collections.Counter = collections.Counter()
    postings: dict[str, list[int]] = collections.defaultdict(list)  # word -> first-copy docs
    candidate: dict[str, bool] = {}  # memo: token -> is a candidate query word
    normal: dict[str, str] = {}  # memo: token -> its term, "" when the index drops it

    def is_candidate(token: str) -> bool:
        known = candidate.get(token)
        if known is None:
            known = candidate[token] = bool(CJK_WORD.fullmatch(token)) and token not in stopwords
        return known

    with segmented.open(encoding="utf-8") as reader:
        for number, line in enumerate(reader):
            tokens = line.rstrip("\n").split(" ")
            kept = []
            for token in tokens:
                term = normal.get(token)
                if term is None:
                    term = normal[token] = token.translate(FOLD) if is_term(token) else ""
                if term:
                    kept.append(term)
            texts.append(" ".join(kept))
            if number < first_copy:
                words = [token for token in tokens if token and is_candidate(token)]
                cf.update(words)
                unique = set(words)
                df.update(unique)
                for word in unique:
                    postings[word].append(number)
                # Adjacent in the token stream, punctuation included: pairs never span one.
                previous = None
                for token in tokens:
                    if not token:
                        continue
                    current = token if is_candidate(token) else None
                    if previous is not None and current is not None:
                        bigrams[previous, current] += 1
                    previous = current
    if len(texts) != documents:
        raise IndexBenchError(f"`segtool segment` wrote {len(texts)} lines for {documents} "
                              "documents")
    return texts, {"df": df, "cf": cf, "bigrams": bigrams, "postings": postings}


def alone_as_one_token(binary: Path, words: list[str], scratch: Path) -> set[str]:
    """The words that `segtool segment` leaves as one token when segmented on their own (so
    that segtool's query analysis gives back the same term)."""
    path = scratch / "words.txt"
    path.write_text("".join(word + "\n" for word in words), encoding="utf-8")
    result, _ = run_checked([str(binary), "segment", str(path)])
    output = result.stdout.decode("utf-8").split("\n")
    return {word for word, line in zip(words, output) if line == word}


def choose_queries(stats: dict, documents: int, binary: Path, scratch: Path) -> list[dict]:
    df, cf, bigrams, postings = stats["df"], stats["cf"], stats["bigrams"], stats["postings"]
    pool = sorted(word for word, count in df.items() if count >= 2)
    usable = alone_as_one_token(binary, pool, scratch)
    words = [word for word in pool if word in usable]
    if len(words) < 8:
        raise IndexBenchError("too few candidate query words in the corpus")
    share = lambda word: df[word] / documents
    closest = lambda target: (lambda word: (abs(df[word] - target * documents), -cf[word], word))

    frequent = min(words, key=lambda word: (-df[word], -cf[word], word))
    rare = min(words, key=closest(0.0005))

    pair_pool = [word for word in words if 0.02 <= share(word) <= 0.05]
    if len(pair_pool) < 2:  # a small corpus: take the words closest to 3.5%
        pair_pool = sorted(words, key=closest(0.035))[:50]
    bits = {}  # word -> bit set of the documents containing it
    for word in pair_pool:
        bits[word] = sum(1 << number for number in postings[word])
    best = None
    for i, a in enumerate(pair_pool):
        bits_a = bits[a]
        for b in pair_pool[i + 1:]:
            together = bin(bits_a & bits[b]).count("1")
            key = (-together, a, b)
            if best is None or key < best[0]:
                best = (key, a, b, together)
    _, and_a, and_b, and_together = best

    or_pool = [word for word in words if 0.01 <= share(word) <= 0.03]
    if len(or_pool) < 3:
        or_pool = words
    or_words = sorted(or_pool, key=closest(0.02))[:3]

    phrase_pair, phrase_count = None, 0
    for (a, b), count in sorted(bigrams.items(), key=lambda item: (-item[1], item[0])):
        if a in usable and b in usable:
            phrase_pair, phrase_count = (a, b), count
            break
    if phrase_pair is None:
        raise IndexBenchError("no adjacent pair of candidate words in the corpus")

    def info(*chosen: str) -> list[dict]:
        return [{"word": word, "df": df[word], "df_share": share(word), "count": cf[word]}
                for word in chosen]

    a, b = phrase_pair
    return [
        {"label": "frequent", "segtool": frequent, "tantivy": frequent, "words": info(frequent),
         "why": "highest df"},
        {"label": "rare", "segtool": rare, "tantivy": rare, "words": info(rare),
         "why": "df closest to 0.05% of the documents"},
        {"label": "and", "segtool": f"{and_a} {and_b}", "tantivy": f"+{and_a} +{and_b}",
         "words": info(and_a, and_b), "together": and_together,
         "why": f"df in 2-5%, together in {and_together} documents (the most of any pair)"},
        {"label": "or", "segtool": " OR ".join(or_words), "tantivy": " OR ".join(or_words),
         "words": info(*or_words), "why": "df closest to 2%"},
        {"label": "phrase", "segtool": f'"{a} {b}"', "tantivy": f'"{a} {b}"',
         "words": info(a, b), "bigram_count": phrase_count,
         "why": f"the most frequent adjacent pair ({phrase_count} times)"},
    ] + [row for label, pair in SUBWORD_PHRASES for row in subword_rows(label, pair, df, cf, documents)]


def subword_rows(label: str, words: tuple[str, ...], df, cf, documents: int) -> list[dict]:
    """A phrase of sub-words: on tantivy once on the precise tokens as typed, once as the
    phrase of its characters on the characters field (`label`-chars); segtool's query is the
    same in both rows."""
    info = [{"word": w, "df": df.get(w, 0), "df_share": df.get(w, 0) / documents, "count": cf.get(w, 0)}
            for w in words]
    typed = '"' + " ".join(words) + '"'
    return [
        {"label": label, "segtool": typed, "tantivy": typed, "tantivy_field": "text", "words": info,
         "why": "words mostly inside longer tokens (a phrase of sub-words); tantivy: its precise tokens"},
        {"label": f"{label}-chars", "segtool": typed, "tantivy": '"' + "".join(words) + '"',
         "tantivy_field": "chars", "words": info,
         "why": "the same; tantivy: the phrase of its characters on the characters field"},
    ]


# --------------------------------------------------------------------------- segtool


def directory_bytes(path: Path) -> dict[str, int]:
    """File sizes under `path`, by file name extension ('' when none)."""
    sizes: collections.Counter = collections.Counter()
    for root, _, files in os.walk(path):
        for name in files:
            file = Path(root) / name
            sizes[file.suffix.lstrip(".") or name] += file.stat().st_size
    return dict(sizes)


def segtool_side(binary: Path, jsonl: Path, index: Path, queries: list[dict], args,
                 scratch: Path) -> dict:
    shutil.rmtree(index, ignore_errors=True)
    command = [str(binary), "index", "build", "--index", str(index), str(jsonl),
               "--threads", str(args.threads)]
    log(f"segtool: {shlex.join(command)}")
    result, build_seconds = run_checked(command, stdout=subprocess.DEVNULL)
    message = result.stderr.decode("utf-8", "replace")
    found = re.findall(r"(\d+) documents", message)
    built_documents = int(found[-1]) if found else None
    log(f"segtool: built in {build_seconds:.1f} s ({message.strip().splitlines()[-1] if message.strip() else ''})")

    result, _ = run_checked([str(binary), "index", "stats", "--index", str(index), "--json"])
    stats = json.loads(result.stdout)

    # Each distinct query once (a phrase of sub-words has two rows, one per tantivy field):
    # its rows share its figures.
    first_label: dict[str, str] = {}
    for q in queries:
        first_label.setdefault(q["segtool"], q["label"])
    shared = {q["label"]: first_label[q["segtool"]] for q in queries}
    query_file = scratch / "queries.tsv"
    query_file.write_text("".join(f"{label}\t{query}\n" for query, label in first_label.items()),
                          encoding="utf-8")
    # Total matches: the same queries with a top as large as the index.
    command = [str(binary), "index", "bench", "--index", str(index), "--queries",
               str(query_file), "--rounds", "1", "--warmup", "1",
               "--top", str(max(stats.get("documents", 0), 1)), "--rank", args.rank, "--json"]
    result, _ = run_checked(command)
    found = {row["label"]: row["hits"] for row in json.loads(result.stdout)["queries"]}
    totals = {label: found.get(first) for label, first in shared.items()}
    command = [str(binary), "index", "bench", "--index", str(index), "--queries",
               str(query_file), "--rounds", str(args.rounds), "--warmup", str(args.warmup),
               "--top", str(args.top), "--rank", args.rank, "--json"]
    log(f"segtool: {shlex.join(command)}")

    def measure() -> dict:
        result, _ = run_checked(command)
        bench = json.loads(result.stdout)
        rows = {row["label"]: row for row in bench["queries"]}
        return {"open_microseconds": bench["openMicroseconds"],
                "queries": {label: {"p50": row["p50"], "p90": row["p90"], "p99": row["p99"],
                                    "top_only_p50": row.get("topOnlyP50"),
                                    "hits": row["hits"], "total": totals.get(label)}
                            for label, row in ((label, rows[first]) for label, first in shared.items())}}

    return {"build_command": shlex.join(["segtool", "index", "build", "--index", "DIR",
                                         "CORPUS.jsonl", "--threads", str(args.threads)]),
            "build_seconds": build_seconds, "built_documents": built_documents,
            "stats": stats, "files": directory_bytes(index)}, measure


def median_runs(runs: list[dict]) -> dict:
    """Per query, the median over alternating runs of each percentile (numbers only)."""
    out = {"runs": len(runs), "queries": {}}
    for label in runs[0]["queries"]:
        rows = [run["queries"][label] for run in runs]
        merged = {}
        for key, value in rows[0].items():
            if isinstance(value, dict):
                merged[key] = {k: statistics.median(r[key][k] for r in rows)
                               for k, v in value.items() if isinstance(v, (int, float))}
            elif isinstance(value, (int, float)) and not isinstance(value, bool) \
                    and key not in ("hits", "total"):
                merged[key] = statistics.median(r[key] for r in rows if r[key] is not None)
            else:
                merged[key] = value
        merged["p50_runs"] = [r["p50"] for r in rows]
        if rows[0].get("top_only_p50") is not None:
            merged["top_only_runs"] = [r["top_only_p50"] for r in rows]
        out["queries"][label] = merged
    for key in ("open_microseconds", "empty_query"):
        if key in runs[0]:
            value = runs[0][key]
            out[key] = ({k: statistics.median(r[key][k] for r in runs) for k in value}
                        if isinstance(value, dict) else statistics.median(r[key] for r in runs))
    return out


# --------------------------------------------------------------------------- tantivy


def percentiles(samples: list[float]) -> dict:
    """p50/p90/p99 picked as segtool's bench picks them (sorted[int(n * q)])."""
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(len(ordered) * q))]
    return {"p50": pick(0.5), "p90": pick(0.9), "p99": pick(0.99)}


def tantivy_schema(tantivy, field: str = "text"):
    """The id (stored) and one indexed field with positions: `text` (the precise tokens) or
    `chars` (the characters)."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field(field, stored=False, tokenizer_name="segmented" if field == "text" else "chars",
                           index_option="position")
    return builder.build()


def register_tokenizer(tantivy, index) -> None:
    """`segmented`: whitespace splitting only (the text is already segmented and normalized);
    `chars`: one token per character (see CHARS_PATTERN)."""
    index.register_tokenizer("segmented", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
    index.register_tokenizer("chars", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(CHARS_PATTERN)).build())


def open_tantivy(tantivy, path: Path):
    index = tantivy.Index.open(str(path))
    register_tokenizer(tantivy, index)
    return index, index.searcher()


def chars_texts(jsonl: Path) -> list[str]:
    """The corpus's texts for the characters field: normalized as segtool's index normalizes
    (full-width forms, Latin case), every line break made "\n"."""
    texts = []
    with jsonl.open(encoding="utf-8") as reader:
        for line in reader:
            texts.append(LINE_BREAKS.sub("\n", json.loads(line)["text"]).translate(FOLD))
    return texts


def build_tantivy(tantivy, field: str, texts: list[str], ids: list[str], path: Path, args) -> tuple[float, float]:
    """An index of `ids` and `texts` in `field` at `path`: seconds to commit, and until its
    merges end."""
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    index = tantivy.Index(tantivy_schema(tantivy, field), path=str(path), reuse=False)
    register_tokenizer(tantivy, index)
    Document = tantivy.Document
    log(f"tantivy: indexing {len(texts)} documents into `{field}` ({args.threads} threads, default heap)")
    start = time.perf_counter()
    writer = index.writer(num_threads=args.threads)
    for doc_id, text in zip(ids, texts):
        writer.add_document(Document(id=doc_id, **{field: text}))
    writer.commit()
    commit_seconds = time.perf_counter() - start
    writer.wait_merging_threads()
    merged_seconds = time.perf_counter() - start
    del writer
    log(f"tantivy: `{field}` committed in {commit_seconds:.1f} s, merges done at {merged_seconds:.1f} s")
    return commit_seconds, merged_seconds


def tantivy_side(tantivy, texts: list[str], ids: list[str], path: Path, queries: list[dict],
                 args, jsonl: Path, chars_path: Path) -> dict:
    commit_seconds, merged_seconds = build_tantivy(tantivy, "text", texts, ids, path, args)
    files = directory_bytes(path)
    opens = []
    for _ in range(5):
        start = time.perf_counter()
        index, searcher = open_tantivy(tantivy, path)
        opens.append((time.perf_counter() - start) * 1e6)
    index, searcher = open_tantivy(tantivy, path)

    # The characters field, in an index of its own, for the rows that query it.
    chars = None
    if any(q.get("tantivy_field") == "chars" for q in queries):
        raw = chars_texts(jsonl)
        chars_commit, chars_merged = build_tantivy(tantivy, "chars", raw, ids, chars_path, args)
        del raw
        chars_index, chars_searcher = open_tantivy(tantivy, chars_path)
        chars = {"commit_seconds": chars_commit, "merged_seconds": chars_merged,
                 "files": directory_bytes(chars_path), "segments": chars_searcher.num_segments,
                 "documents": chars_searcher.num_docs, "pattern": CHARS_PATTERN}

    def search(searcher, query, count: bool):
        return searcher.search(query, args.top, count=count)

    def search_and_fetch(searcher, query, count: bool):
        """The search and the stored id of each hit (segtool's search returns ids and titles)."""
        result = searcher.search(query, args.top, count=count)
        return result, [searcher.doc(address)["id"] for _, address in result.hits]

    def timed(run, searcher, query, count: bool) -> tuple[dict, object]:
        result = None
        for _ in range(args.warmup):
            result = run(searcher, query, count)
        samples = []
        clock = time.perf_counter_ns
        for _ in range(args.rounds):
            start = clock()
            result = run(searcher, query, count)
            samples.append((clock() - start) / 1000)
        return percentiles(samples), result

    parsed = []
    for q in queries:
        if q.get("tantivy_field") == "chars":
            parsed.append((q, chars_searcher, chars_index.parse_query(q["tantivy"], ["chars"])))
        else:
            parsed.append((q, searcher, index.parse_query(q["tantivy"], ["text"])))

    def measure() -> dict:
        results = {}
        for q, on, query in parsed:
            top_only, result = timed(search, on, query, count=False)
            with_count, counted = timed(search, on, query, count=True)
            with_ids, _ = timed(search_and_fetch, on, query, count=False)
            results[q["label"]] = {**top_only, "hits": len(result.hits),
                                   "total": counted.count, "with_count": with_count,
                                   "with_ids": with_ids, "parsed": repr(query)}
        floor, _ = timed(search, searcher, tantivy.Query.empty_query(), count=False)
        return {"queries": results, "empty_query": floor}

    return {"commit_seconds": commit_seconds, "merged_seconds": merged_seconds,
            "documents": searcher.num_docs, "segments": searcher.num_segments,
            "files": files, "open_microseconds": statistics.median(opens), "chars": chars}, measure


# --------------------------------------------------------------------------- report


def mb(count: float) -> str:
    return f"{count / MB:.1f} MB"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "–"


def best_pair(ours, theirs) -> str:
    """The fastest run of each side, and tantivy's over segtool's."""
    if not ours or not theirs:
        return "–"
    return f"{us(min(ours))}; {us(min(theirs))} ({ratio(min(theirs), min(ours))})"


def run_ratio(theirs, ours) -> str:
    """The median over alternations of tantivy's p50 over segtool's (same alternation)."""
    if not ours or not theirs:
        return "–"
    return f"{statistics.median(t / o for t, o in zip(theirs, ours) if o):.2f}×"


def spread(values) -> str:
    """min–max of a list of µs figures ("–" when there is none)."""
    if not values:
        return "–"
    return f"{us(min(values))}–{us(max(values))}"


def us(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def markdown(report: dict) -> str:
    meta, corpus, machine = report["meta"], report["corpus"], report["machine"]
    seg, tan = report["segtool"], report["tantivy"]
    text = corpus["text_bytes"]
    memory = f", {machine['memory_bytes'] / 2**30:.0f} GiB" if machine["memory_bytes"] else ""
    lines = [
        "## Index: segtool vs. tantivy",
        "",
        f"- Date: {meta['date']}",
        f"- Machine: {machine['cpu']}, {machine['cores']} cores{memory}; {machine['os']}",
        f"- segtool {meta['segtool_version']} (`{meta['segtool']}`, SHA-256 "
        f"{meta['segtool_sha256'][:12]}…); tantivy-py "
        f"{meta['tantivy_version']}; Python {machine['python']}",
        f"- Corpus: {corpus['documents']:,} documents, {mb(text)} of text (UTF-8 bytes of "
        f"`text`; titles, {mb(corpus['title_bytes'])}, are stored by segtool but indexed by "
        f"neither): {corpus['copies']} cop{'y' if corpus['copies'] == 1 else 'ies'} of "
        f"`{corpus['source_name']}` "
        f"({corpus['source_documents']:,} documents; the last copy has "
        f"{corpus['last_copy_documents']:,}), ids suffixed `-c1` … `-c{corpus['copies']}`",
        f"- Threads for building: {meta['threads']}; queries: warm, one thread, top "
        f"{meta['top']}, {meta['warmup']} warm-up runs then {meta['rounds']} timed runs, "
        f"measured {meta['alternations']} times, segtool and tantivy in turn (medians of the "
        f"runs' percentiles; each side's p50 range over the runs is shown); "
        f"segtool ranks with {meta['rank'].upper()}, tantivy with BM25",
        f"- Command: `{meta['command']}`",
        "",
        "### Queries",
        "",
        "Chosen from the precise segmentation of the first copy "
        f"({corpus['stats_documents']:,} documents); df = documents containing the word there.",
        "",
        "| query | segtool | tantivy | why | words (df, share) | matches segtool | matches tantivy |",
        "|---|---|---|---|---|---:|---:|",
    ]
    for q in report["queries"]:
        words = ", ".join(f"{w['word']} ({w['df']}, {100 * w['df_share']:.2f}%)" for w in q["words"])
        s, t = seg["queries"][q["label"]], tan["queries"][q["label"]]
        on = " on `chars`" if q.get("tantivy_field") == "chars" else ""
        lines.append(f"| {q['label']} | `{q['segtool']}` | `{q['tantivy']}`{on} | {q['why']} | "
                     f"{words} | {s['total']:,} | {t['total']:,} |")
    lines += [
        "",
        f"### Query latency (µs; tantivy timed in Python around `searcher.search(query, "
        f"{meta['top']}, count=False)`)",
        "",
        "| query | segtool p50 | p90 | p99 | segtool p50, top k only | tantivy p50 | p90 | p99 "
        "| tantivy / segtool: median of the runs' ratios (top k only) | ratio of the medians "
        "| tantivy p50, count=True | tantivy p50, + ids "
        "| p50 over the runs: segtool top k only; tantivy | best run: segtool top k only; tantivy |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for q in report["queries"]:
        s, t = seg["queries"][q["label"]], tan["queries"][q["label"]]
        top_only = s.get("top_only_p50") or s["p50"]
        lines.append(f"| {q['label']} | {us(s['p50'])} | {us(s['p90'])} | {us(s['p99'])} | "
                     f"{us(top_only)} | {us(t['p50'])} | {us(t['p90'])} | {us(t['p99'])} | "
                     f"{run_ratio(t.get('p50_runs'), s.get('top_only_runs'))} | {ratio(t['p50'], top_only)} | "
                     f"{us(t['with_count']['p50'])} | "
                     f"{us(t['with_ids']['p50'])} | {spread(s.get('top_only_runs'))}; "
                     f"{spread(t.get('p50_runs'))} | {best_pair(s.get('top_only_runs'), t.get('p50_runs'))} |")
    empty = tan["empty_query"]
    lines += [
        "",
        "segtool's times are `segtool index bench` (in process, Swift clock): the whole "
        "search, reading each hit's id and title from its store (p50, p90, p99), and, in "
        "alternate runs, the top k alone (`IndexReader.topDocuments`: documents and scores, "
        "no stored field read), which is what tantivy's search returns. tantivy's columns: the search alone "
        "(tantivy-py wraps its TopDocs collector in a MultiCollector, which scores every match: "
        "no block-max WAND, so on frequent words and OR queries tantivy-py does more work than "
        "segtool, whose pruning skips most matches; native tantivy is not measured here); with "
        "count=True (tantivy-py's default: a count of all matches beside the top k); and the search followed "
        "by `searcher.doc(address)` for the id of each hit, the nearest to what segtool's "
        f"search returns. A call through Python costs about {us(empty['p50'])} µs (p50 of "
        "`searcher.search(Query.empty_query(), …)`); it is included in tantivy's numbers.",
        "",
        "### Build, size, open",
        "",
        "| | segtool | tantivy |",
        "|---|---:|---:|",
    ]
    seg_stats = seg["stats"]
    seg_total = sum(seg["files"].values())
    tan_total = sum(tan["files"].values())
    tan_store = tan["files"].get("store", 0)
    segment_seconds = report["segmentation_seconds"]
    lines += [
        f"| build (wall) | {seg['build_seconds']:.1f} s, {text / MB / seg['build_seconds']:.1f} "
        f"MB/s (segmenting included) | {tan['commit_seconds']:.1f} s, "
        f"{text / MB / tan['commit_seconds']:.1f} MB/s (add + commit; pre-segmented text) |",
        f"| pre-segmentation (`segtool segment --threads {meta['threads']}`) | – | "
        f"{segment_seconds:.1f} s; with indexing {segment_seconds + tan['commit_seconds']:.1f} s, "
        f"{text / MB / (segment_seconds + tan['commit_seconds']):.1f} MB/s |",
        f"| background merges done | – | {tan['merged_seconds']:.1f} s |",
        f"| index without stored text | {mb(seg_stats['indexBytes'])} "
        f"({100 * seg_stats['indexBytes'] / text:.1f}% of text) | {mb(tan_total - tan_store)} "
        f"({100 * (tan_total - tan_store) / text:.1f}% of text; without `*.store`) |",
        f"| whole directory | {mb(seg_total)} (stores the text: {mb(seg_stats['storeBytes'])}) | "
        f"{mb(tan_total)} (`*.store`, ids only: {mb(tan_store)}) |",
        f"| segments | {seg_stats['segments']} | {tan['segments']} |",
    ]
    chars = tan.get("chars")
    if chars:
        chars_total = sum(chars["files"].values())
        chars_store = chars["files"].get("store", 0)
        lines.append(
            f"| characters field (`*-chars` rows only; an index of its own) | – | build "
            f"{chars['commit_seconds']:.1f} s (merges done {chars['merged_seconds']:.1f} s), "
            f"{mb(chars_total - chars_store)} without `*.store` "
            f"({100 * (chars_total - chars_store) / text:.1f}% of text), {chars['segments']} segment(s) |")
    lines += [
        f"| open (median of 5) | {seg['open_microseconds'] / 1000:.1f} ms | "
        f"{tan['open_microseconds'] / 1000:.1f} ms |",
        "",
        f"Index size ratio tantivy / segtool (without stored text): "
        f"{ratio(tan_total - tan_store, seg_stats['indexBytes'])}. "
        "tantivy files by kind: " + ", ".join(f"`{kind}` {mb(size)}" for kind, size in
                                               sorted(tan["files"].items(), key=lambda i: -i[1])
                                               if size >= MB // 100) + ".",
        "",
        "Notes: segtool indexes the search-mode segmentation (the parts of long words too, each "
        "at the character where it starts), tantivy's `text` field the precise one (`segtool "
        "segment`), so a word that is also part of longer words matches more documents in "
        "segtool, and a phrase can match through such parts. Both index no punctuation or "
        "symbols and fold full-width forms and Latin case; segtool's positions count "
        "characters, so punctuation or a line break between two words breaks a phrase, while "
        "tantivy's `text` field leaves no gap there. segtool's build time "
        "includes reading the JSONL and segmenting; tantivy's covers only the indexing of "
        "the pre-segmented text (the segmentation time is the row below it). segtool's "
        "open time is `IndexReader(directory:)`; tantivy's is `Index.open`, registering the "
        "tokenizer and `index.searcher()`.",
    ]
    if chars:
        lines += [
            "",
            "The `*-chars` rows: segtool's query is the same phrase of words as in the row above "
            "(its figures are shared); tantivy's is the phrase of the characters on a field "
            f"holding the text as characters (regex tokenizer `{chars['pattern']}` on the "
            "normalized text: consecutive positions, spaces take none, punctuation and line "
            "breaks are tokens of their own, so a phrase stops at them as segtool's does) — the "
            "way a tantivy user finds a Chinese substring. On the precise-token field tantivy "
            "finds a phrase of sub-words only where both words are tokens of their own, and "
            "answers fast because it has little to do.",
        ]
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def main() -> int:
    repo_root = find_repo_root()
    args = parse_args()
    corpus_path = resolve_in_repo(args.corpus, repo_root)
    binary = shown_binary = resolve_segtool(args.segtool, repo_root)
    tantivy = import_tantivy()
    command = os.environ.get("SEGTOOL_PEERS_COMMAND") or shlex.join([sys.executable, *sys.argv])

    base = Path(args.workdir).resolve() if args.workdir else None
    if base is not None:
        if base == repo_root or repo_root in base.parents:
            raise IndexBenchError(f"--workdir {base} is inside the repository")
        base.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="segtool-index-", dir=base))
    try:
        binary, digest = snapshot_binary(binary, scratch)
        jsonl, flat = scratch / "corpus.jsonl", scratch / "texts.txt"
        corpus = build_corpus(corpus_path, int(args.mb * MB), jsonl, flat)
        ids = corpus.pop("ids")
        corpus["source_name"] = corpus_path.name
        log(f"corpus: {corpus['documents']} documents, {corpus['text_bytes']} bytes of text "
            f"({corpus['copies']} copies) in {scratch}")

        segmented = scratch / "segmented.txt"
        with segmented.open("wb") as sink:
            _, segment_seconds = run_checked(
                [str(binary), "segment", "--threads", str(args.threads), str(flat)], stdout=sink)
        log(f"segtool segment: {segment_seconds:.1f} s")
        stopwords = load_stopwords(repo_root / "Dictionaries" / "stopwords.txt")
        first_copy = corpus["stats_documents"] = min(corpus["source_documents"],
                                                     corpus["documents"])
        texts, stats = prepare_tantivy_text(segmented, corpus["documents"], first_copy,
                                            stopwords)
        queries = choose_queries(stats, first_copy, binary, scratch)
        del stats
        for q in queries:
            log(f"query {q['label']}: segtool `{q['segtool']}`, tantivy `{q['tantivy']}` "
                f"({q['why']})")

        version = segtool_version(binary)
        seg, seg_measure = segtool_side(binary, jsonl, scratch / "segtool-index", queries, args,
                                        scratch)
        tan, tan_measure = tantivy_side(tantivy, texts, ids, scratch / "tantivy-index", queries,
                                        args, jsonl, scratch / "tantivy-chars-index")
        del texts
        # Query latency: both sides in turn, several times; medians of each percentile (a
        # shared 2-core machine has slow spells that would otherwise hit one side only).
        seg_runs, tan_runs = [], []
        for n in range(args.alternations):
            log(f"latency: alternation {n + 1} of {args.alternations}")
            seg_runs.append(seg_measure())
            tan_runs.append(tan_measure())
        seg_latency = median_runs(seg_runs)
        seg.update(queries=seg_latency["queries"], open_microseconds=seg_latency["open_microseconds"],
                   alternations=len(seg_runs))
        tan_latency = median_runs(tan_runs)
        tan.update(queries=tan_latency["queries"], empty_query=tan_latency["empty_query"],
                   alternations=len(tan_runs))
        if seg["built_documents"] not in (None, corpus["documents"]) or \
                tan["documents"] != corpus["documents"]:
            log(f"warning: documents indexed: segtool {seg['built_documents']}, tantivy "
                f"{tan['documents']}, corpus {corpus['documents']}")
    finally:
        if args.keep:
            log(f"kept {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)

    report = {
        "meta": {
            "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "command": command, "segtool": str(shown_binary), "segtool_sha256": digest,
            "segtool_version": version,
            "tantivy_version": package_version("tantivy"), "threads": args.threads,
            "rounds": args.rounds, "warmup": args.warmup, "top": args.top, "rank": args.rank,
            "alternations": args.alternations,
            "mb": args.mb,
        },
        "machine": machine_info(),
        "corpus": corpus,
        "queries": queries,
        "segmentation_seconds": segment_seconds,
        "segtool": seg,
        "tantivy": tan,
    }
    write_report(markdown(report), report, args.json)
    return 0


if __name__ == "__main__":
    run_script("index.py", main)
