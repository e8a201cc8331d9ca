"""The one error the review package raises: a review could not be loaded or saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .actions import Action


class ReviewError(Exception):
    """A review could not be loaded or saved; ``str()`` is one line for the UI.

    ``action`` is the action that was not saved, when there is one: applying
    it again retries without risk of recording it twice.
    """

    def __init__(self, message: str, *, action: Action | None = None) -> None:
        super().__init__(" ".join(str(message).split()))
        self.action = action
