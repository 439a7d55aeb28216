"""Adapters to other tools' pipelines; each module needs its tool (an optional extra).

``cleaner.contrib.datatrove``: a datatrove pipeline step (``pip install 'cleaner[datatrove]'``).
"""
