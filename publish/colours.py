"""Colour arithmetic on #rrggbb colours: WCAG 2's contrast, and mixing two colours, which the house
style uses to carry a brand's one colour into the web page's dark scheme."""


def channels(colour):
    return [int(colour[index:index + 2], 16) for index in (1, 3, 5)]


def luminance(colour):
    """A #rrggbb colour's relative luminance (WCAG 2)."""
    linear = [value / 255 / 12.92 if value / 255 <= 0.03928 else ((value / 255 + 0.055) / 1.055) ** 2.4
              for value in channels(colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(colour, other):
    """WCAG 2's contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((luminance(colour), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(colour, other, share):
    """`colour` mixed with `other`, `share` of `colour`: 1 gives `colour`, 0 gives `other`."""
    return "#" + "".join(f"{round(mine * share + theirs * (1 - share)):02x}"
                         for mine, theirs in zip(channels(colour), channels(other)))


def readable_on(colour, background, ratio=4.5):
    """`colour` as little lightened (towards white) or darkened (towards black) as it takes to stand out
    from `background` by `ratio` (WCAG AA for text): the brand's hue, kept legible on a dark ground."""
    if contrast(colour, background) >= ratio:
        return colour
    towards = "#ffffff" if luminance(background) < 0.18 else "#000000"
    share = 1.0
    while share > 0 and contrast(mix(colour, towards, share), background) < ratio:
        share = round(share - 0.02, 2)
    return mix(colour, towards, max(share, 0))
