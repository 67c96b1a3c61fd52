"""The rewriting library: the analysis (facts, scopes, positions, paths), the rules (rules/), the command line
they declare arguments on (commandline/), the edit plan, the API catalogue and the types shared with the
application (contract, diagnostics). It never imports the application (`sm_migrate` outside this package)."""
