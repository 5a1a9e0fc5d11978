"""`python -m sellerdesk` runs the command-line interface."""

from sellerdesk.cli import main

raise SystemExit(main())
