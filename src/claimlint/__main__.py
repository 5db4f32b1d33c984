from claimlint.cli import main

raise SystemExit(main())
