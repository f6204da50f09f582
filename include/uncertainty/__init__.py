"""How far to trust a rank (issue 16): Monte Carlo rank intervals and Sobol sensitivity.

`compute(conn, schema, year)` reads a candidate's marts and the seeds, draws the uncertain
choices of `reference.uncertainty_assumptions` (`sample`), rescores every region under each
draw exactly as METHODOLOGY.md says, and writes `_rank_uncertainty` and `_rank_sensitivity` into
the candidate schema. README.md in this folder explains the model to a ministry reader.
"""
from include.uncertainty.assumptions import Assumption, AssumptionError
from include.uncertainty.draws import DEFAULT_SEED, Draws, sample
from include.uncertainty.inputs import UNIT, Inputs, InputsError, read_inputs
from include.uncertainty.run import compute

__all__ = ["Assumption", "AssumptionError", "DEFAULT_SEED", "Draws", "Inputs", "InputsError", "UNIT", "compute",
           "read_inputs", "sample"]
