// The page: ask the API a question, show the answer, keep the question in the address for a link.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { lang: "en", scenario: "", as_of: "", perspective: "", party: "", text: null, all: false };
// taken: the editor's text the answer or the problems shown are for.
const page = { shippedText: "", taken: "", summary: null, clauses: new Map(), doc: null, editor: null, serial: 0 };

// ---- the address: #scenario=…&as_of=…&perspective=…&party=…&lang=…&text=… (text: base64 of UTF-8)

function toHash() {
  const params = new URLSearchParams();
  for (const key of ["scenario", "as_of", "perspective", "party", "lang"]) if (state[key]) params.set(key, state[key]);
  if (state.text !== null) params.set("text", encodeText(state.text));
  return "#" + params.toString();
}

function fromHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  for (const key of ["scenario", "as_of", "perspective", "party"]) state[key] = params.get(key) || "";
  const lang = params.get("lang") || (navigator.language || "en").slice(0, 2);
  state.lang = LANGS.includes(lang) ? lang : "en";
  state.text = params.has("text") ? decodeText(params.get("text")) : null;
}

function encodeText(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decodeText(encoded) {
  try {
    const binary = atob(encoded.replace(/-/g, "+").replace(/_/g, "/"));
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch (e) {
    return null;
  }
}

function remember() {
  const hash = toHash();
  $("permalink").href = location.pathname + hash;
  if (location.hash !== hash) history.replaceState(null, "", hash);
}

// ---- talking to the API

function query(extra) {
  const params = new URLSearchParams();
  if (state.as_of) params.set("as_of", state.as_of);
  if (state.perspective) params.set("perspective", state.perspective);
  for (const [k, v] of Object.entries(extra || {})) if (v) params.set(k, v);
  return params.toString();
}

// Ask `what` (run, compare, picture, explain, timeline) of the shipped scenario, or of the edited text.
async function ask(what, params) {
  const qs = params === undefined ? query() : new URLSearchParams(params).toString();
  const response = state.text !== null
    ? await fetch(`/api/${what}?${qs}`, { method: "POST", headers: { "content-type": "application/yaml" }, body: state.text })
    : await fetch(`/api/scenarios/${encodeURIComponent(state.scenario)}/${what}?${qs}`);
  if (response.ok) return response;
  let body = { error: response.statusText, problems: [] };
  try { body = await response.json(); } catch (e) { /* not JSON: keep the status text */ }
  const err = new Error(body.error || response.statusText);
  err.problems = body.problems || [];
  err.status = response.status;
  throw err;
}

function say(text, kind) {
  $("status").textContent = text;
  $("status").className = kind || "";
}

function showProblems(problems) {
  const list = $("problems");
  list.replaceChildren();
  page.editor.mark(problems);
  for (const p of problems) {
    const where = p.line ? word(state.lang, "line", { line: p.line }) + (p.field ? ` · ${p.field}` : "") : p.field || "";
    const item = el("li", { "data-line": p.line || "" }, el("strong", {}, where), " ", p.message, p.hint ? ` (${p.hint})` : "");
    if (p.line) item.addEventListener("click", () => page.editor.goTo(p.line));
    list.append(item);
  }
}

function fail(err) {
  if (err.problems && err.problems.some((p) => p.line)) {
    $("editor-box").open = true;
    showProblems(err.problems);
    say(word(state.lang, "problems", { n: err.problems.length }), "error");
  } else {
    say(`${word(state.lang, "error")}: ${err.status === 503 ? word(state.lang, "busy") : err.message}`, "error");
  }
}

// ---- the question's controls

async function loadScenarioList() {
  const list = await (await fetch("/api/scenarios")).json();
  const select = $("scenario");
  select.replaceChildren(...list.map((s) => el("option", { value: s.id, title: s.description || "" }, `${s.name} (${s.date})`)));
  if (!state.scenario || !list.some((s) => s.id === state.scenario)) {
    const niger = list.find((s) => s.id === "ecowas-intervention-niger-2023-10");
    state.scenario = (niger || list[0] || { id: "" }).id;
  }
  select.value = state.scenario;
}

async function loadClauses() {
  const treaties = await (await fetch("/api/treaties")).json();
  for (const t of treaties) for (const c of t.clauses || []) page.clauses.set(`${t.id}|${c.id}`, c);
}

async function loadScenario() {
  const response = await fetch(`/api/scenarios/${encodeURIComponent(state.scenario)}`);
  const summary = await response.json();
  page.shippedText = summary.text;
  page.editor.value = page.taken = state.text !== null ? state.text : summary.text;
  $("edited").hidden = state.text === null;
  fillChoices(summary);
}

function fillChoices(summary) {
  page.summary = summary;
  const keep = (select, values, value) => {
    const first = select.options[0];
    select.replaceChildren(first, ...values.map((v) => el("option", { value: v }, v)));
    select.value = values.includes(value) ? value : "";
  };
  keep($("perspective"), summary.perspectives || [], state.perspective);
  keep($("party"), summary.actors || [], state.party);
  $("as-of").value = state.as_of;
  $("own-dates").textContent = [...new Set(summary.dates || [])].join(", ");
  const first = new Date((summary.dates || ["2023-01-01"])[0]);
  const last = new Date((summary.dates || ["2023-01-01"]).slice(-1)[0]);
  $("tl-from").value = $("tl-from").value || shift(first, -365);
  $("tl-to").value = $("tl-to").value || shift(last, 365);
}

function shift(day, days) {
  const d = new Date(day.getTime() + days * 86400000);
  return d.toISOString().slice(0, 10);
}

function readControls() {
  state.scenario = $("scenario").value;
  state.as_of = $("as-of").value;
  state.perspective = $("perspective").value;
  state.party = $("party").value;
  state.all = $("show-all").checked;
}

// ---- answers

async function run() {
  readControls();
  remember();
  const serial = ++page.serial;
  document.body.dataset.busy = "true";
  say(word(state.lang, "working"), "busy");
  try {
    const params = state.party ? query({ party: state.party }) : query();
    const doc = await (await ask("run", params)).json();
    if (serial !== page.serial) return; // a newer question was asked meanwhile
    page.doc = expandResults(doc); // the shared reason trees, clauses and bases put back in place
    await translateAnswer();
    if (serial !== page.serial) return;
    showProblems([]);
    say("", "");
    draw();
    refreshExtras();
  } catch (err) {
    if (serial === page.serial) fail(err);
  } finally {
    if (serial === page.serial) document.body.dataset.busy = "false";
  }
}

function draw() {
  const doc = page.doc;
  if (!doc) return;
  $("answer").hidden = false;
  $("extras").hidden = false;
  $("answer-title").textContent = doc.scenario;
  const events = (doc.events || []).map((e) => word(state.lang, "event", {
    id: e.id, date: e.date, kind: e.kind, actors: (e.actors || []).join(", "), target: e.target }));
  $("event-line").textContent = `${events.join(" · ")} · ${word(state.lang, "reading_used", { p: doc.perspective })}`;
  renderGroups($("groups"), doc, { lang: state.lang, focus: state.party, all: state.all, clauses: page.clauses });
}

async function showSvg(img, what, params) {
  const blob = await (await ask(what, params)).blob();
  if (img.dataset.url) URL.revokeObjectURL(img.dataset.url);
  img.dataset.url = URL.createObjectURL(blob);
  img.src = img.dataset.url;
}

function refreshExtras() {
  for (const id of ["picture-box", "timeline-box", "compare-box", "explain-box"]) {
    if ($(id).open) extras[id]().catch(fail);
  }
}

const extras = {
  "picture-box": async () => {
    $("picture").alt = word(state.lang, "picture_alt");
    await showSvg($("picture"), "picture", query());
  },
  "timeline-box": async () => {
    const params = { from: $("tl-from").value, to: $("tl-to").value, perspective: state.perspective };
    if (!params.perspective) delete params.perspective;
    $("timeline").alt = word(state.lang, "timeline_alt");
    await showSvg($("timeline"), "timeline", { ...params, format: "svg" });
    const doc = await (await ask("timeline", params)).json();
    const several = new Set(doc.steps.flatMap((s) => [...s.on, ...s.off].map((o) => o.event))).size > 1;
    const label = (xs) => { // the obligations alike but for their obligor: one entry naming them all
      const groups = new Map();
      for (const o of xs) {
        const rest = `${o.beneficiary ? ` → ${o.beneficiary}` : ""} ${o.treaty} ${o.reference || ""}`
                     + `${several ? ` (${o.event})` : ""}`;
        groups.set(rest, [...(groups.get(rest) || []), o.obligor]);
      }
      return [...groups].map(([rest, who]) => `${[...who].sort().join(", ")}${rest}`).join("; ") || "—";
    };
    $("timeline-steps").replaceChildren(...doc.steps.map((s) => el("li", {},
      word(state.lang, "step", { date: s.date, on: label(s.on), off: label(s.off) }),
      s.world_changes.length ? ` (${s.world_changes.join("; ")})` : "")));
  },
  "compare-box": async () => {
    const doc = await (await ask("compare", state.as_of ? { as_of: state.as_of } : {})).json();
    const head = el("tr", {}, el("th", {}, word(state.lang, "compare_who")), el("th", {}, word(state.lang, "compare_clause")),
                    ...doc.perspectives.map((p) => el("th", {}, p)), el("th", {}, word(state.lang, "compare_why")));
    const alike = new Map(); // rows alike but for their obligor: one row naming them all
    for (const r of doc.rows) {
      const key = JSON.stringify([r.event, r.beneficiary, r.treaty, r.reference, r.present, r.why]);
      if (alike.has(key)) alike.get(key).who.push(r.obligor); else alike.set(key, { r, who: [r.obligor] });
    }
    const rows = [...alike.values()].map(({ r, who }) => el("tr", { class: r.differs ? "differs" : "" },
      el("td", {}, `${who.sort().join(", ")} → ${r.beneficiary || "—"}`), el("td", {}, `${r.treaty} ${r.reference || ""}`),
      ...doc.perspectives.map((p) => el("td", { class: r.present[p] ? "yes" : "no" },
                                        word(state.lang, r.present[p] ? "present" : "absent"))),
      el("td", { class: "why" }, r.why || "")));
    $("compare").replaceChildren(el("thead", {}, head), el("tbody", {}, ...rows));
  },
  "explain-box": async () => {
    if (!state.party) { $("flips").replaceChildren(); return; }
    const params = { party: state.party };
    if (state.perspective) params.perspective = state.perspective;
    const doc = await (await ask("explain", params)).json();
    if (!doc.flips.length) { $("flips").replaceChildren(el("li", {}, word(state.lang, "flips_none"))); return; }
    $("flips").replaceChildren(...doc.flips.map((f) => el("li", {},
      f.changes.map((c) => c.description).join(" + "), " → ",
      turnedWords(f.turned), f.proof.length ? ` (${f.proof.join("; ")})` : "")));
  },
};

// How a flip turns: on, off, or the change of modality ("from may to must").
function turnedWords(turned) {
  if (turned === "on" || turned === "off") return word(state.lang, `turned_${turned}`);
  return word(state.lang, "turned_changed", { how: turned });
}

// The engine's sentences of the answer in the page's language (the server's catalogs, as `--lang`).
async function translateAnswer() {
  if (!page.doc || state.lang === "en") { useTranslations(new Map()); return; }
  const sentences = sentencesOf(page.doc);
  const response = await fetch(`/api/translate?lang=${state.lang}`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(sentences) });
  if (!response.ok) return; // the answer stays in English rather than fail
  const said = await response.json();
  useTranslations(new Map(sentences.map((s, i) => [s, said[i]])));
}

// ---- wiring

async function setLang(lang) {
  state.lang = lang;
  translatePage(lang);
  remember();
  await translateAnswer();
  draw();
}

async function check() {
  const response = await fetch("/api/validate", { method: "POST", headers: { "content-type": "application/yaml" },
                                                  body: page.editor.value });
  const body = await response.json();
  if (response.ok) {
    showProblems([]);
    say(word(state.lang, "ok_valid", { events: body.events }), "");
  } else {
    fail(Object.assign(new Error(body.error), { problems: body.problems || [], status: response.status }));
  }
  return response.ok ? body : null;
}

function wire() {
  $("question").addEventListener("submit", (e) => { e.preventDefault(); run(); });
  for (const id of ["as-of", "perspective", "party"]) $(id).addEventListener("change", run);
  $("show-all").addEventListener("change", () => { state.all = $("show-all").checked; draw(); });
  $("scenario").addEventListener("change", async () => {
    state.scenario = $("scenario").value;
    state.text = null;
    state.as_of = "";
    $("tl-from").value = $("tl-to").value = "";
    await loadScenario();
    run();
  });
  $("source").addEventListener("change", async () => {
    // Leaving the box after its text was taken up fires a second change: the text is the same, and asking
    // again would rebuild the problems under a click on one of them (and lose the click).
    if (page.editor.value === page.taken) return;
    page.taken = page.editor.value;
    state.text = page.editor.value === page.shippedText ? null : page.editor.value;
    $("edited").hidden = state.text === null;
    if (state.text === null) { run(); return; }
    const summary = await check();
    if (summary) { fillChoices(summary); run(); }
  });
  $("check").addEventListener("click", () => check());
  $("revert").addEventListener("click", () => {
    state.text = null;
    page.editor.value = page.taken = page.shippedText;
    $("edited").hidden = true;
    run();
  });
  $("lang-en").addEventListener("click", () => setLang("en"));
  $("lang-fr").addEventListener("click", () => setLang("fr"));
  $("tl-run").addEventListener("click", () => extras["timeline-box"]().catch(fail));
  for (const id of Object.keys(extras)) {
    $(id).addEventListener("toggle", () => { if ($(id).open && page.doc) extras[id]().catch(fail); });
  }
}

async function start() {
  fromHash();
  translatePage(state.lang);
  page.editor = new LineEditor($("source"), $("gutter"));
  wire();
  try {
    await Promise.all([loadScenarioList(), loadClauses()]);
    await loadScenario();
    if (state.text !== null) $("editor-box").open = true;
    await run();
  } catch (err) {
    fail(err);
  }
  document.body.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", start);
