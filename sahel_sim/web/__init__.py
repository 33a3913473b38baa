"""``sahel-sim serve``: a JSON API and a page for people without Python (the ``web`` extra).

:mod:`~sahel_sim.web.app` builds the FastAPI application;
:mod:`~sahel_sim.web.documents` builds each answer exactly as the command
line does; :mod:`~sahel_sim.web.sources` reads shipped and posted scenarios;
:mod:`~sahel_sim.web.guards` bounds what one request may cost.  The page
(``static/``) is plain HTML, CSS and JavaScript of the project's own, and
loads nothing from anywhere but the server.
"""
