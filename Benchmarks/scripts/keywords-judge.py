#!/usr/bin/env python3
"""Judge `segtool keywords` and jieba.analyse.extract_tags blind, by hand (issue 17, section 6).

Three fixed samples of 40 documents of the corpus, each disjoint from the ones before it: `dev`
(seed 1701), which we looked at while improving the extractor; `test` (seed 1702), judged to
report; `holdout` (seed 1703), judged after all but the last change; `final` (seed 1704), drawn
and judged once, after the last change of the first round; `final2` (seed 1705), drawn and
judged once after the last change of the second round (the others were all looked at by then);
`final3` (seed 1706), drawn before the third round's changes and judged once, after its last one;
`final4` (seed 1707), drawn before the fourth round's changes, its pool (the extractor's top 20
as it was, jieba's lists) judged before any list of the changed extractor was made; `final5`
(seed 1708), drawn after final4 had been scored, its pool (the extractor before and after the
fourth round, top 20 each, and jieba's lists) judged before the round's last changes.
`final6` (seed 1709), drawn at the start of the sixth round, its pool (the extractor's top 20 as
it was, jieba's lists) judged blind before any change of that round; `final7` (seed 1710), the
same for the seventh round; `final8` (seed 1711), the same for the eighth; `final9` (seed 1712),
the same for the ninth; `final10` (seed 1713), drawn by kw20 after its change was chosen on
final4–final8, its segtool pool (the lists before and after) judged blind before scoring;
`final11` (seed 1714), drawn by kw21 the same way, after its change was chosen. Each
sample is a mix: 16
short news items (< 400 characters), 12 medium items (400-1,500), 4 long items (> 1,500) and 8
reports (work reports, congress reports, resolutions).

Steps (run with a Python that has jieba, e.g. the peers' venv: ~/.cache/segtool-peers-venv):

    keywords-judge.py run   --sample dev --label NAME [--segtool BIN] [--top N]
        runs `segtool keywords SAMPLE.jsonl --json --top 10` (--top N: a longer list, a judging
        pool; scoring reads the first 10 of every list) (SAMPLE.jsonl: id, title, text; in a
        temporary directory outside the repository) and, unless the jieba runs exist,
        jieba.analyse.extract_tags(text, topK=10) and, since segtool uses the title,
        extract_tags(title + "\n" + text, topK=10); keeps the lists in
        Benchmarks/keywords/runs/SAMPLE-segtool-NAME.tsv, SAMPLE-jieba.tsv and
        SAMPLE-jieba_title.tsv (doc id, rank, keyword).
    keywords-judge.py sheet --sample dev [-o FILE]
        writes the blind judging sheet (default /tmp/keywords-judge-SAMPLE.txt, outside the
        repository, since it quotes the documents): per document its id, title and text (cut at
        --chars characters), then every keyword of every run on it that has no judgement yet,
        all systems together, shuffled, with no label; and a file of pending lines
        (SHEET.pending.tsv: `doc<TAB>keyword<TAB>`) to fill with 1 or 0 and append to
        Benchmarks/keywords/judgements.tsv.
    keywords-judge.py score --sample dev [--runs NAME ...]
        precision@10 of every run (a keyword judged 1 counts; a list shorter than 10 counts its
        missing places as misses), wins/ties/losses of each segtool run against jieba, and the
        keywords still unjudged.

A judgement belongs to (doc id, keyword): the same keyword of the same document is the same
judgement whichever system or version gave it. What is judged good: a term an analyst would
index the document by — names of people, places, organisations, policies, events, topic words;
not generic verbs or adverbs, not fragments of words, not boilerplate.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
KEYWORDS_DIR = REPO / "Benchmarks" / "keywords"
RUNS_DIR = KEYWORDS_DIR / "runs"
JUDGEMENTS = KEYWORDS_DIR / "judgements.tsv"
SEEDS = {"dev": 1701, "test": 1702, "holdout": 1703, "final": 1704, "final2": 1705, "final3": 1706,
         "final4": 1707, "final5": 1708, "final6": 1709, "final7": 1710, "final8": 1711,
         "final9": 1712, "final10": 1713, "final11": 1714}
STRATA = [  # (name, count, predicate on (id, length))
    ("short", 16, lambda i, n: i.startswith("xwlb-") and n < 400),
    ("medium", 12, lambda i, n: i.startswith("xwlb-") and 400 <= n <= 1500),
    ("long", 4, lambda i, n: i.startswith("xwlb-") and n > 1500),
    ("report", 8, lambda i, n: not i.startswith("xwlb-")),
]
TOP = 10


def die(message: str) -> None:
    print(f"keywords-judge: error: {message}", file=sys.stderr)
    sys.exit(2)


def load_corpus(path: Path) -> list[dict]:
    if not path.is_file():
        die(f"corpus not found: {path}")
    docs = []
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as e:
                die(f"{path}:{number}: not JSON ({e})")
            if not isinstance(doc.get("id"), str) or not isinstance(doc.get("text"), str):
                die(f"{path}:{number}: a record needs string `id` and `text`")
            docs.append(doc)
    return docs


_SAMPLES: dict[str, list[dict]] = {}


def sample(docs: list[dict], name: str) -> list[dict]:
    """The sample's documents, in a fixed order; a sample never repeats a document of an earlier one."""
    if name not in _SAMPLES:  # each sample once (the earlier ones are drawn again for every later one)
        _SAMPLES[name] = draw(docs, name)
    return _SAMPLES[name]


def draw(docs: list[dict], name: str) -> list[dict]:
    excluded: set[str] = set()
    for earlier in list(SEEDS)[:list(SEEDS).index(name)]:
        excluded |= {d["id"] for d in sample(docs, earlier)}
    rng = random.Random(SEEDS[name])
    chosen = []
    for _, count, predicate in STRATA:
        pool = [d for d in docs if d["id"] not in excluded and predicate(d["id"], len(d["text"]))]
        if len(pool) < count:
            die(f"only {len(pool)} documents for a stratum that needs {count}")
        chosen.extend(rng.sample(pool, count))
    return chosen


def read_run(path: Path) -> dict[str, list[str]]:
    lists: dict[str, list[str]] = collections.defaultdict(list)
    with path.open(encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and not line.startswith("#"):
                lists[parts[0]].append(parts[2])
    return lists


def write_run(path: Path, lists: dict[str, list[str]], header: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        f.write(f"# {header}\n")
        for doc_id, words in lists.items():
            for rank, word in enumerate(words, 1):
                f.write(f"{doc_id}\t{rank}\t{word}\n")


def read_judgements() -> dict[tuple[str, str], int]:
    judged: dict[tuple[str, str], int] = {}
    if not JUDGEMENTS.is_file():
        return judged
    with JUDGEMENTS.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3 or parts[2] not in ("0", "1"):
                die(f"{JUDGEMENTS}:{number}: expected `doc<TAB>keyword<TAB>0|1`")
            key = (parts[0], parts[1])
            if key in judged and judged[key] != int(parts[2]):
                die(f"{JUDGEMENTS}:{number}: {parts[0]} {parts[1]} judged both ways")
            judged[key] = int(parts[2])
    return judged


def run_segtool(binary: Path, docs: list[dict], extra: list[str], top: int = TOP) -> dict[str, list[str]]:
    with tempfile.TemporaryDirectory(prefix="keywords-judge-") as tmp:
        sample_path = Path(tmp) / "sample.jsonl"
        with sample_path.open("w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps({"id": d["id"], "title": d.get("title") or "", "text": d["text"]},
                                   ensure_ascii=False) + "\n")
        command = [str(binary), "keywords", str(sample_path), "--json", "--top", str(top), *extra]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            die(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.strip()}")
    lists = {}
    for line in result.stdout.splitlines():
        record = json.loads(line)
        lists[record["id"]] = [k["word"] for k in record["keywords"]]
    return lists


def run_jieba(docs: list[dict], with_title: bool = False) -> dict[str, list[str]]:
    try:
        import jieba
        import jieba.analyse
    except ImportError:
        die("jieba is not importable: run this script with the peers' venv "
            "(~/.cache/segtool-peers-venv/bin/python; Benchmarks/peers/run.sh creates it)")
    jieba.setLogLevel(60)
    jieba.initialize()
    # Latin words in lower case, as segtool prints them.
    def text(d: dict) -> str:
        return (d.get("title") or "") + "\n" + d["text"] if with_title else d["text"]
    return {d["id"]: [w.lower() for w in jieba.analyse.extract_tags(text(d), topK=TOP)] for d in docs}


def command_run(args, docs) -> None:
    binary = Path(args.segtool or os.environ.get("SEGTOOL") or REPO / ".build/release/segtool").resolve()
    if not binary.is_file():
        die(f"segtool binary not found: {binary} (swift build -c release --product segtool)")
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout.strip()
    extra = args.segtool_args.split() if args.segtool_args else []
    lists = run_segtool(binary, docs, extra, args.top)
    write_run(RUNS_DIR / f"{args.sample}-segtool-{args.label}.tsv", lists,
              f"segtool {version} keywords --json --top {args.top} {' '.join(extra)} ({args.label})".rstrip())
    jieba_path = RUNS_DIR / f"{args.sample}-jieba.tsv"
    if not jieba_path.is_file():
        import importlib.metadata
        write_run(jieba_path, run_jieba(docs),
                  f"jieba {importlib.metadata.version('jieba')} analyse.extract_tags(text, topK={TOP})")
    # jieba has no title parameter; as segtool sees the title, so does this run of jieba
    # (the title as the text's first line).
    titled_path = RUNS_DIR / f"{args.sample}-jieba_title.tsv"
    if not titled_path.is_file():
        import importlib.metadata
        write_run(titled_path, run_jieba(docs, with_title=True),
                  f"jieba {importlib.metadata.version('jieba')} analyse.extract_tags(title + '\\n' + text, topK={TOP})")
    print(f"wrote {RUNS_DIR / f'{args.sample}-segtool-{args.label}.tsv'}")


def runs_of(sample_name: str, names: list[str] | None) -> dict[str, dict[str, list[str]]]:
    runs = {}
    for path in sorted(RUNS_DIR.glob(f"{sample_name}-*.tsv")):
        name = path.stem[len(sample_name) + 1:]
        if names and name not in names and not name.startswith("jieba"):
            continue
        runs[name] = read_run(path)
    if not runs:
        die(f"no runs for sample {sample_name}: `run` first")
    return runs


def command_sheet(args, docs) -> None:
    judged = read_judgements()
    runs = runs_of(args.sample, args.runs)
    out = Path(args.output or f"/tmp/keywords-judge-{args.sample}.txt")
    pending_lines = []
    with out.open("w", encoding="utf-8") as f:
        for d in docs:
            words = sorted({w for lists in runs.values() for w in lists.get(d["id"], [])
                            if (d["id"], w) not in judged})
            if not words:
                continue
            random.Random(d["id"]).shuffle(words)
            text = d["text"]
            shown = text if len(text) <= args.chars else text[:args.chars] + f" …[{len(text)} characters]"
            f.write(f"=== {d['id']}  {d.get('title') or ''}\n{shown}\n--- to judge:\n")
            for w in words:
                at = text.find(w)
                context = text[max(0, at - 12):at + len(w) + 12].replace("\n", " ") if at >= 0 else ""
                f.write(f"  {w}  (×{text.count(w)})  …{context}…\n")
                pending_lines.append(f"{d['id']}\t{w}\t")
            f.write("\n")
    pending = out.with_suffix(".pending.tsv")
    pending.write_text("".join(line + "\n" for line in pending_lines), encoding="utf-8")
    print(f"{len(pending_lines)} keywords to judge: {out} (fill {pending})")


def command_score(args, docs) -> None:
    judged = read_judgements()
    runs = runs_of(args.sample, args.runs)
    ids = [d["id"] for d in docs]
    strata = {}
    for d in docs:
        for name, _, predicate in STRATA:
            if predicate(d["id"], len(d["text"])):
                strata[d["id"]] = name
                break
    precision: dict[str, dict[str, float]] = {}
    unjudged = collections.Counter()
    for name, lists in runs.items():
        precision[name] = {}
        for i in ids:
            words = lists.get(i, [])[:TOP]
            unjudged[name] += sum((i, w) not in judged for w in words)
            precision[name][i] = sum(judged.get((i, w), 0) for w in words) / TOP
    print(f"sample {args.sample} (seed {SEEDS[args.sample]}), {len(ids)} documents; precision@{TOP}")
    print(f"{'run':<24} {'all':>6} " + " ".join(f"{s:>7}" for s, _, _ in STRATA) + "  unjudged")
    for name in runs:
        by = {s: [precision[name][i] for i in ids if strata[i] == s] for s, _, _ in STRATA}
        mean = sum(precision[name].values()) / len(ids)
        print(f"{name:<24} {mean:6.3f} " + " ".join(f"{sum(v) / len(v):7.3f}" for v in by.values())
              + f"  {unjudged[name]}")
    for peer in (p for p in runs if p.startswith("jieba")):
        for name in runs:
            if name.startswith("jieba"):
                continue
            w = sum(precision[name][i] > precision[peer][i] for i in ids)
            t = sum(precision[name][i] == precision[peer][i] for i in ids)
            print(f"{name} vs {peer}: {w} wins, {t} ties, {len(ids) - w - t} losses")
    if args.show:
        for name in runs:
            if name.startswith("jieba") or (args.runs and name not in args.runs):
                continue
            for i in ids:
                words = runs[name].get(i, [])[:TOP]
                marks = " ".join(f"{w}{'' if judged.get((i, w)) else ('✗' if (i, w) in judged else '?')}" for w in words)
                print(f"{i} {precision[name][i]:.1f} {marks}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("step", choices=["run", "sheet", "score"])
    parser.add_argument("--sample", choices=sorted(SEEDS), default="dev")
    parser.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus" / "politics.jsonl"))
    parser.add_argument("--label", help="name of the segtool run (run)")
    parser.add_argument("--segtool", help="segtool binary (run; default $SEGTOOL, else .build/release/segtool)")
    parser.add_argument("--segtool-args", help="more arguments for `segtool keywords` (run)")
    parser.add_argument("--top", type=int, default=TOP, help="keywords per document (run; a pool for judging)")
    parser.add_argument("--runs", nargs="*", help="only these segtool runs (sheet, score)")
    parser.add_argument("--chars", type=int, default=700, help="characters of text shown (sheet)")
    parser.add_argument("-o", "--output", help="sheet file (sheet)")
    parser.add_argument("--show", action="store_true", help="each document's list with misses marked (score)")
    args = parser.parse_args()
    docs = sample(load_corpus(Path(args.corpus)), args.sample)
    if args.step == "run":
        if not args.label or "/" in args.label or "-" in args.label:
            die("run needs --label NAME (no '-' or '/')")
        command_run(args, docs)
    elif args.step == "sheet":
        command_sheet(args, docs)
    else:
        command_score(args, docs)


if __name__ == "__main__":
    main()
