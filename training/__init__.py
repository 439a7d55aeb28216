"""Training-data tooling for ``cleaner``: block labels from gold data, silver bodies, oracle.

Not part of the installed package. ``labels`` turns the dev data sets into per-block classes,
``silver`` caches trafilatura bodies for pages without a gold body, ``oracle`` scores the labels.
"""
