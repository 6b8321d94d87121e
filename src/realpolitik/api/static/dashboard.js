// The realpolitik dashboard: reads the JSON API of the same server and draws everything itself.
// Safety rule: every string from the store (article text, titles, evidence, names) reaches the page
// through textContent or a text node, never parsed as markup. Charts are SVG built element by element.
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
const QUAD = {
  1: {label: "verbal cooperation", cls: "q1"},
  2: {label: "material cooperation", cls: "q2"},
  3: {label: "verbal conflict", cls: "q3"},
  4: {label: "material conflict", cls: "q4"},
};
const MAX_EVENTS = 500;      // one page of /events: the table and the markers
const NETWORK_NODES = 14;    // the busiest sides drawn in the network
const DAY_MS = 86400000;

const state = {dyads: [], dyad: null, period: "auto", events: [], selected: null, docs: new Map()};

// -- small helpers ---------------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined) node.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

function $(id) { return document.getElementById(id); }

function fmt(value, digits = 2) {
  return value === null || value === undefined ? "–" : Number(value).toFixed(digits);
}

function showStatus(message) {
  const status = $("status");
  status.textContent = message || "";
  status.hidden = !message;
}

async function api(path, params) {
  const query = params ? "?" + new URLSearchParams(params).toString() : "";
  const response = await fetch(path + query, {headers: {Accept: "application/json"}});
  const body = await response.json();
  if (!response.ok) throw new Error(body && body.error ? body.error : `${path}: HTTP ${response.status}`);
  return body;
}

function dyadPath(dyad, route) {
  return `/dyads/${encodeURIComponent(dyad.a)}/${encodeURIComponent(dyad.b)}/${route}`;
}

function side(ref) {
  if (!ref) return "–";
  return ref.code || ref.country || ref.text || "–";
}

function toTime(iso) { return Date.parse(iso + "T00:00:00Z"); }

function isoDay(time) { return new Date(time).toISOString().slice(0, 10); }

// -- the dyad picker -------------------------------------------------------------------------------

async function loadDyads() {
  // A side with itself (USA-USA: events inside one country) is not a dyad the analytics take.
  state.dyads = (await api("/dyads", {limit: 200})).filter((dyad) => dyad.a !== dyad.b);
  const picker = clear($("dyad-picker"));
  state.dyads.forEach((dyad, index) => {
    picker.append(el("option", {value: index}, `${dyad.a} – ${dyad.b}  (${dyad.events} events)`));
  });
  if (!state.dyads.length) {
    showStatus("The store holds no events between two sides yet. Ingest documents with `realpolitik ingest`.");
    return;
  }
  const wanted = decodeURIComponent(location.hash.slice(1)).toUpperCase();
  const found = state.dyads.findIndex((d) => d.dyad === wanted || `${d.b}-${d.a}` === wanted);
  picker.value = String(found >= 0 ? found : 0);
  await selectDyad(state.dyads[Number(picker.value)]);
}

async function selectDyad(dyad) {
  state.dyad = dyad;
  state.selected = null;
  history.replaceState(null, "", "#" + encodeURIComponent(dyad.dyad));
  document.body.dataset.dyadReady = "";
  renderKpis(dyad);
  $("brief-link").setAttribute("href", dyadPath(dyad, "brief") + "?format=html");
  clear($("event-detail"));
  clear($("article-meta"));
  clear($("article")).append(el("p", {class: "placeholder"},
    "Pick an event in the table or on the timeline to read its evidence in the article."));
  try {
    const [series, events, brief] = await Promise.all([
      api(dyadPath(dyad, "series"), {period: seriesPeriod(dyad)}),
      api("/events", {dyad: `${dyad.a}-${dyad.b}`, limit: MAX_EVENTS}),
      api(dyadPath(dyad, "brief"), {format: "json"}),
    ]);
    if (state.dyad !== dyad) return;  // another dyad was picked meanwhile: its answers win
    state.events = events.items;
    renderTimeline(series, events.items, seriesPeriod(dyad));
    renderEvents(events);
    renderBrief(brief);
    highlightNetwork();
    showStatus("");
    document.body.dataset.dyadReady = dyad.dyad;
  } catch (error) {
    showStatus(error.message);
  }
}

function renderKpis(dyad) {
  const coop = dyad.verbal_coop + dyad.material_coop;
  const conflict = dyad.verbal_conflict + dyad.material_conflict;
  const index = coop + conflict ? (coop - conflict) / (coop + conflict) : null;
  const items = [
    ["Events", dyad.events],
    ["Asserted", dyad.asserted],
    ["Hedged, future, hypothetical, negated", dyad.other_modality],
    ["Index (asserted)", fmt(index)],
    ["Mean Goldstein (asserted)", fmt(dyad.goldstein_mean)],
    [dyad.first_date === dyad.last_date ? "Date of the events" : "First – last event",
      dyad.first_date === dyad.last_date ? dyad.first_date || "–" : `${dyad.first_date} – ${dyad.last_date}`],
  ];
  const box = clear($("kpis"));
  for (const [label, value] of items) {
    const long = String(value).length > 12 ? " kpi-long" : "";
    box.append(el("div", {class: "kpi"}, el("div", {class: `kpi-value${long}`}, value),
      el("div", {class: "kpi-label"}, label)));
  }
}

// -- the timeline ----------------------------------------------------------------------------------

function timeDomain(series, events, period) {
  const times = series.map((row) => toTime(row.period_start))
    .concat(events.filter((e) => e.date).map((e) => toTime(e.date)));
  if (!times.length) return null;
  let low = Math.min(...times);
  let high = Math.max(...times);
  const least = {day: 1, week: 7, month: 31}[period] * DAY_MS;
  const pad = Math.max((high - low) * 0.04, least);
  return [low - pad, high + pad];
}

function renderTimeline(series, events, period) {
  const box = clear($("timeline"));
  $("timeline-period").textContent = `per ${period}`;
  const legend = clear($("timeline-legend"));
  for (const q of [1, 2, 3, 4]) {
    legend.append(el("span", {class: "legend-item"}, el("span", {class: `swatch ${QUAD[q].cls}`}), QUAD[q].label));
  }
  legend.append(el("span", {class: "legend-item"}, el("span", {class: "swatch hollow"}), "not asserted"));
  const domain = timeDomain(series, events, period);
  if (!domain) {
    box.append(el("p", {class: "placeholder"}, "No dated events for this dyad."));
    return;
  }
  const W = 960, H = 300, left = 46, right = 14, top = 14, plotH = 170, stripTop = top + plotH + 34;
  const x = (t) => left + ((t - domain[0]) / (domain[1] - domain[0])) * (W - left - right);
  const y = (v) => top + (1 - (v + 1) / 2) * plotH;
  const chart = svg("svg", {viewBox: `0 0 ${W} ${H}`, class: "timeline-svg", role: "img",
    "aria-label": "Cooperation-conflict index over time, with event markers"});
  for (const v of [-1, -0.5, 0, 0.5, 1]) {
    chart.append(svg("line", {x1: left, x2: W - right, y1: y(v), y2: y(v), class: v === 0 ? "axis-zero" : "grid"}));
    chart.append(svg("text", {x: left - 8, y: y(v) + 4, class: "tick", "text-anchor": "end"}, v.toFixed(1)));
  }
  drawTimeTicks(chart, domain, x, top + plotH + 18);
  for (const group of ["other", "asserted"]) drawSeries(chart, series, group, x, y);
  drawMarkers(chart, events, x, stripTop, H - 6);
  box.append(chart);
}

// Ticks on whole days (1, 2, 7 or 14 apart) or on month starts (1, 3, 6 or 12 apart), at most 8.
function timeTicks(domain) {
  const spanDays = (domain[1] - domain[0]) / DAY_MS;
  const dayStep = [1, 2, 7, 14].find((step) => spanDays / step <= 8);
  const ticks = [];
  if (dayStep) {
    for (let t = Math.ceil(domain[0] / DAY_MS) * DAY_MS; t <= domain[1]; t += dayStep * DAY_MS) ticks.push(t);
    return ticks;
  }
  const monthStep = [1, 3, 6, 12, 24, 60].find((step) => spanDays / (30.44 * step) <= 8) || 120;
  const first = new Date(domain[0]);
  let year = first.getUTCFullYear();
  let month = Math.ceil((first.getUTCMonth() + (first.getUTCDate() > 1 ? 1 : 0)) / monthStep) * monthStep;
  for (let t = Date.UTC(year, month, 1); t <= domain[1]; month += monthStep, t = Date.UTC(year, month, 1)) {
    ticks.push(t);
  }
  return ticks;
}

function drawTimeTicks(chart, domain, x, baseline) {
  const monthly = (domain[1] - domain[0]) / DAY_MS > 16 * 8;
  for (const t of timeTicks(domain)) {
    const label = monthly ? isoDay(t).slice(0, 7) : isoDay(t);
    chart.append(svg("line", {x1: x(t), x2: x(t), y1: baseline - 14, y2: baseline - 10, class: "axis-zero"}));
    chart.append(svg("text", {x: x(t), y: baseline, class: "tick", "text-anchor": "middle"}, label));
  }
}

// The period of the series: the picker's, or for "auto" one that suits the dyad's span of dates.
function seriesPeriod(dyad) {
  if (state.period !== "auto") return state.period;
  if (!dyad.first_date || !dyad.last_date) return "month";
  const days = (toTime(dyad.last_date) - toTime(dyad.first_date)) / DAY_MS;
  return days <= 62 ? "day" : days <= 731 ? "week" : "month";
}

function drawSeries(chart, series, group, x, y) {
  const rows = series.filter((row) => row.modality_group === group);
  let path = "";
  let pen = "M";
  for (const row of rows) {
    if (row.coop_conflict_index === null) { pen = "M"; continue; }
    path += `${pen}${x(toTime(row.period_start)).toFixed(1)},${y(row.coop_conflict_index).toFixed(1)} `;
    pen = "L";
  }
  // Only the asserted group is zero-filled; a line through the other group's points would skip gaps.
  if (path && group === "asserted") {
    // A faint dotted guide joins the periods that have events across the empty ones between them.
    const guide = rows.filter((row) => row.coop_conflict_index !== null)
      .map((row, i) => `${i ? "L" : "M"}${x(toTime(row.period_start)).toFixed(1)},${y(row.coop_conflict_index).toFixed(1)}`);
    chart.append(svg("path", {d: guide.join(" "), class: "series-guide"}));
    chart.append(svg("path", {d: path, class: `series series-${group}`}));
  }
  for (const row of rows) {
    if (row.coop_conflict_index === null) continue;
    const point = svg("circle", {cx: x(toTime(row.period_start)), cy: y(row.coop_conflict_index), r: 4,
      class: `point point-${group}`});
    point.append(svg("title", {}, `${row.period_start} (${group}): index ${fmt(row.coop_conflict_index)}, ` +
      `${row.events} events, Goldstein ${fmt(row.goldstein_sum, 1)}`));
    chart.append(point);
  }
}

function drawMarkers(chart, events, x, stripTop, bottom) {
  chart.append(svg("text", {x: 4, y: stripTop + 4, class: "tick"}, "events"));
  const stacks = new Map();
  const step = 9;
  const room = Math.max(1, Math.floor((bottom - stripTop) / step));
  for (const event of events) {
    if (!event.date) continue;
    const level = stacks.get(event.date) || 0;
    stacks.set(event.date, level + 1);
    const column = Math.floor(level / room);  // a full stack continues in a column beside it
    const quad = QUAD[event.quad_class] || QUAD[1];
    const hollow = event.modality === "asserted" ? "" : " hollow";
    const marker = svg("circle", {cx: x(toTime(event.date)) + column * step, cy: stripTop + (level % room) * step, r: 3.6,
      class: `marker ${quad.cls}${hollow}`, "data-event-id": event.event_id, tabindex: 0});
    marker.append(svg("title", {}, `${event.date} ${side(event.source)} → ${side(event.target)}: ` +
      `${event.plover} (${event.modality}) — ${event.evidence.text}`));
    marker.addEventListener("click", () => selectEvent(event.event_id));
    chart.append(marker);
  }
}

// -- the event table -------------------------------------------------------------------------------

function renderEvents(page) {
  $("events-count").textContent = page.total > page.items.length
    ? `${page.items.length} of ${page.total} shown` : `${page.total}`;
  const body = clear(document.querySelector("#events-table tbody"));
  for (const event of page.items) {
    const evidence = event.evidence.text.length > 140 ? event.evidence.text.slice(0, 137) + "…" : event.evidence.text;
    const row = el("tr", {"data-event-id": event.event_id, tabindex: 0},
      el("td", {class: "nowrap"}, event.date || "–"),
      el("td", {class: "sides"}, `${side(event.source)} ${event.symmetric ? "⇄" : "→"} ${side(event.target)}`),
      el("td", {class: "nowrap"}, el("span", {class: `type ${(QUAD[event.quad_class] || QUAD[1]).cls}`}, event.plover),
        ` ${event.cameo}`),
      el("td", {}, el("span", {class: `badge modality-${event.modality}`}, event.modality)),
      el("td", {}, event.sectors.length > 2
        ? `${event.sectors.slice(0, 2).join(", ")} +${event.sectors.length - 2}` : event.sectors.join(", ")),
      el("td", {class: "evidence-cell"}, evidence));
    row.addEventListener("click", () => selectEvent(event.event_id));
    row.addEventListener("keydown", (e) => { if (e.key === "Enter") selectEvent(event.event_id); });
    body.append(row);
  }
  if (!page.items.length) body.append(el("tr", {}, el("td", {colspan: 6, class: "placeholder"}, "No events.")));
}

async function selectEvent(eventId) {
  const event = state.events.find((e) => e.event_id === eventId);
  if (!event) return;
  state.selected = eventId;
  for (const node of document.querySelectorAll("[data-event-id]")) {
    node.classList.toggle("selected", node.getAttribute("data-event-id") === eventId);
  }
  const detail = clear($("event-detail"));
  detail.append(
    el("span", {class: "detail-sides"}, `${side(event.source)} ${event.symmetric ? "⇄" : "→"} ${side(event.target)}`),
    el("span", {class: `type ${(QUAD[event.quad_class] || QUAD[1]).cls}`}, event.plover),
    el("span", {}, `CAMEO ${event.cameo} · Goldstein ${fmt(event.goldstein, 1)}`),
    el("span", {class: `badge modality-${event.modality}`}, event.modality),
    el("span", {class: "muted"}, `${event.date || "undated"} · confidence ${fmt(event.confidence)}` +
      (event.trigger ? ` · trigger “${event.trigger}”` : "")));
  try {
    const doc = await loadDocument(event.doc_id);
    if (state.selected !== eventId) return;
    showArticle(doc, event.evidence.start, event.evidence.end, event.evidence.text);
  } catch (error) {
    showStatus(error.message);
  }
}

async function loadDocument(docId) {
  if (!state.docs.has(docId)) state.docs.set(docId, await api(`/documents/${encodeURIComponent(docId)}`));
  return state.docs.get(docId);
}

// -- the article with its evidence ------------------------------------------------------------------

function evidenceSpan(text, start, end, sentence) {
  if (text.slice(start, end) === sentence) return [start, end];
  const found = sentence ? text.indexOf(sentence) : -1;
  return found >= 0 ? [found, found + sentence.length] : null;
}

function showArticle(doc, start, end, sentence) {
  const meta = clear($("article-meta"));
  meta.append(el("div", {class: "article-title"}, doc.title || doc.id));
  const origin = doc.origin ? doc.origin.split(/[\\/]/).pop() : null;
  const facts = [doc.date || "undated", doc.source, origin].filter(Boolean).join(" · ");
  meta.append(el("div", {class: "muted"}, facts));
  if (doc.url && /^https?:\/\//i.test(doc.url)) {
    const link = el("a", {rel: "noopener noreferrer", target: "_blank", class: "small-link"}, doc.url);
    link.href = doc.url;
    meta.append(link);
  }
  const box = clear($("article"));
  const text = doc.text || "";
  const lead = text.length - text.trimStart().length;  // leading blank lines would only push the text down
  const span = evidenceSpan(text, start, end, sentence);
  if (!span) {
    box.append(el("p", {class: "muted"}, "The evidence sentence was not found in the stored text."),
      document.createTextNode(text));
    return;
  }
  const mark = el("mark", {class: "evidence", id: "evidence-mark"}, text.slice(span[0], span[1]));
  box.append(document.createTextNode(text.slice(Math.min(lead, span[0]), span[0])), mark,
    document.createTextNode(text.slice(span[1])));
  box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - box.clientHeight / 3);
}

// -- the briefing ----------------------------------------------------------------------------------

function cite(key) {
  if (key === null || key === undefined) return null;
  const link = el("a", {class: "cite", href: `#ev-${key}`}, `[${key}]`);
  link.addEventListener("click", (e) => {
    e.preventDefault();
    const target = $(`ev-${key}`);
    if (target) { target.classList.add("flash"); target.scrollIntoView({block: "nearest"}); }
  });
  return link;
}

function listOrNote(items, note) {
  return items.length ? el("ul", {}, ...items) : el("p", {class: "muted"}, note);
}

function renderBrief(brief) {
  const box = clear($("brief"));
  box.append(el("p", {class: "muted"}, `${brief.a_name} (${brief.a}) and ${brief.b_name} (${brief.b}): ` +
    `${brief.events} events. Each claim cites its evidence sentence.`));
  box.append(el("h3", {}, "Highlights by sector"));
  if (!brief.sectors.length) box.append(el("p", {class: "muted"}, "No events between the two sides."));
  for (const group of brief.sectors) {
    box.append(el("h4", {}, group.sector));
    box.append(el("ul", {}, ...group.highlights.map((h) => el("li", {},
      el("span", {class: "muted"}, `${h.date || ""} `), h.summary, " ",
      el("span", {class: `badge modality-${h.modality}`}, h.modality), " ", cite(h.evidence)))));
  }
  box.append(el("h3", {}, "Quotes"));
  box.append(listOrNote(brief.quotes.map((q) => el("li", {}, el("q", {}, q.text), ` — ${q.speaker}` +
    (q.speaker_code ? ` (${q.speaker_code})` : ""), " ", cite(q.evidence))), "No quotes."));
  box.append(el("h3", {}, "Impact on ties"), impactTable(brief.impact));
  box.append(el("h3", {}, "Third-party reactions"));
  box.append(listOrNote(brief.reactions.map((r) => el("li", {}, r.summary, " ", cite(r.evidence))), "None found."));
  box.append(el("h3", {}, "Risk flags"));
  box.append(listOrNote(brief.risks.map((r) => el("li", {},
    el("span", {class: `badge severity-${r.severity}`}, r.severity), ` ${r.title}: ${r.description} `,
    ...r.evidence.map(cite))), "No rule fired."));
  box.append(el("h3", {}, "Evidence"));
  box.append(el("ol", {class: "evidence-list"}, ...brief.evidence.map((item) => {
    const entry = el("li", {id: `ev-${item.key}`}, el("span", {class: "muted"},
      `${item.title} · ${item.date || "undated"}: `), item.sentence);
    entry.addEventListener("click", () => openEvidence(item));
    return entry;
  })));
}

function impactTable(impact) {
  const rows = [["before", impact.before], ["after", impact.after]].filter(([, figures]) => figures);
  const wrap = el("div", {});
  if (rows.length) {
    wrap.append(el("table", {class: "impact"},
      el("thead", {}, el("tr", {}, el("th", {}, "Part"), el("th", {}, "Dates"), el("th", {}, "Events"),
        el("th", {}, "Index"), el("th", {}, "Mean Goldstein"))),
      el("tbody", {}, ...rows.map(([label, f]) => el("tr", {}, el("td", {}, label),
        el("td", {}, `${f.first} – ${f.last}`), el("td", {}, f.events), el("td", {}, fmt(f.coop_conflict_index)),
        el("td", {}, fmt(f.goldstein_mean)))))));
  }
  if (impact.note) wrap.append(el("p", {class: "muted"}, impact.note));
  return wrap;
}

async function openEvidence(item) {
  try {
    const doc = await loadDocument(item.doc_id);
    clear($("event-detail")).append(el("span", {class: "muted"}, `Evidence [${item.key}] of the briefing`));
    state.selected = null;
    showArticle(doc, -1, -1, item.sentence);
  } catch (error) {
    showStatus(error.message);
  }
}

// -- the actor network -----------------------------------------------------------------------------

let networkEdges = [];

async function loadNetwork() {
  networkEdges = await api("/network");
  renderNetwork();
}

function renderNetwork() {
  const box = clear($("network"));
  const weight = new Map();
  for (const edge of networkEdges) {
    weight.set(edge.source_side, (weight.get(edge.source_side) || 0) + edge.events);
    weight.set(edge.target_side, (weight.get(edge.target_side) || 0) + edge.events);
  }
  const nodes = [...weight.entries()].sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1))
    .slice(0, NETWORK_NODES).map(([name]) => name);
  const edges = networkEdges.filter((e) => nodes.includes(e.source_side) && nodes.includes(e.target_side));
  $("network-count").textContent = `${nodes.length} sides, ${edges.length} directed edges`;
  if (!nodes.length) { box.append(el("p", {class: "placeholder"}, "No events between two sides.")); return; }
  const W = 520, H = 420, cx = W / 2, cy = H / 2, radius = 165;
  const at = new Map(nodes.map((name, i) => {
    const angle = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
    return [name, [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)]];
  }));
  const most = Math.max(...edges.map((e) => e.events), 1);
  const chart = svg("svg", {viewBox: `0 0 ${W} ${H}`, class: "network-svg", role: "img",
    "aria-label": "Actor network"});
  for (const edge of edges) chart.append(networkEdge(edge, at, most));
  for (const name of nodes) {
    const [px, py] = at.get(name);
    const node = svg("g", {class: "node", "data-side": name});
    node.append(svg("circle", {cx: px, cy: py, r: 6 + 10 * Math.sqrt(weight.get(name) / weight.get(nodes[0]))}));
    const outside = px < cx - 1 ? "end" : px > cx + 1 ? "start" : "middle";
    const dx = outside === "end" ? -20 : outside === "start" ? 20 : 0;
    node.append(svg("text", {x: px + dx, y: py + (py < cy ? -14 : 22), "text-anchor": outside}, name));
    chart.append(node);
  }
  box.append(chart);
  highlightNetwork();
}

function networkEdge(edge, at, most) {
  const [x1, y1] = at.get(edge.source_side);
  const [x2, y2] = at.get(edge.target_side);
  const bend = 0.12;  // a slight curve keeps A->B and B->A apart
  const mx = (x1 + x2) / 2 - (y2 - y1) * bend, my = (y1 + y2) / 2 + (x2 - x1) * bend;
  const tone = edge.goldstein_sum > 0 ? "coop" : edge.goldstein_sum < 0 ? "conflict" : "neutral";
  const path = svg("path", {d: `M${x1},${y1} Q${mx},${my} ${x2},${y2}`, class: `edge edge-${tone}`,
    "stroke-width": (1 + 7 * Math.sqrt(edge.events / most)).toFixed(2),
    "data-pair": [edge.source_side, edge.target_side].sort().join("-")});
  path.append(svg("title", {}, `${edge.source_side} → ${edge.target_side}: ${edge.events} events ` +
    `(${edge.asserted_events} asserted), Goldstein ${fmt(edge.goldstein_sum, 1)}`));
  path.addEventListener("click", () => {
    const index = state.dyads.findIndex((d) => d.dyad === path.getAttribute("data-pair"));
    if (index >= 0) { $("dyad-picker").value = String(index); selectDyad(state.dyads[index]); }
  });
  return path;
}

function highlightNetwork() {
  if (!state.dyad) return;
  for (const node of document.querySelectorAll("#network .node")) {
    const name = node.getAttribute("data-side");
    node.classList.toggle("active", name === state.dyad.a || name === state.dyad.b);
  }
  for (const edge of document.querySelectorAll("#network .edge")) {
    edge.classList.toggle("active", edge.getAttribute("data-pair") === state.dyad.dyad);
  }
}

// -- start -----------------------------------------------------------------------------------------

async function loadStoreInfo() {
  const [docs, events] = await Promise.all([api("/documents", {limit: 1}), api("/events", {limit: 1})]);
  $("store-info").textContent = `${docs.total} documents · ${events.total} events`;
}

async function start() {
  $("dyad-picker").addEventListener("change", (e) => selectDyad(state.dyads[Number(e.target.value)]));
  $("period-picker").addEventListener("change", (e) => {
    state.period = e.target.value;
    if (state.dyad) selectDyad(state.dyad);
  });
  $("controls").addEventListener("submit", (e) => e.preventDefault());
  try {
    await Promise.all([loadStoreInfo(), loadNetwork(), loadDyads()]);
    document.body.dataset.ready = "true";
  } catch (error) {
    showStatus(error.message);
  }
}

document.addEventListener("DOMContentLoaded", start);
