"""Bilateral security arrangements and the foreign forces present under them (issue 14, "What to add" 5)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from typing import Any

import pytest

from sahel_sim.errors import ScenarioError


@pytest.fixture(scope="module")
def G() -> Any:
    from sahel_sim.graph import compile_world
    from sahel_sim.library import library_world

    return compile_world(library_world()).G


def _force(G: Any, host: str, day: date, sending: str) -> Any:
    from sahel_sim.graph.presence import presence

    found = [p for p in presence(G, host, day) if p.sending == sending]
    assert found, f"no {sending} presence in {host} on {day}"
    return found[0]


def test_french_forces_in_niger_were_invited_until_the_denunciations_took_effect(G: Any) -> None:
    before = _force(G, "NER", date(2023, 8, 20), "FRA")
    assert before.status == "invited" and not before.readings
    after = _force(G, "NER", date(2023, 10, 1), "FRA")
    assert after.status == "basis_ended" and after.without_basis_since == date(2023, 9, 4)
    assert after.sentence() == ("FRA forces are present in NER on 2023-10-01 (from 2014-08-01 until 2023-12-22), "
                                "without the instruments that framed their presence: the last of them ended on "
                                "2023-09-04")
    assert {alt: status for alt, _, status, _ in after.readings} == {
        "only-recognised-authorities-denounce": "invited", "six-months-notice": "invited"}


def test_the_french_departure_from_niger_ends_the_presence(G: Any) -> None:
    from sahel_sim.graph.presence import presence

    assert "FRA" not in {p.sending for p in presence(G, "NER", date(2023, 12, 22))}
    assert "FRA" in {p.sending for p in presence(G, "NER", date(2023, 12, 21))}


def test_us_forces_left_niger_after_the_status_agreement_was_denounced(G: Any) -> None:
    assert _force(G, "NER", date(2024, 3, 15), "USA").status == "invited"
    during = _force(G, "NER", date(2024, 6, 1), "USA")
    assert during.status == "basis_ended" and during.without_basis_since == date(2024, 3, 16)
    from sahel_sim.graph.presence import presence

    assert "USA" not in {p.sending for p in presence(G, "NER", date(2024, 9, 16))}


def test_burkina_faso_and_mali_denunciations(G: Any) -> None:
    assert _force(G, "BFA", date(2023, 2, 1), "FRA").status == "invited"  # in effect a month after receipt
    mali = _force(G, "MLI", date(2022, 6, 1), "FRA")
    assert mali.status == "basis_ended" and mali.without_basis_since == date(2022, 5, 2)
    treaty = [line for line in mali.lines() if "fra-mli-defence-treaty-2014" in line]
    assert treaty == ["also: Defence cooperation treaty between Mali and France (fra-mli-defence-treaty-2014): "
                      "signed 2014-07-16; denounced by MLI on 2022-05-02 (six months after notification), in effect "
                      "from 2022-11-02; in force"]


def test_before_its_2018_agreement_the_french_presence_in_burkina_faso_has_no_recorded_basis_in_force(G: Any) -> None:
    early = _force(G, "BFA", date(2015, 1, 1), "FRA")
    assert early.status == "basis_not_yet" and early.instruments[0][1] is False
    assert early.sentence().endswith("none of the instruments recorded as framing their presence is in force yet "
                                     "(the first is signed on 2018-12-17), and no earlier basis is recorded")
    assert early.lines()[0].endswith("not yet signed (signed 2018-12-17 later)")


def test_the_russian_presence_in_mali_has_no_recorded_instrument_as_its_basis(G: Any) -> None:
    rus = _force(G, "MLI", date(2024, 1, 1), "RUS")
    assert rus.status == "no_recorded_basis" and not rus.instruments
    assert {a.id for a, _ in rus.others} == {"rus-mli-military-cooperation-2019",
                                             "rus-mli-military-technical-cooperation-2023"}
    assert "Africa Corps" in (rus.relation.note or "")


def test_in_force_on_with_a_partly_known_signature() -> None:
    from sahel_sim.model.arrangements import Arrangement

    a = Arrangement(id="x", title="t", kind="status_of_forces", host="NER", sending="USA", signed=date(2012, 1, 1),
                    signed_precision="year", denunciation={"by": "NER", "date": date(2024, 3, 16)})
    assert [a.in_force_on(d) for d in (date(2011, 5, 1), date(2012, 5, 1), date(2013, 1, 1), date(2024, 3, 15),
                                       date(2024, 3, 16))] == [False, None, True, True, None]
    month = a.model_copy(update={"signed_precision": "month", "signed": date(2013, 3, 1), "denunciation": None})
    assert [month.in_force_on(d) for d in (date(2013, 2, 28), date(2013, 3, 20), date(2013, 4, 1))] == [False, None,
                                                                                                     True]


@pytest.mark.parametrize("fields, match", [
    ({"host": "NER", "sending": "NER"}, "'host' and 'sending' are both NER"),
    ({"denunciation": {"by": "NER", "date": "2020-01-01"}}, r"the denunciation \(2020-01-01\) comes before"),
    ({"denunciation": {"by": "NER", "date": "2024-01-01", "effective": "2023-01-01"}}, "'effective' .* comes before"),
])
def test_a_bad_arrangement_is_refused(fields: dict[str, Any], match: str) -> None:
    from pydantic import ValidationError

    from sahel_sim.model.arrangements import Arrangement

    data = {"id": "x", "title": "t", "kind": "stationing", "host": "NER", "sending": "FRA", "signed": "2021-01-01",
            **fields}
    with pytest.raises(ValidationError, match=match):
        Arrangement.model_validate(data)


@pytest.mark.parametrize("extra, match", [
    ("arrangements: [{id: a, title: t, kind: stationing, host: NER, sending: XYZ}]",
     r"arrangements\[\d+\]\.sending.*unknown state 'XYZ'"),
    ("arrangements: [{id: a, title: t, kind: stationing, host: NER, sending: FRA, denunciation: {by: GHA, date: 2020-01-01}}]",
     r"arrangements\[\d+\]\.denunciation\.by.*GHA is not a party to the arrangement 'a'"),
    ("arrangements: [{id: usa-ner-sofa, title: t, kind: stationing, host: NER, sending: USA}]",
     r"duplicate arrangement id 'usa-ner-sofa'"),
    ("relations: [{kind: troop_presence, from: GHA, to: NER, since: 2020-01-01, basis: [usa-ner-sof]}]",
     r"relations\[0\]\.basis\[0\].*unknown arrangement 'usa-ner-sof'.*usa-ner-sofa"),
    ("relations: [{kind: troop_presence, from: GHA, to: NER, since: 2020-01-01, basis: [usa-ner-sofa]}]",
     r"the arrangement 'usa-ner-sofa' is between USA and NER, not GHA and NER"),
])
def test_a_bad_arrangement_reference_is_refused(make_scenario: Any, extra: str, match: str) -> None:
    with pytest.raises(ScenarioError, match=match):
        make_scenario(f"""
            scenario: bad
            {extra}
            events: [{{id: e, date: 2020-06-01, kind: incursion, actors: [NGA], target: GHA}}]
        """)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sahel_sim", *args], capture_output=True, text=True,
                          env={"COLUMNS": "80", "PATH": "/usr/bin:/bin", **_pythonpath()}, timeout=120)


def _pythonpath() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k in ("PYTHONPATH", "HOME", "SAHEL_SIM_CACHE_DIR")}


def test_sahel_sim_forces_shows_each_force_its_basis_and_the_other_reading() -> None:
    done = _cli("forces", "NER", "--on", "2023-10-01")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Foreign forces in NER on 2023-10-01 (2)"
    assert all(len(line) <= 80 for line in lines)
    assert "contested: under 'only-recognised-authorities-denounce'" in done.stdout
    doc = json.loads(_cli("forces", "NER", "--on", "2023-10-01", "--format", "json").stdout)
    fra = next(f for f in doc["forces"] if f["sending"] == "FRA")
    assert fra["status"] == "basis_ended" and fra["without_basis_since"] == "2023-09-04"
    assert {r["alternative"] for r in fra["readings"]} == {"only-recognised-authorities-denounce", "six-months-notice"}


@pytest.mark.parametrize("args, message", [
    (("forces", "NRE", "--on", "2023-10-01"), "unknown state 'NRE'; did you mean"),
    (("forces", "ECOWAS", "--on", "2023-10-01"), "'ECOWAS' is an organisation, not a state"),
    (("forces", "NER", "--on", "2023-13-01"), "is not a valid date"),
    (("forces", "NER"), "the following arguments are required: --on"),
])
def test_sahel_sim_forces_refuses_bad_input_with_exit_2(args: tuple[str, ...], message: str) -> None:
    done = _cli(*args)
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr


def test_a_day_without_foreign_forces_says_so() -> None:
    done = _cli("forces", "NER", "--on", "1990-01-01")
    assert done.returncode == 0 and done.stdout == "No foreign troop presence in NER is recorded on 1990-01-01.\n"


def test_a_shared_world_file_may_hold_arrangements_and_consent_authorities(tmp_path: Any) -> None:
    path = tmp_path / "world.yaml"
    path.write_text("arrangements:\n"
                    "  - {id: test-arr, title: A test arrangement, kind: stationing, host: NER, sending: FRA,"
                    " signed: 2020-01-01}\n"
                    "consent_authorities:\n"
                    "  - {state: NER, since: 2030-01-01, government: NER-bazoum, basis: recognition}\n", encoding="utf-8")
    done = _cli("validate", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("ok (world file: 1 consent authority, 1 arrangement)")
