"""`python -m sellerdesk.gui` starts the desktop app (same as the sellerdesk-gui script)."""

import sys

from sellerdesk.gui.main import main

sys.exit(main())
