"""A server-rendered SVG of a ring: applications on an outer circle, the phones, people
and addresses they share on an inner one, a line for every "gives this value".

No JavaScript library: a static drawing works under the strict CSP and prints with the
page. A small ring shows every application with its name. A large one (more than
`GROUP_FROM` members, up to the few hundred of a big broker's ring) would be a hairball
of lines, so its applications are grouped by the shared values they give: one circle per
group, sized by how many it holds and labelled with that number, one line from the group
to each value. Names are then on demand: every circle and square carries a tooltip
(`<title>`) naming what it stands for, and the member table below lists them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

SIZE = 560
CENTRE = SIZE / 2
OUTER = 230
INNER = 110
# From this many members on, applications are drawn grouped by what they share.
GROUP_FROM = 30
# Value labels are written beside the squares up to this many shared values (else
# tooltips only, so that labels do not overprint each other).
LABELLED_VALUES = 16
# A group's tooltip names this many of its applications, then "and N more".
NAMED_IN_GROUP = 8


@dataclass(frozen=True)
class Node:
    key: str
    label: str
    kind: str  # "application", "group" or the shared value's kind (phone, sponsor, ...)
    x: int
    y: int
    count: int = 1  # applications a group stands for
    title: str = ""  # the tooltip, when it says more than the label
    show_label: bool = True

    # Whole pixels, computed here: a template would print floats with the Indonesian
    # decimal comma, which SVG does not read.
    @property
    def corner_x(self) -> int:
        return self.x - 8

    @property
    def corner_y(self) -> int:
        return self.y - 8

    @property
    def radius(self) -> int:
        """A group's circle grows with the square root of its size (area ~ count)."""
        return 9 if self.count <= 1 else min(34, round(9 + 4 * math.sqrt(self.count - 1)))

    @property
    def label_y(self) -> int:
        return self.y + self.radius + 13

    @property
    def tooltip(self) -> str:
        return self.title or self.label


@dataclass(frozen=True)
class Edge:
    x1: int
    y1: int
    x2: int
    y2: int
    kind: str
    weight: int = 1  # applications behind the line (a group's size)

    @property
    def thickness(self) -> int:
        """1 to 4: thicker the more applications are behind the line (a CSS class, the
        strict CSP allows no inline style)."""
        return min(4, 1 + int(math.log2(self.weight) / 1.5))


@dataclass(frozen=True)
class Drawing:
    size: int
    nodes: list[Node]
    edges: list[Edge]
    grouped: bool = False
    members: int = 0


def _circle(count: int, radius: float, offset: float = 0.0) -> list[tuple[int, int]]:
    return [
        (
            round(CENTRE + radius * math.cos(2 * math.pi * i / count + offset)),
            round(CENTRE + radius * math.sin(2 * math.pi * i / count + offset)),
        )
        for i in range(count)
    ]


Key = tuple[str, str]


def _value_nodes(shared: list[Key]) -> tuple[dict[Key, tuple[int, int]], list[Node]]:
    points = dict(
        zip(shared, _circle(len(shared), INNER if len(shared) > 1 else 0, math.pi / 4), strict=True)
    )
    labelled = len(shared) <= LABELLED_VALUES
    nodes = [
        Node(f"{kind}:{value}", value, kind, *points[(kind, value)], show_label=labelled)
        for kind, value in shared
    ]
    return points, nodes


def draw(applications: list[tuple[str, str]], links: list[tuple[str, str, str]]) -> Drawing:
    """`applications`: (application_no, label); `links`: (application_no, kind, value).

    Only values given by two or more members are drawn: they are what makes the ring.
    """
    givers: dict[Key, set[str]] = {}
    for number, kind, value in links:
        givers.setdefault((kind, value), set()).add(number)
    shared = sorted(key for key, members in givers.items() if len(members) >= 2)
    if len(applications) > GROUP_FROM:
        return _grouped(applications, givers, shared)
    app_points = dict(
        zip((no for no, _ in applications), _circle(len(applications), OUTER), strict=True)
    )
    value_points, value_nodes = _value_nodes(shared)
    nodes = [
        Node(no, label, "application", *app_points[no], title=f"{label} ({no})")
        for no, label in applications
    ] + value_nodes
    edges = [
        Edge(*app_points[number], *value_points[key], key[0])
        for key in shared
        for number in sorted(givers[key])
        if number in app_points
    ]
    return Drawing(SIZE, nodes, edges, members=len(applications))


def _grouped(
    applications: list[tuple[str, str]], givers: dict[Key, set[str]], shared: list[Key]
) -> Drawing:
    """One circle per set of shared values given, the largest groups first."""
    gives: dict[str, list[Key]] = {no: [] for no, _ in applications}
    for key in shared:
        for number in givers[key]:
            if number in gives:
                gives[number].append(key)
    groups: dict[tuple[Key, ...], list[tuple[str, str]]] = {}
    for number, label in applications:
        groups.setdefault(tuple(sorted(gives[number])), []).append((number, label))
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    value_points, value_nodes = _value_nodes(shared)
    points = _circle(len(ordered), OUTER)
    nodes: list[Node] = []
    edges: list[Edge] = []
    for (keys, members), (x, y) in zip(ordered, points, strict=True):
        names = ", ".join(f"{label} ({no})" for no, label in members[:NAMED_IN_GROUP])
        more = len(members) - NAMED_IN_GROUP
        title = names + (f" … +{more}" if more > 0 else "")
        nodes.append(
            Node(
                "group:" + "|".join(f"{kind}:{value}" for kind, value in keys),
                str(len(members)),
                "group",
                x,
                y,
                count=len(members),
                title=title,
            )
        )
        edges += [Edge(x, y, *value_points[key], key[0], weight=len(members)) for key in keys]
    return Drawing(SIZE, nodes + value_nodes, edges, grouped=True, members=len(applications))
