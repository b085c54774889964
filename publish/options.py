"""Options written after a task's positional arguments: doit reads a task's options only before
them, and hands on what follows as more positional arguments, so `doit review reviewed.docx --apply`,
`doit adopt paper.md --slug my-paper` and `doit check my-brief --strict` read them here."""


def options_after(arguments, flags=(), valued=()):
    """(the positional arguments, {option: value} of those written among them): a flag (`--apply`) is
    True when given; a valued option (`--slug`) takes the next argument, or what follows its '='."""
    positional, given, rest = [], {}, list(arguments)
    while rest:
        argument = rest.pop(0)
        name, equals, value = argument.partition("=")
        if argument in flags:
            given[argument] = True
        elif name in valued and equals:
            given[name] = value
        elif argument in valued and rest:
            given[argument] = rest.pop(0)
        else:
            positional.append(argument)
    return positional, given
