"""Studies built on many runs of a case: parameter sweeps, pressure maps, CCD, cycle fast-forward."""
