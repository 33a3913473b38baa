"""The engine: characterise events, judge every clause, collect findings with reasons."""
