"""``python -m spacecoop`` runs the same ``main()`` as the ``spacecoop`` console script."""

import sys

from spacecoop.cli import main

sys.exit(main())
