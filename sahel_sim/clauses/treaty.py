"""Treaties and their clauses, as data.

A treaty file gives metadata (name, signature, entry into force, sources),
who its parties are (an organisation's members, or a dated list), the rules
on accession and withdrawal, and its clauses.  A clause says when it fires
(``trigger``), what else must hold (``conditions``), what defeats it
(``exceptions``), and the duty it creates: who owes it (``obligor``), to whom
(``beneficiary``), against whom (``against``), by what ``means`` and with
what ``strength``; its ``modality`` (must, may, must not) with the words of
the text that decide it (``modality_basis``).  A ``guarantee`` (of the
target's independence, territorial integrity or security) binds each
guarantor to uphold it, and a guarantor that is itself an actor of the event
against the guaranteed party is in breach of it.  Adding a treaty is adding a file; no engine code changes.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from sahel_sim.clauses.articles import article_label, articles_label
from sahel_sim.clauses.conditions import OBLIGOR_ROLES, Condition, walk
from sahel_sim.clauses.eras import ERAS, era_of
from sahel_sim.model.actors import ID_PATTERN
from sahel_sim.model.base import Dated, Frozen, Sourced, WholeNumber, check_sourced

__all__ = [
    "Accession",
    "Adversary",
    "Beneficiary",
    "Clause",
    "ClauseException",
    "Duty",
    "ERAS",
    "Means",
    "Modality",
    "Obligor",
    "Parties",
    "Party",
    "Succession",
    "PartyStatement",
    "PrecedenceEntry",
    "PrecedenceKind",
    "Provision",
    "Rendering",
    "StatementEffect",
    "StatementKind",
    "Strength",
    "Suspension",
    "TextKind",
    "Treaty",
    "Unencoded",
    "WithdrawalRule",
    "era_of",
]

SLUG = r"^[a-z0-9][a-z0-9\-]{0,79}$"


def _words(text: str) -> str:
    """``text`` folded for comparison: lower case, one space between words, quotes dropped."""
    return " ".join(text.casefold().replace('"', " ").replace("«", " ").replace("»", " ").split())


class TextKind(str, Enum):
    """Whether a clause's text is a verbatim quote or a paraphrase."""

    quote = "quote"
    paraphrase = "paraphrase"


class Rendering(Frozen):
    """A clause's words in one language (``text_fr``, ``text_en``), marked quote or paraphrase, with their source.

    A ``quote`` is verbatim from the ``source`` it names, so it needs one; a
    French quote is written between « and ».  Words that were looked for and
    not found are not written: ``missing`` says where they were looked for,
    and ``text`` and ``kind`` are left out.
    """

    text: str | None = Field(default=None, min_length=1, max_length=4000)
    kind: TextKind | None = None
    source: str | None = Field(default=None, min_length=1, max_length=400)
    missing: str | None = Field(default=None, min_length=1, max_length=600,
                                description="not found: where the words were looked for")
    note: str | None = None

    @model_validator(mode="after")
    def _text_or_missing(self) -> "Rendering":
        if (self.text is None) == (self.missing is None):
            raise ValueError("give either 'text' (with 'kind': quote or paraphrase) or 'missing' "
                             "(where the words were looked for and not found), not both or neither")
        if self.text is not None and self.kind is None:
            raise ValueError("'text' needs its 'kind': quote (verbatim from 'source') or paraphrase")
        if self.missing is not None and self.kind is not None:
            raise ValueError(f"'kind: {self.kind.value}' marks a text, and none is given ('missing'); drop 'kind'")
        if self.kind is TextKind.quote and not self.source:
            raise ValueError("a 'quote' needs the 'source' it is quoted from; without one, write 'kind: paraphrase'")
        return self

    @property
    def found(self) -> bool:
        """Whether the words are given (else ``missing`` says where they were looked for)."""
        return self.text is not None


LANGUAGE_NAMES = {"fr": "French", "en": "English"}


def _french_quote_marked(r: Rendering | None) -> None:
    """A French quote is written between « and », as the reference marks French verbatim quotes."""
    if r is not None and r.kind is TextKind.quote and ("«" not in (r.text or "") or "»" not in (r.text or "")):
        raise ValueError("a French quote ('text_fr' with 'kind: quote') is written between « and »")


class Duty(str, Enum):
    """What the obligor must (or may) do."""

    assist = "assist"
    consult = "consult"
    mediate = "mediate"
    refrain = "refrain"
    combat_terrorism = "combat_terrorism"
    counter_rebellion = "counter_rebellion"
    manage_crisis = "manage_crisis"
    sanction = "sanction"
    intervene = "intervene"
    neutrality = "neutrality"
    benevolent_neutrality = "benevolent_neutrality"
    mobilise = "mobilise"
    guarantee = "guarantee"


class Modality(str, Enum):
    """The deontic operator of a clause (LegalRuleML's Obligation, Permission, Prohibition).

    ``obligation``: the obligor must act; ``permission``: it may act (a right,
    such as self-defence, binds nobody); ``prohibition``: it must not act, and
    an event whose actor does what the clause forbids is a breach of it.
    """

    obligation = "obligation"
    permission = "permission"
    prohibition = "prohibition"


NEUTRALITY_DUTIES = frozenset({"neutrality", "benevolent_neutrality"})


class Means(str, Enum):
    """Which means the duty allows: armed force included, only if necessary, only with consent, or none.

    ``armed_force_with_consent``: the duty binds, but no obligor can be
    required to use armed force without its own consent; the binding part is
    the other measures (a treaty that says no state shall be required to use
    armed force without its consent).
    """

    armed_force_included = "armed_force_included"
    armed_force_if_necessary = "armed_force_if_necessary"
    armed_force_with_consent = "armed_force_with_consent"
    non_military = "non_military"
    unspecified = "unspecified"
    none = "none"


class Strength(str, Enum):
    """How binding the duty is."""

    mandatory = "mandatory"
    discretionary = "discretionary"
    consultation = "consultation"
    conditional = "conditional"


class Obligor(str, Enum):
    """Who owes the duty, relative to the event."""

    each_other_party = "each_other_party"
    each_party = "each_party"
    attacking_parties = "attacking_parties"
    organisation = "organisation"
    target = "target"


class Beneficiary(str, Enum):
    """To whom the duty is owed."""

    target = "target"
    organisation = "organisation"
    none = "none"


class Adversary(str, Enum):
    """Against whom the duty is directed: the attackers, their external supporters as well, the target, nobody."""

    attackers = "attackers"
    attackers_and_supporters = "attackers_and_supporters"
    external_supporters = "external_supporters"
    target = "target"
    none = "none"


class ClauseException(Frozen):
    """A defeasible condition: when it holds, the clause does not bind."""

    when: Condition
    article: str | None = None
    text: str | None = None
    confidence: str | None = None
    note: str | None = None

    def describe(self) -> str:
        """The exception in words."""
        return self.when.describe()


class Clause(Sourced):
    """One operative rule of a treaty, with its legal reference."""

    id: str = Field(pattern=SLUG)
    article: str
    title: str | None = None
    text: str
    text_kind: TextKind
    language: str = Field(default="en", pattern=r"^[a-z]{2}$")
    text_fr: Rendering | None = None
    text_en: Rendering | None = None
    read_with: tuple[str, ...] = ()
    trigger: Condition
    conditions: tuple[Condition, ...] = ()
    exceptions: tuple[ClauseException, ...] = ()
    obligor: Obligor
    organ: str | None = None
    beneficiary: Beneficiary = Beneficiary.target
    against: Adversary = Adversary.attackers
    duty: Duty
    means: Means
    strength: Strength
    modality: Modality = Modality.obligation
    modality_basis: str | None = Field(default=None, min_length=1, max_length=400)
    mutual: bool = False
    collective: bool = False
    exclude_supporters: bool = False

    @model_validator(mode="before")
    @classmethod
    def _default_modality(cls, data: object) -> object:
        """A clause that does not say its modality: a duty to refrain is a prohibition, any other an obligation."""
        if isinstance(data, dict) and data.get("modality") is None:
            duty = data.get("duty")
            refrain = duty is Duty.refrain or duty == "refrain"
            return {**data, "modality": Modality.prohibition if refrain else Modality.obligation}
        return data

    @model_validator(mode="after")
    def _valid(self) -> "Clause":
        """Sourced's check, then the clause's own, in this order: one validator (see
        :meth:`~sahel_sim.model.base.Sourced._valid`; a clause is validated again inside every treaty)."""
        check_sourced(self)
        # The modality fits the duty.
        if (self.duty is Duty.refrain) != (self.modality is Modality.prohibition):
            raise ValueError("a duty to 'refrain' is a 'prohibition', and a prohibition's duty is 'refrain' "
                             f"(got duty {self.duty.value}, modality {self.modality.value})")
        # A guarantee is an obligation owed to the party attacked: its guarantor acting against it breaches it.
        if self.duty is Duty.guarantee and (self.modality is not Modality.obligation
                                            or self.beneficiary is not Beneficiary.target):
            raise ValueError("a 'guarantee' is an 'obligation' owed to the 'target' (the guaranteed party) "
                             f"(got modality {self.modality.value}, beneficiary {self.beneficiary.value})")
        # The words that decide the modality are the clause's own: they must occur in its ``text``.
        if self.modality_basis is not None and _words(self.modality_basis) not in _words(self.text):
            raise ValueError(f"modality_basis {self.modality_basis!r} does not occur in the clause's text; "
                             "quote the words of the text that make it an obligation, a permission or a prohibition")
        # ``text`` is already in its ``language``: the field for that language would say it twice.
        if self.language in LANGUAGE_NAMES and getattr(self, f"text_{self.language}") is not None:
            other = "en" if self.language == "fr" else "fr"
            raise ValueError(f"'text_{self.language}' repeats 'text', which is already in {LANGUAGE_NAMES[self.language]} "
                             f"('language: {self.language}'); give the other language as 'text_{other}'")
        _french_quote_marked(self.text_fr)
        # The trigger is event-level.
        for cond in walk(self.trigger):
            if getattr(cond, "roles", frozenset()) & OBLIGOR_ROLES:
                raise ValueError("a trigger may not refer to the obligor or beneficiary; use 'conditions'")
        return self

    def rendering(self, language: str) -> Rendering | None:
        """The clause's words in ``language`` (``fr`` or ``en``): ``text`` itself, or its rendering, if recorded."""
        if language == self.language:
            return Rendering(text=self.text, kind=self.text_kind, source=self.source)
        return self.text_fr if language == "fr" else self.text_en if language == "en" else None

    @property
    def reference(self) -> str:
        """``Art. 6`` or ``Art. 7 (with Art. 6)``."""
        extra = f" (with {articles_label(self.read_with)})" if self.read_with else ""
        return f"{article_label(self.article)}{extra}"


class StatementKind(str, Enum):
    """What a party attached to its consent: a reservation, an interpretative declaration, an understanding."""

    reservation = "reservation"
    declaration = "declaration"
    understanding = "understanding"


class StatementEffect(str, Enum):
    """``limit``: the party is bound only when ``condition`` holds; ``flag``: shown beside its duty, which stands."""

    limit = "limit"
    flag = "flag"


class PartyStatement(Sourced):
    """One party's reservation, declaration or understanding, for some clauses (all, if none named).

    A ``limit`` adds a condition for that party alone (``{test: requested,
    to: obligor}``: "only at my own request"); a ``flag`` leaves the duty as it
    is and shows the text beside it ("in accordance with its constitutional
    processes").  Everyone else's duties are unchanged either way.
    """

    party: str = Field(pattern=ID_PATTERN)
    kind: StatementKind = StatementKind.reservation
    effect: StatementEffect = StatementEffect.flag
    clauses: tuple[str, ...] = ()
    condition: Condition | None = None
    text: str = Field(min_length=1)
    text_kind: TextKind = TextKind.paraphrase
    since: date | None = None
    until: date | None = None

    @model_validator(mode="after")
    def _valid(self) -> "PartyStatement":
        """Sourced's check, then the statement's own: one validator (see :meth:`~sahel_sim.model.base.Sourced._valid`)."""
        check_sourced(self)
        if self.effect is StatementEffect.limit and self.condition is None:
            raise ValueError("a 'limit' needs a 'condition': the test under which the party is still bound")
        if self.effect is StatementEffect.flag and self.condition is not None:
            raise ValueError("a 'flag' takes no 'condition' (write 'effect: limit' to limit the duty)")
        if self.since is not None and self.until is not None and self.until <= self.since:
            raise ValueError(f"'until' ({self.until}) must be after 'since' ({self.since})")
        return self

    def concerns(self, clause_id: str, day: date) -> bool:
        """Whether the statement bears on this clause on this day."""
        return ((not self.clauses or clause_id in self.clauses)
                and (self.since is None or self.since <= day) and (self.until is None or day < self.until))


class Suspension(Dated):
    """``party`` suspended its obligations towards ``towards`` from ``since``; the rest of the treaty stays in force."""

    party: str = Field(pattern=ID_PATTERN)
    towards: str = Field(pattern=ID_PATTERN)
    text: str | None = None


class Succession(Sourced):
    """How a treaty stands to an earlier one between the same parties: in its place, or beside it.

    ``succeeds``: the earlier treaty ends when this one enters into force (the
    compiled world reads it as terminated then); ``coexists``: both stay in
    force.  Which holds is often a reading: the data may contest it.
    """

    treaty: str = Field(pattern=SLUG)
    relation: Literal["succeeds", "coexists"]

    def words(self) -> str:
        """``stays in force beside the liptako-gourma-charter`` or ``succeeds … the …``, for the treaty view."""
        how = "stays in force beside" if self.relation == "coexists" else "succeeds (ends on its entry into force)"
        return f"{how} the {self.treaty}"


class Provision(Sourced):
    """A non-operative article kept for reference (purpose, organs, final clauses)."""

    article: str
    title: str
    text: str
    text_kind: TextKind = TextKind.paraphrase


class Party(Dated):
    """A state that is a party to the treaty from ``since`` until ``until``."""

    party: str = Field(pattern=ID_PATTERN)


class Parties(Sourced):
    """Who the parties are: the members of an organisation (less any ``excluded``), or a dated list."""

    organisation: str | None = Field(default=None, pattern=ID_PATTERN)
    members: tuple[Party, ...] = ()
    excluded: tuple[str, ...] = Field(default=(), description="members of the organisation that are not parties")

    @model_validator(mode="after")
    def _valid(self) -> "Parties":
        """Sourced's check, then the parties' own: one validator (see :meth:`~sahel_sim.model.base.Sourced._valid`)."""
        check_sourced(self)
        if (self.organisation is None) == (not self.members):
            raise ValueError("give exactly one of 'organisation' or 'members'")
        if self.excluded and self.organisation is None:
            raise ValueError("'excluded' applies only to 'organisation' parties")
        return self


class Accession(Sourced):
    """How a new party joins (e.g. unanimity of the parties)."""

    rule: str
    open_to: str | None = None
    article: str | None = None


class WithdrawalRule(Sourced):
    """How a party leaves: the notice period and the article that sets it."""

    notice_months: WholeNumber | None = Field(default=None, ge=0)
    article: str | None = None
    text: str | None = None
    text_fr: Rendering | None = None

    @model_validator(mode="after")
    def _valid(self) -> "WithdrawalRule":
        """Sourced's check, then the rule's own: one validator (see :meth:`~sahel_sim.model.base.Sourced._valid`)."""
        check_sourced(self)
        _french_quote_marked(self.text_fr)
        return self


class Unencoded(Sourced):
    """An article the data does not encode as a clause, and why (the construct that is missing)."""

    article: str
    title: str | None = None
    reason: str = Field(min_length=1)


class PrecedenceKind(str, Enum):
    """The ground on which a treaty's duties give way to, or prevail over, another treaty's."""

    compatibility_clause = "compatibility_clause"
    lex_specialis = "lex_specialis"


class PrecedenceEntry(Sourced):
    """How this treaty stands to ``treaty`` when their duties conflict: which ``prevails`` (``this`` or ``other``).

    ``compatibility_clause``: the treaty's own article says so (VCLT
    Art. 30(2)); ``text`` is that article, quoted or paraphrased.
    ``lex_specialis``: this treaty is the special rule and the other the
    general one on the conflicting matter (``prevails: this``), or the
    reverse; ``text`` says why, with its source.
    """

    treaty: str = Field(pattern=SLUG)
    kind: PrecedenceKind
    prevails: Literal["this", "other"]
    article: str | None = None
    text: str = Field(min_length=1)
    text_kind: TextKind = TextKind.paraphrase


class Treaty(Sourced):
    """A treaty: metadata, parties, accession and withdrawal rules, clauses."""

    id: str = Field(pattern=SLUG)
    name: str
    short_name: str | None = None
    signed: date
    place: str | None = None
    in_force: date | None = None
    in_force_precision: Literal["day", "month", "year"] = "day"
    terminated: date | None = None
    terminated_precision: Literal["day", "by"] = Field(
        default="day", description="'by' when only a date by which the treaty had ended is known, not the day it ended")
    organisation: str | None = Field(default=None, pattern=ID_PATTERN)
    parties: Parties
    accession: Accession | None = None
    withdrawal: WithdrawalRule | None = None
    decision_rule: str | None = None
    regions: tuple[str, ...] = Field(default=(), description="continents or regions the pact covers, for browsing")
    subject_matter: tuple[Annotated[str, Field(pattern=r"^[a-z][a-z_]{0,39}$")], ...] = Field(
        default=(), description="what the treaty is about (use_of_force, economic_integration …): VCLT Art. 30 "
                                "applies only to successive treaties relating to the same subject-matter")
    precedence: tuple[PrecedenceEntry, ...] = Field(
        default=(), description="how its duties stand to another treaty's: its own compatibility clause, or lex specialis")
    sources: tuple[str, ...] = ()
    provisions: tuple[Provision, ...] = ()
    reservations: tuple[PartyStatement, ...] = ()
    suspensions: tuple[Suspension, ...] = ()
    clauses: tuple[Clause, ...] = ()
    unencoded: tuple[Unencoded, ...] = ()
    earlier: tuple[Succession, ...] = Field(default=(), description="earlier treaties this one succeeds or coexists with")

    @model_validator(mode="after")
    def _valid(self) -> "Treaty":
        """Sourced's check, then the treaty's own: one validator (see :meth:`~sahel_sim.model.base.Sourced._valid`)."""
        check_sourced(self)
        ids = [c.id for c in self.clauses]
        if len(set(ids)) != len(ids):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            raise ValueError(f"duplicate clause ids: {', '.join(dupes)}")
        if self.in_force is not None and self.in_force < self.signed:
            raise ValueError(f"'in_force' ({self.in_force}) is before 'signed' ({self.signed})")
        unknown = sorted({c for r in self.reservations for c in r.clauses} - set(ids)) if self.reservations else ()
        if unknown:
            raise ValueError(f"a reservation names unknown clauses: {', '.join(unknown)} (clause ids: {', '.join(ids)})")
        return self

    @property
    def era(self) -> str:
        """``interwar``, ``cold-war`` or ``post-cold-war``, by the date of signature."""
        return era_of(self.signed)

    @property
    def title(self) -> str:
        """The short name if there is one, else the name."""
        return self.short_name or self.name

    def in_force_words(self) -> str:
        """The entry into force as precisely as it is known: ``1986-09-01`` or ``September 1986 (day unknown)``.

        Examples:
            >>> t = Treaty(id="t", name="T", signed=date(1981, 5, 29), in_force=date(1986, 9, 1),
            ...            in_force_precision="month", parties={"organisation": "ECOWAS"})
            >>> t.in_force_words()
            'September 1986 (day unknown; 1986-09-01 is used)'
        """
        if self.in_force is None:
            return "an unrecorded date"
        if self.in_force_precision == "month":
            return f"{self.in_force:%B %Y} (day unknown; {self.in_force} is used)"
        if self.in_force_precision == "year":
            return f"{self.in_force:%Y} (month and day unknown; {self.in_force} is used)"
        return self.in_force.isoformat()

    def terminated_words(self) -> str:
        """The end as precisely as it is known: ``on 1941-06-23``, or ``by 1948-11-17 (the day it ended is not known)``.

        Examples:
            >>> t = Treaty(id="t", name="T", signed=date(1939, 8, 25), terminated=date(1948, 11, 17),
            ...            terminated_precision="by", parties={"organisation": "X"})
            >>> t.terminated_words()
            'by 1948-11-17 (the day it ended is not known)'
        """
        if self.terminated is None:
            return "on no recorded date"
        if self.terminated_precision == "by":
            return f"by {self.terminated} (the day it ended is not known)"
        return f"on {self.terminated}"

    def in_force_uncertain_on(self, day: date) -> bool:
        """True when ``day`` falls in the month (or year) of an imprecise entry into force.

        On such a day the data cannot tell whether the treaty was already in force.
        """
        start = self.in_force
        if start is None or self.in_force_precision == "day":
            return False
        if self.in_force_precision == "month":
            return (day.year, day.month) == (start.year, start.month)
        return day.year == start.year

    def in_force_on(self, day: date) -> bool:
        """True when the treaty is in force on ``day``."""
        if self.in_force is None or day < self.in_force:
            return False
        return self.terminated is None or day < self.terminated

    def clause(self, clause_id: str) -> Clause | None:
        """The clause with this id, if any."""
        return next((c for c in self.clauses if c.id == clause_id), None)
