"""What `wst ui` runs: Dagster's local services (the webserver, the daemon and one code server)
on the project's code location, named `wst_analytics`, from the workspace file `wst ui` writes
in DAGSTER_HOME (`wst_analytics.cli.ui.write_workspace`).

This is what `dg dev` runs (`dagster._cli.dev.dev_command_impl` on a workspace file), without
needing `dg`'s project layout or package: `dagster dev` itself is superseded and warns so at
every start. It runs in DAGSTER_HOME, where `wst` keeps the instance's `dagster.yaml`: started
beside the project's own `dagster.yaml`, Dagster would warn that that file is not the one in use.
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> None:
    """`python -m pipelines.dev --workspace FILE [--host H] [--port P]`."""
    parser = argparse.ArgumentParser(prog="wst ui")
    parser.add_argument("--workspace", required=True)
    parser.add_argument("--host")
    parser.add_argument("--port")
    args = parser.parse_args(argv)
    from dagster._cli.dev import dev_command_impl
    from dagster_shared.cli import WorkspaceOpts

    dev_command_impl(code_server_log_level="warning", log_level="info", log_format="colored",
                     port=args.port, host=args.host, use_legacy_code_server_behavior=False,
                     shutdown_pipe=None, verbose=False, workspace_opts=WorkspaceOpts(workspace=(args.workspace,)))


if __name__ == "__main__":
    main(sys.argv[1:])
