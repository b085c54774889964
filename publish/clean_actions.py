"""Clean actions that `doit clean` names by what they do: doit prints each clean action it runs as
"<task> - executing '<action>'", and a Python action as its function ('Python: function run_step')."""

from doit.action import PythonAction


class SaidCleanAction(PythonAction):
    def __init__(self, does, function, arguments):
        super().__init__(function, list(arguments))
        self.does = does

    def __str__(self):
        return self.does


def said(does, function, *arguments):
    """A clean action calling `function(*arguments)`, which doit prints as `does` ('remove build/dist/')."""
    return SaidCleanAction(does, function, arguments)
