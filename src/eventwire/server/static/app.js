// eventwire dashboard: plain JavaScript, no external assets. Every aggregate comes from the server;
// text from the store is always inserted as text (never as HTML).
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
const QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};
const QUAD_COLOURS = {1: "#7dcea0", 2: "#1e8449", 3: "#f0b27a", 4: "#c0392b"};
const PAGE_SIZE = 50;

const $ = (sel, root = document) => root.querySelector(sel);

// ---------- helpers ----------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function showMessage(text) {
  const box = $("#message");
  box.textContent = text || "";
  box.hidden = !text;
}

async function api(path, options = {}) {
  let response;
  try {
    response = await fetch(path, options);
  } catch (err) {
    throw new Error(`cannot reach the server (${err.message})`);
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && body.message ? body.message : `${response.status} ${response.statusText}`;
    throw new Error(message);
  }
  return body;
}

function formParams(form) {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(form).entries()) {
    const value = String(v).trim();
    if (value !== "") params.set(k, value);
  }
  return params;
}

function fillForm(form, params) {
  for (const [k, v] of params.entries()) {
    if (form.elements[k]) form.elements[k].value = v;
  }
}

// Like form.reset(), without firing the form's reset event.
function clearForm(form) {
  for (const field of form.elements) {
    if (field.tagName === "SELECT") field.selectedIndex = 0;
    else if (field.tagName === "INPUT") field.value = "";
  }
}

function fmt(x, digits = 1) {
  return x === null || x === undefined ? "" : Number(x).toFixed(digits);
}

function actorLabel(actor) {
  if (!actor) return "";
  return actor.code || actor.name || actor.text || "";
}

// ---------- routing ----------

function route() {
  const hash = location.hash.replace(/^#/, "") || "network";
  const [view, query = ""] = hash.split("?");
  const [name, arg] = view.split("/");
  const params = new URLSearchParams(query);
  const known = ["network", "timeline", "events", "evidence", "code", "event"];
  const target = known.includes(name) ? name : "network";
  const section = target === "event" ? "evidence" : target;
  for (const s of document.querySelectorAll(".view")) s.hidden = s.id !== `view-${section}`;
  for (const a of document.querySelectorAll("#tabs a")) a.classList.toggle("active", a.dataset.view === section);
  showMessage("");
  const run = {
    network: () => loadNetwork(params),
    timeline: () => loadTimeline(params),
    events: () => loadEvents(params),
    evidence: () => {},
    event: () => loadEvidence(decodeURIComponent(arg || "")),
    code: () => {},
  }[target];
  Promise.resolve(run()).catch((err) => showMessage(err.message));
}

function go(view, params) {
  const query = params && String(params) ? `?${params}` : "";
  const next = `#${view}${query}`;
  if (location.hash === next) route();
  else location.hash = next;
}

// ---------- network ----------

function edgeColour(edge) {
  const total = edge.cooperation + edge.conflict;
  const share = total ? edge.cooperation / total : 0.5;  // 0 conflict .. 1 cooperation
  const lerp = (a, b, t) => Math.round(a + (b - a) * t);
  const [c, n, g] = [[192, 57, 43], [154, 160, 166], [30, 132, 73]];
  const [from, to, t] = share < 0.5 ? [c, n, share * 2] : [n, g, (share - 0.5) * 2];
  return `rgb(${lerp(from[0], to[0], t)},${lerp(from[1], to[1], t)},${lerp(from[2], to[2], t)})`;
}

// Fruchterman-Reingold: nodes repel, edges pull, the temperature cools; deterministic start on a circle.
function forceLayout(nodes, edges, width, height, iterations = 300) {
  const n = nodes.length;
  const area = width * height;
  const k = Math.sqrt(area / Math.max(n, 1)) * 0.75;
  const pos = nodes.map((_, i) => {
    const angle = (2 * Math.PI * i) / Math.max(n, 1);
    const r = Math.min(width, height) * 0.35;
    return {x: width / 2 + r * Math.cos(angle), y: height / 2 + r * Math.sin(angle), dx: 0, dy: 0};
  });
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const links = edges.map((e) => [index.get(e.source), index.get(e.target)]);
  let temperature = width / 8;
  for (let it = 0; it < iterations; it++) {
    for (const p of pos) { p.dx = 0; p.dy = 0; }
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        let d2 = dx * dx + dy * dy;
        if (d2 < 0.01) { dx = 0.1 * (i - j); dy = 0.1; d2 = dx * dx + dy * dy; }
        const f = (k * k) / d2;
        pos[i].dx += dx * f; pos[i].dy += dy * f; pos[j].dx -= dx * f; pos[j].dy -= dy * f;
      }
    }
    for (const [a, b] of links) {
      const dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
      const d = Math.sqrt(dx * dx + dy * dy) || 0.01;
      const f = d / k;
      pos[a].dx -= dx * f; pos[a].dy -= dy * f; pos[b].dx += dx * f; pos[b].dy += dy * f;
    }
    for (const p of pos) {  // a little gravity keeps unconnected parts on screen
      p.dx += (width / 2 - p.x) * 0.02 * k / 10;
      p.dy += (height / 2 - p.y) * 0.02 * k / 10;
      const d = Math.sqrt(p.dx * p.dx + p.dy * p.dy) || 1;
      const step = Math.min(d, temperature);
      p.x += (p.dx / d) * step; p.y += (p.dy / d) * step;
    }
    temperature = Math.max(temperature * 0.97, 0.5);
  }
  return fitToBox(pos, width, height, 40);
}

function fitToBox(pos, width, height, margin) {
  if (!pos.length) return pos;
  const xs = pos.map((p) => p.x), ys = pos.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = (width - 2 * margin) / Math.max(x1 - x0, 1), sy = (height - 2 * margin) / Math.max(y1 - y0, 1);
  const s = Math.min(sx, sy, 3);
  const ox = (width - (x1 - x0) * s) / 2, oy = (height - (y1 - y0) * s) / 2;
  return pos.map((p) => ({x: ox + (p.x - x0) * s, y: oy + (p.y - y0) * s}));
}

function drawNetwork(data, level) {
  const box = $("#network-svg");
  box.replaceChildren();
  const [width, height] = [1000, 640];
  if (!data.edges.length) {
    box.append(svg("text", {x: width / 2, y: height / 2, "text-anchor": "middle", fill: "#6b7280"},
      "No edges match: widen the dates or lower the minimum."));
    return;
  }
  const pos = forceLayout(data.nodes, data.edges, width, height);
  const at = new Map(data.nodes.map((node, i) => [node.id, pos[i]]));
  const degree = new Map(data.nodes.map((node) => [node.id, node.events_in + node.events_out]));
  const maxCount = Math.max(...data.edges.map((e) => e.count));
  const maxDegree = Math.max(...degree.values());
  const radius = (id) => 4 + 14 * Math.sqrt(degree.get(id) / maxDegree);
  const edgeLayer = svg("g", {class: "edges"}), nodeLayer = svg("g", {class: "nodes"});
  for (const e of data.edges) {
    const a = at.get(e.source), b = at.get(e.target);
    const dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
    // Bend each directed edge to its left so that a->b and b->a stay apart.
    const bend = Math.min(40, d * 0.15);
    const cx = (a.x + b.x) / 2 - (dy / d) * bend, cy = (a.y + b.y) / 2 + (dx / d) * bend;
    const r = radius(e.target) + 2;
    const tx = cx - b.x, ty = cy - b.y, td = Math.sqrt(tx * tx + ty * ty) || 1;
    const ex = b.x + (tx / td) * r, ey = b.y + (ty / td) * r;
    const w = 1 + 7 * Math.log1p(e.count) / Math.log1p(maxCount);
    const colour = edgeColour(e);
    const path = svg("path", {d: `M${a.x},${a.y} Q${cx},${cy} ${ex},${ey}`, class: "edge", stroke: colour,
      "stroke-width": w.toFixed(2), "data-source": e.source, "data-target": e.target});
    const mean = e.goldstein_mean === null ? "n/a" : e.goldstein_mean.toFixed(2);
    path.append(svg("title", {}, `${e.source} → ${e.target}: ${e.count} events (${e.cooperation} cooperation, ` +
      `${e.conflict} conflict), mean Goldstein ${mean}. Click for the timeline.`));
    path.addEventListener("click", () => go("timeline", new URLSearchParams({a: e.source, b: e.target, level})));
    const ux = (ex - cx) / (Math.hypot(ex - cx, ey - cy) || 1), uy = (ey - cy) / (Math.hypot(ex - cx, ey - cy) || 1);
    const size = 4 + w;
    const arrow = svg("polygon", {class: "arrow", fill: colour, points: [
      [ex, ey], [ex - ux * size * 1.6 - uy * size * 0.7, ey - uy * size * 1.6 + ux * size * 0.7],
      [ex - ux * size * 1.6 + uy * size * 0.7, ey - uy * size * 1.6 - ux * size * 0.7],
    ].map((p) => p.map((v) => v.toFixed(1)).join(",")).join(" ")});
    edgeLayer.append(path, arrow);
  }
  for (const node of data.nodes) {
    const p = at.get(node.id);
    const g = svg("g", {class: "node", transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`,
      "data-id": node.id});
    g.append(svg("circle", {r: radius(node.id).toFixed(1)}));
    g.append(svg("text", {x: radius(node.id) + 3, y: 4}, node.label === node.id ? node.id : `${node.label}`));
    g.append(svg("title", {}, `${node.label} (${node.id}): ${node.events_out} events out, ${node.events_in} in. ` +
      "Click for its events."));
    g.addEventListener("click", () => {
      const params = new URLSearchParams(level === "country" ? {country: node.id} : {actor: node.id});
      go("events", params);
    });
    nodeLayer.append(g);
  }
  box.append(edgeLayer, nodeLayer);
}

async function loadNetwork(params) {
  const form = $("#network-form");
  fillForm(form, params);
  const query = formParams(form);
  const data = await api(`/network?${query}`);
  const level = query.get("level") || "country";
  $("#network-summary").textContent = `${data.nodes.length} actors, ${data.edges.length} directed edges` +
    (data.truncated ? " (the heaviest only: raise the minimum or the edge limit)" : "");
  drawNetwork(data, level);
}

// ---------- dyad timeline ----------

function drawTimelinePanel(title, periods, buckets) {
  const [width, height, left, right, top, bottom] = [1000, 230, 44, 44, 24, 34];
  const chart = svg("svg", {class: "chart", viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: "none"});
  chart.append(svg("text", {class: "title", x: left, y: 16}, title));
  const byPeriod = new Map(buckets.map((b) => [b.period, b]));
  const maxCount = Math.max(1, ...buckets.map((b) => b.count));
  const plotW = width - left - right, plotH = height - top - bottom;
  const slot = plotW / Math.max(periods.length, 1);
  const y = (count) => top + plotH - (count / maxCount) * plotH;
  const yg = (g) => top + plotH / 2 - (g / 10) * (plotH / 2);
  const axis = svg("g", {class: "axis"});
  axis.append(svg("line", {x1: left, x2: width - right, y1: top + plotH, y2: top + plotH}));
  axis.append(svg("text", {x: left - 6, y: top + 8, "text-anchor": "end"}, String(maxCount)));
  axis.append(svg("text", {x: left - 6, y: top + plotH, "text-anchor": "end"}, "0"));
  axis.append(svg("text", {x: width - right + 6, y: top + 8}, "+10"));
  axis.append(svg("text", {x: width - right + 6, y: top + plotH}, "−10"));
  const every = Math.ceil(periods.length / 12);
  periods.forEach((p, i) => {
    if (i % every === 0) {
      axis.append(svg("text", {x: left + slot * (i + 0.5), y: height - 14, "text-anchor": "middle"}, p));
    }
  });
  chart.append(axis);
  chart.append(svg("line", {class: "zero", x1: left, x2: width - right, y1: yg(0), y2: yg(0)}));
  const line = [];
  periods.forEach((p, i) => {
    const b = byPeriod.get(p);
    if (!b) return;
    let base = 0;
    for (const q of [1, 2, 3, 4]) {
      const n = b[`quad${q}`];
      if (!n) continue;
      const rect = svg("rect", {x: left + slot * i + slot * 0.12, width: Math.max(slot * 0.76, 1),
        y: y(base + n), height: y(base) - y(base + n), fill: QUAD_COLOURS[q], class: `bar q${q}`});
      rect.append(svg("title", {}, `${p}: ${n} ${QUAD_NAMES[q]}`));
      chart.append(rect);
      base += n;
    }
    const other = b.count - base;  // events without a quad class
    if (other > 0) {
      chart.append(svg("rect", {x: left + slot * i + slot * 0.12, width: Math.max(slot * 0.76, 1),
        y: y(base + other), height: y(base) - y(base + other), fill: "#cfd4da"}));
    }
    if (b.goldstein_mean !== null) line.push(`${left + slot * (i + 0.5)},${yg(b.goldstein_mean)}`);
  });
  if (line.length) chart.append(svg("polyline", {class: "gold", points: line.join(" ")}));
  if (!buckets.length) {
    chart.append(svg("text", {x: width / 2, y: height / 2, "text-anchor": "middle", fill: "#6b7280"}, "no events"));
  }
  return chart;
}

function timelineTable(data, periods) {
  const table = $("#timeline-table");
  const a = new Map(data.a_to_b.map((b) => [b.period, b])), b = new Map(data.b_to_a.map((x) => [x.period, x]));
  const head = el("tr", {}, el("th", {text: "Period"}),
    ...["events", "Goldstein sum", "mean"].map((h) => el("th", {text: `${data.a}→${data.b} ${h}`})),
    ...["events", "Goldstein sum", "mean"].map((h) => el("th", {text: `${data.b}→${data.a} ${h}`})));
  const rows = periods.map((p) => {
    const cells = [a.get(p), b.get(p)].flatMap((x) => [
      el("td", {class: "num", text: x ? x.count : 0}), el("td", {class: "num", text: x ? fmt(x.goldstein_sum) : ""}),
      el("td", {class: "num", text: x ? fmt(x.goldstein_mean, 2) : ""})]);
    return el("tr", {}, el("td", {text: p}), ...cells);
  });
  table.replaceChildren(el("thead", {}, head), el("tbody", {}, ...rows));
}

async function loadTimeline(params) {
  const form = $("#timeline-form");
  fillForm(form, params);
  const query = formParams(form);
  const charts = $("#timeline-charts");
  if (!query.get("a") || !query.get("b")) {
    charts.replaceChildren(el("p", {class: "summary", text: "Choose two actors (or click an edge in the network)."}));
    $("#timeline-table").replaceChildren();
    return;
  }
  const [a, b] = [query.get("a"), query.get("b")];
  query.delete("a"); query.delete("b");
  const data = await api(`/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/timeline?${query}`);
  const periods = [...new Set([...data.a_to_b, ...data.b_to_a].map((x) => x.period))].sort();
  charts.replaceChildren(
    drawTimelinePanel(`${a} → ${b}`, periods, data.a_to_b),
    drawTimelinePanel(`${b} → ${a}`, periods, data.b_to_a));
  timelineTable(data, periods);
}

// ---------- events table ----------

function eventRow(e) {
  const row = el("tr", {class: "clickable", "data-id": e.id},
    el("td", {text: e.date || ""}),
    el("td", {text: actorLabel(e.source), title: e.source && e.source.name}),
    el("td", {text: actorLabel(e.target), title: e.target && e.target.name}),
    el("td", {text: `${e.cameo || ""} ${e.cameo_name || ""}`.trim()}),
    el("td", {text: e.plover || ""}),
    el("td", {class: `num quad-${e.quad_class}`, text: e.quad_class ?? ""}),
    el("td", {class: "num", text: fmt(e.goldstein)}),
    el("td", {class: "num", text: e.num_mentions ?? ""}),
    el("td", {class: "sentence", text: e.sentence || ""}));
  row.addEventListener("click", () => go(`event/${encodeURIComponent(e.id)}`));
  return row;
}

async function loadEvents(params) {
  const form = $("#events-form");
  clearForm(form);
  fillForm(form, params);
  const query = formParams(form);
  const offset = Number(params.get("offset") || 0);
  query.set("limit", PAGE_SIZE);
  query.set("offset", offset);
  const data = await api(`/events?${query}`);
  $("#events-table tbody").replaceChildren(...data.items.map(eventRow));
  const last = offset + data.items.length;
  $("#events-summary").textContent = data.total
    ? `${data.total.toLocaleString("en")} event${data.total === 1 ? "" : "s"}; showing ${offset + 1}–${last}`
    : "No events match.";
  const page = (delta) => () => {
    const next = formParams(form);
    next.set("offset", Math.max(0, offset + delta));
    go("events", next);
  };
  $("#events-prev").disabled = offset === 0;
  $("#events-next").disabled = last >= data.total;
  $("#events-prev").onclick = page(-PAGE_SIZE);
  $("#events-next").onclick = page(PAGE_SIZE);
}

// ---------- evidence ----------

// Text with highlighted spans; overlapping spans after the first are dropped.
function highlighted(text, spans) {
  const out = el("div", {class: "article-text"});
  let at = 0;
  for (const s of [...spans].sort((x, y) => x.start - y.start || y.end - x.end)) {
    if (s.start < at) continue;
    out.append(text.slice(at, s.start));
    out.append(el("mark", {class: `hl-${s.kind}`, title: s.kind, text: text.slice(s.start, s.end)}));
    at = s.end;
  }
  out.append(text.slice(at));
  return out;
}

async function mentionCard(eventId, m) {
  const card = el("div", {class: "mention"});
  const title = m.article_title || m.article_id;
  card.append(el("h3", {}, m.article_url
    ? el("a", {href: m.article_url, target: "_blank", rel: "noopener noreferrer", text: title}) : title));
  card.append(el("div", {class: "meta", text: [m.article_source, m.published, m.trigger && `trigger “${m.trigger}”`,
    m.mode, m.confidence !== null && `confidence ${fmt(m.confidence, 2)}`, m.rule && `rule ${m.rule}`]
    .filter(Boolean).join(" · ")}));
  try {
    const article = await api(`/articles/${encodeURIComponent(m.article_id)}?event=${encodeURIComponent(eventId)}`);
    card.append(article.text ? highlighted(article.text, article.spans.filter((s) => s.mention_id === m.id))
      : el("div", {class: "article-text", text: m.sentence || ""}));
  } catch (err) {
    card.append(el("div", {class: "article-text", text: m.sentence || ""}));
    card.append(el("div", {class: "meta", text: `(article text unavailable: ${err.message})`}));
  }
  return card;
}

async function loadEvidence(eventId) {
  const box = $("#evidence");
  $("#evidence-empty").hidden = true;
  box.replaceChildren(el("p", {class: "summary", text: "Loading…"}));
  const e = await api(`/events/${encodeURIComponent(eventId)}`);
  const facts = [
    ["Event", `${e.cameo} ${e.cameo_name || ""}`], ["PLOVER", e.plover], ["Quad class",
      e.quad_class ? `${e.quad_class} (${QUAD_NAMES[e.quad_class]})` : ""], ["Goldstein", fmt(e.goldstein)],
    ["Date", e.date], ["Mode", e.mode], ["Location", [e.location_name, e.location_country].filter(Boolean).join(", ")],
    ["Seen", `${e.num_mentions} mentions in ${e.num_articles} articles from ${e.num_sources} sources`],
  ];
  const head = el("div", {class: "evidence-head"},
    el("h2", {id: "evidence-title", text: `${actorLabel(e.source)} → ${actorLabel(e.target) || "(no target)"}: ` +
      `${e.cameo_name || e.cameo}`}),
    el("dl", {}, ...facts.flatMap(([k, v]) => [el("dt", {text: k}), el("dd", {text: v || "—"})])),
    el("div", {class: "legend"}, el("mark", {class: "hl-source", text: "source"}),
      el("mark", {class: "hl-trigger", text: "trigger"}), el("mark", {class: "hl-target", text: "target"})));
  const cards = await Promise.all(e.mentions.map((m) => mentionCard(e.id, m)));
  box.replaceChildren(head, ...cards);
  const first = $("mark.hl-trigger", box);
  if (first) first.scrollIntoView({block: "center"});
}

// ---------- code a story ----------

function sentenceWithHighlights(e) {
  const text = e.sentence;
  const spans = [];
  const ts = e.trigger_start - e.sentence_start;
  if (ts >= 0 && ts < text.length) spans.push({start: ts, end: ts + (e.trigger_end - e.trigger_start), kind: "trigger"});
  for (const kind of ["source", "target"]) {
    const actor = e[kind];
    if (!actor || !actor.text) continue;
    const at = text.indexOf(actor.text);
    if (at >= 0) spans.push({start: at, end: at + actor.text.length, kind});
  }
  const box = highlighted(text, spans);
  box.className = "";
  return box;
}

async function codeStory(event) {
  event.preventDefault();
  const form = $("#code-form");
  const token = $("#code-token").value.trim();
  sessionStorage.setItem("eventwire-token", token);
  const body = {text: $("#code-text").value};
  if ($("#code-published").value) body.published = $("#code-published").value;
  const headers = {"Content-Type": "application/json"};
  if (token) headers.Authorization = `Bearer ${token}`;
  $("#code-submit").disabled = true;
  $("#code-summary").textContent = "Coding…";
  try {
    const data = await api("/code", {method: "POST", headers, body: JSON.stringify(body)});
    $("#code-summary").textContent = `${data.count} event${data.count === 1 ? "" : "s"} found in ` +
      `${data.elapsed_ms} ms.`;
    $("#code-table tbody").replaceChildren(...data.events.map((e) => el("tr", {},
      el("td", {class: "sentence"}, sentenceWithHighlights(e)),
      el("td", {text: actorLabel(e.source), title: e.source.name}),
      el("td", {text: actorLabel(e.target), title: e.target && e.target.name}),
      el("td", {text: `${e.cameo} ${e.cameo_name || ""}`.trim()}),
      el("td", {text: e.plover || ""}),
      el("td", {class: `num quad-${e.quad_class}`, text: e.quad_class ?? ""}),
      el("td", {class: "num", text: fmt(e.goldstein)}),
      el("td", {text: e.mode}),
      el("td", {text: e.date || ""}),
      el("td", {text: e.location ? e.location.name : ""}))));
    form.dataset.coded = "1";
  } catch (err) {
    $("#code-summary").textContent = "";
    showMessage(`Coding failed: ${err.message}`);
  } finally {
    $("#code-submit").disabled = false;
  }
}

// ---------- start-up ----------

async function refreshStatus() {
  try {
    const h = await api("/health");
    $("#store-status").textContent = `${h.events.toLocaleString("en")} events · ` +
      `${h.articles.toLocaleString("en")} articles`;
  } catch (err) {
    $("#store-status").textContent = `store unavailable: ${err.message}`;
  }
}

async function loadActorCodes() {
  try {
    const data = await api("/actors?limit=500");
    $("#actor-codes").replaceChildren(...data.items.map((a) => el("option", {value: a.code, text: a.name || a.code})));
  } catch (err) { /* suggestions are optional */ }
}

function submitTo(formId, view, keep = []) {
  $(formId).addEventListener("submit", (event) => {
    event.preventDefault();
    const params = formParams(event.target);
    for (const k of keep) if (!params.get(k)) params.delete(k);
    go(view, params);
  });
}

document.addEventListener("DOMContentLoaded", () => {
  submitTo("#network-form", "network");
  submitTo("#timeline-form", "timeline");
  submitTo("#events-form", "events");
  $("#events-form").addEventListener("reset", () => setTimeout(() => go("events"), 0));
  $("#code-form").addEventListener("submit", codeStory);
  $("#code-token").value = sessionStorage.getItem("eventwire-token") || "";
  window.addEventListener("hashchange", route);
  refreshStatus();
  loadActorCodes();
  setInterval(refreshStatus, 30000);
  route();
});
