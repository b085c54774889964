"""The `doit` command of the project's virtual environment: `make` installs this file as .venv/bin/doit,
in place of doit's own script, which it runs the same way after one check doit cannot make itself. An
empty argument (`doit new --slug a --title ""`, `doit review ""`) stops doit 0.37 with an IndexError in
its own argument parser, before it reads dodo.py, where the project could have said anything.

An option a command or task does not take gets doit's own message, which lists its option objects as
Python writes them; it is said plainly instead (option_error).

It imports nothing of the project's: .venv/bin/, where it runs from, is not where the project is found.
"""

import re
import sys

BEFORE_ANY_TASK = 3  # doit's exit status for an error before any task runs
UNKNOWN_OPTION = re.compile(r"ERROR: Error parsing (Command|Task): option (\S+) not recognized "
                            r"\(parsing options: \[(.*)\]\)\. Got: ", re.DOTALL)
LISTED_OPTION = re.compile(r"'short':'(\w*)','long':'([\w-]*)'")


def empty_argument(arguments):
    """The line that says which argument is empty and what to do, or None when none is."""
    if "" not in arguments:
        return None
    number = arguments.index("")
    if number == 0:
        return "error: the first argument is empty: write a command or a task there, or leave it out"
    return f"error: the argument after '{arguments[number - 1]}' is empty: write its value there, or leave it out"


def option_error(message, arguments):
    """doit's message for an option a command or task does not take, as one plain line; None for another."""
    match = UNKNOWN_OPTION.match(message)
    if not match:
        return None
    kind, option, listed = match.groups()
    names = sorted(f"--{long}" if long else f"-{short}"
                   for short, long in LISTED_OPTION.findall(listed) if long or short)
    before = arguments[:arguments.index(option)] if option in arguments else arguments
    named = [argument for argument in before if not argument.startswith("-")]
    offered = f"its options are {', '.join(names)}" if names else "it takes none"
    if kind == "Task" and named:
        return f"error: 'doit {named[-1]}' has no option {option}: {offered} (doit help {named[-1]})"
    return f"error: doit has no option {option}: {offered} (doit help)"


class PlainErrors:
    """sys.stderr, with doit's message for an unknown option said plainly (option_error)."""

    def __init__(self, stream, arguments):
        self.stream, self.arguments = stream, arguments

    def write(self, text):
        return self.stream.write(f"{plain}\n" if (plain := option_error(text, self.arguments)) else text)

    def __getattr__(self, name):
        return getattr(self.stream, name)


def main(arguments):
    problem = empty_argument(arguments)
    if problem:
        print(problem, file=sys.stderr)
        return BEFORE_ANY_TASK
    from doit.doit_cmd import DoitMain

    sys.stderr = PlainErrors(sys.stderr, arguments)
    return DoitMain().run(arguments)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
