"""segtool.Index: create, add, search, document, trend, errors, threads; and an index built by
the `segtool` command line (when SEGTOOL_BIN names it, as in CI) read from Python."""

from __future__ import annotations

import json
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

import segtool
from segtool import Index, IndexFileError, QueryError

# Our own documents (political-news style), dated for trends.
DOCUMENTS = [
    {"id": "d1", "title": "乡村振兴", "date": "2021-03-05",
     "text": "全面推进乡村振兴，加快建设农业强国。\n乡村振兴要靠人才，要靠改革。"},
    {"id": "d2", "date": "2021-11",
     "text": "扎实推动共同富裕，促进乡村振兴和城乡融合发展。"},
    {"id": "d3", "title": "共同富裕", "date": "2022",
     "text": "共同富裕是中国式现代化的重要特征。实现共同富裕要靠高质量发展。"},
    {"id": "d4", "date": "2023-06-01",
     "text": "推动成渝地区双城经济圈建设走深走实，北京和上海的经验值得借鉴。"},
    {"id": "d5", "text": "没有日期的文档也讲乡村振兴。"},
]


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    ix = Index.create(tmp_path_factory.mktemp("ix") / "news.idx")
    assert ix.add(DOCUMENTS) == len(DOCUMENTS)
    return ix


def test_documents_are_counted(index):
    assert len(index) == len(DOCUMENTS)


def test_search_returns_hits_as_dicts(index):
    hits = index.search("乡村振兴")
    assert {h["id"] for h in hits} == {"d1", "d2", "d5"}
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)
    for hit in hits:
        assert set(hit) >= {"id", "title", "score", "date", "fields", "passage",
                            "passage_byte_start", "passage_byte_end", "snippet", "highlights"}
        text = next(d["text"] for d in DOCUMENTS if d["id"] == hit["id"]).encode()
        passage = text[hit["passage_byte_start"]:hit["passage_byte_end"]].decode()
        assert "乡村振兴" in passage
        marked = [hit["snippet"][s:e] for s, e in hit["highlights"]]
        assert marked and all(m == "乡村振兴" for m in marked)


def test_titles_and_dates_come_back(index):
    hit = next(h for h in index.search("乡村振兴") if h["id"] == "d1")
    assert hit["title"] == "乡村振兴" and hit["date"] == "2021-03-05"
    assert next(h for h in index.search("乡村振兴") if h["id"] == "d5")["date"] is None


def test_query_syntax(index):
    assert {h["id"] for h in index.search("乡村振兴 共同富裕")} == {"d2"}
    assert {h["id"] for h in index.search("农业强国 OR 中国式现代化")} == {"d1", "d3"}
    assert {h["id"] for h in index.search("乡村振兴 -共同富裕")} == {"d1", "d5"}
    assert index.search("农业强国 中国式现代化") == []


def test_rank_top_offset_and_dates(index):
    both = index.search("乡村振兴", rank="tfidf")
    assert {h["id"] for h in both} == {"d1", "d2", "d5"}
    first, second = index.search("乡村振兴", top=1), index.search("乡村振兴", top=1, offset=1)
    assert [first[0]["id"], second[0]["id"]] == [h["id"] for h in index.search("乡村振兴")][:2]
    assert {h["id"] for h in index.search("乡村振兴", date_from="2021-06")} == {"d2"}
    assert {h["id"] for h in index.search("共同富裕", date_to="2021")} == {"d2"}


def test_passages_mode(index):
    hits = index.search("乡村振兴", passages=True, top=10)
    assert [h["id"] for h in hits].count("d1") == 2  # both of its paragraphs


def test_document(index):
    d = index.document("d3")
    assert d["id"] == "d3" and d["title"] == "共同富裕" and d["text"] == DOCUMENTS[2]["text"]
    assert d["date"] == "2022"
    assert d["passages"][0][0] == 0 and d["passages"][-1][1] == len(d["text"].encode())
    assert index.document("no-such-id") is None


def test_trend_counts_documents_per_period(index):
    rows = index.trend(["共同富裕", "乡村振兴"], by="year")
    assert {r["period"] for r in rows} == {"2021", "2022", "2023"}
    table = {(r["term"], r["period"]): r for r in rows}
    for term in ("共同富裕", "乡村振兴"):
        for year in ("2021", "2022", "2023"):
            dated = [d for d in DOCUMENTS if d.get("date", "").startswith(year)]
            row = table[(term, year)]
            assert row["period_documents"] == len(dated)
            assert row["documents"] == sum(term in segtool.lcut_for_search(d["text"]) for d in dated)
            if row["period_words"]:
                assert row["per_10k_words"] == pytest.approx(
                    row["occurrences"] * 10_000 / row["period_words"])
    assert table[("共同富裕", "2022")]["occurrences"] == 2
    months = index.trend("共同富裕", by="month")
    assert months[0]["period"] == "2021-03" and months[-1]["period"] == "2023-06"
    assert all(r["term"] == "共同富裕" for r in months)


def test_trend_rows_make_a_dataframe(index):
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame(index.trend(["乡村振兴"]))
    assert list(frame["period"]) == ["2021", "2022", "2023"]


def test_adding_a_known_id_replaces_the_document(tmp_path):
    ix = Index.create(tmp_path / "ix")
    ix.add([{"id": "x", "text": "乡村振兴"}])
    ix.add([{"id": "x", "text": "共同富裕"}])
    assert len(ix) == 1
    assert ix.search("乡村振兴") == [] and [h["id"] for h in ix.search("共同富裕")] == ["x"]


def test_another_handle_sees_new_documents_after_reload(tmp_path):
    path = tmp_path / "ix"
    writer = Index.create(path)
    writer.add([{"id": "1", "text": "乡村振兴"}])
    reader = Index(path)
    writer.add([{"id": "2", "text": "乡村振兴战略"}])
    assert len(reader) == 1  # its snapshot
    reader.reload()
    assert len(reader) == 2


def test_errors(index, tmp_path):
    with pytest.raises(IndexFileError) as caught:
        Index(tmp_path / "missing")
    assert caught.value.file == str(tmp_path / "missing")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("x")
    with pytest.raises(IndexFileError):
        Index.create(tmp_path / "other")
    with pytest.raises(QueryError, match="quote"):
        index.search('"乡村振兴')
    with pytest.raises(QueryError):
        index.search("-乡村振兴")
    with pytest.raises(ValueError):
        index.search("乡村振兴", rank="pagerank")
    with pytest.raises(ValueError):
        index.search("乡村振兴", date_from="March")
    with pytest.raises(ValueError):
        index.add([{"id": "bad", "text": "文本", "date": "2021-13-40"}])
    with pytest.raises(ValueError):
        index.add([{"text": "没有id"}])
    with pytest.raises(TypeError):
        index.search(None)
    assert len(index) == len(DOCUMENTS)  # nothing added by the failures


def test_searches_in_threads(index):
    expected = index.search("乡村振兴")

    def work(_):
        return index.search("乡村振兴") == expected

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert all(pool.map(work, range(40)))


def test_an_index_built_by_the_command_line(tmp_path):
    binary = os.environ.get("SEGTOOL_BIN")
    if not binary:
        pytest.skip("SEGTOOL_BIN (the segtool command line) not given")
    assert os.access(binary, os.X_OK), f"SEGTOOL_BIN={binary} is not an executable"
    corpus = tmp_path / "docs.jsonl"
    corpus.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in DOCUMENTS),
                      encoding="utf-8")
    directory = tmp_path / "cli.idx"
    subprocess.run([binary, "index", "build", "--index", str(directory), str(corpus)], check=True,
                   capture_output=True)
    ix = Index(directory)
    assert len(ix) == len(DOCUMENTS)
    for query in ("乡村振兴", "共同富裕 OR 成渝地区双城经济圈"):
        cli = subprocess.run([binary, "search", "--index", str(directory), "--rank", "bm25",
                              "--json", query], check=True, capture_output=True, text=True)
        theirs = [json.loads(line) for line in cli.stdout.splitlines()]
        ours = ix.search(query, rank="bm25")
        assert [h["id"] for h in ours] == [h["id"] for h in theirs]
        assert [round(h["score"], 5) for h in ours] == [round(h["score"], 5) for h in theirs]
