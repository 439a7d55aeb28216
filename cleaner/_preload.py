"""Imported once by the forkserver that starts ``cleaner``'s worker processes, never by
anything else (see ``batch._context``). It loads what a long-running cleaning process ends up
holding: the packaged text and title models, word lists, every furniture pattern compiled,
ftfy. Every worker then forks with them in memory (shared copy-on-write) and starts at full
speed, instead of importing, loading and compiling them itself. A failure here is swallowed:
each worker's own warm-up then loads what it needs, as it would without a preload."""

try:
    import ftfy  # noqa: F401 - imported on the first page with mojibake otherwise

    from .classify import load_title_model
    from .lexicon import compile_patterns
    from .pipeline import clean

    clean("Warm-up text for the worker processes. It loads the model once.")
    load_title_model()  # the warm-up text has no headline to rank
    compile_patterns()
except Exception:  # noqa: BLE001, S110 - the workers warm up on their own
    pass
