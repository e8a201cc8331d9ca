"""User key bindings: a small TOML file mapping binding ids to keys.

```toml
# ~/.config/newsview/keymap.toml (or --keymap FILE, or NEWSVIEW_KEYMAP)
"reader.down" = "e,down"
"review.accept" = "A"
```

Every binding of the app has an id (the README lists them); the value is a
comma-separated list of Textual key names that replaces the default keys.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from pathlib import Path


class KeymapError(Exception):
    """The keymap file cannot be used; the message is one line naming the file."""


def default_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("newsview", appauthor=False)) / "keymap.toml"


def load_keymap(explicit: str | None = None, *,
                known_ids: Collection[str] | Callable[[], Collection[str]] | None = None) -> dict[str, str]:
    """Read the keymap: ``explicit``, else ``NEWSVIEW_KEYMAP``, else the default file if present.

    ``known_ids`` (the ids a keymap may name) may be a function: it is called only when
    there is a file to check (collecting every dialog's keys costs the app's start-up time).
    """
    chosen = explicit or os.environ.get("NEWSVIEW_KEYMAP")
    path = Path(chosen) if chosen else default_path()
    if not chosen and not path.is_file():
        return {}
    import tomllib

    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise KeymapError(f"{path}: no such keymap file") from None
    except IsADirectoryError:
        raise KeymapError(f"{path}: is a directory, not a keymap file") from None
    except OSError as exc:
        raise KeymapError(f"{path}: cannot read keymap: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise KeymapError(f"{path}: not valid TOML: {str(exc).splitlines()[0]}") from None
    table = data.get("keys", data) if isinstance(data.get("keys"), dict) else data
    if callable(known_ids):
        known_ids = known_ids()
    keymap: dict[str, str] = {}
    for binding_id, keys in table.items():
        if not isinstance(keys, str) or not keys.strip():
            raise KeymapError(f"{path}: {binding_id!r} must map to keys such as \"j,down\"")
        if known_ids is not None and binding_id not in known_ids:
            raise KeymapError(f"{path}: unknown binding id {binding_id!r} (see the key table in the README)")
        keymap[binding_id] = ",".join(k.strip() for k in keys.split(",") if k.strip())
    return keymap
