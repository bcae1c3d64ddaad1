#!/usr/bin/env bash
# Scores segtool, ICU alone and jieba on the team's general-news gold set (issue 17) and on the
# held-out political terms, as reported in Benchmarks/RESULTS.md ("General-news gold set").
#
#   Benchmarks/scripts/goldsets.sh            # all of it (jieba too, when PyPI is reachable)
#   Benchmarks/scripts/goldsets.sh --no-jieba # segtool and ICU alone only
#   Benchmarks/scripts/goldsets.sh --figures-only  # the scores alone: no missed term or error
#                                             # region is printed (for whoever writes rules and
#                                             # must not read the held-out sets' contents)
#
# It scores:
#   1. Benchmarks/goldsets/general-news.utf8 (PKU standard: a Chinese name is surname | given name)
#      with `segtool eval`, `segtool eval --icu-only`, and jieba's output (`--test`);
#   2. the same gold with the listed person names joined (general-news.names.txt), the MSR-like
#      convention, so that a name rule's effect can be read either way;
#   3. every further general-news set, Benchmarks/goldsets/general-news-N.utf8 (N = 2, 3, …: fresh
#      sets of the same standard, each written before a round of repairs; see the goldsets
#      README), segtool and ICU alone (and jieba);
#   4. Benchmarks/goldsets/political-terms.tsv (term kept whole), overall and split by whether
#      the term is an entry of the built-in lexicon (Dictionaries/lexicon) or not;
#   5. the same for every further held-out set, Benchmarks/goldsets/political-terms-N.tsv (N = 2,
#      3, …; each written before the rules it measures: the honest figure for fresh terms; the
#      goldsets README says what each one is weighted to).
# A new set is picked up by its file name alone: nothing here needs editing.
# Nothing from these files may go into a dictionary: they are for measuring only.
#
# Environment:
#   SEGTOOL     the binary to measure (default: .build/release/segtool; build it with
#               `swift build -c release --product segtool`)
#   PEERS_VENV  the Python virtual environment with jieba, shared with Benchmarks/peers/run.sh
#               (default: $HOME/.cache/segtool-peers-venv; created and jieba installed if missing)
#   PYTHON      the interpreter that creates it (default: python3)
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/../.." && pwd)"
segtool="${SEGTOOL:-$repo_root/.build/release/segtool}"
gold="$repo_root/Benchmarks/goldsets/general-news.utf8"
names="$repo_root/Benchmarks/goldsets/general-news.names.txt"
terms="$repo_root/Benchmarks/goldsets/political-terms.tsv"
# The numbered sets, in numeric order (general-news-2 … general-news-10 …).
numbered() {  # $1: prefix, $2: suffix — prints "N<TAB>path" lines sorted by N
    local f n
    for f in "$repo_root/Benchmarks/goldsets/$1"-*"$2"; do
        [[ -f "$f" ]] || continue
        n="${f##*/$1-}"; n="${n%"$2"}"
        [[ "$n" =~ ^[0-9]+$ ]] && printf '%s\t%s\n' "$n" "$f"
    done | sort -n
}
mapfile -t news_sets < <(numbered general-news .utf8)
mapfile -t term_sets < <(numbered political-terms .tsv)
python="${PYTHON:-python3}"
venv="${PEERS_VENV:-${HOME:-/root}/.cache/segtool-peers-venv}"
with_jieba=1
figures_only=0

die() { echo "goldsets.sh: error: $*" >&2; exit 1; }

for arg in "$@"; do
    case "$arg" in
        --no-jieba) with_jieba=0 ;;
        --figures-only) figures_only=1 ;;
        -h|--help) sed -n '2,30p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument '$arg' (see --help)" ;;
    esac
done

[[ -x "$segtool" ]] || die "segtool binary not found or not executable: $segtool
  Build it with: swift build -c release --product segtool   (or set SEGTOOL)"
for f in "$gold" "$names" "$terms"; do [[ -f "$f" ]] || die "missing file: $f"; done
command -v "$python" >/dev/null 2>&1 || die "'$python' not found (apt-get install python3)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# --figures-only: every line that could quote a set's text is dropped on the way out.
if (( figures_only )); then
    exec > >(grep --line-buffered -E '^==|precision|recall|F1|kept whole|in the lexicon') 2>&1
fi

# The gold with the listed names joined (token pairs `SURNAME GIVEN` → `SURNAMEGIVEN`).
"$python" - "$gold" "$names" "$work/gold-names-whole.utf8" <<'EOF'
import sys
gold, names, out = sys.argv[1:4]
pairs = set()
with open(names, encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(" ")
        if len(parts) != 2:
            sys.exit(f"{names}:{n}: expected `SURNAME GIVEN`, got {line!r}")
        pairs.add(tuple(parts))
joined = 0
with open(gold, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as o:
    for line in f:
        tokens, result, i = line.split(), [], 0
        while i < len(tokens):
            if i + 1 < len(tokens) and (tokens[i], tokens[i + 1]) in pairs:
                result.append(tokens[i] + tokens[i + 1]); i += 2; joined += 1
            else:
                result.append(tokens[i]); i += 1
        o.write(" ".join(result) + "\n")
print(f"(names joined in the variant: {joined})")
EOF

echo "== general-news.utf8 (PKU: names split), segtool"
"$segtool" eval --gold "$gold" --errors 40
echo
echo "== general-news.utf8, ICU alone"
"$segtool" eval --gold "$gold" --icu-only
echo
echo "== segtool's errors by class (Benchmarks/scripts/goldset-errors.py)"
tr -d ' ' < "$gold" | "$segtool" segment > "$work/segtool.txt"
"$python" "$script_dir/goldset-errors.py" "$gold" "$work/segtool.txt" --names "$names" \
    --lexicon "$repo_root/Dictionaries/lexicon"
echo
echo "== F1 by domain (line ranges as in Benchmarks/goldsets/README.md): segtool / ICU alone"
while read -r name first last; do
    sed -n "${first},${last}p" "$gold" > "$work/domain.utf8"
    ours="$("$segtool" eval --gold "$work/domain.utf8" | awk '$1 == "F1" {print $2}')"
    icu="$("$segtool" eval --gold "$work/domain.utf8" --icu-only | awk '$1 == "F1" {print $2}')"
    printf '%-22s %3d-%3d  %s  %s\n' "$name" "$first" "$last" "$ours" "$icu"
done <<'DOMAINS'
economy 1 34
science/technology 35 63
sport 64 91
culture 92 119
health 120 146
weather/disasters 147 171
courts/police 172 198
education 199 223
local 224 253
international 254 285
politics/government 286 355
society 356 369
DOMAINS
echo
echo "== names joined (MSR-like), segtool / ICU alone"
"$segtool" eval --gold "$work/gold-names-whole.utf8" | grep -E '^(precision|recall|F1)'
"$segtool" eval --gold "$work/gold-names-whole.utf8" --icu-only | grep -E '^(precision|recall|F1)'
echo
for row in "${news_sets[@]}"; do
    file="${row#*$'\t'}"
    echo "== ${file##*/} (fresh, PKU), segtool / ICU alone"
    "$segtool" eval --gold "$file" --errors 20
    "$segtool" eval --gold "$file" --icu-only | grep -E '^(precision|recall|F1)'
    echo
done
echo "== political-terms.tsv, segtool / ICU alone"
"$segtool" eval --gold "$gold" --terms "$terms" --errors 80 | sed -n '/^terms kept/,$p'
"$segtool" eval --gold "$gold" --terms "$terms" --icu-only | grep '^terms kept'

# Term recall split by lexicon membership (segtool's own output, one sentence a line).
cut -f2 "$terms" | "$segtool" segment > "$work/terms-segtool.txt"
split_terms() {  # $1: segmented sentences, one a line, tokens separated by spaces; $2: label; $3: terms file
    "$python" - "${3:-$terms}" "$1" "$repo_root/Dictionaries/lexicon" "$2" <<'EOF'
import sys, pathlib
terms, segmented, lexicon_dir, label = sys.argv[1:5]
lexicon = set()
for path in sorted(pathlib.Path(lexicon_dir).glob("*.txt")):
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lexicon.add(line.split()[0])
rows = [l.split("\t")[0] for l in pathlib.Path(terms).read_text(encoding="utf-8").splitlines() if l]
outs = pathlib.Path(segmented).read_text(encoding="utf-8").splitlines()
if len(outs) != len(rows):
    sys.exit(f"{segmented}: {len(outs)} lines for {len(rows)} terms")
counts = {True: [0, 0], False: [0, 0]}
for term, out in zip(rows, outs):
    known = term in lexicon
    counts[known][1] += 1
    counts[known][0] += term in out.split()
for known, name in ((True, "in the lexicon"), (False, "not in the lexicon")):
    kept, total = counts[known]
    print(f"{label}: terms {name}: {kept}/{total} = {kept / total if total else 0:.3f}")
EOF
}
split_terms "$work/terms-segtool.txt" segtool

# The later held-out sets: errors, ICU alone, and the split by lexicon membership.
for row in "${term_sets[@]}"; do
    n="${row%%$'\t'*}"; file="${row#*$'\t'}"
    echo
    echo "== ${file##*/} (held-out set $n), segtool / ICU alone"
    "$segtool" eval --gold "$gold" --terms "$file" --errors 80 | sed -n '/^terms kept/,$p'
    "$segtool" eval --gold "$gold" --terms "$file" --icu-only | grep '^terms kept'
    cut -f2 "$file" | "$segtool" segment > "$work/terms$n-segtool.txt"
    split_terms "$work/terms$n-segtool.txt" segtool "$file"
done

if ((with_jieba)); then
    echo
    if [[ ! -x "$venv/bin/python" ]]; then
        "$python" -c 'import venv, ensurepip' >/dev/null 2>&1 \
            || die "'$python -m venv' is not usable: apt-get install python3-venv (or use --no-jieba)"
        mkdir -p "$(dirname "$venv")"
        "$python" -m venv "$venv" || die "could not create the virtual environment in $venv"
    fi
    if ! "$venv/bin/python" -c 'import jieba' >/dev/null 2>&1; then
        "$venv/bin/python" -m pip install --disable-pip-version-check --quiet jieba \
            || die "pip could not install jieba (is PyPI reachable? or use --no-jieba)"
    fi
    # jieba (default: precise mode with HMM), one output line per gold line / term sentence.
    jieba_cut() {  # $1: input (raw sentences, one a line), $2: output
        "$venv/bin/python" - "$1" "$2" <<'EOF'
import sys, logging, jieba
jieba.setLogLevel(logging.WARNING)
src, dst = sys.argv[1:3]
with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as o:
    for line in f:
        o.write(" ".join(w for w in jieba.cut(line.rstrip("\n")) if w.strip()) + "\n")
EOF
    }
    tr -d ' ' < "$gold" > "$work/raw.txt"
    jieba_cut "$work/raw.txt" "$work/jieba.txt"
    cut -f2 "$terms" > "$work/terms-raw.txt"
    jieba_cut "$work/terms-raw.txt" "$work/terms-jieba.txt"
    echo "== jieba $("$venv/bin/python" -c 'import jieba; print(jieba.__version__)') (HMM on), same scoring"
    "$segtool" eval --gold "$gold" --test "$work/jieba.txt"
    "$segtool" eval --gold "$work/gold-names-whole.utf8" --test "$work/jieba.txt" \
        | grep -E '^F1' | sed 's/^/names joined: /'
    for row in "${news_sets[@]}"; do
        n="${row%%$'\t'*}"; file="${row#*$'\t'}"
        tr -d ' ' < "$file" > "$work/raw$n.txt"
        jieba_cut "$work/raw$n.txt" "$work/jieba$n.txt"
        "$segtool" eval --gold "$file" --test "$work/jieba$n.txt" \
            | grep -E '^(precision|recall|F1)' | sed "s/^/${file##*/}: /"
    done
    jieba_sets=("$terms:$work/terms-jieba.txt")
    for row in "${term_sets[@]}"; do
        n="${row%%$'\t'*}"; file="${row#*$'\t'}"
        cut -f2 "$file" > "$work/terms$n-raw.txt"
        jieba_cut "$work/terms$n-raw.txt" "$work/terms$n-jieba.txt"
        jieba_sets+=("$file:$work/terms$n-jieba.txt")
    done
    for set in "${jieba_sets[@]}"; do
        "$python" - "${set%%:*}" "${set#*:}" <<'EOF'
import sys, pathlib
rows = [l.split("\t")[0] for l in pathlib.Path(sys.argv[1]).read_text(encoding="utf-8").splitlines() if l]
outs = pathlib.Path(sys.argv[2]).read_text(encoding="utf-8").splitlines()
kept = sum(t in o.split() for t, o in zip(rows, outs))
print(f"{pathlib.Path(sys.argv[1]).name}: terms kept whole  {kept}/{len(rows)} = {kept / len(rows):.4f}")
EOF
        split_terms "${set#*:}" jieba "${set%%:*}"
    done
fi
