"""Libya, Sudan, Cameroon and the Central African Republic: dated UN and AU memberships, AU suspensions."""

from __future__ import annotations

from datetime import date

import pytest

from sahel_sim.analysis.catalogue import parties_on
from sahel_sim.library import library_world

NEIGHBOURS = ("LBY", "SDN", "CMR", "CAF")


def _membership(member: str, of: str, day: date):  # noqa: ANN202
    found = [m for m in library_world().memberships if m.member == member and m.of == of and m.active_on(day)]
    return found[0] if found else None


@pytest.mark.parametrize("member, admitted", [
    ("LBY", date(1955, 12, 14)), ("SDN", date(1956, 11, 12)), ("CMR", date(1960, 9, 20)), ("CAF", date(1960, 9, 20)),
])
def test_un_membership_starts_on_the_day_of_admission(member: str, admitted: date) -> None:
    assert _membership(member, "UN", admitted) is not None
    assert _membership(member, "UN", date.fromordinal(admitted.toordinal() - 1)) is None
    assert _membership(member, "UN", admitted).source  # every admission names its source


@pytest.mark.parametrize("member", NEIGHBOURS)
def test_each_is_an_au_member_and_a_state_with_its_own_territory(member: str) -> None:
    world = library_world()
    assert _membership(member, "AU", date(2024, 1, 1)) is not None
    assert _membership(member, "AU", date(2002, 7, 8)) is None
    assert next(a for a in world.actors if a.id == member).kind.value == "state"
    territory = next(t for t in world.territories if t.id == member)
    assert "africa" in territory.regions and territory.holders[0].state == member


def test_au_suspensions_are_dated() -> None:
    sudan = _membership("SDN", "AU", date(2023, 4, 15))
    assert sudan.suspended_on(date(2023, 4, 15)) is not None  # since 26 Oct 2021, not lifted
    assert sudan.suspended_on(date(2021, 10, 25)) is None
    assert sudan.suspended_on(date(2019, 7, 1)) is not None and sudan.suspended_on(date(2020, 1, 1)) is None
    car = _membership("CAF", "AU", date(2014, 1, 1))
    assert car.suspended_on(date(2014, 1, 1)) is not None
    assert car.suspended_on(date(2016, 4, 5)) is not None and car.suspended_on(date(2016, 4, 6)) is None
    assert _membership("LBY", "AU", date(2011, 8, 1)).suspended_on(date(2011, 8, 1)) is None


def test_they_are_parties_to_the_un_charter_and_the_au_act() -> None:
    world = library_world()
    un = parties_on(world.treaty("un-charter"), world.memberships, date(2025, 3, 1))
    au = parties_on(world.treaty("au-constitutive-act"), world.memberships, date(2025, 3, 1))
    assert set(NEIGHBOURS) <= set(un) and set(NEIGHBOURS) <= set(au)
    assert "LBY" not in parties_on(world.treaty("un-charter"), world.memberships, date(1955, 1, 1))


def test_the_permanent_members_are_recorded_with_their_article() -> None:
    charter = library_world().treaty("un-charter")
    articles = {p.article: p for p in charter.provisions}
    assert articles["23(1)"].text_kind.value == "quote"
    assert "shall be permanent members of the Security Council" in articles["23(1)"].text
    seats = articles["23(1) (seats)"].text
    assert "(CHN)" in seats and "(RUS)" in seats and "(USA)" in seats and "Turkey is not a permanent member" in seats
