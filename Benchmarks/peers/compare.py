#!/usr/bin/env python3
"""Compare segtool with jieba and rjieba: segmentation throughput and dev-set accuracy.

Run it through run.sh, which prepares a virtual environment with the peers installed.

Throughput: a plain-text sample of the corpus (the `text` fields of the JSONL, one
paragraph per line, up to --mb MB) is segmented in every round by each tool in turn.
segtool runs as a subprocess writing to /dev/null; its startup time (the same flags on a
one-line input) is measured beside each run and subtracted. jieba and rjieba run in this
process after their dictionaries are loaded, joining each line's tokens and writing them
to /dev/null, so every tool does read + segment + write.

Accuracy: SIGHAN-style word precision/recall/F1 on the dev set's gold.utf8 and term
recall on its terms.tsv (see the dev set's README.md).

The sample and all scratch files go to a temporary directory outside the repository.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shlex
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import (find_repo_root, machine_info, package_version, PeerError,  # noqa: E402  (beside this script)
                    resolve_in_repo, run_checked, run_script, segtool_version, write_report)

MB = 1_000_000  # throughput is reported in decimal megabytes of UTF-8 input


class CompareError(PeerError):
    """A problem with the inputs or a tool; printed without a traceback."""


# --------------------------------------------------------------------------- setup


def parse_args(repo_root: Path) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Compare segtool with jieba and rjieba (throughput and dev-set accuracy).")
    parser.add_argument("--corpus", default="../shared/corpus/politics.jsonl",
                        help="JSONL corpus with a `text` field per record; relative paths are "
                             "resolved against the repository root (default: %(default)s)")
    parser.add_argument("--mb", type=float, default=8,
                        help="MB (10^6 bytes) of corpus text to segment (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="timing rounds; medians are reported (default: %(default)s)")
    parser.add_argument("--segtool", default=None,
                        help="segtool binary (default: $SEGTOOL, else .build/release/segtool "
                             "in the repository)")
    parser.add_argument("--devset", default="../shared/devset",
                        help="directory with gold.utf8 and terms.tsv; relative paths are "
                             "resolved against the repository root (default: %(default)s)")
    parser.add_argument("--json", metavar="FILE", default=None,
                        help="also write all numbers to FILE as JSON")
    args = parser.parse_args()
    if args.mb <= 0:
        parser.error("--mb must be positive")
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    return args


def resolve_segtool(option: str | None, repo_root: Path) -> Path:
    """--segtool, else $SEGTOOL (both relative to the working directory), else the release build."""
    given = option or os.environ.get("SEGTOOL")
    if given:
        path = Path(os.path.abspath(Path(given).expanduser()))
        if not path.is_file():
            raise CompareError(f"segtool binary not found: {path}")
    else:
        path = repo_root / ".build/release/segtool"
        if not path.is_file():
            debug = repo_root / ".build/debug/segtool"
            hint = (f" A debug build exists: pass SEGTOOL={debug} (its speed is not meaningful)."
                    if debug.is_file() else "")
            raise CompareError(f"segtool binary not found: {path}. Build it with "
                               f"`swift build -c release`, or pass --segtool/SEGTOOL.{hint}")
    if not os.access(path, os.X_OK):
        raise CompareError(f"segtool binary is not executable: {path}")
    return path


def import_peers():
    try:
        import jieba
        import rjieba
    except ImportError as error:
        raise CompareError(f"{error}. Run this through Benchmarks/peers/run.sh, which installs "
                           "jieba and rjieba into its virtual environment.") from None
    import logging
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()  # loads the dictionary now, outside any timing
    rjieba.cut("初始化")  # rjieba builds its default instance on first use
    return jieba, rjieba


# --------------------------------------------------------------------------- inputs


def write_sample(corpus: Path, limit_bytes: int, out: Path) -> tuple[int, int, bool]:
    """Writes the corpus's `text` fields, one paragraph per line, until `limit_bytes`.

    Returns (bytes written, lines written, whether the corpus ran out first).
    """
    if not corpus.is_file():
        raise CompareError(f"corpus not found: {corpus} (pass --corpus PATH)")
    written = lines = 0
    with corpus.open(encoding="utf-8") as source, out.open("w", encoding="utf-8") as sink:
        for number, record in enumerate(source, 1):
            if not record.strip():
                continue
            try:
                text = json.loads(record).get("text")
            except (json.JSONDecodeError, AttributeError) as error:
                raise CompareError(f"{corpus}:{number}: not a JSON object: {error}") from None
            if not isinstance(text, str):
                continue
            for paragraph in text.splitlines():
                paragraph = paragraph.strip()
                if not paragraph:
                    continue
                size = len(paragraph.encode("utf-8")) + 1
                if written + size > limit_bytes:
                    return written, lines, False
                sink.write(paragraph + "\n")
                written += size
                lines += 1
    if written == 0:
        raise CompareError(f"corpus has no `text` fields: {corpus}")
    return written, lines, True


def read_devset(devset: Path) -> tuple[list[list[str]], list[tuple[str, str]]]:
    """The gold segmentations (token lists) and the (term, sentence) pairs."""
    gold_path, terms_path = devset / "gold.utf8", devset / "terms.tsv"
    for path in (gold_path, terms_path):
        if not path.is_file():
            raise CompareError(f"dev set file not found: {path} (pass --devset DIR)")
    gold = [[token for token in line.split(" ") if token]
            for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    terms = []
    for number, line in enumerate(terms_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 2 or not fields[0] or fields[0] not in fields[1]:
            raise CompareError(f"{terms_path}:{number}: expected TERM<TAB>SENTENCE with TERM "
                               "in SENTENCE")
        terms.append((fields[0], fields[1]))
    if not gold or not terms:
        raise CompareError(f"dev set is empty: {devset}")
    return gold, terms


# --------------------------------------------------------------------------- tools


SEGTOOL_VARIANTS = [  # (name, extra flags)
    ("segtool --icu-only", ["--icu-only"]),
    ("segtool", []),
    ("segtool --threads 2", ["--threads", "2"]),
]
BASELINE = "segtool --icu-only"


def run_segtool(binary: Path, flags: list[str], input_path: Path, stdout) -> float:
    """Runs `segtool segment INPUT FLAGS`, returns its wall time in seconds."""
    return run_checked([str(binary), "segment", str(input_path), *flags], stdout=stdout)[1]


def segment_with_segtool(binary: Path, flags: list[str], lines: list[str],
                         scratch: Path) -> list[list[str]]:
    """Segments `lines` in one segtool call; one token list per line."""
    input_path = scratch / "devset-input.txt"
    input_path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    command = [str(binary), "segment", str(input_path), *flags]
    result, _ = run_checked(command)
    output = result.stdout.decode("utf-8").split("\n")
    if output and output[-1] == "":
        output.pop()
    if len(output) != len(lines):
        raise CompareError(f"`{shlex.join(command)}` wrote {len(output)} lines for "
                           f"{len(lines)} input lines")
    return [[token for token in line.split(" ") if token] for line in output]


def time_in_process(cut, sample: Path) -> float:
    """Reads, segments and writes the sample (to /dev/null) with `cut`; wall seconds."""
    start = time.perf_counter()
    with sample.open(encoding="utf-8") as source, open(os.devnull, "w", encoding="utf-8") as sink:
        for line in source:
            sink.write(" ".join(cut(line.rstrip("\n"))) + "\n")
    return time.perf_counter() - start


# --------------------------------------------------------------------------- scoring


def spans(tokens: list[str], raw: str) -> tuple[set[tuple[int, int]], bool]:
    """Character spans [start, end) of `tokens` in `raw`; False when they do not tile it.

    Whitespace-only tokens are skipped (segtool drops them). A token that does not
    continue at the cursor is looked up further on, so one odd token costs only itself.
    """
    result, cursor, exact = set(), 0, True
    for token in tokens:
        if not token.strip():
            continue
        if raw.startswith(token, cursor):
            start = cursor
        else:
            exact = False
            start = raw.find(token, cursor)
            if start < 0:
                continue
        result.add((start, start + len(token)))
        cursor = start + len(token)
    return result, exact and cursor == len(raw)


def word_scores(gold: list[list[str]], system: list[list[str]]) -> dict:
    matched = gold_count = system_count = misaligned = 0
    for gold_tokens, system_tokens in zip(gold, system):
        raw = "".join(gold_tokens)
        gold_spans, _ = spans(gold_tokens, raw)
        system_spans, exact = spans(system_tokens, raw)
        misaligned += not exact
        matched += len(gold_spans & system_spans)
        gold_count += len(gold_spans)
        system_count += len(system_spans)
    precision = matched / system_count if system_count else 0.0
    recall = matched / gold_count if gold_count else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "matched": matched,
            "gold_words": gold_count, "system_words": system_count,
            "misaligned_lines": misaligned}


def term_scores(terms: list[tuple[str, str]], system: list[list[str]]) -> dict:
    hits, misses = 0, []
    for (term, sentence), tokens in zip(terms, system):
        start = sentence.find(term)
        token_spans, _ = spans(tokens, sentence)
        if (start, start + len(term)) in token_spans:
            hits += 1
        else:
            misses.append(term)
    return {"term_recall": hits / len(terms), "hits": hits, "terms": len(terms),
            "missed": misses}


# --------------------------------------------------------------------------- report


def markdown(report: dict) -> str:
    meta, sample = report["meta"], report["sample"]
    machine = meta["machine"]
    cores = f"{machine['cores']} cores"
    if machine["usable_cores"] not in (None, machine["cores"]):
        cores += f" ({machine['usable_cores']} usable)"
    lines = [
        "## segtool vs. peers",
        "",
        f"- Date: {meta['date']}",
        f"- Machine: {machine['cpu']}, {cores}; {machine['os']}; Python {machine['python']}",
        f"- segtool {meta['segtool_version']} ({meta['segtool_build']} build): "
        f"`{meta['segtool']}`",
        f"- jieba {meta['versions']['jieba']} (jieba.cut, HMM on, precise mode); "
        f"rjieba {meta['versions']['rjieba']} (rjieba.cut, HMM on)",
        f"- Sample: {sample['bytes'] / MB:.2f} MB, {sample['lines']} paragraphs from "
        f"`{sample['corpus']}`; {meta['rounds']} round(s), medians shown",
        f"- Command: `{meta['command']}`",
    ]
    if meta["segtool_build"] == "debug":
        lines.append("- **segtool is a debug build: its speed numbers are not meaningful.**")
    if sample["corpus_exhausted"]:
        lines.append("- The corpus held less text than requested; all of it was used.")
    lines += [
        "",
        "### Throughput",
        "",
        "| tool | threads | time (s) | startup (ms) | MB/s | MB/s incl. startup "
        "| × icu-only |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in report["throughput"].items():
        startup = f"{row['startup_ms']:.0f}" if row["startup_ms"] is not None else "–"
        gross = f"{row['mb_per_s_gross']:.2f}" if row["mb_per_s_gross"] is not None else "–"
        lines.append(f"| {name} | {row['threads']} | {row['seconds']:.2f} | {startup} "
                     f"| {row['mb_per_s']:.2f} | {gross} | {row['ratio_to_icu_only']:.2f} |")
    lines += [
        "",
        "MB/s is 10^6 bytes of UTF-8 input per second of wall time, read + segment + write to "
        "/dev/null; for segtool its startup (same flags, one-line input) is subtracted, "
        "jieba/rjieba run in-process with dictionaries loaded beforehand. "
        "× icu-only is the median of per-round ratios to `segtool --icu-only`.",
        "",
        "### Accuracy (dev set)",
        "",
        "| tool | P | R | F1 | term recall |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, row in report["accuracy"].items():
        lines.append(f"| {name} | {row['precision']:.4f} | {row['recall']:.4f} "
                     f"| {row['f1']:.4f} | {row['term_recall']:.4f} "
                     f"({row['hits']}/{row['terms']}) |")
    accuracy = report["accuracy"]
    lines += [
        "",
        f"Words: {next(iter(accuracy.values()))['gold_words']} gold words in "
        f"{report['devset']['sentences']} sentences (`{report['devset']['path']}`), "
        "SIGHAN-style span matching, micro-averaged. Term recall: a term counts when one "
        "token covers exactly its characters.",
    ]
    odd = [f"{name} ({row['misaligned_lines']} lines)" for name, row in accuracy.items()
           if row["misaligned_lines"]]
    if odd:
        lines.append(f"Output that did not tile the input text: {', '.join(odd)}.")
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def main() -> int:
    repo_root = find_repo_root()
    args = parse_args(repo_root)
    corpus = resolve_in_repo(args.corpus, repo_root)
    devset = resolve_in_repo(args.devset, repo_root)
    binary = resolve_segtool(args.segtool, repo_root)
    gold, terms = read_devset(devset)  # fail early, before the long timing runs
    if not corpus.is_file():
        raise CompareError(f"corpus not found: {corpus} (pass --corpus PATH)")
    jieba, rjieba = import_peers()

    command = os.environ.get("SEGTOOL_PEERS_COMMAND") or shlex.join(
        [sys.executable, *sys.argv])
    build = next((part for part in ("debug", "release") if part in binary.parts), "unknown")
    scratch = Path(tempfile.mkdtemp(prefix="segtool-peers-"))
    try:
        sample_path = scratch / "sample.txt"
        sample_bytes, sample_lines, exhausted = write_sample(
            corpus, int(args.mb * MB), sample_path)
        if sample_bytes == 0:
            raise CompareError(f"--mb {args.mb} is smaller than the first paragraph of {corpus}")
        probe_path = scratch / "startup.txt"
        probe_path.write_text("开始。\n", encoding="utf-8")
        print(f"sample: {sample_bytes / MB:.2f} MB, {sample_lines} lines; segtool: {binary}",
              file=sys.stderr)

        # ---- throughput: every tool once per round, in the same order each round
        seconds: dict[str, list[float]] = {}
        startups: dict[str, list[float]] = {}
        with open(os.devnull, "wb") as null:
            for round_number in range(1, args.rounds + 1):
                for name, flags in SEGTOOL_VARIANTS:
                    startup = statistics.median(
                        run_segtool(binary, flags, probe_path, null) for _ in range(3))
                    elapsed = run_segtool(binary, flags, sample_path, null)
                    startups.setdefault(name, []).append(startup)
                    seconds.setdefault(name, []).append(elapsed)
                for name, cut in (("jieba", lambda s: jieba.cut(s, cut_all=False, HMM=True)),
                                  ("rjieba", lambda s: rjieba.cut(s, hmm=True))):
                    seconds.setdefault(name, []).append(time_in_process(cut, sample_path))
                done = ", ".join(f"{name} {values[-1]:.1f}s" for name, values in seconds.items())
                print(f"round {round_number}/{args.rounds}: {done}", file=sys.stderr)

        throughput = {}
        net = {name: [max(total - startups.get(name, [0.0] * args.rounds)[i], 1e-9)
                      for i, total in enumerate(values)]
               for name, values in seconds.items()}
        for name, values in seconds.items():
            is_segtool = name in startups
            rates = [sample_bytes / MB / s for s in net[name]]
            ratios = [net[BASELINE][i] / s for i, s in enumerate(net[name])]
            throughput[name] = {
                "threads": 2 if "--threads 2" in name else 1,
                "seconds": statistics.median(values),
                "seconds_per_round": values,
                "startup_ms": statistics.median(startups[name]) * 1000 if is_segtool else None,
                "startup_ms_per_round": [s * 1000 for s in startups[name]] if is_segtool else None,
                "mb_per_s": statistics.median(rates),
                "mb_per_s_gross": (statistics.median(sample_bytes / MB / s for s in values)
                                   if is_segtool else None),
                "ratio_to_icu_only": statistics.median(ratios),
            }

        # ---- accuracy
        raw_gold = ["".join(tokens) for tokens in gold]
        sentences = [sentence for _, sentence in terms]
        segmenters = {
            "segtool --icu-only": lambda lines: segment_with_segtool(
                binary, ["--icu-only"], lines, scratch),
            "segtool": lambda lines: segment_with_segtool(binary, [], lines, scratch),
            "jieba": lambda lines: [list(jieba.cut(line, cut_all=False, HMM=True))
                                    for line in lines],
            "rjieba": lambda lines: [rjieba.cut(line, hmm=True) for line in lines],
        }
        accuracy = {}
        for name, segment in segmenters.items():
            accuracy[name] = {**word_scores(gold, segment(raw_gold)),
                              **term_scores(terms, segment(sentences))}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    report = {
        "meta": {
            "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "machine": machine_info(),
            "command": command,
            "segtool": str(binary),
            "segtool_version": segtool_version(binary),
            "segtool_build": build,
            "versions": {"jieba": package_version("jieba"), "rjieba": package_version("rjieba")},
            "rounds": args.rounds,
        },
        "sample": {"corpus": str(corpus), "requested_mb": args.mb, "bytes": sample_bytes,
                   "lines": sample_lines, "corpus_exhausted": exhausted},
        "devset": {"path": str(devset), "sentences": len(gold), "terms": len(terms)},
        "throughput": throughput,
        "accuracy": accuracy,
    }
    write_report(markdown(report), report, args.json)
    return 0


if __name__ == "__main__":
    run_script("compare.py", main)
