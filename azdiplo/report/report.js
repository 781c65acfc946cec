// azdiplo report: draws the timeline, network, map, table and counts from the JSON in #azdiplo-data.
// Article text only ever reaches the page through textContent and SVG attributes set one by one:
// nothing here parses HTML, and links are made only of the http(s) URLs the report was built with.
"use strict";
(function () {
  // the data is gzip-compressed JSON in base64 (html.py): a quarter of the bytes to read and parse,
  // and nothing in the block but [A-Za-z0-9+/=]; the browser's own DecompressionStream inflates it
  const holder = document.getElementById("azdiplo-data");
  const packed = holder.textContent.trim();
  holder.textContent = "";
  function inflate(b64) {
    const raw = atob(b64), bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text();
  }
  inflate(packed).then(function (text) { main(JSON.parse(text)); }).catch(function (err) {
    document.getElementById("subtitle").textContent = "This report could not be read: " + err;
    throw err;
  });

  function main(D) {
  const SVG = "http://www.w3.org/2000/svg";
  const COLORS = ["#1f5fbf", "#2a9d8f", "#e9a23b", "#8e5bd6", "#c2571a", "#6c8a2e", "#7a808c", "#b0306a"];
  const PAGE = 100;
  const E = D.events; // [id, date, type, status, [actor], place, evidence, [source], period]
  const state = { period: -1, node: -1, place: -1, search: "", shown: PAGE };

  function el(name, attrs, text) {
    const node = document.createElement(name);
    for (const k in attrs || {}) node.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function svg(name, attrs, text) {
    const node = document.createElementNS(SVG, name);
    for (const k in attrs || {}) node.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function titled(node, text) { node.appendChild(svg("title", {}, text)); return node; }
  const NUMBER = new Intl.NumberFormat("en-US");
  function fmt(n) { return NUMBER.format(n); }
  function plural(n, word) { return fmt(n) + " " + word + (n === 1 ? "" : "s"); }
  function color(t) { return COLORS[t % COLORS.length]; }

  // ------------------------------------------------------------------ header
  document.getElementById("title").textContent = D.title;
  document.getElementById("subtitle").textContent = D.subtitle;
  const summary = document.getElementById("summary");
  const statesInvolved = D.by_state.length;
  [["events", E.length], ["actors", D.network.actors], ["states", statesInvolved], ["places", D.places.length],
   ["sources", D.sources.length]].forEach(function (pair) {
    const box = el("div", { "data-count": pair[0] });
    box.appendChild(el("b", {}, fmt(pair[1])));
    box.appendChild(document.createTextNode(pair[0]));
    summary.appendChild(box);
  });
  document.getElementById("credits").textContent =
    "Made by azdiplo from its event store. Map: " + D.world.source + ". Self-contained: this file loads nothing.";

  // ------------------------------------------------------------------ timeline
  function drawTimeline() {
    const box = document.querySelector("#timeline .chart");
    const legend = document.getElementById("legend");
    const P = D.periods.length, T = D.types.length;
    const counts = new Array(P * T).fill(0), totals = new Array(P).fill(0);
    for (let i = 0; i < E.length; i++) { counts[E[i][8] * T + E[i][2]]++; totals[E[i][8]]++; }
    const used = D.types.map(function (_, t) { for (let p = 0; p < P; p++) if (counts[p * T + t]) return true; return false; });
    D.types.forEach(function (name, t) {
      if (!used[t]) return;
      const s = el("span", {}, name);
      s.style.setProperty("--swatch", color(t));
      legend.appendChild(s);
    });
    const W = 1000, H = 220, left = 34, bottom = 30, top = 8;
    const max = Math.max(1, Math.max.apply(null, totals.length ? totals : [1]));
    const step = Math.min(80, (W - left - 4) / Math.max(P, 1)), bw = Math.max(1, step * 0.8);
    const chart = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "events per month by type" });
    chart.appendChild(svg("line", { x1: left, x2: W, y1: H - bottom, y2: H - bottom, stroke: "#aab" }));
    [0, 0.5, 1].forEach(function (f) {
      const v = Math.round(max * f), y = H - bottom - (H - bottom - top) * (v / max);
      chart.appendChild(svg("text", { x: left - 4, y: y + 3, "text-anchor": "end", class: "axis" }, v));
    });
    let lastYear = "";
    const labelEvery = Math.max(1, Math.ceil(P / 24));
    for (let p = 0; p < P; p++) {
      const label = D.periods[p][0], unit = D.periods[p][1];
      const x = left + (W - left - 4 - P * step) / 2 + p * step + (step - bw) / 2;
      let y = H - bottom;
      const g = svg("g", { class: "bar", "data-period": p });
      for (let t = 0; t < T; t++) {
        const n = counts[p * T + t];
        if (!n) continue;
        const h = (H - bottom - top) * n / max;
        y -= h;
        g.appendChild(svg("rect", { x: x, y: y, width: bw, height: Math.max(h, 0.5), fill: color(t),
          "fill-opacity": unit === "month" ? 1 : 0.45 }));
      }
      titled(g, label + (unit === "year" ? " (dated to the year only)" : unit === "undated" ? "" : "") + ": " + plural(totals[p], "event"));
      g.addEventListener("click", function () { state.period = state.period === p ? -1 : p; update(); });
      chart.appendChild(g);
      const year = label.slice(0, 4);
      if ((year !== lastYear && (p % labelEvery === 0 || P <= 24)) || unit === "undated") {
        chart.appendChild(svg("text", { x: x + bw / 2, y: H - bottom + 14, "text-anchor": "middle", class: "axis" },
          unit === "undated" ? "undated" : (P <= 24 ? label : year)));
        lastYear = year;
      }
    }
    box.appendChild(chart);
  }

  // ------------------------------------------------------------------ network
  function layout(nodes, edges, W, H) {
    const n = nodes.length, x = new Float64Array(n), y = new Float64Array(n);
    for (let i = 0; i < n; i++) { // a spiral, most active in the middle: deterministic
      const a = i * 2.399963, r = 0.45 * Math.min(W, H) * Math.sqrt((i + 0.5) / n);
      x[i] = W / 2 + r * Math.cos(a); y[i] = H / 2 + r * Math.sin(a);
    }
    const k = Math.min(Math.sqrt(W * H / Math.max(n, 1)) * 0.75, 120);
    let temp = W / 10;
    const dx = new Float64Array(n), dy = new Float64Array(n);
    for (let it = 0; it < 300; it++) {
      dx.fill(0); dy.fill(0);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
        let ex = x[i] - x[j], ey = y[i] - y[j], d2 = ex * ex + ey * ey + 0.01;
        if (d2 > 4 * k * k) continue; // Fruchterman and Reingold's grid variant: no push from afar
        const f = k * k / d2;
        dx[i] += ex * f; dy[i] += ey * f; dx[j] -= ex * f; dy[j] -= ey * f;
      }
      for (const e of edges) {
        const i = e[0], j = e[1];
        const ex = x[i] - x[j], ey = y[i] - y[j], d = Math.sqrt(ex * ex + ey * ey) + 0.01;
        const f = d / k * (1 + Math.log(e[2]));
        dx[i] -= ex * f; dy[i] -= ey * f; dx[j] += ex * f; dy[j] += ey * f;
      }
      for (let i = 0; i < n; i++) {
        dx[i] += (W / 2 - x[i]) * 0.05; dy[i] += (H / 2 - y[i]) * 0.05; // gravity: unlinked actors stay in the frame
        const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) + 0.01, m = Math.min(d, temp);
        x[i] = Math.min(W - 20, Math.max(20, x[i] + dx[i] / d * m));
        y[i] = Math.min(H - 14, Math.max(14, y[i] + dy[i] / d * m));
      }
      temp *= 0.985;
    }
    return [x, y];
  }

  const EDGE_LIMIT = 400;
  function drawNetwork() {
    const nodes = D.network.nodes;
    // the strongest links only: thousands of faint lines hide the structure and slow the page
    const edges = D.network.edges.length <= EDGE_LIMIT ? D.network.edges :
      D.network.edges.slice().sort(function (a, b) { return b[2] - a[2] || a[0] - b[0] || a[1] - b[1]; }).slice(0, EDGE_LIMIT);
    const W = 600, H = 440;
    const chart = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "actor network" });
    const pos = layout(nodes, edges, W, H), x = pos[0], y = pos[1];
    const maxEvents = Math.max(1, ...nodes.map(function (n) { return n[3]; }));
    const maxEdge = Math.max(1, ...edges.map(function (e) { return e[2]; }));
    const gEdges = svg("g"), gNodes = svg("g");
    edges.forEach(function (e) {
      const line = svg("line", { x1: x[e[0]], y1: y[e[0]], x2: x[e[1]], y2: y[e[1]], class: "edge" + (e[3] ? " signed" : ""),
        "stroke-width": 0.8 + 4 * Math.sqrt(e[2] / maxEdge) });
      titled(line, nodes[e[0]][0] + " – " + nodes[e[1]][0] + ": " + plural(e[2], "shared event") +
        (e[3] ? " (" + plural(e[3], "agreement") + ")" : "") + " · " + e[4].join(", "));
      gEdges.appendChild(line);
    });
    const labelled = Math.min(nodes.length, 24);
    nodes.forEach(function (n, i) {
      const r = 3 + 14 * Math.sqrt(n[3] / maxEvents);
      const g = svg("g", { class: "node", "data-node": i, "data-kind": n[1], transform: "translate(" + x[i].toFixed(1) + "," + y[i].toFixed(1) + ")" });
      g.appendChild(svg("circle", { r: r.toFixed(1), fill: n[1] === "group" ? "#b7bcc6" : n[1] === "country" ? "#1f5fbf" : n[1] === "person" ? "#2a9d8f" : "#e9a23b" }));
      titled(g, n[0] + (n[2] ? " (" + n[2] + ")" : "") + " · " + n[1] + " · " + plural(n[3], "event") +
        (n[5] ? " · " + n[5] + (n[6] && n[6] !== n[5] ? " to " + n[6] : "") : ""));
      if (i < labelled) {
        const right = x[i] < W - 110;
        g.appendChild(svg("text", { x: right ? r + 2 : -r - 2, y: 3, "text-anchor": right ? "start" : "end" }, n[0]));
      }
      g.addEventListener("click", function () { state.node = state.node === i ? -1 : i; update(); });
      gNodes.appendChild(g);
    });
    chart.appendChild(gEdges); chart.appendChild(gNodes);
    document.querySelector("#network .chart").appendChild(chart);
    const note = document.querySelector("#network .note");
    note.textContent = plural(D.network.actors, "actor") + ", " + plural(D.network.edges.length, "link") +
      (edges.length < D.network.edges.length ? " (the " + fmt(edges.length) + " strongest drawn)" : "") +
      (D.network.folded ? "; the " + fmt(D.network.folded) + " least active are folded into grey nodes by state" : "") +
      ". Blue: states, green: people, yellow: organizations; orange links include agreements.";
  }

  // ------------------------------------------------------------------ map
  function drawMap() {
    const W = D.world.width, H = D.world.height;
    // frame the places (at least a quarter of the world, 2:1 like the whole map), not the empty oceans
    let x0 = W, x1 = 0, y0 = H, y1 = 0;
    D.places.forEach(function (p) {
      if (p[2] === null) return;
      x0 = Math.min(x0, p[3] + 180); x1 = Math.max(x1, p[3] + 180); y0 = Math.min(y0, 90 - p[2]); y1 = Math.max(y1, 90 - p[2]);
    });
    let vw = W, vh = H, vx = 0, vy = 0;
    if (x1 >= x0) {
      vw = Math.min(W, Math.max(90, (x1 - x0) * 1.3 + 20, ((y1 - y0) * 1.3 + 10) * 2));
      vh = Math.min(H, vw / 2);
      vx = Math.min(Math.max(0, (x0 + x1) / 2 - vw / 2), W - vw);
      vy = Math.min(Math.max(0, (y0 + y1) / 2 - vh / 2), H - vh);
    }
    const zoom = vw / W;
    const chart = svg("svg", { viewBox: [vx, vy, vw, vh].map(function (v) { return v.toFixed(1); }).join(" "), role: "img",
      "aria-label": "map of event places" });
    const involved = new Set(D.by_state.map(function (s) { return s[0]; }));
    const land = svg("g");
    D.world.countries.forEach(function (c) {
      const p = svg("path", { d: c[2], class: "land" + (involved.has(c[0]) ? " involved" : "") });
      titled(p, c[1]);
      land.appendChild(p);
    });
    chart.appendChild(land);
    const count = new Array(D.places.length).fill(0);
    for (let i = 0; i < E.length; i++) if (E[i][5] >= 0) count[E[i][5]]++;
    const max = Math.max(1, ...count);
    const order = D.places.map(function (_, i) { return i; }).sort(function (a, b) { return count[b] - count[a]; });
    const dots = svg("g");
    let unplaced = 0;
    order.forEach(function (i) {
      const p = D.places[i];
      if (p[2] === null) { unplaced += count[i]; return; }
      const c = svg("circle", { cx: (p[3] + 180).toFixed(2), cy: (90 - p[2]).toFixed(2), r: ((0.9 + 5 * Math.sqrt(count[i] / max)) * Math.max(zoom, 0.3)).toFixed(2),
        class: "place" + (p[4] === "country" ? " country" : ""), "data-place": i });
      titled(c, p[0] + (p[1] ? " (" + p[1] + ")" : "") + ": " + plural(count[i], "event") + (p[4] === "country" ? " · placed at the country" : ""));
      c.addEventListener("click", function () { state.place = state.place === i ? -1 : i; update(); });
      dots.appendChild(c);
    });
    chart.appendChild(dots);
    document.querySelector("#map .chart").appendChild(chart);
    const undated = E.reduce(function (n, e) { return n + (e[5] < 0 ? 1 : 0); }, 0);
    document.querySelector("#map .note").textContent = "Blue: cities; purple: events placed only in a country (at its middle). " +
      (unplaced ? plural(unplaced, "event") + " at places not on the map; " : "") +
      (undated ? plural(undated, "event") + " with no place." : "");
  }

  // ------------------------------------------------------------------ table
  let haystack = null;
  function text(i) {
    if (haystack === null) {
      haystack = E.map(function (e) {
        return [e[0], e[1] || "", D.types[e[2]], e[3], e[4].map(function (a) { return D.actors[a][0]; }).join(" "),
          e[5] >= 0 ? D.places[e[5]][0] : "", e[6], e[7].map(function (s) { return (D.sources[s][1] || "") + " " + D.sources[s][0]; }).join(" ")]
          .join(" \u0001 ").toLowerCase();
      });
    }
    return haystack[i];
  }

  function selected() {
    const out = [];
    const q = state.search.toLowerCase();
    for (let i = 0; i < E.length; i++) {
      const e = E[i];
      if (state.period >= 0 && e[8] !== state.period) continue;
      if (state.place >= 0 && e[5] !== state.place) continue;
      if (state.node >= 0 && !e[4].some(function (a) { return D.network.actor_node[a] === state.node; })) continue;
      if (q && text(i).indexOf(q) < 0) continue;
      out.push(i);
    }
    return out;
  }

  function sourceCell(td, srcs) {
    const ul = el("ul");
    srcs.forEach(function (s) {
      const src = D.sources[s], li = el("li");
      const file = src[4] ? src[4].split(/[\\/]/).pop() : "";
      const label = (src[1] || file || src[0]) + (src[2] ? " (" + src[2] + ")" : "");
      if (src[3] && /^https?:\/\//i.test(src[3])) {
        li.appendChild(el("a", { href: src[3], rel: "noopener noreferrer nofollow", target: "_blank" }, label));
      } else {
        li.appendChild(el("span", { title: src[4] || src[0] }, label));
      }
      ul.appendChild(li);
    });
    td.appendChild(ul);
  }

  function drawTable(rows) {
    const body = document.querySelector("#events tbody");
    body.textContent = "";
    const frag = document.createDocumentFragment();
    rows.slice(0, state.shown).forEach(function (i) {
      const e = E[i], tr = el("tr", { "data-event": e[0] });
      const date = el("td", {}, e[1] || "undated");
      date.appendChild(el("span", { class: "id" }, e[0]));
      tr.appendChild(date);
      const type = el("td", {}, D.types[e[2]]);
      if (e[3] !== "occurred") type.appendChild(el("span", { class: "status" }, e[3]));
      tr.appendChild(type);
      tr.appendChild(el("td", {}, e[4].map(function (a) { return D.actors[a][0]; }).join("; ")));
      tr.appendChild(el("td", {}, e[5] >= 0 ? D.places[e[5]][0] : ""));
      tr.appendChild(el("td", {}, e[6]));
      const src = el("td");
      sourceCell(src, e[7]);
      tr.appendChild(src);
      frag.appendChild(tr);
    });
    body.appendChild(frag);
    document.getElementById("shown").textContent = "showing " + fmt(Math.min(rows.length, state.shown)) + " of " +
      plural(rows.length, "event") + (rows.length !== E.length ? " (" + fmt(E.length) + " in the report)" : "");
    document.getElementById("more").hidden = rows.length <= state.shown;
  }

  function update() {
    const chips = document.getElementById("filters");
    chips.textContent = "";
    if (state.period >= 0) chips.appendChild(el("span", { class: "chip" }, "month: " + D.periods[state.period][0]));
    if (state.node >= 0) chips.appendChild(el("span", { class: "chip" }, "actor: " + D.network.nodes[state.node][0]));
    if (state.place >= 0) chips.appendChild(el("span", { class: "chip" }, "place: " + D.places[state.place][0]));
    document.getElementById("clear").hidden = state.period < 0 && state.node < 0 && state.place < 0 && !state.search;
    document.querySelectorAll(".bar").forEach(function (b) { b.classList.toggle("on", +b.getAttribute("data-period") === state.period); });
    document.querySelectorAll(".node").forEach(function (b) { b.classList.toggle("on", +b.getAttribute("data-node") === state.node); });
    document.querySelectorAll(".place").forEach(function (b) { b.classList.toggle("on", +b.getAttribute("data-place") === state.place); });
    state.shown = PAGE;
    drawTable(selected());
  }

  // ------------------------------------------------------------------ counts
  function countTable(title, head, rows) {
    const box = el("div"), table = el("table");
    box.appendChild(el("h3", {}, title));
    const tr = el("tr");
    head.forEach(function (h) { tr.appendChild(el("th", {}, h)); });
    const thead = el("thead"); thead.appendChild(tr); table.appendChild(thead);
    const tbody = el("tbody");
    rows.forEach(function (r) {
      const row = el("tr");
      r.forEach(function (v) { row.appendChild(el("td", {}, typeof v === "number" ? fmt(v) : v)); });
      tbody.appendChild(row);
    });
    table.appendChild(tbody); box.appendChild(table);
    return box;
  }

  function drawCounts() {
    const box = document.querySelector("#counts .counts");
    const byType = new Array(D.types.length).fill(0), byPeriod = new Array(D.periods.length).fill(0);
    E.forEach(function (e) { byType[e[2]]++; byPeriod[e[8]]++; });
    box.appendChild(countTable("By type", ["type", "events"],
      D.types.map(function (t, i) { return [t, byType[i]]; }).filter(function (r) { return r[1]; })));
    box.appendChild(countTable("By state", ["state", "events"],
      D.by_state.slice(0, 40).map(function (s) { return [s[1] + (s[1] !== s[0] ? " (" + s[0] + ")" : ""), s[2]]; })));
    box.appendChild(countTable("By month" + (D.periods.length > 60 ? " (the latest 60)" : ""), ["month", "events"],
      (function () {
        const rows = D.periods.map(function (p, i) { return [p[0], byPeriod[i], p[1]]; });
        const dated = rows.filter(function (r) { return r[2] !== "undated"; }).slice(-60).reverse();
        return dated.concat(rows.filter(function (r) { return r[2] === "undated"; })).map(function (r) { return [r[0], r[1]]; });
      })()));
  }

  drawTimeline();
  drawNetwork();
  drawMap();
  drawCounts();
  let timer = 0;
  document.getElementById("search").addEventListener("input", function (ev) {
    clearTimeout(timer);
    timer = setTimeout(function () { state.search = ev.target.value.trim(); update(); }, 150);
  });
  document.getElementById("clear").addEventListener("click", function () {
    state.period = state.node = state.place = -1; state.search = "";
    document.getElementById("search").value = "";
    update();
  });
  document.getElementById("more").addEventListener("click", function () { state.shown += PAGE * 5; drawTable(selected()); });
  update();
  document.body.setAttribute("data-ready", "1");
  }
})();
