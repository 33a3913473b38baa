"""Renderers for findings: Rich tables, Markdown, CSV, reason trees.

Reports only *render* what the engine concluded; they never re-evaluate a
clause.  Selecting what to show (the condensed "not obligated" view) is a
pure function over findings in :mod:`~sahel_sim.report.condense`, so it can
be tested without rendering anything.  Rich is imported only by
:mod:`~sahel_sim.report.tables`.
"""
