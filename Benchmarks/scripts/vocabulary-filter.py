#!/usr/bin/env python3
"""Filters a drafted general vocabulary before anyone reads it (issue 17 §4, ninth round).

Input: draft files of lines `domain: word word …` (words written from public knowledge, by
domain). Output (stdout, TSV): `domain  word  corpus_count  icu  segtool` for the candidates that
survive, in draft order. A candidate is dropped, before it is read, when
  - it is not all Han characters, or is already an entry of the built-in lexicon;
  - it occurs anywhere in a measuring text: ../shared/devset (gold and terms), every file of
    Benchmarks/goldsets (the general-news sets with their spaces removed, the political-terms
    sets) and the eval fixture (Tests/SegmenterTests/Fixtures/eval) — so those sets stay honest;
  - `segtool segment --icu-only` or `segtool segment` keeps it whole (nothing to repair).
Counts of what was dropped, by reason, go to stderr.

    Benchmarks/scripts/vocabulary-filter.py [--segtool BIN] DRAFT... > survivors.tsv
"""
import argparse, json, os, re, subprocess, sys

HAN = re.compile(r'^[\u4e00-\u9fff]+$')

def repo_root():
    return os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))

def measuring_text(root):
    texts = []
    shared = os.path.join(root, '..', 'shared', 'devset')
    paths = [os.path.join(shared, 'gold.utf8'), os.path.join(shared, 'terms.tsv')]
    gdir = os.path.join(root, 'Benchmarks', 'goldsets')
    paths += [os.path.join(gdir, f) for f in sorted(os.listdir(gdir)) if f != 'README.md']
    edir = os.path.join(root, 'Tests', 'SegmenterTests', 'Fixtures', 'eval')
    paths += [os.path.join(edir, f) for f in sorted(os.listdir(edir)) if f != 'README.md']
    for p in paths:
        if not os.path.exists(p):
            sys.exit(f'vocabulary-filter.py: error: {p} is absent (the filter needs every measuring text)')
        with open(p, encoding='utf-8') as f:
            for line in f:
                texts.append(line.replace(' ', '').replace('\u3000', ''))
                texts.append(line)
    return '\n'.join(texts)

def lexicon_words(root):
    words = set()
    ldir = os.path.join(root, 'Dictionaries', 'lexicon')
    for f in os.listdir(ldir):
        with open(os.path.join(ldir, f), encoding='utf-8') as fh:
            for line in fh:
                if line.startswith('#') or not line.strip():
                    continue
                words.add(line.split()[0])
    return words

def segment(binary, words, extra):
    out = subprocess.run([binary, 'segment', '--delimiter', '|'] + extra,
                         input='\n'.join(words) + '\n', capture_output=True, text=True, check=True)
    lines = out.stdout.split('\n')
    return lines[:len(words)]

def corpus_counts(root, words):
    path = os.path.join(root, '..', 'shared', 'corpus', 'politics.jsonl')
    counts = dict.fromkeys(words, 0)
    if not os.path.exists(path):
        return counts
    text = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            doc = json.loads(line)
            text.append(doc.get('title', '')); text.append(doc.get('text', ''))
    blob = '\n'.join(text)
    for w in words:
        counts[w] = blob.count(w)
    return counts

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--segtool', default=os.path.join(repo_root(), '.build', 'release', 'segtool'))
    ap.add_argument('drafts', nargs='+')
    args = ap.parse_args()
    root = repo_root()
    seen, cands = set(), []
    for d in args.drafts:
        with open(d, encoding='utf-8') as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                if ':' not in line:
                    sys.exit(f'vocabulary-filter.py: error: {d}:{n}: expected "domain: word word …"')
                domain, words = line.split(':', 1)
                for w in words.split():
                    if w not in seen:
                        seen.add(w); cands.append((domain.strip(), w))
    dropped = {'not Han': 0, 'in the lexicon': 0, 'in a measuring text': 0, 'ICU keeps it whole': 0,
               'segtool keeps it whole': 0}
    lex, measuring = lexicon_words(root), measuring_text(root)
    kept = []
    for domain, w in cands:
        if not HAN.match(w):
            dropped['not Han'] += 1
        elif w in lex:
            dropped['in the lexicon'] += 1
        elif w in measuring:
            dropped['in a measuring text'] += 1
        else:
            kept.append((domain, w))
    words = [w for _, w in kept]
    icu = segment(args.segtool, words, ['--icu-only'])
    ours = segment(args.segtool, words, [])
    survivors = []
    for (domain, w), i, o in zip(kept, icu, ours):
        if '|' not in i:
            dropped['ICU keeps it whole'] += 1
        elif '|' not in o:
            dropped['segtool keeps it whole'] += 1
        else:
            survivors.append((domain, w, i, o))
    counts = corpus_counts(root, [w for _, w, _, _ in survivors])
    for domain, w, i, o in survivors:
        print(f'{domain}\t{w}\t{counts[w]}\t{i}\t{o}')
    print(f'{len(cands)} candidates; ' + ', '.join(f'{k} {v}' for k, v in dropped.items())
          + f'; {len(survivors)} left', file=sys.stderr)

if __name__ == '__main__':
    main()
