from collections.abc import Callable
from re import Pattern
from typing import Any

def walk(
    root: Any,
    Block: type[Any],
    Link: type[Any],
    hidden: Pattern[str],
    bold_style: Pattern[str],
    max_elements: int,
) -> list[Any]: ...
def large_styled(root: Any, large: Callable[[str], bool]) -> list[Any]: ...
