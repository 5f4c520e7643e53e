"""ties_ratio2: the data of `ties` (identical data.csv), 1:2 without replacement, largest first:
every treated unit gets its first control before any gets its second."""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.dont_write_bytecode = True
import fixture_tools as ft  # noqa: E402

if __name__ == "__main__":
    ft.load_make("ties").make(HERE, 2)
