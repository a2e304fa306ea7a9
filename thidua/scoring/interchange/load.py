"""Reading a document into the models of ``document``.

The whole document is validated once, the way the published schema describes it: that gives
every problem of form, by path. Each part is then read on its own (a plan's configuration, each
scale version's criteria, each sheet's scores, each row), so that the checks of meaning in
``check`` and ``rows`` still run on every part that reads: a criterion with a misspelt kind does
not hide an unknown unit three sheets further down. Nothing is written from a document with a
problem, so the parts that do not read are simply left out.
"""

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from thidua.scoring.interchange import document as doc
from thidua.scoring.interchange.problems import Problems, header_problems

M = TypeVar("M", bound=BaseModel)
H = TypeVar("H", bound=BaseModel)
C = TypeVar("C", bound=BaseModel)
Listed = list[tuple[str, M]]  # the elements of a list that read, with their paths

# What a scale import leaves behind unread: the rows of another cluster's year.
YEAR_KEYS = ("complete", "registrations", "covenant", "assessments", "disputes", "results")


@dataclass
class Tree(Generic[H, C]):
    """A scale version or a sheet: its own fields (None when they did not read) and the
    children that read."""

    path: str
    head: H | None
    children: Listed[C]
    whole: bool  # everything in it read
    unread: set[str]  # codes of the criteria that did not read: naming them is no new problem


@dataclass
class Read:
    head: doc.DocumentHead | None
    plan: doc.PlanHead | None
    configuration: doc.Configuration | None
    task_groups: Listed[doc.TaskGroup]
    deadlines: Listed[doc.Deadline]
    scales: list[Tree[doc.ScaleHead, doc.Criterion]]
    registrations: Listed[doc.Registration]
    covenant: doc.Covenant | None
    assessments: list[Tree[doc.AssessmentHead, doc.Score]]
    disputes: Listed[doc.Dispute]
    results: doc.Results | None


def document_read(problems: Problems, document: Any, *, year: bool) -> Read:
    """``year``: read the rows of the year too (a full import), not only the plan and scales."""
    try:
        doc.Header.model_validate(document)
    except ValidationError as error:
        header_problems(problems, error)
        problems.refuse()  # a document of another kind: nothing else in it means anything
    data: dict[str, Any] = document
    if not year:
        data = {k: v for k, v in data.items() if k not in YEAR_KEYS}
    try:
        doc.Document.model_validate(data)
    except ValidationError as error:
        problems.from_error(error)
    plan = data.get("plan")
    return Read(
        head=_head(doc.Document, doc.DocumentHead, data),
        plan=_head(doc.Plan, doc.PlanHead, plan),
        configuration=_one(doc.Configuration, _get(plan, "configuration")),
        task_groups=_each(doc.TaskGroup, _get(plan, "task_groups"), "plan.task_groups"),
        deadlines=_each(doc.Deadline, _get(plan, "deadlines"), "plan.deadlines"),
        scales=[
            _tree(doc.Scale, doc.ScaleHead, doc.Criterion, item, path, "criteria")
            for path, item in _items(data.get("scales"), "scales")
        ],
        registrations=_each(doc.Registration, data.get("registrations"), "registrations"),
        covenant=_one(doc.Covenant, data.get("covenant")),
        assessments=[
            _tree(doc.Assessment, doc.AssessmentHead, doc.Score, item, path, "scores")
            for path, item in _items(data.get("assessments"), "assessments")
        ],
        disputes=_each(doc.Dispute, data.get("disputes"), "disputes"),
        results=_one(doc.Results, data.get("results")),
    )


def _get(data: Any, key: str) -> Any:
    return data.get(key) if isinstance(data, dict) else None


def _items(data: Any, path: str) -> list[tuple[str, Any]]:
    return [(f"{path}[{i}]", item) for i, item in enumerate(data)] if isinstance(data, list) else []


def _one(model: type[M], data: Any) -> M | None:
    try:
        return model.model_validate(data)
    except ValidationError:
        return None


def _each(model: type[M], data: Any, path: str) -> Listed[M]:
    read = ((where, _one(model, item)) for where, item in _items(data, path))
    return [(where, item) for where, item in read if item is not None]


def _head(whole: type[BaseModel], head: type[M], data: Any) -> M | None:
    """A part's own fields, without those that ``whole`` adds (its parts, read on their own)."""
    if not isinstance(data, dict):
        return None
    parts = whole.model_fields.keys() - head.model_fields.keys()
    return _one(head, {k: v for k, v in data.items() if k not in parts})


def _tree(
    whole: type[BaseModel], head: type[H], child: type[C], data: Any, path: str, key: str
) -> Tree[H, C]:
    raw = _items(_get(data, key), f"{path}.{key}")
    children = _each(child, _get(data, key), f"{path}.{key}")
    read = {where for where, _ in children}
    unread = {
        item["code"]
        for where, item in raw
        if where not in read and isinstance(item, dict) and isinstance(item.get("code"), str)
    }
    own = _head(whole, head, data)
    complete = isinstance(_get(data, key), list) and len(children) == len(raw)
    return Tree(path, own, children, own is not None and complete, unread)
