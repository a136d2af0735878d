// The situation board: polls /stories and /state and draws them. Article text is only ever written as
// text (textContent), never as markup; each piece sits in its own dir="auto" element so Arabic reads
// right to left beside English.
"use strict";

const POLL_MS = 5000;
const FILTERS = ["rule", "severity", "lang", "place", "state"];
const SILENCES = ["1h", "2h", "8h", "24h"];
const PALETTE = ["#c0392b", "#2471a3", "#229954", "#b9770e", "#7d3c98", "#17a589", "#d4ac0d", "#5d6d7e", "#e67e22", "#1b2631"];

let placeSort = { key: "place_name", ascending: true };
let places = [];
let storyPlaces = new Set();

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function svg(tag, attributes, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  for (const child of children) node.append(child instanceof Node ? child : String(child));
  return node;
}

function when(iso) {
  if (!iso) return "—";
  const date = new Date(iso);
  return isNaN(date) ? iso : date.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

// Text with its hits marked: segments come from the server as {text, hit}.
function marked(segments, tag) {
  const node = el(tag || "span", { dir: "auto" });
  for (const segment of segments) node.append(segment.hit ? el("mark", {}, segment.text) : segment.text);
  return node;
}

// A place's name and, beside it, its Arabic name, each isolated so neither reorders the other.
function named(name, nameAr) {
  return nameAr ? [el("bdi", {}, name), " · ", el("bdi", { dir: "rtl" }, nameAr)] : [el("bdi", {}, name)];
}

// One colour per controller on the map, given in order of their names; unknown is grey.
function colours(drawn) {
  const names = [...new Set(drawn.map((p) => p.controller))].filter((c) => c && c !== "unknown").sort();
  const chosen = new Map(names.map((name, i) => [name, PALETTE[i % PALETTE.length]]));
  return (controller) => chosen.get(controller) || "#999";
}

function query() {
  const form = document.getElementById("filters");
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = form.elements[name].value;
    if (value) params.set(name, value);
  }
  return params;
}

function setStatus(text, failed) {
  const status = document.getElementById("status");
  status.textContent = text;
  status.className = failed ? "failed" : "";
}

async function getJSON(url) {
  const answer = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await answer.json();
  if (!answer.ok) throw new Error(body.error || answer.statusText);
  return body;
}

async function act(story, action, duration) {
  const headers = { "Content-Type": "application/json" };
  const token = sessionStorage.getItem("newsalert-token");
  if (token) headers.Authorization = "Bearer " + token;
  const body = JSON.stringify(duration ? { for: duration } : {});
  const answer = await fetch(`/stories/${encodeURIComponent(story.id)}/${action}`, { method: "POST", headers, body });
  if (answer.status === 401) {
    const given = prompt("This worker needs its token for actions (as for POST /articles):");
    if (given) {
      sessionStorage.setItem("newsalert-token", given);
      return act(story, action, duration);
    }
  }
  const result = await answer.json();
  setStatus(answer.ok ? `${action} sent for ${story.title}` : `${action} failed: ${result.error}`, !answer.ok);
  setTimeout(refresh, 1000);
}

// A volume rule's reading: "frequency: 12 articles from 4 outlets in 1h (needs 10)".
function volumeText(v) {
  const hours = v.within_seconds >= 3600 ? `${+(v.within_seconds / 3600).toFixed(1)}h` : `${Math.round(v.within_seconds / 60)}m`;
  let text = `${v.kind}: ${v.count} articles from ${v.sources} outlets in ${hours}`;
  if (v.baseline !== undefined && v.baseline !== null) text += `, baseline ${v.baseline.toFixed(1)} ×${v.factor}`;
  if (v.needs !== undefined) text += ` (needs ${v.needs})`;
  if (v.below !== undefined) text += ` (below ${v.below})`;
  return text;
}

function storyItem(story) {
  const place = story.place ? named(story.place.name, story.place.name_ar) : ["—"];
  const attention = [];
  if (story.acknowledged) {
    attention.push(el("span", { class: "badge ack" }, `acknowledged${story.acknowledged_by ? " by " + story.acknowledged_by : ""} ${when(story.acknowledged_at)}`));
    if (story.news_since_ack) attention.push(el("span", { class: "badge news" }, "new since"));
  }
  if (story.silenced_until) attention.push(el("span", { class: "badge silenced" }, `silenced until ${when(story.silenced_until)}`));
  const actions = el("div", { class: "actions" });
  if (story.state !== "resolved") {
    const ack = el("button", { type: "button", class: "ack-button" }, "Acknowledge");
    ack.addEventListener("click", () => act(story, "ack"));
    const choice = el("select", { "aria-label": "Silence for", class: "silence-for" }, ...SILENCES.map((d) => el("option", { value: d }, d)));
    const silence = el("button", { type: "button", class: "silence-button" }, "Silence");
    silence.addEventListener("click", () => act(story, "silence", choice.value));
    actions.append(ack, " ", choice, silence);
    if (story.silenced_until) {
      const lift = el("button", { type: "button" }, "Lift silence");
      lift.addEventListener("click", () => act(story, "silence", "0s"));
      actions.append(" ", lift);
    }
  }
  const evidence = el("ol", { class: "evidence" });
  for (const piece of story.evidence) {
    const title = marked(piece.title, "a");
    if (piece.url) {
      title.setAttribute("href", piece.url);
      title.setAttribute("rel", "noopener noreferrer");
      title.setAttribute("target", "_blank");
    }
    const excerpts = el("div", { class: "excerpts" }, ...piece.excerpts.map((segments) => marked(segments, "p")));
    const sources = piece.sources.length > 1 ? ` (+${piece.sources.length - 1}: ${piece.sources.slice(1).join(", ")})` : "";
    evidence.append(
      el("li", { class: "piece", lang: piece.lang || null },
        title,
        el("div", { class: "meta" }, el("bdi", {}, piece.source), sources, `${piece.lang ? " · " + piece.lang : ""} · published ${when(piece.published_at)}`),
        excerpts)
    );
  }
  return el("li", { class: `story severity-${story.severity} state-${story.state}`, "data-id": story.id },
    el("div", { class: "head" },
      el("span", { class: `badge severity` }, story.severity),
      el("span", { class: `badge state` }, story.state),
      el("h3", { dir: "auto" }, story.title)),
    el("dl", {},
      el("dt", {}, "rule"), el("dd", {}, story.rule),
      el("dt", {}, "place"), el("dd", {}, ...place),
      el("dt", {}, "revision"), el("dd", {}, story.revision),
      el("dt", {}, "first seen"), el("dd", {}, when(story.first_seen)),
      el("dt", {}, "last seen"), el("dd", {}, when(story.last_seen)),
      el("dt", {}, `sources (${story.source_count})`), el("dd", { dir: "auto" }, story.sources.join(", ")),
      ...(story.volume ? [el("dt", {}, "volume"), el("dd", {}, volumeText(story.volume))] : [])),
    el("div", { class: "attention" }, ...attention),
    actions,
    evidence);
}

let shownFacets = "";

// The filters' choices, rebuilt only when they change (rebuilding closes a list the analyst has open).
function fillFacets(facets) {
  if (JSON.stringify(facets) === shownFacets) return;
  shownFacets = JSON.stringify(facets);
  const form = document.getElementById("filters");
  for (const name of FILTERS) {
    const select = form.elements[name];
    const chosen = select.value;
    const options = [el("option", { value: "" }, "any"), ...(facets[name] || []).map((f) => el("option", { value: f.value }, f.label))];
    if (chosen && !(facets[name] || []).some((f) => f.value === chosen)) options.push(el("option", { value: chosen }, chosen));
    select.replaceChildren(...options);
    select.value = chosen;
  }
}

// The places to draw: those around the changed places and the listed stories' places (padded), else all of them.
function inView(located) {
  const focus = located.filter((p) => p.changed || storyPlaces.has(p.place));
  if (!focus.length) return located;
  const lats = focus.map((p) => p.lat), lons = focus.map((p) => p.lon);
  const padLat = Math.max(1.5, (Math.max(...lats) - Math.min(...lats)) / 4);
  const padLon = Math.max(1.5, (Math.max(...lons) - Math.min(...lons)) / 4);
  return located.filter((p) =>
    p.lat >= Math.min(...lats) - padLat && p.lat <= Math.max(...lats) + padLat &&
    p.lon >= Math.min(...lons) - padLon && p.lon <= Math.max(...lons) + padLon);
}

function drawMap() {
  const map = document.getElementById("map");
  const located = inView(places.filter((p) => typeof p.lat === "number" && typeof p.lon === "number"));
  const colour = colours(located);
  const width = 600, height = 420, margin = 40;
  const parts = [svg("rect", { x: 0, y: 0, width, height, class: "sea" })];
  if (located.length) {
    const lats = located.map((p) => p.lat), lons = located.map((p) => p.lon);
    const [south, north, west, east] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
    // Equirectangular, with longitudes shrunk by the cosine of the middle latitude so shapes are not stretched.
    const shrink = Math.cos(((south + north) / 2) * Math.PI / 180);
    const spanX = Math.max((east - west) * shrink, 0.5), spanY = Math.max(north - south, 0.5);
    const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY);
    const x = (lon) => width / 2 + ((lon - (west + east) / 2) * shrink) * scale;
    const y = (lat) => height / 2 - (lat - (south + north) / 2) * scale;
    for (const place of located) {
      const group = svg("g", { class: place.changed ? "place changed" : "place", "data-place": place.place });
      if (place.changed) group.append(svg("circle", { cx: x(place.lon), cy: y(place.lat), r: 11, class: "ring" }));
      group.append(
        svg("circle", { cx: x(place.lon), cy: y(place.lat), r: 6, fill: colour(place.controller) },
          svg("title", {}, `${place.place_name}: ${place.controller_name || "unknown"} (${place.status})`)));
      // Only changed places are labelled: the others are many and close together; each names itself on hover.
      if (place.changed) group.append(svg("text", { x: x(place.lon) + 13, y: y(place.lat) + 4 }, place.place_name));
      parts.push(group);
    }
  } else {
    parts.push(svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle" }, "no place with coordinates yet"));
  }
  map.replaceChildren(...parts);
  const controllers = new Map(located.map((p) => [p.controller, p.controller_name || p.controller]));
  document.getElementById("legend").replaceChildren(
    ...[...controllers].map(([id, name]) => el("li", {}, el("span", { class: "swatch", "data-colour": colour(id) }), el("bdi", {}, name))),
    el("li", {}, el("span", { class: "swatch ring-swatch" }), "changed while watched"));
  for (const swatch of document.querySelectorAll("#legend .swatch[data-colour]")) swatch.style.background = swatch.dataset.colour;
}

function drawTable() {
  const { key, ascending } = placeSort;
  const sorted = [...places].sort((a, b) => {
    const value = (place) => (Array.isArray(place[key]) ? place[key].length : place[key] ?? "");
    const [p, q] = [value(a), value(b)];
    const order = typeof p === "number" && typeof q === "number" ? p - q : String(p).localeCompare(String(q));
    return ascending ? order : -order;
  });
  document.querySelector("#places tbody").replaceChildren(...sorted.map((p) =>
    el("tr", { class: p.changed ? "changed" : null },
      el("td", {}, ...named(p.place_name, p.name_ar)),
      el("td", { dir: "auto" }, p.controller_name || "unknown"),
      el("td", { dir: "auto" }, p.previous_name || "—"),
      el("td", {}, p.status + (p.changed ? " ●" : "")),
      el("td", {}, when(p.since)),
      el("td", {}, p.sources.length))));
  for (const th of document.querySelectorAll("#places th")) {
    th.setAttribute("aria-sort", th.dataset.key === key ? (ascending ? "ascending" : "descending") : "none");
  }
}

async function refresh() {
  const params = query();
  history.replaceState(null, "", params.toString() ? "?" + params : location.pathname);
  try {
    const [board, state] = await Promise.all([getJSON("/stories?" + params), getJSON("/state")]);
    fillFacets(board.facets);
    document.getElementById("stories").replaceChildren(...board.stories.map(storyItem));
    document.getElementById("story-count").textContent = `(${board.stories.length})`;
    places = state.places;
    storyPlaces = new Set(board.stories.filter((s) => s.place).map((s) => s.place.id));
    drawMap();
    drawTable();
    setStatus(`updated ${when(board.now)}`);
  } catch (error) {
    setStatus(`cannot reach the worker: ${error.message}; retrying`, true);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("filters");
  const given = new URLSearchParams(location.search);
  for (const name of FILTERS) {
    const value = given.get(name);
    if (value) form.elements[name].append(el("option", { value }, value));
    form.elements[name].value = value || "";
    form.elements[name].addEventListener("change", refresh);
  }
  for (const th of document.querySelectorAll("#places th")) {
    th.addEventListener("click", () => {
      placeSort = { key: th.dataset.key, ascending: placeSort.key === th.dataset.key ? !placeSort.ascending : true };
      drawTable();
    });
  }
  refresh();
  setInterval(refresh, POLL_MS);
});
