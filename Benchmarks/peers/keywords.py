#!/usr/bin/env python3
"""Compare `segtool keywords` with jieba.analyse on a sample of the corpus.

Run it through run.sh (`run.sh keywords ...`) or keywords.sh, which use the peers'
virtual environment (jieba installed).

Sample: the documents of the corpus whose `text` has at least --min-chars characters,
every --every-th of them (the 1st, the (every+1)-th, ...), at most --limit. They are
written to a temporary .jsonl file outside the repository.

TF-IDF: `segtool keywords SAMPLE --json --top K` (built-in IDF table and stop words)
against jieba.analyse.extract_tags(text, topK=K) (jieba's default IDF and stop words).
TextRank: `segtool keywords --method textrank` against jieba.analyse.textrank(text,
topK=K) (default allowPOS: ns, n, vn, v).

Reported: mean overlap@K (|ours ∩ jieba| / K per document), the share of documents with
|ours ∩ jieba| >= K/2, our multi-character keywords that jieba's segmentation of the
document never produces as one token (jieba.lcut on the whole text), jieba's keywords
that are single characters or fragments (never one token of segtool's segmentation of
the document), side-by-side examples (the first --examples documents of the sample) and
the time each tool took (median of --rounds). segtool's time is the wall time of its
process (startup included; the startup on a one-document input is shown beside it);
jieba's is the time of its extract_tags/textrank calls after jieba.initialize().
Latin words are compared in lower case (segtool prints them so).
"""

from __future__ import annotations

import argparse
import collections
import datetime
import json
import os
import re
import shlex
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import (find_repo_root, machine_info, package_version, PeerError, resolve_in_repo,  # noqa: E402  (beside this script)
                    resolve_segtool, run_checked, run_script, segtool_version, write_report)


class KeywordsError(PeerError):
    """A problem with the inputs or a tool; printed without a traceback."""


# --------------------------------------------------------------------------- setup


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Compare `segtool keywords` (TF-IDF and TextRank) with jieba.analyse.")
    parser.add_argument("--corpus", default="../shared/corpus/politics.jsonl",
                        help="JSONL corpus with `id`, `title` and `text` per record; relative "
                             "paths are resolved against the repository root "
                             "(default: %(default)s)")
    parser.add_argument("--every", type=int, default=50,
                        help="take every N-th document that is long enough "
                             "(default: %(default)s)")
    parser.add_argument("--limit", type=int, default=200,
                        help="at most this many documents (default: %(default)s)")
    parser.add_argument("--min-chars", type=int, default=300,
                        help="documents need a text of at least this many characters "
                             "(default: %(default)s)")
    parser.add_argument("--top", type=int, default=10,
                        help="keywords per document, K in overlap@K (default: %(default)s)")
    parser.add_argument("--examples", type=int, default=5,
                        help="side-by-side examples: the first N documents of the sample "
                             "(default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="timing rounds; medians are reported (default: %(default)s)")
    parser.add_argument("--segtool", default=None,
                        help="segtool binary (default: $SEGTOOL, else .build/release/segtool "
                             "in the repository)")
    parser.add_argument("--json", metavar="FILE", default=None,
                        help="also write the numbers (and per-document keywords) to FILE")
    args = parser.parse_args()
    for name in ("every", "limit", "top", "rounds"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    if args.min_chars < 0 or args.examples < 0:
        parser.error("--min-chars and --examples must not be negative")
    return args


def import_jieba():
    try:
        import jieba
        import jieba.analyse
    except ImportError as error:
        raise KeywordsError(f"{error}. Run this through Benchmarks/peers/run.sh keywords "
                            "(or keywords.sh), which installs jieba into its virtual "
                            "environment.") from None
    import logging
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()  # loads the dictionary now, outside any timing
    return jieba


# --------------------------------------------------------------------------- sample


def read_sample(corpus: Path, every: int, limit: int, min_chars: int) -> tuple[list[dict], int]:
    """Every `every`-th document with a long enough text, at most `limit`.

    Returns the documents ({"id","title","text"}) and how many documents were eligible
    up to the last one read.
    """
    if not corpus.is_file():
        raise KeywordsError(f"corpus not found: {corpus} (pass --corpus PATH)")
    sample, eligible, seen_ids = [], 0, set()
    with corpus.open(encoding="utf-8") as source:
        for number, record in enumerate(source, 1):
            if not record.strip():
                continue
            try:
                document = json.loads(record)
                text = document.get("text")
            except (json.JSONDecodeError, AttributeError) as error:
                raise KeywordsError(f"{corpus}:{number}: not a JSON object: {error}") from None
            if not isinstance(text, str) or len(text) < min_chars:
                continue
            eligible += 1
            if (eligible - 1) % every:
                continue
            doc_id = str(document.get("id") or f"line-{number}")
            if doc_id in seen_ids:  # segtool's output is matched to the input by id
                doc_id = f"{doc_id}#line-{number}"
            seen_ids.add(doc_id)
            title = document.get("title")
            sample.append({"id": doc_id, "title": title if isinstance(title, str) else "",
                           "text": text})
            if len(sample) >= limit:
                break
    if not sample:
        raise KeywordsError(f"no document of {corpus} has a text of at least {min_chars} "
                            "characters")
    return sample, eligible


# --------------------------------------------------------------------------- segtool


def segtool_keywords(binary: Path, sample_path: Path, documents: list[dict], top: int,
                     method: str) -> tuple[list[list[str]], float]:
    """One `segtool keywords` run over the sample: keyword lists (input order) and wall time."""
    command = [str(binary), "keywords", str(sample_path), "--json", "--top", str(top),
               "--method", method]
    result, elapsed = run_checked(command)
    stdout = result.stdout
    by_id = {}
    for line in stdout.decode("utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            by_id[str(record["id"])] = [entry["word"] for entry in record["keywords"]]
    missing = [document["id"] for document in documents if document["id"] not in by_id]
    if missing:
        raise KeywordsError(f"`{shlex.join(command)}` printed no keywords for "
                            f"{len(missing)} document(s), e.g. {missing[0]}")
    return [by_id[document["id"]] for document in documents], elapsed


def segtool_startup(binary: Path, scratch: Path, method: str) -> float:
    """Median wall time of `segtool keywords` on a one-document input (process startup,
    loading the dictionaries and the IDF table)."""
    probe = scratch / "startup.jsonl"
    probe.write_text(json.dumps({"id": "probe", "title": "", "text": "开始工作。"},
                                ensure_ascii=False) + "\n", encoding="utf-8")
    command = [str(binary), "keywords", str(probe), "--json", "--method", method]
    return statistics.median(run_checked(command)[1] for _ in range(3))


LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def segtool_token_spans(binary: Path, documents: list[dict],
                        scratch: Path) -> list[list[tuple[int, int]]]:
    """segtool's segmentation (precise mode) of every document, as character spans."""
    lines, owners = [], []  # owners: (document index, character offset of the line)
    for index, document in enumerate(documents):
        text, offset = document["text"], 0
        for match in LINE_BREAK.finditer(text):
            lines.append(text[offset:match.start()])
            owners.append((index, offset))
            offset = match.end()
        lines.append(text[offset:])
        owners.append((index, offset))
    path = scratch / "segment-input.txt"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    command = [str(binary), "segment", str(path), "--format", "json"]
    stdout = run_checked(command)[0].stdout
    output = [line for line in stdout.decode("utf-8").splitlines() if line.strip()]
    if len(output) != len(lines):
        raise KeywordsError(f"`{shlex.join(command)}` wrote {len(output)} lines for "
                            f"{len(lines)} input lines")
    spans: list[list[tuple[int, int]]] = [[] for _ in documents]
    for record_line, line, (index, offset) in zip(output, lines, owners):
        record = json.loads(record_line)
        # UTF-8 byte offset -> character offset within the line.
        char_at = {}
        position = 0
        for char_index, char in enumerate(line):
            char_at[position] = char_index
            position += len(char.encode("utf-8"))
        char_at[position] = len(line)
        for token in record["tokens"]:
            start, end = char_at.get(token["start"]), char_at.get(token["end"])
            if start is None or end is None:
                raise KeywordsError(f"`{shlex.join(command)}`: token offsets "
                                    f"{token['start']}..{token['end']} are not on character "
                                    "boundaries")
            spans[index].append((offset + start, offset + end))
    return spans


# --------------------------------------------------------------------------- analysis


def jieba_token_spans(jieba, text: str) -> list[tuple[int, int]]:
    """jieba's default segmentation of the whole text (jieba.tokenize = jieba.lcut with
    offsets: precise mode, HMM on)."""
    return [(start, end) for _, start, end in jieba.tokenize(text)]


def fold(text: str) -> str:
    """Lower case, one character for one (segtool prints Latin keywords in lower case,
    jieba as written), so that character offsets stay valid."""
    return "".join(low if len(low := char.lower()) == 1 else char for char in text)


def occurrences(text: str, word: str) -> list[int]:
    found, start = [], text.find(word)
    while start >= 0:
        found.append(start)
        start = text.find(word, start + 1)
    return found


def token_check(text: str, word: str, spans: list[tuple[int, int]],
                span_set: set[tuple[int, int]]) -> tuple[str, str]:
    """How a segmentation (its token spans) treats `word` in `text` (both folded).

    Returns (verdict, detail): "token" when some occurrence of `word` is one token;
    otherwise, judged at the first occurrence, "inside" when one longer token covers it,
    "split" when it is cut into or across several tokens (detail: the covering tokens,
    joined by |), "absent" when `word` does not occur in the text verbatim.
    """
    starts = occurrences(text, word)
    if not starts:
        return "absent", ""
    if any((start, start + len(word)) in span_set for start in starts):
        return "token", word
    start, end = starts[0], starts[0] + len(word)
    covering = [(s, e) for s, e in spans if s < end and e > start]
    detail = "|".join(text[s:e] for s, e in covering)
    if len(covering) == 1:
        return "inside", detail
    return "split", detail


def shared_words(ours: list[str], theirs: list[str], top: int) -> set[str]:
    """The folded words in both top-K lists."""
    return {fold(word) for word in ours[:top]} & {fold(word) for word in theirs[:top]}


def overlap_stats(ours: list[list[str]], theirs: list[list[str]], top: int) -> dict:
    shared = [len(shared_words(a, b, top)) for a, b in zip(ours, theirs)]
    half = (top + 1) // 2
    return {
        "mean_overlap": statistics.fmean(count / top for count in shared),
        "median_shared": statistics.median(shared),
        "share_at_least_half": sum(count >= half for count in shared) / len(shared),
        "at_least": half,
        "histogram": [shared.count(k) for k in range(top + 1)],
        "per_document": shared,
    }


NUMBER = re.compile(r"[0-9０-９.,%．，％]+")


def analyse(documents, ours, theirs, jieba_spans, our_spans, top) -> dict:
    """Our keywords jieba does not produce as tokens, and jieba's single-character,
    number and fragment keywords."""

    def tally(counter: collections.Counter, detail: dict, verdict: str) -> list[dict]:
        return [{"word": w, "documents": n, "cut": detail[verdict, w]}
                for w, n in counter.most_common()]

    ours_cut = {"split": collections.Counter(), "inside": collections.Counter(),
                "absent": collections.Counter()}
    ours_detail, ours_docs, ours_multi = {}, 0, 0
    theirs_cut = {"single": collections.Counter(), "number": collections.Counter(),
                  "inside": collections.Counter(), "split": collections.Counter(),
                  "absent": collections.Counter()}
    theirs_detail, theirs_docs = {}, 0
    for document, our_words, their_words, j_spans, o_spans in zip(
            documents, ours, theirs, jieba_spans, our_spans):
        text = fold(document["text"])
        j_set, o_set = set(j_spans), set(o_spans)
        flagged = False
        for word in our_words[:top]:
            if len(word) < 2:
                continue
            ours_multi += 1
            verdict, detail = token_check(text, fold(word), j_spans, j_set)
            if verdict != "token":
                ours_cut[verdict][word] += 1
                ours_detail.setdefault((verdict, word), detail)
                flagged = True
        ours_docs += flagged
        flagged = False
        for word in their_words[:top]:
            if len(word) == 1:
                verdict, detail = "single", ""
            elif NUMBER.fullmatch(word):
                verdict, detail = "number", ""
            else:
                verdict, detail = token_check(text, fold(word), o_spans, o_set)
            if verdict != "token":
                theirs_cut[verdict][word] += 1
                theirs_detail.setdefault((verdict, word), detail)
                flagged = flagged or verdict in ("single", "number", "inside")
        theirs_docs += flagged
    count = lambda counter: sum(counter.values())
    return {
        "ours": {
            "multi_char_keywords": ours_multi,
            "not_a_jieba_token": sum(count(c) for c in ours_cut.values()),
            "documents": ours_docs,
            "counts": {verdict: count(c) for verdict, c in ours_cut.items()},
            "words": {verdict: tally(c, ours_detail, verdict) for verdict, c in ours_cut.items()},
        },
        "jieba": {
            "keywords": sum(len(words[:top]) for words in theirs),
            "documents_with_single_number_or_fragment": theirs_docs,
            "counts": {verdict: count(c) for verdict, c in theirs_cut.items()},
            "words": {verdict: tally(c, theirs_detail, verdict)
                      for verdict, c in theirs_cut.items()},
        },
    }


# --------------------------------------------------------------------------- report



def percent(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


def word_list(entries: list[dict], key: str | None, limit: int = 15) -> str:
    shown = []
    for entry in entries[:limit]:
        item = entry["word"]
        if key and entry.get(key):
            item += f" ({entry[key]})"
        if entry["documents"] > 1:
            item += f" ×{entry['documents']}"
        shown.append(item)
    more = len(entries) - limit
    return ", ".join(shown) + (f", … ({more} more)" if more > 0 else "") if shown else "none"


def markdown(report: dict) -> str:
    meta, sample, top = report["meta"], report["sample"], report["meta"]["top"]
    tfidf, textrank = report["tfidf"], report["textrank"]
    n = sample["documents"]
    lines = [
        "## Keywords: segtool vs. jieba.analyse",
        "",
        f"- Date: {meta['date']}; {meta['cpu']}; Python {meta['python']}",
        f"- segtool {meta['segtool_version']}: `{meta['segtool']}` (`keywords --json --top "
        f"{top}`, built-in IDF table and stop words)",
        f"- jieba {meta['jieba_version']}: `jieba.analyse.extract_tags(text, topK={top})` "
        f"and `jieba.analyse.textrank(text, topK={top})` (default IDF, stop words, allowPOS)",
        f"- Sample: {n} documents ({sample['characters']:,} characters): one in every "
        f"{sample['every']} of the documents with at least {sample['min_chars']} characters "
        f"of text in `{sample['corpus']}` (limit {sample['limit']})",
        f"- Command: `{meta['command']}`",
        "",
        "### TF-IDF",
        "",
        "| | segtool | jieba |",
        "|---|---:|---:|",
        f"| mean overlap@{top} | {tfidf['overlap']['mean_overlap']:.3f} | |",
        f"| documents with ≥ {tfidf['overlap']['at_least']} shared | "
        f"{percent(tfidf['overlap']['share_at_least_half'], 1)} | |",
        f"| time, {n} documents (median of {meta['rounds']}) | "
        f"{tfidf['segtool_seconds']:.2f} s wall "
        f"(startup {tfidf['segtool_startup_seconds'] * 1000:.0f} ms) "
        f"| {tfidf['jieba_seconds']:.2f} s |",
        "",
        f"Shared keywords per document (0…{top}): "
        + " · ".join(f"{k}: {c}" for k, c in enumerate(tfidf["overlap"]["histogram"])),
        "",
    ]
    ours, theirs = tfidf["segmentation"]["ours"], tfidf["segmentation"]["jieba"]
    oc, tc = ours["counts"], theirs["counts"]
    bad = tc["single"] + tc["number"] + tc["inside"]
    lines += [
        "**Our multi-character keywords that jieba does not produce as one token** "
        "(`jieba.lcut` on the whole document never yields the word; the cut shown is "
        "jieba's at the first occurrence): "
        f"{ours['not_a_jieba_token']} of {ours['multi_char_keywords']} "
        f"({percent(ours['not_a_jieba_token'], ours['multi_char_keywords'])}), in "
        f"{ours['documents']} of {n} documents.",
        "",
        f"- jieba cuts it into several tokens: {oc['split']} — "
        f"{word_list(ours['words']['split'], 'cut', 25)}",
        f"- it is part of a longer jieba token (a fragment, by the test applied to jieba's "
        f"keywords below): {oc['inside']} — "
        f"{word_list(ours['words']['inside'], 'cut', 25)}",
    ]
    if oc["absent"]:
        lines.append(f"- not in the text verbatim: {oc['absent']} — "
                     f"{word_list(ours['words']['absent'], None)}")
    lines += [
        "",
        "**jieba's keywords that are single characters, numbers or fragments** (a fragment "
        "is never one token of segtool's segmentation of the document and lies inside a "
        f"longer segtool token at its first occurrence): {bad} of {theirs['keywords']} "
        f"({percent(bad, theirs['keywords'])}), in "
        f"{theirs['documents_with_single_number_or_fragment']} of {n} documents.",
        "",
        f"- single characters: {tc['single']} — {word_list(theirs['words']['single'], None)}",
        f"- numbers: {tc['number']} — {word_list(theirs['words']['number'], None)}",
        f"- fragments (the segtool word around it): {tc['inside']} — "
        f"{word_list(theirs['words']['inside'], 'cut')}",
        f"- (not counted above) longer than segtool's tokens, segtool cuts them: {tc['split']} — "
        f"{word_list(theirs['words']['split'], 'cut', 25)}",
        "",
        f"### Examples (the first {len(report['examples'])} documents of the sample)",
        "",
        "Shared keywords are in bold.",
    ]
    for example in report["examples"]:
        shared = shared_words(example["segtool"], example["jieba"], top)
        mark = lambda word: f"**{word}**" if fold(word) in shared else word
        lines += [
            "",
            f"`{example['id']}` {example['title']} ({example['characters']:,} characters, "
            f"{len(shared)} shared)",
            "",
            "| # | segtool | jieba |",
            "|---:|---|---|",
        ]
        for rank in range(max(len(example["segtool"]), len(example["jieba"]))):
            left = mark(example["segtool"][rank]) if rank < len(example["segtool"]) else ""
            right = mark(example["jieba"][rank]) if rank < len(example["jieba"]) else ""
            lines.append(f"| {rank + 1} | {left} | {right} |")
    lines += [
        "",
        "### TextRank",
        "",
        f"`segtool keywords --method textrank` vs. `jieba.analyse.textrank(text, topK={top})`: "
        f"mean overlap@{top} {textrank['overlap']['mean_overlap']:.3f}; "
        f"{percent(textrank['overlap']['share_at_least_half'], 1)} of the documents share "
        f"≥ {textrank['overlap']['at_least']}. Time (median of {meta['rounds']}): segtool "
        f"{textrank['segtool_seconds']:.2f} s "
        f"wall (startup {textrank['segtool_startup_seconds'] * 1000:.0f} ms), jieba "
        f"{textrank['jieba_seconds']:.2f} s.",
        "",
        f"Overlap@K = |our top K ∩ jieba's top K| / K per document, averaged over documents; "
        "words are compared in lower case (segtool prints Latin keywords in lower case). "
        "segtool's time is one process over the whole sample (reading, segmenting, "
        "scoring, printing JSON), startup included; jieba's is the sum of its calls in this "
        "process after `jieba.initialize()`.",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def main() -> int:
    repo_root = find_repo_root()
    args = parse_args()
    corpus = resolve_in_repo(args.corpus, repo_root)
    binary = resolve_segtool(args.segtool, repo_root)
    documents, eligible = read_sample(corpus, args.every, args.limit, args.min_chars)
    jieba = import_jieba()
    top = args.top
    command = os.environ.get("SEGTOOL_PEERS_COMMAND") or shlex.join([sys.executable, *sys.argv])
    print(f"sample: {len(documents)} documents; segtool: {binary}", file=sys.stderr)

    scratch = Path(tempfile.mkdtemp(prefix="segtool-keywords-"))
    try:
        sample_path = scratch / "sample.jsonl"
        with sample_path.open("w", encoding="utf-8") as sink:
            for document in documents:
                sink.write(json.dumps(document, ensure_ascii=False) + "\n")

        results = {}
        for method in ("tfidf", "textrank"):
            if method == "tfidf":
                extract = lambda text: jieba.analyse.extract_tags(text, topK=top)
            else:
                extract = lambda text: jieba.analyse.textrank(text, topK=top)
            seconds, startups, jieba_seconds = [], [], []
            for _ in range(args.rounds):  # the keywords of every round are the same
                ours, elapsed = segtool_keywords(binary, sample_path, documents, top, method)
                seconds.append(elapsed)
                startups.append(segtool_startup(binary, scratch, method))
                start = time.perf_counter()
                theirs = [list(extract(document["text"])) for document in documents]
                jieba_seconds.append(time.perf_counter() - start)
            results[method] = {
                "ours": ours, "theirs": theirs,
                "segtool_seconds": statistics.median(seconds), "segtool_seconds_per_round": seconds,
                "segtool_startup_seconds": statistics.median(startups),
                "jieba_seconds": statistics.median(jieba_seconds),
                "jieba_seconds_per_round": jieba_seconds}
            print(f"{method}: segtool {', '.join(f'{x:.2f}' for x in seconds)} s; "
                  f"jieba {', '.join(f'{x:.2f}' for x in jieba_seconds)} s", file=sys.stderr)

        our_spans = segtool_token_spans(binary, documents, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    jieba_spans = [jieba_token_spans(jieba, document["text"]) for document in documents]

    report = {
        "meta": {
            "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "cpu": machine_info()["cpu"],
            "python": machine_info()["python"],
            "command": command,
            "segtool": str(binary),
            "segtool_version": segtool_version(binary),
            "jieba_version": package_version("jieba"),
            "top": top,
            "rounds": args.rounds,
        },
        "sample": {
            "corpus": str(corpus), "every": args.every, "limit": args.limit,
            "min_chars": args.min_chars, "documents": len(documents),
            "eligible_seen": eligible,
            "characters": sum(len(document["text"]) for document in documents),
        },
    }
    for method, result in results.items():
        section = {
            "overlap": overlap_stats(result["ours"], result["theirs"], top),
            "segtool_seconds": result["segtool_seconds"],
            "segtool_seconds_per_round": result["segtool_seconds_per_round"],
            "segtool_startup_seconds": result["segtool_startup_seconds"],
            "jieba_seconds": result["jieba_seconds"],
            "jieba_seconds_per_round": result["jieba_seconds_per_round"],
        }
        if method == "tfidf":
            section["segmentation"] = analyse(documents, result["ours"], result["theirs"],
                                              jieba_spans, our_spans, top)
        section["documents"] = [
            {"id": document["id"], "segtool": ours, "jieba": theirs}
            for document, ours, theirs in zip(documents, result["ours"], result["theirs"])]
        report[method] = section
    report["examples"] = [
        {"id": document["id"], "title": document["title"],
         "characters": len(document["text"]),
         "segtool": results["tfidf"]["ours"][index][:top],
         "jieba": results["tfidf"]["theirs"][index][:top]}
        for index, document in enumerate(documents[:args.examples])]

    write_report(markdown(report), report, args.json)
    return 0


if __name__ == "__main__":
    run_script("keywords.py", main)
