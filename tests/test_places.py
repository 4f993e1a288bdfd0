"""Location lines: coordinates cut from the place names (real strings from the corpus pages)."""

from __future__ import annotations

from conflictparse.fields.places import split_places, strip_coordinates


def test_the_geo_pair_a_rendered_page_repeats_is_cut() -> None:
    # shared/corpus/text/en-text-battle-of-austerlitz.md, the infobox's Location row
    raw = (
        "Austerlitz, Moravia, Austrian Empire49°07′41″N 16°45′45″E\ufeff / \ufeff49.12806°N 16.76250°E"
        "\ufeff / 49.12806; 16.76250"
    )
    assert split_places(strip_coordinates(raw)) == ["Austerlitz", "Moravia", "Austrian Empire"]


def test_a_place_with_numbers_keeps_them() -> None:
    assert split_places(strip_coordinates("Hill 112; near Caen")) == ["Hill 112", "near Caen"]
