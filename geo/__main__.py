"""``python -m geo``: the command line (:mod:`geo.cli`)."""

try:
    from geo.cli import main
except (ImportError, MemoryError) as error:
    # Under a tight memory limit (ulimit -v) the map and GIS libraries cannot even be loaded:
    # say so in one line rather than with the traceback of a library's import.
    if isinstance(error, MemoryError) or "failed to map segment" in str(error):
        raise SystemExit(
            "python -m geo: not enough memory to start (loading its libraries failed); "
            "raise the memory limit (ulimit -v)"
        ) from None
    raise

raise SystemExit(main())
