"""Every problem found during an import: counted in full, kept in detail up to a cap."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from sellerdesk.importers.model import Problem, Severity

#: Problems kept word for word; beyond this only the counts grow (a 1M-row file of bad rows).
DETAIL_CAP = 20_000


class ProblemLog:
    def __init__(self, cap: int = DETAIL_CAP) -> None:
        self.cap = cap
        self.problems: list[Problem] = []
        self.by_code: Counter[str] = Counter()
        self.by_severity: Counter[str] = Counter()
        self.rows_with_errors: set[int] = set()
        self.total = 0

    def add(self, problem: Problem) -> None:
        self.total += 1
        self.by_code[problem.code] += 1
        self.by_severity[problem.severity.value] += 1
        if problem.severity is Severity.ERROR:
            self.rows_with_errors.add(problem.row)
        if len(self.problems) < self.cap:
            self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for item in problems:
            self.add(item)

    @property
    def truncated(self) -> bool:
        return self.total > len(self.problems)

    def summary(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "by_severity": dict(self.by_severity),
            "by_code": dict(self.by_code.most_common()),
            "rows_with_errors": len(self.rows_with_errors),
            "truncated": self.truncated,
        }
