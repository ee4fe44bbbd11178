"""The bundle's entry point: the same ``main`` as ``python -m desktop`` and the ``zhanchi`` script."""

import sys

from desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
