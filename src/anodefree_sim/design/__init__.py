"""Cell design: the stack bill of materials (:mod:`.cell_design`) and its energy density
(:mod:`.energy_density`)."""
