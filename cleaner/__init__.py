"""cleaner: raw text of a scraped web page in, clean article text out, nothing lost."""

from .batch import Failure, clean_many
from .config import Config
from .document import Block, Caption, Document, Kind, Label
from .errors import InputError
from .pipeline import clean

__version__ = "0.1.0"

__all__ = [
    "Block",
    "Caption",
    "Config",
    "Document",
    "Failure",
    "InputError",
    "Kind",
    "Label",
    "__version__",
    "clean",
    "clean_many",
]
