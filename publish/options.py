"""Options written after a task's positional arguments: doit reads a task's options only before
them, and hands on what follows as more positional arguments, so `doit review reviewed.docx --apply`,
`doit adopt paper.md --slug my-paper` and `doit check my-brief --strict` read them here."""

from publish.errors import PublishError


def options_after(arguments, flags=(), valued=()):
    """(the positional arguments, {option: value} of those written among them): a flag (`--apply`) is
    True when given; a valued option (`--slug`; `valued` may say what each one's value is, {option: what})
    takes the next argument, or what follows its '='; one given no value says what is missing."""
    valued = valued if isinstance(valued, dict) else dict.fromkeys(valued, "a value")
    positional, given, rest = [], {}, list(arguments)
    while rest:
        argument = rest.pop(0)
        name, equals, value = argument.partition("=")
        if argument in flags:
            given[argument] = True
        elif name in valued and equals:
            given[name] = value or missing_value(name, valued[name])
        elif argument in valued:
            given[argument] = rest.pop(0) if rest and not rest[0].startswith("--") else missing_value(argument, valued[argument])
        else:
            positional.append(argument)
    return positional, given


def missing_value(option, what):
    raise PublishError(f"{what} is missing after {option}: write it there, or leave {option} out")
