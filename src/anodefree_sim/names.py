"""Every variable and parameter name that anodefree_sim adds to PyBaMM, defined once.

Names follow PyBaMM's grammar: ``"<Domain> <quantity> [units]"`` with units written with dots
and signed exponents; dimensionless quantities carry no brackets. Electrode-specific names are
built by :func:`electrode` from the electrode key (``"negative"`` for the anode-free / working
electrode, ``"counter"`` for the other electrode of a half or symmetric cell).
"""

from __future__ import annotations

ELECTRODES = ("negative", "counter")

#: Li-Ag phases in order of increasing Li content (Huang 2024; Pelton 1986).
PHASES = ("alpha", "beta", "gamma3", "gamma2", "gamma1", "delta")


def electrode(key: str) -> str:
    """Capitalised prefix for an electrode key (``"negative"`` -> ``"Negative"``)."""
    if key not in ELECTRODES:
        raise ValueError(f"unknown electrode '{key}'; expected one of {ELECTRODES}")
    return key.capitalize()


# ---------------------------------------------------------------- cell-level variables
TIME_S = "Time [s]"
TIME_H = "Time [h]"
VOLTAGE = "Voltage [V]"
BATTERY_VOLTAGE = "Battery voltage [V]"
CURRENT = "Current [A]"
CURRENT_DENSITY = "Current density [A.m-2]"
CURRENT_DENSITY_MA = "Current density [mA.cm-2]"
CAPACITY_AREAL = "Capacity [mA.h.cm-2]"
DISCHARGE_CAPACITY = "Discharge capacity [A.h]"
SE_OVERPOTENTIAL = "Solid electrolyte ohmic overpotential [V]"
SE_RESISTANCE = "Solid electrolyte area-specific resistance [Ohm.m2]"
TOTAL_LITHIUM = "Total lithium [mol.m-2]"


def se_layer_resistance(k: int) -> str:
    return f"Solid electrolyte layer {k} area-specific resistance [Ohm.m2]"


# ---------------------------------------------------------------- electrode variables
def surface_potential(e: str) -> str:
    return f"{electrode(e)} electrode surface potential difference [V]"


def reaction_current(e: str, reaction: str) -> str:
    """Cathodic-positive current density of one reaction on an electrode."""
    return f"{electrode(e)} {reaction} current density [A.m-2]"


EXSOLUTION = "silver exsolution"
ALLOY = "lithium-silver alloy"
PLATING = "lithium plating"
DOUBLE_LAYER = "double-layer"
REACTIONS = (EXSOLUTION, ALLOY, PLATING)


def closure_residual(e: str) -> str:
    """Kinetic minus assigned current of the closing reaction (algebraic closure) [A.m-2]."""
    return f"{electrode(e)} current closure residual [A.m-2]"


def double_layer_charge(e: str) -> str:
    """Charge stored in the interfacial double layer (Li+ excess) [C.m-2]."""
    return f"{electrode(e)} double-layer charge [C.m-2]"


def film_resistance(e: str) -> str:
    """Area-specific resistance of the electrode | solid-electrolyte interphase (SEI) film."""
    return f"{electrode(e)} interface film resistance [Ohm.m2]"


def film_throughput(e: str) -> str:
    """Charge passed through the interface since the start, both directions counted [C.m-2]."""
    return f"{electrode(e)} interface charge throughput [C.m-2]"


def film_lithium(e: str) -> str:
    """Li metal consumed into the interphase (SEI) film: a Li inventory sink [mol.m-2]."""
    return f"{electrode(e)} interface film lithium [mol.m-2]"


def film_lithium_rate(e: str, source: str) -> str:
    """Rate at which the film takes Li from ``source`` (``"plated"`` or ``"alloy"``) [mol.m-2.s-1]."""
    if source not in ("plated", "alloy"):
        raise ValueError(f"film lithium source must be 'plated' or 'alloy', not '{source}'")
    return f"{electrode(e)} interface film lithium consumption from {source} lithium [mol.m-2.s-1]"


def interface_overpotential(e: str) -> str:
    return f"{electrode(e)} interface film overpotential [V]"


def electrode_lithium(e: str) -> str:
    """Li held by an electrode (lattice Li from exsolution + alloy + plated + dead + interphase film)."""
    return f"{electrode(e)} electrode lithium [mol.m-2]"


# exsolution (negative electrode only)
EXSOLVED_SILVER = "Negative exsolved silver [mol.m-2]"
EXSOLVED_FRACTION = "Negative exsolved silver fraction"
LATTICE_SILVER_INITIAL = "Negative initial lattice silver [mol.m-2]"
#: Ag still in the argyrodite lattice (the state of the lumped exsolution: it empties to 0, never below)
LATTICE_SILVER = "Negative lattice silver [mol.m-2]"
FRONT_POSITION = "Negative exsolution front position [m]"
LAYER_ELECTRONIC_CONDUCTIVITY = "Negative doped layer electronic conductivity [S.m-1]"
LAYER_IONIC_CONDUCTIVITY = "Negative doped layer ionic conductivity [S.m-1]"
LOCAL_EXSOLVED_FRACTION = "Negative local exsolved silver fraction"
DOPED_LAYER_OVERPOTENTIAL = "Negative doped layer ohmic overpotential [V]"
LOCAL_EXSOLVED_CONCENTRATION = "Negative local exsolved silver concentration [mol.m-3]"
LOCAL_LATTICE_CONCENTRATION = "Negative local lattice silver concentration [mol.m-3]"
LOCAL_EXSOLUTION_RATE = "Negative local silver exsolution current density [A.m-3]"
LOCAL_ELECTRONIC_CONDUCTIVITY = "Negative local doped layer electronic conductivity [S.m-1]"


# alloy
def silver(e: str) -> str:
    return f"{electrode(e)} metallic silver [mol.m-2]"


def alloy_lithium(e: str) -> str:
    return f"{electrode(e)} alloy lithium [mol.m-2]"


def alloy_ratio(e: str) -> str:
    return f"{electrode(e)} alloy lithium-to-silver ratio"


def alloy_ocp(e: str) -> str:
    return f"{electrode(e)} alloy open-circuit potential [V]"


def alloy_thickness(e: str) -> str:
    return f"{electrode(e)} alloy thickness [m]"


def alloy_hysteresis_state(e: str) -> str:
    return f"{electrode(e)} alloy hysteresis state"


def phase_fraction(e: str, phase: str) -> str:
    return f"{electrode(e)} alloy {phase} phase fraction"


# plating
def plated_lithium(e: str) -> str:
    return f"{electrode(e)} plated lithium [mol.m-2]"


def plated_thickness(e: str) -> str:
    return f"{electrode(e)} plated lithium thickness [m]"


def dead_lithium(e: str) -> str:
    return f"{electrode(e)} dead lithium [mol.m-2]"


def dead_lithium_rate(e: str) -> str:
    return f"{electrode(e)} dead lithium formation rate [mol.m-2.s-1]"


def nucleation_coverage(e: str) -> str:
    return f"{electrode(e)} nucleation coverage"


def extended_nucleation_coverage(e: str) -> str:
    return f"{electrode(e)} extended nucleation coverage"


def nucleation_overpotential(e: str) -> str:
    return f"{electrode(e)} nucleation overpotential [V]"


# stack pressure (per electrode)
def void_thickness(e: str) -> str:
    return f"{electrode(e)} void thickness [m]"


def contact_fraction(e: str) -> str:
    return f"{electrode(e)} contact fraction"


def contact_overpotential(e: str) -> str:
    return f"{electrode(e)} contact overpotential [V]"


def creep_velocity(e: str) -> str:
    return f"{electrode(e)} creep resupply velocity [m.s-1]"


def stripping_velocity(e: str) -> str:
    return f"{electrode(e)} stripping velocity [m.s-1]"


def refill_velocity(e: str) -> str:
    return f"{electrode(e)} void refill velocity [m.s-1]"


def local_current_density(e: str) -> str:
    return f"{electrode(e)} local plating current density [A.m-2]"


def short_circuit_margin(e: str) -> str:
    return f"{electrode(e)} short-circuit margin"



# ---------------------------------------------------------------- events and outcomes
# A run's outcome is decided from the name of the event that ended it (never from solver messages).
#: PyBaMM's own names of the voltage-window events (its lithium-ion models use the same strings)
EVENT_MINIMUM_VOLTAGE = "Minimum voltage [V]"
EVENT_MAXIMUM_VOLTAGE = "Maximum voltage [V]"


def event_short_circuit(e: str) -> str:
    """Event: a Li filament / dendrite shorts the cell at this electrode."""
    return f"{electrode(e)} short circuit"


def event_exhausted(e: str) -> str:
    """Event: the electrode (or its Li reservoir) has no more Li to give up."""
    return f"{electrode(e)} lithium exhausted"


def event_blocking(e: str) -> str:
    """Event: no reaction can carry the current at this electrode (blocking electrode)."""
    return f"{electrode(e)} blocking electrode"


#: outcomes of a run or of a step (JSON summaries, CCD, pressure maps)
OUTCOME_COMPLETED = "completed"
OUTCOME_SHORT_CIRCUIT = "short circuit"
OUTCOME_VOLTAGE_LIMIT = "voltage limit"
OUTCOME_EXHAUSTED = "electrode exhausted"
OUTCOME_BLOCKING = "blocking electrode"
OUTCOME_INFEASIBLE = "infeasible step"
OUTCOME_SOLVER_FAILURE = "solver failure"

# ---------------------------------------------------------------- parameters
P_AREA = "Electrode area [m2]"
P_TEMPERATURE = "Ambient temperature [K]"
P_INITIAL_TEMPERATURE = "Initial temperature [K]"
#: input that "Ambient temperature [K]" (and the initial temperature) point to when temperature is an
#: [input]: PyBaMM refuses its own temperature names as inputs in experiment-driven runs
INPUT_TEMPERATURE = "Cell temperature [K]"
P_CURRENT = "Current function [A]"
P_LI_MOLAR_VOLUME = "Lithium metal partial molar volume [m3.mol-1]"
#: plated Li thickness below which stripping strands islands of Li (dead Li), see submodels/plating.py
P_DEAD_ISLAND_THICKNESS = "Dead lithium island thickness [m]"
P_ETA_MAX = "Kinetic overpotential saturation [V]"
#: voltage window of half and symmetric cells (PyBaMM's names; full cells take them from the cathode set)
P_LOWER_VOLTAGE_CUTOFF = "Lower voltage cut-off [V]"
P_UPPER_VOLTAGE_CUTOFF = "Upper voltage cut-off [V]"
#: how far the surface potential difference of an electrode may leave the span of its rest potential and
#: the equilibrium potentials of its reactions before the electrode is called blocking
P_BLOCKING_MARGIN = "Blocking electrode potential margin [V]"
P_RESERVOIR_EPS = "Reservoir availability amount [mol.m-2]"
P_TRANSFER_COEFFICIENT = "Negative side charge-transfer coefficient"


def p_se_thickness(k: int) -> str:
    return f"Solid electrolyte layer {k} thickness [m]"


def p_se_conductivity(k: int) -> str:
    return f"Solid electrolyte layer {k} ionic conductivity [S.m-1]"


# doped layer and exsolution
P_DOPED_THICKNESS = "Doped layer thickness [m]"
P_DOPED_DENSITY = "Doped layer density [kg.m-3]"
P_SILVER_CONTENT = "Doped layer silver content"
P_DOPED_IONIC = "Doped layer ionic conductivity [S.m-1]"
P_DOPED_IONIC_EXSOLVED = "Exsolved doped layer ionic conductivity [S.m-1]"
P_DOPED_ELECTRONIC = "Doped layer electronic conductivity [S.m-1]"
P_DOPED_ELECTRONIC_EXSOLVED = "Exsolved doped layer electronic conductivity [S.m-1]"
P_EXSOLUTION_OCP = "Silver exsolution open-circuit potential [V]"
P_EXSOLUTION_J0 = "Silver exsolution exchange-current density [A.m-2]"
P_PERCOLATION_THRESHOLD = "Silver exsolution percolation threshold"
P_PERCOLATION_WIDTH = "Silver exsolution percolation width"
P_ELECTRON_REACH = "Silver exsolution electron reach [m]"

# alloy (material functions shared by both electrodes)
P_ALLOY_OCP_LITH = "Lithium-silver alloy lithiation open-circuit potential [V]"
P_ALLOY_OCP_DELITH = "Lithium-silver alloy delithiation open-circuit potential [V]"
P_ALLOY_MOLAR_VOLUME = "Lithium-silver alloy molar volume per silver [m3.mol-1]"
P_ALLOY_MAX_RATIO = "Lithium-silver alloy maximum lithium-to-silver ratio"
P_ALLOY_HYSTERESIS_RATE = "Lithium-silver alloy hysteresis rate"


def p_phase_fraction(phase: str) -> str:
    return f"Lithium-silver alloy {phase} phase fraction"


def p_alloy_j0(e: str) -> str:
    return f"{electrode(e)} lithium-silver alloy exchange-current density [A.m-2]"


def p_initial_silver(e: str) -> str:
    return f"{electrode(e)} initial silver foil [mol.m-2]"


def p_initial_alloy_ratio(e: str) -> str:
    return f"{electrode(e)} initial alloy lithium-to-silver ratio"


# plating
def p_plating_j0(e: str) -> str:
    return f"{electrode(e)} lithium plating exchange-current density [A.m-2]"


def p_initial_plated(e: str) -> str:
    return f"{electrode(e)} initial plated lithium [mol.m-2]"


def p_substrate_nucleation(e: str) -> str:
    return f"{electrode(e)} substrate nucleation overpotential [V]"


def p_dead_fraction_bare(e: str) -> str:
    return f"{electrode(e)} dead lithium fraction on bare substrate"


P_DEAD_FRACTION_SILVER = "Dead lithium fraction on silver"
#: growth exponent beta of the roughness of the plated Li (submodels/plating.py): 0 = island law
P_DEAD_ROUGHNESS_EXPONENT = "Dead lithium roughness growth exponent"
P_NUCLEATION_CHARGE = "Lithium nucleation amount [mol.m-2]"
P_SILVER_COVERAGE = "Silver seed coverage amount [mol.m-2]"


# stack pressure
P_STACK_PRESSURE = "Stack pressure [Pa]"
P_REFERENCE_PRESSURE = "Reference stack pressure [Pa]"
P_CONTACT_RESISTANCE = "Interfacial contact resistance at reference pressure [Ohm.m2]"
P_CREEP_LENGTH_RATE = "Lithium creep resupply velocity at 1 MPa [m.s-1]"
P_CREEP_EXPONENT = "Lithium creep stress exponent"
P_CREEP_ACTIVATION = "Lithium creep activation energy [J.mol-1]"
P_PRESSURE_REFERENCE_TEMPERATURE = "Stack pressure reference temperature [K]"
P_RESUPPLY_DIFFUSION_PREFACTOR = "Lithium diffusion resupply velocity prefactor [m.s-1]"
P_LITHIUM_BARRIER = "Lithium migration barrier in lithium [eV]"
P_VOID_CONTACT_LENGTH = "Void thickness halving contact [m]"
P_VOID_MINIMUM = "Minimum void thickness [m]"
P_CRITICAL_LOCAL_CURRENT = "Critical local plating current density [A.m-2]"
P_PENETRATION_FACTOR = "Penetration pressure per shear modulus"


def p_substrate_uniformity(e: str) -> str:
    """Fraction of the area that takes the plating current on the bare substrate (1 = uniform)."""
    return f"{electrode(e)} substrate plating uniformity"


def p_alloy_migration_barrier(e: str) -> str:
    return f"{electrode(e)} lithium migration barrier in the alloy [eV]"


def p_shear_modulus(e: str) -> str:
    return f"{electrode(e)} metal shear modulus [Pa]"


# interface and closure
def p_film_resistance(e: str) -> str:
    return f"{electrode(e)} initial interface film resistance [Ohm.m2]"


def p_film_growth(e: str) -> str:
    """Growth of the interphase film resistance per charge through the interface [Ohm.m2 per C.m-2]."""
    return f"{electrode(e)} interface film growth coefficient [Ohm.m4.C-1]"


#: ionic conductivity of the Li | argyrodite interphase (converts film resistance to thickness)
P_FILM_CONDUCTIVITY = "Interface film ionic conductivity [S.m-1]"
#: Li metal consumed per volume of interphase formed (Li6PS5Cl + 8 Li -> 5 Li2S + Li3P + LiCl)
P_FILM_LITHIUM_CONCENTRATION = "Interface film lithium consumed per volume [mol.m-3]"


def p_double_layer(e: str) -> str:
    return f"{electrode(e)} double-layer capacity [F.m-2]"


def p_initial_potential(e: str) -> str:
    return f"{electrode(e)} initial surface potential difference [V]"


#: Dimensionless names (no unit bracket by design); used by the naming test.

# ---------------------------------------------------------------- output tables (not model variables)
# per-cycle summary (cycling.py, fast_forward.py, --cycles-out)
CYCLE_NUMBER = "Cycle number"
CYCLE_CHARGE_CAPACITY = "Charge capacity [mA.h.cm-2]"
CYCLE_DISCHARGE_CAPACITY = "Discharge capacity [mA.h.cm-2]"
COULOMBIC_EFFICIENCY = "Coulombic efficiency [%]"
CAPACITY_RETENTION = "Capacity retention [%]"
PLATED_AT_END_OF_CHARGE = "Plated lithium at end of charge [um]"
CYCLE_DEAD_LITHIUM = "Dead lithium [mA.h.cm-2]"
MEAN_CHARGE_VOLTAGE = "Mean charge voltage [V]"
MEAN_DISCHARGE_VOLTAGE = "Mean discharge voltage [V]"
LITHIUM_INVENTORY = "Lithium inventory [mA.h.cm-2]"
#: steps of the cycle skipped because their cut-off was passed at their start (outcome "infeasible step")
CYCLE_INFEASIBLE_STEPS = "Infeasible steps"
# energy density (energy_density.py, anodefree-sim energy-density --json)
VOLUMETRIC_ENERGY_DENSITY = "Volumetric energy density [W.h.L-1]"
GRAVIMETRIC_ENERGY_DENSITY = "Gravimetric energy density [W.h.kg-1]"
VOLUMETRIC_ENERGY_DENSITY_LIMIT = "Volumetric energy density limit [W.h.L-1]"
GRAVIMETRIC_ENERGY_DENSITY_LIMIT = "Gravimetric energy density limit [W.h.kg-1]"
AREAL_CAPACITY = "Areal capacity [mA.h.cm-2]"
AREAL_ENERGY = "Areal energy [W.h.m-2]"
ENERGY = "Energy [W.h]"
STACK_THICKNESS = "Stack thickness [m]"
STACK_MASS_AREAL = "Stack mass [kg.m-2]"
STACK_MASS = "Stack mass [kg]"
STACK_VOLUME = "Stack volume [m3]"
ALLOY_THICKNESS_CHANGE = "Negative alloy thickness change [m]"
NUMBER_OF_UNIT_CELLS = "Number of unit cells"
LAYER_BREAKDOWN = "Layer breakdown"
# stack pressure summaries (pressure.py, anodefree-sim run choi2025-ccd --json)
CRITICAL_CURRENT_DENSITY = "Critical current density [mA.cm-2]"
SHORT_CIRCUIT_TIME = "Short-circuit time [h]"
SHORT_CIRCUIT = "Short circuit"
#: where a short of the mixed-conducting layer starts (studies.ccd.mixed_conductor_ccd) and its two values
SHORT_CIRCUIT_PLACE = "Short-circuit place"
PLACE_COLLECTOR = "collector"
PLACE_SEPARATOR = "separator side"
CRITICAL_STRIPPING_CURRENT = "Critical stripping current density [mA.cm-2]"
# measured-data tables (validation/_columns.py) and model-vs-measurement comparison (validation/compare.py)
MEASURED_TEMPERATURE = "Surface temperature [K]"
STEP_INDEX = "Step index"
CYCLE_INDEX = "Cycle index"
ACTIVE_MASS = "Active material mass [kg]"
VOLTAGE_RMSE = "Voltage RMSE [V]"
MAX_VOLTAGE_ERROR = "Maximum voltage error [V]"
MEASURED_CAPACITY = "Measured capacity [A.h]"
SIMULATED_CAPACITY = "Simulated capacity [A.h]"
CAPACITY_ERROR = "Capacity error [%]"
MEASURED_PLATEAUS = "Measured plateau voltages [V]"
SIMULATED_PLATEAUS = "Simulated plateau voltages [V]"
MEASURED_PEAKS = "Measured differential-capacity peak voltages [V]"
SIMULATED_PEAKS = "Simulated differential-capacity peak voltages [V]"
COMPARED_POINTS = "Compared points"
MEASURED_VOLTAGE_WINDOW = "Measured voltage window [V]"
SIMULATED_VOLTAGE_RANGE = "Simulated voltage range [V]"
VOLTAGE_WINDOW_MARGIN = "Voltage window margin [V]"


# ---------------------------------------------------------------- run summaries, sweep metrics, tables
SPECIFIC_CAPACITY = "Specific capacity [mA.h.g-1]"
FIRST_DISCHARGE_CAPACITY = "First discharge capacity [mA.h.cm-2]"
LAST_DISCHARGE_CAPACITY = "Last discharge capacity [mA.h.cm-2]"
MEAN_COULOMBIC_EFFICIENCY = "Mean coulombic efficiency [%]"
FINAL_RETENTION = "Final capacity retention [%]"
CAPACITY_AT_1P2_V = "Capacity at 1.2 V [mA.h.cm-2]"
PLATEAU_VOLTAGE = "Plateau voltage [V]"
FINAL_VOLTAGE = "Final voltage [V]"
SOLVE_TIME = "Solve time [s]"
#: stack bill-of-materials table columns (design/energy_density.py)
LAYER_THICKNESS = "Thickness [m]"
LAYER_MASS = "Mass [kg.m-2]"
#: Li held by the cathode of a full cell (submodels/planar_negative.py)
POSITIVE_LITHIUM = "Positive electrode lithium [mol.m-2]"
#: Li the cathode of a full cell has given up and not taken back (initial minus present cathode Li): after a
#: first cycle, the cathode's first-cycle irreversible capacity (submodels/planar_negative.py)
POSITIVE_LITHIUM_DEFICIT = "Positive electrode lithium deficit [mol.m-2]"
#: NCM811 lithiation limit (parameter_sets/_ncm811.py): Li diffusivity falls by this ratio near full lithiation
P_POSITIVE_DIFFUSIVITY_RATIO = "Positive particle diffusivity ratio at full lithiation"
P_POSITIVE_DIFFUSIVITY_DROP = "Positive particle diffusivity drop stoichiometry"
P_POSITIVE_DIFFUSIVITY_DROP_WIDTH = "Positive particle diffusivity drop width"
MEASURED_CURRENT = "Measured current [A]"
#: active mass recorded in a BioLogic file header
CHARACTERISTIC_MASS = "Characteristic mass [kg]"

DIMENSIONLESS = (
    STEP_INDEX,
    CYCLE_INDEX,
    COMPARED_POINTS,
    CYCLE_NUMBER,
    CYCLE_INFEASIBLE_STEPS,
    NUMBER_OF_UNIT_CELLS,
    LAYER_BREAKDOWN,
    SHORT_CIRCUIT,
    P_CREEP_EXPONENT,
    P_PENETRATION_FACTOR,
    EXSOLVED_FRACTION,
    LOCAL_EXSOLVED_FRACTION,
    P_SILVER_CONTENT,
    P_PERCOLATION_THRESHOLD,
    P_PERCOLATION_WIDTH,
    P_ALLOY_MAX_RATIO,
    P_ALLOY_HYSTERESIS_RATE,
    P_DEAD_FRACTION_SILVER,
    P_DEAD_ROUGHNESS_EXPONENT,
    P_TRANSFER_COEFFICIENT,
    P_POSITIVE_DIFFUSIVITY_RATIO,
    P_POSITIVE_DIFFUSIVITY_DROP,
    P_POSITIVE_DIFFUSIVITY_DROP_WIDTH,
)

#: Name functions whose names are dimensionless (no unit bracket by design).
DIMENSIONLESS_FUNCTIONS = (
    event_short_circuit,
    event_exhausted,
    event_blocking,
    p_substrate_uniformity,
    contact_fraction,
    short_circuit_margin,
    alloy_ratio,
    alloy_hysteresis_state,
    phase_fraction,
    nucleation_coverage,
    extended_nucleation_coverage,
    p_phase_fraction,
    p_initial_alloy_ratio,
    p_dead_fraction_bare,
)


# -------------------------------------------------- contact mechanics ("stack pressure": "mechanics")
# (submodels/contact_mechanics.py, parameter_sets/li_mechanics.py, stripping.py)
P_LI_YIELD_STRENGTH = "Lithium bulk yield strength [Pa]"
P_LI_CREEP_REFERENCE_RATE = "Lithium creep strain rate at bulk yield strength [s-1]"
P_LI_STRENGTH_REFERENCE = "Lithium strength at reference size [Pa]"
P_LI_STRENGTH_SIZE = "Lithium strength reference size [m]"
P_LI_STRENGTH_SIZE_EXPONENT = "Lithium strength size exponent"
P_TABOR_FACTOR = "Hardness per yield strength"
P_ASSEMBLY_PRESSURE = "Assembly pressure [Pa]"
P_ROUGHNESS_LENGTH = "Interface void length for contact loss [m]"
P_LI_SELF_DIFFUSIVITY = "Lithium self-diffusivity at reference temperature [m2.s-1]"
P_LI_SELF_DIFFUSION_ACTIVATION = "Lithium self-diffusion activation energy [J.mol-1]"
P_ALLOY_SELF_DIFFUSIVITY = "Lithium-silver alloy lithium self-diffusivity at reference temperature [m2.s-1]"
P_VACANCY_SINK_DISTANCE = "Vacancy diffusion distance to sinks [m]"
P_FULL_CONTACT_RESISTANCE = "Interfacial resistance at full contact [Ohm.m2]"
P_FLAW_SIZE = "Solid electrolyte surface flaw size [m]"
P_FRACTURE_TOUGHNESS = "Solid electrolyte fracture toughness [Pa.m0.5]"
P_CONTACT_LOSS_OVERPOTENTIAL = "Contact overpotential at contact loss [V]"
P_VOID_PLATING_REFILL = "Plated lithium void refill share"
P_CONTACT_SPOT_SIZE = "Lithium contact spot size [m]"
#: share of the voided interface the exsolved Ag network of a doped layer bridges (contact_mechanics.py)
P_SILVER_BRIDGING_SHARE = "Silver network void-bridging share"


def event_contact_lost(e: str) -> str:
    """Event: the Li electrode has lost contact with the electrolyte (contact overpotential past its bound)."""
    return f"{electrode(e)} contact lost"


#: outcome of a run ended by :func:`event_contact_lost`
OUTCOME_CONTACT_LOST = "contact lost"


def pressure_contact_fraction(e: str) -> str:
    """Contact fraction of the void-free interface set by the pressure (plastic asperity contact)."""
    return f"{electrode(e)} pressure contact fraction"


def plating_refill_velocity(e: str) -> str:
    """Rate at which Li plated at the void-free contact refills the voids left by stripping."""
    return f"{electrode(e)} void plating refill velocity [m.s-1]"


def contact_creep_velocity(e: str) -> str:
    """Rate at which the contact spots, creeping under the stack pressure concentrated on them, close voids."""
    return f"{electrode(e)} contact spot creep velocity [m.s-1]"


def spread_contact_fraction(e: str) -> str:
    """Contact fraction over which plating current reaches the electrolyte (voids bridged by a Ag network)."""
    return f"{electrode(e)} plating contact fraction"


def vacancy_resupply_velocity(e: str) -> str:
    return f"{electrode(e)} vacancy diffusion resupply velocity [m.s-1]"


def critical_local_current(e: str) -> str:
    return f"{electrode(e)} critical local plating current density [A.m-2]"


#: stripping staircase summaries (stripping.py)
STRIPPING_PROTOCOL = "Stripping protocol"
VOID_GROWTH_THRESHOLD = "Void growth threshold [m]"
STRIPPING_STEPS = "Stripping steps"

DIMENSIONLESS = (*DIMENSIONLESS, P_LI_STRENGTH_SIZE_EXPONENT, P_TABOR_FACTOR, STRIPPING_PROTOCOL,
                 STRIPPING_STEPS, P_VOID_PLATING_REFILL, P_SILVER_BRIDGING_SHARE)
DIMENSIONLESS_FUNCTIONS = (*DIMENSIONLESS_FUNCTIONS, pressure_contact_fraction, event_contact_lost,
                           spread_contact_fraction)


# ------------------------------------- mixed-conducting doped layer ("silver exsolution": "mixed conductor")
# (submodels/mixed_conductor.py, parameter_sets/li_ag_transport.py); issue 12
LITHIUM_AT_COLLECTOR = "Lithium plated at the collector [mA.h.cm-2]"
LITHIUM_INSIDE_LAYER = "Lithium plated inside the doped layer [mA.h.cm-2]"
LITHIUM_AT_SEPARATOR = "Lithium plated at the separator side [mA.h.cm-2]"
COLLECTOR_LITHIUM = "Negative lithium plated at the collector [mol.m-2]"
INSIDE_LITHIUM = "Negative lithium plated inside the doped layer [mol.m-2]"
SEPARATOR_LITHIUM = "Negative lithium plated at the separator side [mol.m-2]"
COLLECTOR_PLATING_CURRENT = "Negative collector lithium plating current density [A.m-2]"
INSIDE_PLATING_CURRENT = "Negative in-layer lithium plating current density [A.m-2]"
SEPARATOR_PLATING_CURRENT = "Negative separator-side lithium plating current density [A.m-2]"
SEPARATOR_LOCAL_CURRENT = "Negative separator-side local plating current density [A.m-2]"
COLLECTOR_LOCAL_CURRENT = "Negative collector local plating current density [A.m-2]"
LAYER_ELECTRONIC_POTENTIAL = "Negative doped layer electronic potential [V]"
LAYER_IONIC_POTENTIAL = "Negative doped layer ionic potential [V]"
LAYER_DEPTH = "Negative doped layer depth from the collector [m]"
LOCAL_OVERPOTENTIAL_BASE = "Negative doped layer local potential difference [V]"
LOCAL_ALLOY_LITHIUM = "Negative local alloy lithium concentration [mol.m-3]"
LOCAL_METAL_LITHIUM = "Negative local lithium metal concentration [mol.m-3]"
LOCAL_ALLOY_RATIO = "Negative local lithium-to-silver ratio"
LOCAL_NETWORK_FRACTION = "Negative local silver network volume fraction"
LOCAL_ALLOY_RATE = "Negative local lithium-silver alloy current density [A.m-3]"
LOCAL_PLATING_RATE = "Negative local lithium plating current density [A.m-3]"
LOCAL_REACTION_RATE = "Negative local total reaction current density [A.m-3]"
LOCAL_IONIC_CONDUCTIVITY = "Negative local doped layer ionic conductivity [S.m-1]"
LOCAL_ALLOY_CONDUCTIVITY = "Negative local alloy network lithium conductivity [S.m-1]"
P_LAYER_PORE_SIZE = "Doped layer pore size [m]"
P_ALLOY_NETWORK_DIFFUSIVITY = "Lithium-silver alloy network lithium diffusivity at reference temperature [m2.s-1]"

DIMENSIONLESS = (*DIMENSIONLESS, LOCAL_ALLOY_RATIO, LOCAL_NETWORK_FRACTION)
#: a text label of a CCD summary (studies.ccd.mixed_conductor_ccd), not a quantity
DIMENSIONLESS = (*DIMENSIONLESS, SHORT_CIRCUIT_PLACE)

# ------------------------------------- Ag in plated Li and dead Li by place, mixed-conducting layer (issue 12)
# (submodels/layer_silver.py, parameter_sets/li_ag_transport.py)
SILVER_IN_COLLECTOR_LITHIUM = "Negative silver dissolved in the lithium at the collector [mol.m-2]"
SILVER_IN_SEPARATOR_LITHIUM = "Negative silver dissolved in the lithium at the separator side [mol.m-2]"
NETWORK_SILVER = "Negative silver held in the doped layer [mol.m-2]"
COLLECTOR_SILVER_RATE = "Negative silver uptake rate of the lithium at the collector [mol.m-2.s-1]"
SEPARATOR_SILVER_RATE = "Negative silver uptake rate of the lithium at the separator side [mol.m-2.s-1]"
COLLECTOR_SILVER_RATIO = "Negative silver-to-lithium ratio of the lithium at the collector"
COLLECTOR_DEAD_LITHIUM = "Negative dead lithium at the collector [mol.m-2]"
INSIDE_DEAD_LITHIUM = "Negative dead lithium inside the doped layer [mol.m-2]"
SEPARATOR_DEAD_LITHIUM = "Negative dead lithium at the separator side [mol.m-2]"
COLLECTOR_DEAD_RATE = "Negative collector dead lithium formation rate [mol.m-2.s-1]"
SEPARATOR_DEAD_RATE = "Negative separator-side dead lithium formation rate [mol.m-2.s-1]"
LOCAL_DEAD_RATE = "Negative local dead lithium formation rate [mol.m-3.s-1]"
DEAD_AT_COLLECTOR = "Dead lithium at the collector [mA.h.cm-2]"
DEAD_INSIDE_LAYER = "Dead lithium inside the doped layer [mA.h.cm-2]"
DEAD_AT_SEPARATOR = "Dead lithium at the separator side [mA.h.cm-2]"
P_SILVER_LITHIUM_DIFFUSIVITY = "Silver diffusivity in lithium metal [m2.s-1]"
P_SILVER_LITHIUM_SOLUBILITY = "Silver solubility in lithium metal (Ag per Li)"

DIMENSIONLESS = (*DIMENSIONLESS, COLLECTOR_SILVER_RATIO, P_SILVER_LITHIUM_SOLUBILITY)
SILVER_IN_DEAD_LITHIUM = "Negative silver kept in the dead lithium [mol.m-2]"
DEAD_SILVER_RATE = "Negative silver stranded with dead lithium rate [mol.m-2.s-1]"
NETWORK_SILVER_FRACTION = "Negative fraction of the exsolved silver held in the doped layer"
LOCAL_NETWORK_SILVER = "Negative local silver held in the doped layer [mol.m-3]"
COLLECTOR_SILVER_COVERAGE = "Negative silver coverage of the collector lithium stripping face"
SEPARATOR_SILVER_COVERAGE = "Negative silver coverage of the separator-side lithium stripping face"
COLLECTOR_ALLOY_LITHIUM_RATE = "Negative alloy lithium carried into the collector lithium rate [mol.m-2.s-1]"
SEPARATOR_ALLOY_LITHIUM_RATE = "Negative alloy lithium carried into the separator-side lithium rate [mol.m-2.s-1]"
ALLOY_DISSOLUTION_FRACTION_RATE = "Negative fractional rate of alloy dissolution into the plated lithium [s-1]"

DIMENSIONLESS = (*DIMENSIONLESS, NETWORK_SILVER_FRACTION, COLLECTOR_SILVER_COVERAGE, SEPARATOR_SILVER_COVERAGE)

# ------------------------------------- plating-location map (studies/plating_location.py): table columns
CHARGE_PASSED = "Charge passed [mA.h.cm-2]"
SILVER_CHARGE = "Charge into Ag exsolution and Li-Ag alloy [mA.h.cm-2]"
LITHIUM_PLATED = "Lithium plated [mA.h.cm-2]"
