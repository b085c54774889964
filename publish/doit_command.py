"""The `doit` command of the project's virtual environment: `make` installs this file as .venv/bin/doit,
in place of doit's own script, which it runs the same way after one check doit cannot make itself. An
empty argument (`doit new --slug a --title ""`, `doit review ""`) stops doit 0.37 with an IndexError in
its own argument parser, before it reads dodo.py, where the project could have said anything.

It imports nothing of the project's: .venv/bin/, where it runs from, is not where the project is found.
"""

import sys

BEFORE_ANY_TASK = 3  # doit's exit status for an error before any task runs


def empty_argument(arguments):
    """The line that says which argument is empty and what to do, or None when none is."""
    if "" not in arguments:
        return None
    number = arguments.index("")
    if number == 0:
        return "error: the first argument is empty: write a command or a task there, or leave it out"
    return f"error: the argument after '{arguments[number - 1]}' is empty: write its value there, or leave it out"


def main(arguments):
    problem = empty_argument(arguments)
    if problem:
        print(problem, file=sys.stderr)
        return BEFORE_ANY_TASK
    from doit.doit_cmd import DoitMain

    return DoitMain().run(arguments)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
