"""Executes one notebook in a Jupyter kernel through nbclient (Debian's python3-nbclient) for JupyterRunner.

  python3 run_notebook.py INPUT OUTPUT REPORT --cwd FOLDER --kernel NAME --timeout SECONDS [--rerun] [--continue-on-error]

Runs the code cells in order in one kernel started with FOLDER as its current directory (as Jupyter and VS Code do
for a notebook in FOLDER), writes the executed notebook to OUTPUT and a JSON report to REPORT: one entry per code
cell with its index, execution count, seconds and error messages. --rerun executes each code cell twice in a row
(the outputs kept are the second run's; errors of both runs are reported). Stops after the first cell with an error
unless --continue-on-error. Exit code 0 when the kernel ran (cell errors are in the report), 2 when it could not.
"""
import argparse
import json
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError


def error_messages(outputs):
    """The cell's error outputs as one line each; a compilation error carries its diagnostics from stderr."""
    stderr = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream" and o.get("name") == "stderr")
    messages = []
    for output in outputs:
        if output.get("output_type") != "error":
            continue
        message = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
        if output.get("evalue") == "compilation error" and stderr.strip():
            message += ": " + " ".join(line.strip() for line in stderr.splitlines() if "error" in line)
        messages.append(message)
    return messages


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("report")
    parser.add_argument("--cwd", required=True)
    parser.add_argument("--kernel", required=True)
    parser.add_argument("--timeout", type=int, default=300)
    parser.add_argument("--rerun", action="store_true")
    parser.add_argument("--continue-on-error", action="store_true")
    args = parser.parse_args()

    notebook = nbformat.read(args.input, as_version=4)
    client = NotebookClient(notebook, kernel_name=args.kernel, timeout=args.timeout, startup_timeout=180,
                            allow_errors=True, record_timing=False, resources={"metadata": {"path": args.cwd}})
    report = []
    try:
        with client.setup_kernel():
            for index, cell in enumerate(notebook.cells):
                if cell.cell_type != "code" or not cell.source.strip():
                    continue
                entry = {"index": index, "errors": [], "seconds": 0.0}
                report.append(entry)
                for run in range(2 if args.rerun else 1):
                    started = time.monotonic()
                    try:
                        client.execute_cell(cell, index)
                    except CellTimeoutError:
                        cell.outputs.append(nbformat.v4.new_output("error", ename="TimeoutException", evalue=f"did not finish within {args.timeout} s", traceback=[]))
                    entry["seconds"] += time.monotonic() - started
                    prefix = "second run: " if run == 1 else ""
                    entry["errors"] += [prefix + m for m in error_messages(cell.outputs)]
                entry["execution_count"] = cell.get("execution_count")
                if entry["errors"] and not args.continue_on_error:
                    break
    except DeadKernelError as error:
        report.append({"index": -1, "errors": [f"the kernel died: {error}"], "seconds": 0.0, "execution_count": None})
    except RuntimeError as error:  # the kernel did not start
        print(f"the kernel '{args.kernel}' did not start: {error}", file=sys.stderr)
        return 2
    finally:
        nbformat.write(notebook, args.output)
        with open(args.report, "w", encoding="utf-8") as file:
            json.dump(report, file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
