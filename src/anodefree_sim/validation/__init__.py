"""Validation against measured data.

:mod:`anodefree_sim.validation.io` reads measured cycling data (generic CSV/TSV, BioLogic EC-Lab
``.mpt``/``.txt``/``.mpr``, Neware ``.nda``/``.ndax``) into ``(table, metadata)`` with the table
keyed by PyBaMM names (``"Time [s]"``, ``"Voltage [V]"``, ``"Current [A]"``, ...). The readers are
re-exported here; other submodules are imported on their own (``from anodefree_sim.validation import
compare``) so that importing this package stays cheap.
"""

from anodefree_sim.validation.io import (
    MeasurementFileError,
    from_biologic_records,
    from_neware_frame,
    read_biologic_mpr,
    read_biologic_text,
    read_csv,
    read_measurement,
    read_neware,
)

__all__ = [
    "MeasurementFileError",
    "from_biologic_records",
    "from_neware_frame",
    "read_biologic_mpr",
    "read_biologic_text",
    "read_csv",
    "read_measurement",
    "read_neware",
]
