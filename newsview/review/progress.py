"""How far a review has got: the status line's "3/6 reviewed" (no other review code needed to say it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    reviewed: int
    total: int
    accepted: int
    rejected: int
    orphaned: int

    @classmethod
    def none_reviewed(cls, total: int) -> Progress:
        """An empty review's progress over ``total`` quotes."""
        return cls(reviewed=0, total=total, accepted=0, rejected=0, orphaned=0)

    def __str__(self) -> str:
        return f"{self.reviewed}/{self.total} reviewed"
