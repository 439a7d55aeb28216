"""Quality benchmark of ``cleaner``: data loading, metrics, baselines and the CI gate.

This package owns measuring, not cleaning: ``data`` reads the benchmark data sets from
outside the repo, ``metrics`` re-implements the upstream scoring exactly, ``baselines``
holds the reference systems, and ``quality`` runs everything and gates on the pinned floors
in ``floors.json`` (``python -m benchmarks.quality --help``). Nothing here is imported by
``cleaner`` itself, and no benchmark data is stored in the repo.
"""
