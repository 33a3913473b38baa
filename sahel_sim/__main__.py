"""``python -m sahel_sim``: the same command line as ``sahel-sim``."""

from sahel_sim.cli import program

if __name__ == "__main__":
    raise SystemExit(program())
