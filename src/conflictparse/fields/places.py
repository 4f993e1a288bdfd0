"""Location values: the places named and the coordinates, when the cell gives them."""

from __future__ import annotations

import re

from ..models import Coordinates

_DECIMAL = re.compile(
    r"(-?\d{1,3}(?:\.\d{1,10})?)°?\s*([NS])[\s,;]{0,3}(-?\d{1,3}(?:\.\d{1,10})?)°?\s*([EW])"
)
_BARE_PAIR = re.compile(r"-?\d{1,3}\.\d{3,10}\s*;\s*-?\d{1,3}\.\d{3,10}")
"""The unlabelled "49.12806; 16.76250" a rendered page repeats after its coordinates (Geo markup)."""
_COORD_LABEL = re.compile(r"(?i)\bcoordinates\s*:?")
_COORD_SPACES = re.compile(r"[\s\ufeff/]+")
_DMS = re.compile(
    r"(\d{1,3})°\s*(?:(\d{1,2}(?:\.\d+)?)[′']\s*)?(?:(\d{1,2}(?:\.\d+)?)[″\"]\s*)?([NS])"
    r"[\s,;]{0,3}(\d{1,3})°\s*(?:(\d{1,2}(?:\.\d+)?)[′']\s*)?(?:(\d{1,2}(?:\.\d+)?)[″\"]\s*)?([EW])"
)
_COORD_LINE = re.compile(r"\d°|°[NSEW]|\bCoordinates\b", re.I)


def is_coordinate_text(text: str) -> bool:
    return bool(_COORD_LINE.search(text))


_PLAIN = re.compile(r"^\s*(-?\d{1,2}(?:\.\d{1,10})?)\s*[;,]\s*(-?\d{1,3}(?:\.\d{1,10})?)\s*$")


def parse_coordinates(text: str) -> Coordinates | None:
    """Decimal degrees where given ("37.3995194°N 15.0650028°E", "37.39; 15.06"), else DMS."""
    plain = _PLAIN.match(text)
    if plain:
        return _coords(float(plain.group(1)), "N", float(plain.group(2)), "E")
    for m in _DECIMAL.finditer(text):
        if "." in m.group(1) or "." in m.group(3):
            return _coords(float(m.group(1)), m.group(2), float(m.group(3)), m.group(4))
    m2 = _DMS.search(text)
    if m2:
        lat = _dms(m2.group(1), m2.group(2), m2.group(3))
        lon = _dms(m2.group(5), m2.group(6), m2.group(7))
        return _coords(lat, m2.group(4), lon, m2.group(8))
    m3 = _DECIMAL.search(text)
    if m3:
        return _coords(float(m3.group(1)), m3.group(2), float(m3.group(3)), m3.group(4))
    return None


def _dms(d: str, m: str | None, s: str | None) -> float:
    return float(d) + float(m or 0) / 60 + float(s or 0) / 3600


def _coords(lat: float, ns: str, lon: float, ew: str) -> Coordinates | None:
    lat = -abs(lat) if ns == "S" else lat
    lon = -abs(lon) if ew == "W" else lon
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return Coordinates(lat=round(lat, 6), lon=round(lon, 6))


def strip_coordinates(text: str) -> str:
    """A location line without its coordinates: "14°1′8″N 38°58′24″EAdwa, Ethiopia" -> "Adwa, Ethiopia"."""
    text = _DMS.sub(" ", text)
    text = _DECIMAL.sub(" ", text)
    text = _BARE_PAIR.sub(" ", text)
    text = _COORD_LABEL.sub(" ", text)
    return _COORD_SPACES.sub(" ", text).strip(" /\ufeff")


def split_places(text: str) -> list[str]:
    """ "Derna, Libya" -> ["Derna", "Libya"]; parenthetical remarks stay with their place."""
    parts: list[str] = []
    depth = 0
    cur = ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if ch in ",;،؛\n" and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return [p.strip(" \t\u00a0.") for p in parts if p.strip(" \t\u00a0.")]
