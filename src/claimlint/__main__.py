from claimlint.launcher import main

raise SystemExit(main())
