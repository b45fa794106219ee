import sys

from procmodel.cli import main

sys.exit(main())
