"""Threads: one tokenizer shared by many threads gives the same words as one thread, while
words change; segmenting releases the GIL (see Benchmarks/RESULTS.md for the scaling)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import segtool
from conftest import DOCUMENT, SENTENCES

TEXTS = [s * k for k in (1, 3, 17) for s in SENTENCES] + [DOCUMENT * 20]


def test_threads_get_the_same_words_as_one_thread():
    expected = {t: (segtool.lcut(t), segtool.lcut_for_search(t), segtool.tokens(t)) for t in TEXTS}

    def work(i):
        mismatches = 0
        for _ in range(20):
            for t in TEXTS[i % 3::2]:
                got = (segtool.lcut(t), segtool.lcut_for_search(t), segtool.tokens(t))
                mismatches += got != expected[t]
        return mismatches

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert sum(pool.map(work, range(8))) == 0


def test_words_change_while_other_threads_segment():
    t = segtool.Tokenizer()
    stable = SENTENCES[:8]
    expected = [t.lcut(s) for s in stable]
    new_text = "建设数智渝城"
    stop = threading.Event()
    errors = []

    def segment():
        try:
            while not stop.is_set():
                for s, e in zip(stable, expected):
                    if t.lcut(s) != e:
                        errors.append(s)
                words = t.lcut(new_text)
                assert "".join(words) == new_text
        except Exception as error:  # noqa: BLE001  (reported below)
            errors.append(error)

    threads = [threading.Thread(target=segment) for _ in range(3)]
    for thread in threads:
        thread.start()
    for i in range(300):
        t.add_word("数智渝城", freq=100 + i, tag="nz")
        t.del_word("数智渝城")
    t.add_word("数智渝城")
    stop.set()
    for thread in threads:
        thread.join()
    assert errors == []
    assert "数智渝城" in t.lcut(new_text)


def test_keywords_in_threads():
    expected = segtool.analyse.extract_tags(DOCUMENT, withWeight=True)
    expected_textrank = segtool.analyse.textrank(DOCUMENT, withWeight=True)

    def work(_):
        textrank = segtool.analyse.textrank(DOCUMENT, withWeight=True)
        # TextRank's sums run in hash-table order, which varies between calls even in one
        # thread: weights agree to rounding, not to the bit.
        return (segtool.analyse.extract_tags(DOCUMENT, withWeight=True) == expected and
                [w for w, _ in textrank] == [w for w, _ in expected_textrank] and
                all(abs(a - b) < 1e-9 for (_, a), (_, b) in zip(textrank, expected_textrank)))

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert all(pool.map(work, range(40)))


def test_many_threads_each_with_their_own_buffers():
    # Each thread keeps its own result structs; threads that end free them.
    results = []

    def work():
        results.append(segtool.lcut(SENTENCES[4]))

    for _ in range(5):
        threads = [threading.Thread(target=work) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(results) == 80 and all(r == results[0] for r in results)


def test_many_short_calls_on_two_threads_with_and_without_the_spin():
    # Two threads calling per sentence hand the GIL to each other on every call; before taking
    # it back, a thread spins while the other holds it in the extension (set_gil_spin turns
    # that off and on). The words must be the same either way, and as on one thread.
    from segtool import _ext
    texts = [s for s in SENTENCES for _ in range(30)]
    expected = [segtool.lcut(t) for t in texts]
    was = _ext.set_gil_spin(True)
    built_in = _ext.set_gil_spin(True)  # False only where there is no GIL to spin for
    try:
        previous = True
        for spin in (False, True, False, True):
            assert _ext.set_gil_spin(spin) == (built_in and previous)
            previous = spin
            results: list = [None, None]

            def work(k):
                results[k] = [segtool.lcut(t) for t in texts[k::2]]

            threads = [threading.Thread(target=work, args=(k,)) for k in (0, 1)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert results[0] == expected[0::2] and results[1] == expected[1::2]
    finally:
        _ext.set_gil_spin(was)
