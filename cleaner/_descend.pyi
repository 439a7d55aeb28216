from typing import Any

def leaves(packed: Any, feature_bits: int, roots: Any, x: Any, n_cols: int, max_depth: int,
           out: Any) -> None: ...
