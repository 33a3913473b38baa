// Turn the run JSON (the same document as `sahel-sim run --format json`) into the page's groups.
"use strict";

// The same order and vocabulary as sahel_sim/report/status.py (a test keeps them equal).
const STATUS_ORDER = ["in_breach", "bound", "bound_discretion", "must_consult", "bound_to_neutrality", "may_act",
                      "not_invoked", "not_determined", "not_bound"];
const STATUS_ALIASES = { bound_means_at_its_discretion: "bound_discretion", obligated: "bound", permitted: "may_act",
                         permission: "may_act", breach: "in_breach", neutrality: "bound_to_neutrality",
                         consult: "must_consult" };
const FROM_STRENGTH = { consultation: "must_consult", discretionary: "bound_discretion" };

// The status of one finding: its own `status` field when the engine gives one, else what its kind implies.
function statusOf(finding, kind) {
  if (typeof finding.status === "string" && finding.status) {
    const key = finding.status.trim().toLowerCase().replace(/,/g, "").replace(/[- ]+/g, "_");
    return STATUS_ALIASES[key] || key;
  }
  if (kind === "permission") return "may_act";
  if (kind === "breach") return "in_breach";
  if (kind === "non_obligation") return "not_bound";
  if (finding.duty === "consult") return "must_consult";
  return FROM_STRENGTH[finding.strength] || "bound";
}

// The run document with its shared parts put back where they are named (format 2: sahel_sim/report/results_json.py
// writes reason-tree nodes, clause references and bases once, in the tables `checks`, `clauses`, `bases`).
function expandResults(doc) {
  if (!doc || doc.format !== 2) return doc;
  const checks = doc.checks || [], clauses = doc.clauses || [], bases = doc.bases || [];
  const tree = (at) => {
    const node = { ...checks[at] };
    if (node.children) node.children = node.children.map(tree);
    return node;
  };
  const finding = (f) => {
    const out = { ...f, ...(f.ref !== undefined ? clauses[f.ref] : {}) };
    delete out.ref;
    if (f.rests_on) out.rests_on = f.rests_on.map((b) => bases[b]);
    if (f.reasons) out.reasons = f.reasons.map(tree);
    if (f.checks) out.checks = f.checks.map(tree);
    if (f.reason !== undefined) out.reason = tree(f.reason);
    return out;
  };
  const out = { ...doc };
  for (const key of ["format", "checks", "clauses", "bases"]) delete out[key];
  for (const key of ["obligations", "permissions", "breaches", "non_obligations"]) out[key] = (doc[key] || []).map(finding);
  out.conflicts = (doc.conflicts || []).map((c) => ({ ...c, first: finding(c.first), second: finding(c.second) }));
  return out;
}

const DULL_TESTS = new Set(["is_party", "obligor_role"]);

// Non-obligations worth showing: one per party and treaty (the one that got furthest), none for a party
// already bound under that treaty, and, unless `all`, none that only say "not a party", "the clause does
// not concern this event" or "the duty is an organisation's" (except for the focused party).  Parties
// not bound for the same reason under the same article are shown together.
function shownNonObligations(doc, focus, all) {
  const bound = new Set((doc.obligations || []).map((o) => `${o.event}|${o.obligor}|${o.treaty}`));
  const best = new Map();
  for (const n of doc.non_obligations || []) {
    const key = `${n.event}|${n.party}|${n.treaty}`;
    if (bound.has(key)) continue;
    const score = (n.checks || []).filter((c) => c.holds).length + (n.reason && n.reason.role !== "trigger" ? 100 : 0);
    const seen = best.get(key);
    if (!seen || score > seen.score) best.set(key, { n, score });
  }
  let hidden = 0;
  const together = new Map();
  for (const { n } of best.values()) {
    const reason = n.reason || {};
    const dull = DULL_TESTS.has(reason.test) || reason.role === "trigger";
    if (!all && dull && (n.party !== focus || reason.test === "is_party")) { hidden += 1; continue; }
    const key = n.party === focus ? `focus|${n.event}|${n.treaty}` : `${n.event}|${n.treaty}|${n.article}|${reason.text}`;
    if (!together.has(key)) together.set(key, { ...n, parties: [] });
    together.get(key).parties.push(n.party);
  }
  const shown = [...together.values()];
  for (const n of shown) n.parties.sort();
  shown.sort((a, b) => Number(b.parties.includes(focus)) - Number(a.parties.includes(focus))
                       || (a.treaty_name || a.treaty).localeCompare(b.treaty_name || b.treaty)
                       || String(a.article).localeCompare(String(b.article)));
  return { shown, hidden };
}

// Every finding of the run, grouped by status, in the order a reader expects.
function groupFindings(doc, focus, all) {
  const groups = new Map();
  const add = (status, kind, f) => {
    if (!groups.has(status)) groups.set(status, []);
    groups.get(status).push({ kind, f });
  };
  for (const o of doc.obligations || []) add(statusOf(o, "obligation"), "obligation", o);
  for (const p of doc.permissions || []) add(statusOf(p, "permission"), "permission", p);
  for (const b of doc.breaches || []) add(statusOf(b, "breach"), "breach", b);
  const { shown, hidden } = shownNonObligations(doc, focus, all);
  for (const n of shown) add(statusOf(n, "non_obligation"), "non_obligation", n);
  if (!groups.has("not_bound")) groups.set("not_bound", []);
  const order = (s) => { const i = STATUS_ORDER.indexOf(s); return i < 0 ? STATUS_ORDER.length - 1 : i; };
  const sorted = [...groups.entries()].sort((a, b) => order(a[0]) - order(b[0]));
  if (focus) {
    const mine = (f) => Number(f.obligor === focus || f.party === focus || (f.parties || []).includes(focus));
    for (const [, items] of sorted) items.sort((a, b) => mine(b.f) - mine(a.f));
  }
  return { groups: sorted, hidden };
}

// An engine sentence in the page's language, when the server has translated it (see app.js).
let SAY = (text) => text;
function useTranslations(map) { SAY = (text) => (text && map.get(text)) || text; }

// Every engine sentence of a run document that the page may show (not the clause texts, which keep their language).
function sentencesOf(doc) {
  const found = new Set();
  const checks = (list) => {
    for (const c of list || []) {
      if (c.text) found.add(c.text);
      for (const f of c.facts || []) if (f.text) found.add(f.text);
      checks(c.children);
    }
  };
  for (const key of ["obligations", "permissions", "breaches", "non_obligations"]) {
    for (const f of doc[key] || []) {
      checks(f.reasons); checks(f.checks); if (f.reason) checks([f.reason]);
      for (const b of f.rests_on || []) found.add(b.fact);
      for (const r of f.readings || []) for (const t of [r.label, r.reason, r.disputes]) if (t) found.add(t);
    }
  }
  for (const c of doc.conflicts || []) if (c.explanation) found.add(c.explanation);
  return [...found].filter(Boolean).slice(0, 5000);
}

function who(f) { return f.parties ? f.parties.join(", ") : f.obligor || f.party || f.actor || ""; }

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v; else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  return node;
}

function reasonList(checks) {
  const list = el("ul", { class: "reasons" });
  for (const c of checks || []) {
    const item = el("li", { class: c.holds ? "holds" : "fails" }, el("span", { class: "mark" }, c.holds ? "✓" : "✗"), " ",
                    SAY(c.text) || c.test || "");
    const facts = (c.facts || []).map((f) => el("li", {}, SAY(f.text) || ""));
    if (facts.length) item.append(el("ul", { class: "facts" }, ...facts));
    if (c.children && c.children.length) item.append(reasonList(c.children));
    list.append(item);
  }
  return list;
}

// The clause's text as the finding quotes it, marked quote or paraphrase, with any other language beside.
function clauseBlock(f, clause, lang) {
  if (!f.text) return null;
  const original = clause && clause.language ? clause.language : undefined;
  const box = el("div", { class: "clause" });
  const kind = f.text_kind === "quote" ? word(lang, "quote") : word(lang, "paraphrase");
  box.append(el("p", { class: "note" }, `${f.treaty_name || f.treaty} ${f.reference || ""} · ${kind}`));
  const texts = el("div", { class: "texts" }, el("blockquote", { lang: original }, f.text));
  for (const [key, value] of Object.entries(clause || {})) {
    if (/^text_[a-z]{2}$/.test(key) && typeof value === "string" && value !== f.text) {
      texts.append(el("blockquote", { lang: key.slice(5), class: "translation" }, value));
    }
  }
  box.append(texts);
  return box;
}

function findingCard(item, ctx) {
  const { f, kind } = item;
  const lang = ctx.lang;
  const party = who(f);
  const head = el("summary", {});
  if (kind === "non_obligation") {
    head.append(el("strong", { class: "who" }, party), " · ", f.treaty_name || f.treaty,
                f.reference ? ` ${f.reference}` : "", el("span", { class: "why" }, SAY(f.reason && f.reason.text) || ""));
  } else {
    const towards = f.beneficiary ? ` ${word(lang, "towards")} ${f.beneficiary}` : "";
    const against = f.against && f.against.length ? ` ${word(lang, "against")} ${f.against.join(", ")}` : "";
    head.append(el("strong", { class: "who" }, party), ` ${f.duty || ""}${towards}${against} · `,
                el("span", { class: "ref" }, `${f.treaty_name || f.treaty} ${f.reference || ""}`));
    if (f.round) head.append(el("span", { class: "badge" }, word(lang, "round", { n: f.round })));
  }
  if (f.binding_from) head.append(el("span", { class: "badge" }, `${word(lang, "binding_from")} ${f.binding_from}`));
  if (f.confidence) head.append(el("span", { class: "badge" }, `${word(lang, "confidence")}: ${f.confidence}`));
  if (f.contested || (f.status && /contested/.test(f.status))) {
    head.append(el("span", { class: "badge contested" }, word(lang, "contested")));
  }
  const body = el("div", { class: "body" });
  const checks = kind === "non_obligation" ? f.checks : f.reasons;
  body.append(reasonList(checks));
  const clause = ctx.clauses.get(`${f.treaty}|${f.clause}`);
  const block = clauseBlock(f, clause, lang);
  if (block) body.append(block);
  if (f.binding_from) body.append(el("p", { class: "note" }, `${word(lang, "binding_from")}: ${f.binding_from}`));
  if ((f.rests_on || []).length) {
    body.append(el("p", { class: "note" }, `${word(lang, "rests_on")}:`),
                el("ul", { class: "facts rests-on" }, ...f.rests_on.map((b) => el("li", {},
                  `${SAY(b.fact)} (${word(lang, "confidence")}: ${b.confidence}${b.source ? `; ${b.source}` : ""})`))));
  }
  for (const r of f.readings || []) {
    const detail = [SAY(r.disputes), SAY(r.reason), r.note, r.source].filter(Boolean).join("; ");
    body.append(el("p", { class: "note reading" }, `${word(lang, "other_reading")} ${SAY(r.label) || r.alternative}: `,
                   el("strong", {}, word(lang, statusOf(r, "reading"))), detail ? ` (${detail})` : ""));
  }
  const card = el("details", { class: `finding ${kind}`, "data-party": party.replace(/, /g, " "), "data-treaty": f.treaty,
                               "data-article": f.article || "" }, head, body);
  return card;
}

function renderGroups(container, doc, ctx) {
  const { groups, hidden } = groupFindings(doc, ctx.focus, ctx.all);
  container.replaceChildren();
  for (const [status, items] of groups) {
    const section = el("section", { class: `group ${status}`, "data-status": status });
    section.append(el("h3", {}, `${word(ctx.lang, status)} (${items.length})`));
    if (!items.length) section.append(el("p", { class: "note" }, word(ctx.lang, "none")));
    for (const item of items) section.append(findingCard(item, ctx));
    if (status === "not_bound" && hidden && !ctx.all) {
      section.append(el("p", { class: "note hidden-count" }, word(ctx.lang, "hidden", { n: hidden })));
    }
    container.append(section);
  }
  if ((doc.conflicts || []).length) {
    const section = el("section", { class: "group conflicts", "data-status": "conflicts" },
                       el("h3", {}, `${word(ctx.lang, "conflicts")} (${doc.conflicts.length})`));
    for (const c of doc.conflicts) section.append(el("p", {}, el("strong", {}, c.actor), " · ", SAY(c.explanation) || c.kind));
    container.append(section);
  }
}
