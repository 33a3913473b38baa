// The page's words in English and French. Findings' own sentences come from the engine.
"use strict";

const WORDS = {
  en: {
    title: "Who is bound to respond?",
    lede: "Pick a situation, a date and a reading: see which states a mutual-defence pact binds, and why.",
    question: "The question", own_dates: "empty: the events' own dates", scenario: "Situation", as_of: "Date of the events", reading: "Reading",
    reading_default: "the scenario's own", party: "Party to focus on", party_none: "everyone",
    run: "Show who is bound", link: "Link to this question",
    edit: "Edit the scenario, or paste your own (YAML or JSON)", check: "Check",
    revert: "Back to the shipped text", edited: "edited: the answer is for your text",
    show_all: "show every party that is not bound", picture: "Picture: the states and their duties",
    timeline: "Timeline: duties switching on and off", from: "From", to: "To", show: "Show",
    compare: "Compare the readings side by side",
    explain: "What would change the answer for the focused party?",
    explain_hint: "Pick a party to focus on first.",
    footer: "Answers computed by sahel-sim on this machine. The same answers as JSON:",
    working: "Working…", ok_valid: "The scenario is valid: {events} event(s).",
    problems: "{n} problem(s) in the scenario:", line: "line {line}", error: "Error",
    none: "nobody", why: "why", clause: "the clause", quote: "quoted", paraphrase: "paraphrased",
    original: "original text ({lang})", confidence: "confidence", contested: "contested",
    other_reading: "under the reading", rests_on: "rests on", binding_from: "binding from",
    event: "{id} on {date}: {kind}, {actors} against {target}", reading_used: "reading: {p}",
    bound: "Bound", bound_discretion: "Bound, means at its discretion", may_act: "May act",
    must_consult: "Must consult", bound_to_neutrality: "Bound to neutrality", in_breach: "In breach",
    not_invoked: "Within the clause, not invoked", not_determined: "Within the clause, no determination",
    not_bound: "Not bound", hidden: "{n} more not shown (not parties, or the clause does not concern this event)",
    towards: "towards", against: "against", round: "cascade round {n}",
    flips_none: "No single change found.", turned_on: "would bind it", turned_off: "would free it",
    turned_changed: "would change how it stands ({how})",
    present: "yes", absent: "no", compare_who: "who", compare_clause: "clause", compare_why: "why they differ",
    step: "{date}: on {on}, off {off}", conflicts: "Conflicting duties",
    picture_alt: "The states involved, with an arrow for each duty", timeline_alt: "Each duty's span in time",
    busy: "The server is busy; try again in a moment.",
  },
  fr: {
    title: "Qui est tenu d'intervenir ?",
    lede: "Choisissez une situation, une date et une lecture : voyez quels États un pacte de défense mutuelle oblige, et pourquoi.",
    question: "La question", own_dates: "vide : les dates des événements", scenario: "Situation", as_of: "Date des événements", reading: "Lecture",
    reading_default: "celle du scénario", party: "Partie à examiner", party_none: "toutes",
    run: "Voir qui est tenu", link: "Lien vers cette question",
    edit: "Modifier le scénario, ou coller le vôtre (YAML ou JSON)", check: "Vérifier",
    revert: "Revenir au texte fourni", edited: "modifié : la réponse porte sur votre texte",
    show_all: "montrer toutes les parties non tenues", picture: "Image : les États et leurs obligations",
    timeline: "Chronologie : les obligations qui naissent et s'éteignent", from: "Du", to: "Au", show: "Afficher",
    compare: "Comparer les lectures côte à côte",
    explain: "Qu'est-ce qui changerait la réponse pour la partie examinée ?",
    explain_hint: "Choisissez d'abord une partie à examiner.",
    footer: "Réponses calculées par sahel-sim sur cette machine. Les mêmes réponses en JSON :",
    working: "Calcul en cours…", ok_valid: "Le scénario est valide : {events} événement(s).",
    problems: "{n} problème(s) dans le scénario :", line: "ligne {line}", error: "Erreur",
    none: "personne", why: "pourquoi", clause: "la clause", quote: "citation", paraphrase: "paraphrase",
    original: "texte original ({lang})", confidence: "fiabilité", contested: "contesté",
    other_reading: "selon la lecture", rests_on: "repose sur", binding_from: "obligatoire à partir du",
    event: "{id} le {date} : {kind}, {actors} contre {target}", reading_used: "lecture : {p}",
    bound: "Tenus d'agir", bound_discretion: "Tenus, moyens à leur discrétion", may_act: "Peuvent agir",
    must_consult: "Doivent se consulter", bound_to_neutrality: "Tenus à la neutralité", in_breach: "En violation",
    not_invoked: "Dans le champ de la clause, non invoquée", not_determined: "Dans le champ de la clause, sans constatation",
    not_bound: "Non tenus", hidden: "{n} autres non affichées (non parties, ou clause étrangère à l'événement)",
    towards: "envers", against: "contre", round: "tour {n} de la cascade",
    flips_none: "Aucun changement unique trouvé.", turned_on: "l'obligerait", turned_off: "la libérerait",
    turned_changed: "changerait sa situation ({how})",
    present: "oui", absent: "non", compare_who: "qui", compare_clause: "clause", compare_why: "pourquoi elles diffèrent",
    step: "{date} : naissent {on}, s'éteignent {off}", conflicts: "Obligations contradictoires",
    picture_alt: "Les États concernés, une flèche par obligation", timeline_alt: "La durée de chaque obligation",
    busy: "Le serveur est occupé ; réessayez dans un instant.",
  },
};

const LANGS = Object.keys(WORDS);

// A word of the page in `lang`, with {name} slots filled; an unknown key falls back to English, then to itself.
function word(lang, key, slots) {
  let text = (WORDS[lang] && WORDS[lang][key]) || WORDS.en[key] || key.replace(/_/g, " ");
  for (const [name, value] of Object.entries(slots || {})) text = text.split(`{${name}}`).join(String(value));
  return text;
}

// Put every [data-i18n] element of the page into `lang`.
function translatePage(lang) {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = word(lang, el.dataset.i18n);
  document.title = "sahel-sim · " + word(lang, "title");
}
