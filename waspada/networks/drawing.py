"""A server-rendered SVG of a ring: applications on an outer circle, the phones, people
and addresses they share on an inner one, a line for every "gives this value".

No JavaScript library: a ring has a handful to a few dozen members, and a static drawing
works under the strict CSP and prints with the page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

SIZE = 560
CENTRE = SIZE / 2
OUTER = 230
INNER = 110


@dataclass(frozen=True)
class Node:
    key: str
    label: str
    kind: str  # "application" or the shared value's kind (phone, sponsor, address, ...)
    x: int
    y: int

    # Whole pixels, computed here: a template would print floats with the Indonesian
    # decimal comma, which SVG does not read.
    @property
    def corner_x(self) -> int:
        return self.x - 8

    @property
    def corner_y(self) -> int:
        return self.y - 8

    @property
    def label_y(self) -> int:
        return self.y + 22


@dataclass(frozen=True)
class Edge:
    x1: int
    y1: int
    x2: int
    y2: int
    kind: str


@dataclass(frozen=True)
class Drawing:
    size: int
    nodes: list[Node]
    edges: list[Edge]


def _circle(count: int, radius: float, offset: float = 0.0) -> list[tuple[int, int]]:
    return [
        (
            round(CENTRE + radius * math.cos(2 * math.pi * i / count + offset)),
            round(CENTRE + radius * math.sin(2 * math.pi * i / count + offset)),
        )
        for i in range(count)
    ]


def draw(applications: list[tuple[str, str]], links: list[tuple[str, str, str]]) -> Drawing:
    """`applications`: (application_no, label); `links`: (application_no, kind, value).

    Only values given by two or more members are drawn: they are what makes the ring.
    """
    givers: dict[tuple[str, str], set[str]] = {}
    for number, kind, value in links:
        givers.setdefault((kind, value), set()).add(number)
    shared = sorted(key for key, members in givers.items() if len(members) >= 2)
    app_points = dict(
        zip((no for no, _ in applications), _circle(len(applications), OUTER), strict=True)
    )
    value_points = dict(
        zip(shared, _circle(len(shared), INNER if len(shared) > 1 else 0, math.pi / 4), strict=True)
    )
    nodes = [Node(no, label, "application", *app_points[no]) for no, label in applications] + [
        Node(f"{kind}:{value}", value, kind, *value_points[(kind, value)]) for kind, value in shared
    ]
    edges = [
        Edge(*app_points[number], *value_points[key], key[0])
        for key in shared
        for number in sorted(givers[key])
        if number in app_points
    ]
    return Drawing(SIZE, nodes, edges)
