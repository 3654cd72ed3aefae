"""Validation against measured data.

:mod:`anodefree_sim.validation.readers` reads measured cycling data (generic CSV/TSV, BioLogic EC-Lab
``.mpt``/``.txt``/``.mpr``, Neware ``.nda``/``.ndax``, Arbin ``.res``, Battery Data Format ``.bdf.csv``/
``.bdf.parquet``, and text exports of Landt, Arbin, BaSyTec, Digatron, Novonix and Maccor) into ``(table,
metadata)`` with the table keyed by PyBaMM names (``"Time [s]"``, ``"Voltage [V]"``, ``"Current [A]"``,
...); one module per format, the column and unit logic shared. The readers are re-exported here
(``validation.io`` is kept as the historical entry point); other submodules are imported on their own
(``from anodefree_sim.validation import compare``) so that importing this package stays cheap.
"""

from anodefree_sim.validation.readers import (
    MeasurementFileError,
    from_biologic_records,
    from_neware_frame,
    read_arbin_res,
    read_bdf,
    read_biologic_mpr,
    read_biologic_text,
    read_csv,
    read_export,
    read_measurement,
    read_neware,
    write_bdf,
)

__all__ = [
    "MeasurementFileError",
    "from_biologic_records",
    "from_neware_frame",
    "read_arbin_res",
    "read_bdf",
    "read_biologic_mpr",
    "read_biologic_text",
    "read_csv",
    "read_export",
    "read_measurement",
    "read_neware",
    "write_bdf",
]
