// segtool's search page. Every piece of data from the server reaches the page as text
// (textContent, text nodes, attributes set with setAttribute): never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
const SVG = "http://www.w3.org/2000/svg";
const state = { q: "", page: 1, top: 10, passages: false, from: "", to: "", rank: "bm25", doc: null, tab: "search", selected: -1, by: "year" };
let hitsShown = [];
let lastTerms = [];

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v; else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

// Splits `text` on UTF-8 byte ranges [[start, end], …] (what the API gives) into text nodes and
// <mark> elements. JavaScript strings are UTF-16, so the text is encoded to UTF-8 and each
// piece decoded back: offsets never meet UTF-16 indices.
function highlighted(text, ranges) {
  const bytes = new TextEncoder().encode(text);
  const decode = (a, b) => new TextDecoder().decode(bytes.subarray(a, b));
  const frag = document.createDocumentFragment();
  let at = 0;
  const sorted = [...(ranges || [])].sort((x, y) => x[0] - y[0]);
  for (const [a0, b0] of sorted) {
    const a = Math.max(at, Math.min(a0, bytes.length)), b = Math.min(b0, bytes.length);
    if (b <= a) continue;
    if (a > at) frag.append(document.createTextNode(decode(at, a)));
    frag.append(el("mark", {}, decode(a, b)));
    at = b;
  }
  if (at < bytes.length) frag.append(document.createTextNode(decode(at, bytes.length)));
  return frag;
}

async function api(path, options) {
  const response = await fetch(path, options);
  let body = null;
  try { body = await response.json(); } catch (_) { /* not JSON */ }
  if (!response.ok) {
    const error = new Error((body && body.error) || `HTTP ${response.status}`);
    error.offset = body && body.offset;
    throw error;
  }
  return body;
}

function showMessage(text, isError) {
  const m = $("message");
  m.textContent = text;
  m.classList.toggle("error", !!isError);
}

// ---- URL state --------------------------------------------------------------------------

function readURL() {
  const p = new URLSearchParams(location.search);
  state.q = p.get("q") || "";
  state.page = Math.max(1, parseInt(p.get("page") || "1", 10) || 1);
  state.passages = p.get("passages") === "1" || p.get("passages") === "true";
  state.from = p.get("from") || "";
  state.to = p.get("to") || "";
  state.rank = p.get("rank") === "tfidf" ? "tfidf" : "bm25";
  state.by = p.get("by") === "month" ? "month" : "year";
  state.doc = p.get("doc");
  state.tab = p.get("tab") === "segment" ? "segment" : "search";
}

function urlFor(overrides) {
  const s = Object.assign({}, state, overrides || {});
  const p = new URLSearchParams();
  if (s.tab === "segment") p.set("tab", "segment");
  if (s.q) p.set("q", s.q);
  if (s.page > 1) p.set("page", String(s.page));
  if (s.passages) p.set("passages", "1");
  if (s.from) p.set("from", s.from);
  if (s.to) p.set("to", s.to);
  if (s.rank !== "bm25") p.set("rank", s.rank);
  if (s.by !== "year") p.set("by", s.by);
  if (s.doc) p.set("doc", s.doc);
  const query = p.toString();
  return "/" + (query ? "?" + query : "");
}

function navigate(overrides) {
  Object.assign(state, overrides);
  history.pushState(null, "", urlFor());
  render();
}

function fillForm() {
  $("q").value = state.q;
  $("passages").checked = state.passages;
  $("from").value = state.from;
  $("to").value = state.to;
  $("rank").value = state.rank;
  $("trend-by").value = state.by;
}

// ---- Rendering --------------------------------------------------------------------------

let renderedSearch = null;

async function render() {
  fillForm();
  const segment = state.tab === "segment";
  $("search-view").hidden = segment;
  $("segment-view").hidden = !segment;
  $("tab-search").toggleAttribute("aria-current", !segment);
  if (!segment) $("tab-search").setAttribute("aria-current", "page"); else $("tab-search").removeAttribute("aria-current");
  if (segment) $("tab-segment").setAttribute("aria-current", "page"); else $("tab-segment").removeAttribute("aria-current");
  if (segment) { document.title = "segtool — 分词 segmentation"; return; }
  const key = JSON.stringify([state.q, state.page, state.passages, state.from, state.to, state.rank]);
  if (key !== renderedSearch) {
    renderedSearch = key;
    await runSearch();
  }
  await renderTrend();
  await renderDocument();
}

async function runSearch() {
  const hits = $("hits");
  hits.replaceChildren();
  $("pager").hidden = true;
  hitsShown = [];
  state.selected = -1;
  lastTerms = [];
  if (!state.q.trim()) {
    showMessage("输入检索词 Type a query (see Syntax).");
    document.title = "segtool — 检索 search";
    return;
  }
  document.title = `${state.q} — segtool`;
  const params = new URLSearchParams({ q: state.q, page: String(state.page), top: String(state.top), rank: state.rank });
  if (state.passages) params.set("passages", "true");
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  showMessage("检索中… Searching…");
  let result;
  try {
    result = await api("/api/search?" + params);
  } catch (error) {
    const where = error.offset != null ? ` (at character ${error.offset + 1})` : "";
    showMessage(error.message + where, true);
    if (error.offset != null) { const q = $("q"); q.focus(); q.setSelectionRange(error.offset, error.offset + 1); }
    return;
  }
  lastTerms = result.terms || [];
  const first = result.offset + 1, last = result.offset + result.hits.length;
  showMessage(result.hits.length === 0
    ? (state.page > 1 ? "没有更多结果 No more hits." : "没有结果 No hits.")
    : `第 ${first}–${last} 条 Hits ${first}–${last}${result.more ? "" : " (last page)"} · ${result.tookMilliseconds.toFixed(1)} ms`);
  result.hits.forEach((hit, i) => {
    const link = el("a", { class: "title", href: urlFor({ doc: hit.id }), "data-id": hit.id }, hit.title || hit.id);
    link.addEventListener("click", (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      select(i);
      navigate({ doc: hit.id });
    });
    const meta = el("div", { class: "meta" });
    if (hit.date) meta.append(el("span", { class: "date" }, hit.date));
    for (const [k, v] of Object.entries(hit.fields || {})) meta.append(el("span", { class: "field" }, `${k}: ${v}`));
    meta.append(el("span", { class: "id" }, hit.id));
    if (state.passages && hit.passage != null) meta.append(el("span", {}, `段落 passage ${hit.passage + 1}`));
    meta.append(el("span", { class: "score" }, `score ${hit.score.toFixed(3)}`));
    const snippet = el("p", { class: "snippet" });
    if (hit.snippet) snippet.append(highlighted(hit.snippet.text, hit.snippet.highlights));
    hits.append(el("li", { class: "hit", "data-id": hit.id }, link, meta, snippet));
    hitsShown.push(hit);
  });
  const pager = $("pager");
  pager.hidden = state.page === 1 && !result.more;
  $("prev").disabled = state.page === 1;
  $("next").disabled = !result.more;
  $("page-label").textContent = `第 ${state.page} 页 page ${state.page}`;
}

// ---- Trend chart (SVG) --------------------------------------------------------------------

let renderedTrend = null;
let lastTrend = null;
let resizeTimer = null;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => { if (lastTrend && !$("trend").hidden) $("trend-chart").replaceChildren(chart(lastTrend)); }, 100);
});

async function renderTrend() {
  const section = $("trend");
  const terms = lastTerms.slice(0, 8);
  const key = JSON.stringify([terms, state.by, state.from, state.to]);
  if (key === renderedTrend) return;
  renderedTrend = key;
  if (terms.length === 0) { section.hidden = true; return; }
  const params = new URLSearchParams({ by: state.by });
  for (const t of terms) params.append("terms", t);
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  let trend;
  try { trend = await api("/api/trend?" + params); } catch (error) { section.hidden = true; return; }
  if (!trend.rows.length) { section.hidden = true; return; }
  section.hidden = false;
  lastTrend = trend;
  $("trend-chart").replaceChildren(chart(trend));
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (text != null) node.textContent = String(text);
  return node;
}

function chart(trend) {
  const periods = [...new Set(trend.rows.map((r) => r.period))];
  // Drawn at the container's size in pixels, so labels keep their size on any window.
  const W = Math.max(280, Math.round($("trend-chart").clientWidth || 720));
  const H = W < 500 ? 170 : 210, left = 44, right = 14, top = 28, bottom = 26;
  const max = Math.max(1e-9, ...trend.rows.map((r) => r.perTenThousandWords));
  const nice = niceCeiling(max);
  const x = (i) => left + (periods.length === 1 ? (W - left - right) / 2 : (i * (W - left - right)) / (periods.length - 1));
  const y = (v) => top + (H - top - bottom) * (1 - v / nice);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", "aria-label": "Trend: " + trend.terms.join(", ") });
  root.append(svg("title", {}, `${trend.terms.join(", ")} — occurrences per 10,000 words, by ${trend.by}`));
  for (let k = 0; k <= 4; k++) {
    const v = (nice * k) / 4;
    root.append(svg("line", { class: k === 0 ? "axis" : "grid", x1: left, x2: W - right, y1: y(v), y2: y(v) }));
    root.append(svg("text", { class: "label", x: left - 6, y: y(v) + 4, "text-anchor": "end" }, formatNumber(v)));
  }
  const step = Math.max(1, Math.ceil(periods.length / Math.max(2, Math.floor((W - left - right) / 64))));
  periods.forEach((p, i) => {
    if (i % step === 0 || i === periods.length - 1) {
      root.append(svg("text", { class: "label", x: x(i), y: H - bottom + 16, "text-anchor": "middle" }, p));
    }
  });
  trend.terms.forEach((term, t) => {
    const rows = trend.rows.filter((r) => r.term === term);
    const points = rows.map((r) => [x(periods.indexOf(r.period)), y(r.perTenThousandWords)]);
    const cls = "c" + (t % 8);
    root.append(svg("polyline", { class: "series " + cls, points: points.map((p) => p.join(",")).join(" "), "data-term": term }));
    rows.forEach((r, i) => {
      const dot = svg("circle", { class: cls, cx: points[i][0], cy: points[i][1], r: 3.2, "data-period": r.period });
      dot.append(svg("title", {}, `${term} · ${r.period}: ${r.occurrences} 次 in ${r.documents}/${r.periodDocuments} documents (${formatNumber(r.perTenThousandWords)} per 10k words)`));
      root.append(dot);
    });
    const lx = left + t * Math.min(150, (W - left) / trend.terms.length);
    root.append(svg("rect", { class: cls, x: lx, y: 6, width: 12, height: 4, rx: 2 }));
    root.append(svg("text", { class: "legend-item", x: lx + 16, y: 12 }, term));
  });
  return root;
}

function niceCeiling(v) {
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function formatNumber(v) { return v === 0 ? "0" : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2); }

// ---- Document view --------------------------------------------------------------------------

let renderedDocument = null;

async function renderDocument() {
  const view = $("document");
  const columns = document.querySelector(".columns");
  if (!state.doc) {
    view.hidden = true;
    columns.classList.remove("with-document");
    renderedDocument = null;
    return;
  }
  const key = JSON.stringify([state.doc, state.q]);
  if (key === renderedDocument) return;
  renderedDocument = key;
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  let d;
  try {
    d = await api("/api/documents/" + encodeURIComponent(state.doc) + (state.q ? "?" + params : ""));
  } catch (error) {
    showMessage(error.message, true);
    view.hidden = true;
    columns.classList.remove("with-document");
    return;
  }
  $("doc-title").textContent = d.title || d.id;
  const meta = $("doc-meta");
  meta.replaceChildren();
  if (d.date) meta.append(el("span", {}, d.date));
  for (const [k, v] of Object.entries(d.fields || {})) meta.append(el("span", {}, `${k}: ${v}`));
  meta.append(el("span", {}, d.id));
  const keywords = $("doc-keywords");
  keywords.replaceChildren(el("span", { class: "keywords-label" }, "关键词 Keywords"));
  for (const k of d.keywords) {
    const chip = el("button", { type: "button", class: "keyword", title: `weight ${k.weight.toFixed(3)} — search for it` }, k.word);
    chip.addEventListener("click", () => navigate({ q: k.word, page: 1, doc: null }));
    keywords.append(chip);
  }
  // The text, passage by passage, with the query's words marked.
  const text = $("doc-text");
  text.replaceChildren();
  const bytes = new TextEncoder().encode(d.text);
  const passages = d.passages.length ? d.passages : [[0, bytes.length]];
  let firstMatch = null;
  for (const [a, b] of passages) {
    const inside = d.highlights.filter(([s, e]) => s >= a && e <= b).map(([s, e]) => [s - a, e - a]);
    const para = el("p", inside.length ? { class: "matched" } : {});
    para.append(highlighted(new TextDecoder().decode(bytes.subarray(a, b)), inside));
    text.append(para);
    if (inside.length && !firstMatch) firstMatch = para;
  }
  view.hidden = false;
  columns.classList.add("with-document");
  view.scrollTop = 0;
  if (firstMatch && firstMatch !== text.firstChild) firstMatch.scrollIntoView({ block: "nearest" });
  view.focus({ preventScroll: true });
}

// ---- Segmentation playground ------------------------------------------------------------------

async function segmentText() {
  const text = $("segment-text").value;
  const mode = $("segment-mode").value;
  const out = $("segment-tokens"), table = $("segment-table"), body = table.querySelector("tbody");
  out.replaceChildren();
  body.replaceChildren();
  let result;
  try {
    result = await api("/api/segment", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text, mode }) });
  } catch (error) {
    out.append(el("p", { class: "message error" }, error.message));
    table.hidden = true;
    return;
  }
  result.tokens.forEach((t, i) => {
    if (t.kind === "whitespace") return;
    out.append(el("span", { class: `tok src-${t.source}${t.subword ? " subword" : ""}`, title: `${t.kind} · ${t.source} · bytes ${t.utf8Range[0]}–${t.utf8Range[1]}` }, t.text));
    body.append(el("tr", {}, el("td", {}, i + 1), el("td", {}, t.text), el("td", {}, `${t.utf8Range[0]}–${t.utf8Range[1]}`), el("td", {}, t.kind), el("td", {}, t.source + (t.subword ? " (sub-word)" : ""))));
  });
  table.hidden = result.tokens.length === 0;
}

// ---- Keyboard and events ---------------------------------------------------------------------

function select(i) {
  const items = [...document.querySelectorAll("#hits .hit")];
  if (!items.length) return;
  state.selected = Math.max(0, Math.min(items.length - 1, i));
  items.forEach((item, k) => item.classList.toggle("selected", k === state.selected));
  items[state.selected].querySelector("a.title").focus();
}

document.addEventListener("keydown", (event) => {
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
  if (event.key === "Escape") {
    if (state.doc) { navigate({ doc: null }); if (state.selected >= 0) select(state.selected); }
    else if (typing) document.activeElement.blur();
    return;
  }
  if (typing || event.ctrlKey || event.metaKey || event.altKey || state.tab !== "search") return;
  if (event.key === "/") { event.preventDefault(); $("q").focus(); $("q").select(); }
  else if (event.key === "j") select(state.selected + 1);
  else if (event.key === "k") select(state.selected - 1);
  else if (event.key === "n" && !$("next").disabled && !$("pager").hidden) navigate({ page: state.page + 1, doc: null });
  else if (event.key === "p" && !$("prev").disabled && !$("pager").hidden) navigate({ page: state.page - 1, doc: null });
});

function init() {
  $("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    navigate({ q: $("q").value.trim(), page: 1, passages: $("passages").checked, from: $("from").value.trim(), to: $("to").value.trim(),
               rank: $("rank").value, doc: null });
  });
  for (const id of ["passages", "rank"]) $(id).addEventListener("change", () => $("search-form").requestSubmit());
  $("trend-by").addEventListener("change", () => navigate({ by: $("trend-by").value }));
  $("prev").addEventListener("click", () => navigate({ page: state.page - 1, doc: null }));
  $("next").addEventListener("click", () => navigate({ page: state.page + 1, doc: null }));
  $("doc-close").addEventListener("click", () => navigate({ doc: null }));
  $("segment-form").addEventListener("submit", (event) => { event.preventDefault(); segmentText(); });
  for (const [id, tab] of [["tab-search", "search"], ["tab-segment", "segment"]]) {
    $(id).addEventListener("click", (event) => { event.preventDefault(); navigate({ tab, doc: null }); if (tab === "segment") segmentText(); });
  }
  window.addEventListener("popstate", () => { readURL(); render(); });
  readURL();
  render().then(() => { if (state.tab === "segment") segmentText(); });
  api("/api/stats").then((s) => { $("stats").textContent = `${s.documents.toLocaleString()} 篇文档 documents · ${s.segments} segments`; }).catch(() => {});
}

init();
