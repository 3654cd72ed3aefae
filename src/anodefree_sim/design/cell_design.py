"""Stack bill of materials of a (pouch) cell: layers, areas, collectors, packaging (DESIGN 2.8).

The two classes only store their arguments (scikit-learn contract: no logic, not even validation, in
``__init__``); they are frozen dataclasses, so they compare by value and serialise with
:func:`design_to_dict` / :func:`design_from_dict` (plain dicts of str/float/int/None, JSON-ready).
Validation happens in :func:`validate_layer` and :func:`validate_design`, which every function of
:mod:`anodefree_sim.design.energy_density` calls before it computes anything.

Units are SI throughout: thickness [m], density [kg.m-3], area [m2].
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

#: Roles a layer may have. ``"cathode"`` layers hold the cyclable Li in the as-built (discharged) cell
#: and bear the energy; ``"separator"`` and ``"negative"`` complete a unit cell; collectors and the
#: pouch foil go in the dedicated fields of :class:`StackDesign`.
ROLES = ("cathode", "separator", "negative", "collector", "packaging")

#: Roles allowed inside :attr:`StackDesign.layers` (one repeated unit cell).
UNIT_CELL_ROLES = ("cathode", "separator", "negative")


@dataclass(frozen=True)
class Layer:
    """One layer of a stack, as built (discharged state of an initially anode-free cell).

    Parameters
    ----------
    name : str
        Unique label, e.g. ``"Cathode composite"``; used as key of the per-layer breakdown.
    thickness : float
        Thickness [m] (after pressing/densification).
    density : float
        Density of the solid material [kg.m-3] (skeletal or crystal density; for a composite, the
        mass-weighted harmonic mean of its components). The layer's areal mass is
        ``density * (1 - porosity) * thickness`` [kg.m-2].
    porosity : float, optional
        Void volume fraction in [0, 1) (default 0, a dense layer).
    area : float or None, optional
        Area of this layer [m2] when it differs from the stack (energy-bearing) area, e.g. an
        electrolyte that overhangs the cathode. ``None`` (default) means the stack area. It scales the
        layer's mass, not the stack thickness.
    role : str, optional
        One of :data:`ROLES` (default ``"separator"``).
    """

    name: str
    thickness: float
    density: float
    porosity: float = 0.0
    area: float | None = None
    role: str = "separator"


@dataclass(frozen=True)
class StackDesign:
    """A stack of ``layers_per_cell`` identical unit cells, with collectors and optional packaging.

    Parameters
    ----------
    layers : sequence of Layer
        The layers of one unit cell, from the positive to the negative side, with roles in
        :data:`UNIT_CELL_ROLES` (e.g. cathode composite, electrolyte layers). Plated Li is *not* a
        layer: :mod:`anodefree_sim.design.energy_density` adds it for the charged state.
    area : float
        Stack (energy-bearing) area [m2]: the cathode area. All areal quantities are per m2 of it.
    layers_per_cell : int, optional
        Number of repeated unit cells stacked in one cell (default 1, a single-layer cell). The unit
        cells are taken to share their collectors, as in a real multi-layer stack:

        * monopolar (parallel) stack: cathodes are coated on both sides of one Al foil and two
          negatives face one negative collector, so N unit cells need N + 1 collectors, alternating
          negative / positive and negative on the outside: ``N // 2 + 1`` negative and
          ``(N + 1) // 2`` positive collectors (N = 1: one of each; N = 2: neg | cell | pos | cell |
          neg);
        * bipolar (series) stack: N - 1 bipolar foils between cells plus two end foils, again N + 1
          foils; describe the bipolar foil by the collector fields (e.g. both the same clad foil).

        Energy per stack area is N times that of one unit cell in both cases (parallel: N x capacity;
        bipolar: N x voltage).
    positive_collector, negative_collector : Layer or None, optional
        Collector foils (role ``"collector"``), counted as above. ``None`` means none.
    packaging : Layer or None, optional
        One wall of the pouch foil (role ``"packaging"``); a pouch has two walls. Only counted when
        asked for (``include_packaging=True``); seal margins and tabs are not modelled.
    name : str, optional
        Free label of the design.
    """

    layers: tuple[Layer, ...] | list[Layer]
    area: float
    layers_per_cell: int = 1
    positive_collector: Layer | None = None
    negative_collector: Layer | None = None
    packaging: Layer | None = None
    name: str = ""


def collector_counts(n_cells: int) -> tuple[int, int]:
    """Numbers of (positive, negative) collector foils in a stack of ``n_cells`` unit cells.

    ``n_cells + 1`` shared foils alternating negative/positive with negatives outside (see
    :class:`StackDesign`): positive = ``(n + 1) // 2``, negative = ``n // 2 + 1``.
    """
    if isinstance(n_cells, bool) or not isinstance(n_cells, int) or n_cells < 1:
        raise ValueError(f"layers_per_cell must be an integer >= 1, got {n_cells!r}")
    return (n_cells + 1) // 2, n_cells // 2 + 1


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def validate_layer(layer: Layer, roles: tuple[str, ...] = ROLES) -> None:
    """Raise ``ValueError`` naming the field and its valid range if ``layer`` is not physical.

    Checks: thickness finite and >= 0 m; density finite and > 0 kg.m-3; porosity in [0, 1);
    area ``None`` or finite and > 0 m2; role in ``roles``; non-empty name.
    """
    if not isinstance(layer, Layer):
        raise ValueError(f"expected a Layer, got {type(layer).__name__}")
    label = f"Layer {layer.name!r}"
    if not isinstance(layer.name, str) or not layer.name:
        raise ValueError(f"{label}: name must be a non-empty string")
    if not _finite(layer.thickness) or layer.thickness < 0:
        raise ValueError(f"{label}: thickness must be a finite number >= 0 m, got {layer.thickness!r}")
    if not _finite(layer.density) or layer.density <= 0:
        raise ValueError(f"{label}: density must be a finite number > 0 kg.m-3, got {layer.density!r}")
    if not _finite(layer.porosity) or not 0 <= layer.porosity < 1:
        raise ValueError(f"{label}: porosity must be in [0, 1), got {layer.porosity!r}")
    if layer.area is not None and (not _finite(layer.area) or layer.area <= 0):
        raise ValueError(f"{label}: area must be None (stack area) or a finite number > 0 m2, got {layer.area!r}")
    if layer.role not in roles:
        raise ValueError(f"{label}: role must be one of {roles}, got {layer.role!r}")


def validate_design(design: StackDesign) -> None:
    """Raise ``ValueError`` naming the field and its valid range if ``design`` is not usable.

    Checks every layer (:func:`validate_layer`), unit-cell roles, collector/packaging roles, unique
    layer names, ``area`` finite and > 0 m2 and ``layers_per_cell`` an integer >= 1.
    """
    if not isinstance(design, StackDesign):
        raise ValueError(f"expected a StackDesign, got {type(design).__name__}")
    if not _finite(design.area) or design.area <= 0:
        raise ValueError(f"StackDesign: area must be a finite number > 0 m2, got {design.area!r}")
    collector_counts(design.layers_per_cell)
    if isinstance(design.layers, (str, bytes)) or not hasattr(design.layers, "__len__") or not design.layers:
        raise ValueError("StackDesign: layers must be a non-empty sequence of Layer")
    for layer in design.layers:
        validate_layer(layer, UNIT_CELL_ROLES)
    for field, role in (("positive_collector", "collector"), ("negative_collector", "collector"),
                        ("packaging", "packaging")):
        layer = getattr(design, field)
        if layer is not None:
            try:
                validate_layer(layer, (role,))
            except ValueError as err:
                raise ValueError(f"StackDesign.{field}: {err}") from None
    names = [layer.name for layer in all_layers(design)]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValueError(f"StackDesign: layer names must be unique, repeated: {duplicates}")


def all_layers(design: StackDesign) -> list[Layer]:
    """Unit-cell layers, collectors and packaging of ``design`` (those that are set), once each."""
    extra = (design.positive_collector, design.negative_collector, design.packaging)
    return [*design.layers, *(layer for layer in extra if layer is not None)]


def design_to_dict(design: StackDesign) -> dict:
    """Plain-dict (JSON-ready) form of ``design``; inverse of :func:`design_from_dict`."""
    data = asdict(design)
    data["layers"] = list(data["layers"])
    return data


def design_from_dict(data: dict) -> StackDesign:
    """Rebuild a :class:`StackDesign` from :func:`design_to_dict` output (no validation here)."""

    def layer(d):
        return None if d is None else Layer(**d)

    values = dict(data)
    values["layers"] = tuple(layer(d) for d in values["layers"])
    for field in ("positive_collector", "negative_collector", "packaging"):
        values[field] = layer(values.get(field))
    return StackDesign(**values)
