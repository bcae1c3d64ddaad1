"""Shared pieces of the scripts that check segtool's search against itself or a scan
(phrase-recall.py, phrase-same.py, rank-same.py): reading the documents an index was built
from, drawing phrases from them, and running `segtool search --json`."""
import json
import random
import subprocess
import sys


def read_documents(path: str) -> list[tuple[str, str]]:
    """(id, text) of each line of a JSON Lines file; exits with file:line on a bad line."""
    docs = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                obj = json.loads(line)
                docs.append((obj["id"], obj["text"]))
            except (ValueError, KeyError, TypeError) as e:
                sys.exit(f"{path}:{n}: not a document ({e})")
    return docs


def random_phrases(binary: str, texts: list[str], count: int, rng: random.Random,
                   whole_in_paragraph: bool = False) -> list[str]:
    """`count` phrases of 2-4 consecutive all-Han words of the precise segmentation
    (`segtool segment`) of random paragraphs longer than 20 characters, words joined by a space.
    With `whole_in_paragraph`, a phrase whose words do not appear unchanged and adjacent in the
    paragraph (folded by the segmenter) is drawn again."""
    phrases = []
    while len(phrases) < count:
        paragraphs = [p for p in rng.choice(texts).split("\n") if len(p) > 20]
        if not paragraphs:
            continue
        paragraph = rng.choice(paragraphs)
        out = subprocess.run([binary, "segment"], input=paragraph, capture_output=True, text=True, check=True).stdout
        words = [w for w in out.split() if all("\u4e00" <= c <= "\u9fff" for c in w)]
        n = rng.randint(2, 4)
        if len(words) < n:
            continue
        i = rng.randint(0, len(words) - n)
        if whole_in_paragraph and "".join(words[i:i + n]) not in paragraph:
            continue
        phrases.append(" ".join(words[i:i + n]))
    return phrases


def search(binary: str, index: str, query: str, top: int, rank: str | None = None,
           passages: bool = False) -> list[dict] | tuple:
    """The hits of `segtool search --json` as dicts, or ("error", exit status, stderr) when
    the search fails (exit status other than 0, or 1 for no hit)."""
    command = [binary, "search", "--index", index, query, "--json", "--top", str(top)]
    if rank:
        command += ["--rank", rank]
    if passages:
        command.append("--passages")
    out = subprocess.run(command, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        return ("error", out.returncode, out.stderr.strip())
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
