"""Parameter sets of anodefree_sim (installed as ``anodefree_sim.parameter_sets``).

Registered with PyBaMM through the ``pybamm_parameter_sets`` entry point, so that
``pybamm.ParameterValues("Choi2025")`` and ``pybamm.ParameterValues("Huang2024")`` work after install.
"""

if __name__ != "anodefree_sim.parameter_sets":
    raise ImportError("Import 'anodefree_sim.parameter_sets', not the top-level folder.")
