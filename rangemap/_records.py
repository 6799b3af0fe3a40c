"""Records as JSON: a dataclass's fields by :func:`dataclasses.asdict`, tuples as lists.

The frozen dataclasses rangemap returns (coverage rows, weapons, claims)
print as JSON objects of their fields. :func:`record_dict` is the one way
they become dictionaries: :func:`dataclasses.asdict` (nested records become
dictionaries too), every tuple a list, and, where the JSON's key order is
not the order the fields are declared in, the keys in the order given.

Examples
--------
>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Row:
...     name: str
...     codes: tuple[str, ...] = ()
>>> record_dict(Row("Kursk", ("RU",)))
{'name': 'Kursk', 'codes': ['RU']}
>>> record_dict(Row("Kursk"), keys=("codes", "name"))
{'codes': [], 'name': 'Kursk'}
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["record_dict"]


def record_dict(record: Any, keys: Sequence[str] | None = None) -> dict[str, Any]:
    """Return a dataclass record as a JSON-ready dictionary of its fields.

    Parameters
    ----------
    record : dataclass instance
        The record.
    keys : sequence of str, optional
        The fields to give, in this order; by default every field, in the
        order the class declares them.

    Returns
    -------
    dict
        :func:`dataclasses.asdict` of the record, with every tuple a field
        holds (in nested records too) as a list.
    """
    fields = dataclasses.asdict(record, dict_factory=_json_fields)
    if keys is None:
        return fields
    return {key: fields[key] for key in keys}


def _json_fields(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """Build one record's dictionary, tuples as lists."""
    return {key: list(value) if isinstance(value, tuple) else value for key, value in pairs}
