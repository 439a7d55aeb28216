"""The one exception cleaner raises on purpose: input that cannot be cleaned at all."""


class InputError(ValueError):
    """The input is unusable (binary data, undecodable, over the size limit).

    Everything else, however ugly, is cleaned and returned as a Document.
    """
