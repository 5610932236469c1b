from pierglass_desktop.cli import main

raise SystemExit(main())
