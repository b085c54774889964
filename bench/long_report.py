"""The long report of the benchmark: about 80 pages and 40 pictures of 0.5 to 3 MB, made at benchmark time.

    .venv/bin/python bench/long_report.py DESTINATION   # writes DESTINATION/source/long-report/

The pictures are real: 32 freely licensed photographs and large PNG backgrounds from Debian packages
(PACKAGES below, their licences as the packages' copyright files state them, bench/long-report-pictures.md),
fetched with `apt-get download` and unpacked with `dpkg -x` into a temporary folder, never installed and
never committed; and 8 charts drawn here as a plotting program exports them (300 dpi, anti-aliased lines
and dense scatters, 0.5 to 3 MB of PNG). The text is filler written for this file (no copied prose), put
together from its own sentences by a seeded random generator: the same report every time.
"""

import json
import math
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SLUG = "long-report"
# (package, version, licence, [files under its /usr/share/]): the versions are pinned so that every run
# measures the same pictures.
PACKAGES = [
    ("mate-backgrounds", "1.26.0-1", "GPL-2+ (Ubuntu-Mate-*-no-logo.png: CC-BY-SA-4.0)", [
        "backgrounds/mate/nature/Wood.jpg", "backgrounds/mate/nature/Storm.jpg",
        "backgrounds/mate/nature/TwoWings.jpg", "backgrounds/mate/nature/Dune.jpg",
        "backgrounds/mate/nature/Blinds.jpg", "backgrounds/mate/nature/RainDrops.jpg",
        "backgrounds/mate/abstract/Elephants.jpg",
        "backgrounds/mate/desktop/Stripes.png", "backgrounds/mate/desktop/Float-into-MATE.png",
        "backgrounds/mate/desktop/Ubuntu-Mate-Dark-no-logo.png", "backgrounds/mate/desktop/MATE-Stripes-Light.png",
        "backgrounds/mate/desktop/MATE-Stripes-Dark.png", "backgrounds/mate/desktop/Ubuntu-Mate-Radioactive-no-logo.png",
        "backgrounds/mate/desktop/Ubuntu-Mate-Warm-no-logo.png", "backgrounds/mate/desktop/Ubuntu-Mate-Cold-no-logo.png",
        "backgrounds/mate/abstract/Gulp.png"]),
    ("plasma-workspace-wallpapers", "4:5.27.5-2", "GPL-2+", [
        "wallpapers/ColdRipple/contents/images/2560x1600.jpg", "wallpapers/FallenLeaf/contents/images/2560x1600.jpg",
        "wallpapers/EveningGlow/contents/images/2560x1600.jpg", "wallpapers/ColorfulCups/contents/images/2560x1600.jpg",
        "wallpapers/Autumn/contents/images/2560x1600.jpg", "wallpapers/OneStandsOut/contents/images/2560x1600.jpg",
        "wallpapers/Path/contents/images/2560x1600.jpg", "wallpapers/SafeLanding/contents/images/1622x2880.jpg",
        "wallpapers/Honeywave/contents/images/5120x2880.jpg",
        "wallpapers/FlyingKonqui/contents/images/2560x1600.png", "wallpapers/MilkyWay/contents/images/1080x1920.png",
        "wallpapers/Kay/contents/images/1080x1920.png", "wallpapers/Altai/contents/images/1080x1920.png",
        "wallpapers/Elarun/contents/images/2560x1600.png", "wallpapers/Patak/contents/images/1080x1920.png",
        "wallpapers/Cascade/contents/images/3840x2160.png"]),
]
CHARTS = 8
WIDTHS = ["100%", "80%", "60%", "100%", "50%"]  # the figures' width attributes, in turn

SUBJECTS = ["The programme", "Our field team", "The regional office", "The steering committee", "The survey",
            "The evaluation", "The partnership", "The pilot scheme", "The board", "The research unit"]
VERBS = ["extended", "reviewed", "measured", "documented", "strengthened", "revised", "mapped", "compared",
         "consolidated", "examined"]
OBJECTS = ["the supply of clean water in three districts", "the training of local staff",
           "the costs of each activity against its budget", "the attendance of pupils in rural schools",
           "the reach of the mobile clinics", "the accounts of the small grants", "the maintenance of the wells",
           "the records of the cooperatives", "the delays in the delivery of seeds", "the use of the new ledgers"]
CLAUSES = ["after the rains came late", "as the year before had suggested", "with fewer resources than planned",
           "in close cooperation with the municipalities", "while prices kept rising", "once the roads reopened",
           "before the second harvest", "despite two changes of staff", "as the donors had asked",
           "at a lower cost per household"]
REMARKS = ["The figures are provisional until the audit closes.", "Each number was checked twice by the team.",
           "This is the third year in a row that the trend holds.", "The gap between districts narrowed.",
           "A full table is kept in the annex of the accounts.", "The method follows the one set out last year.",
           "Two villages could not be visited in time.", "The results match what the households told us."]


def sentence(chance):
    return (f"{chance.choice(SUBJECTS)} {chance.choice(VERBS)} {chance.choice(OBJECTS)} "
            f"{chance.choice(CLAUSES)}.")


def paragraph(chance, citations):
    parts = [sentence(chance) for _ in range(chance.randint(4, 7))] + [chance.choice(REMARKS)]
    if chance.random() < 0.3:
        parts[-1] = parts[-1][:-1] + f" [@{chance.choice(citations)}]."
    if chance.random() < 0.25:
        parts[-1] += f"^[{sentence(chance)} {chance.choice(REMARKS)}]"
    return " ".join(parts)


def references():
    """Ten works of the imaginary institute, cited through the text."""
    return [{"id": f"report{year}", "type": "report", "title": f"Annual report {year}",
             "publisher": "The Example Institute", "author": [{"literal": "The Example Institute"}],
             "issued": {"date-parts": [[year]]}} for year in range(2014, 2024)]


def markdown(pictures, chance):
    """The report: front matter, then eight chapters of five sections, a figure in each section."""
    citations = [entry["id"] for entry in references()]
    lines = ["---", 'title: "Annual Report of the Example Institute"', 'subtitle: "A Benchmark of a Long Report"',
             "author:", '  - name: "The Example Institute"', 'date: "2025"', "lang: en",
             "bibliography: references.json", "---", ""]
    for number, picture in enumerate(pictures):
        if number % 5 == 0:
            lines += [f"# Chapter {number // 5 + 1}: the work of the year", ""]
        lines += [f"## Section {number + 1}", ""]
        lines += [paragraph(chance, citations) + "\n" for _ in range(5)]
        label = f"fig-{number + 1:02d}"
        lines += [f"@{label} shows what section {number + 1} describes.", "",
                  (f"![Picture {number + 1} of the report, {picture.name}]({picture.parent.name}/{picture.name})"
                   f"{{#{label} width={WIDTHS[number % len(WIDTHS)]}}}"), ""]
        lines += [paragraph(chance, citations) + "\n" for _ in range(4)]
    return "\n".join(lines)


def draw_chart(path, number):
    """A chart as a plotting program exports it: 300 dpi, drawn at twice its size and reduced (anti-aliased),
    with a dense scatter, a few lines and a grid."""
    from PIL import Image, ImageDraw

    chance = random.Random(number)
    width, height = 2400, 1600
    image = Image.new("RGB", (width * 2, height * 2), "white")
    draw = ImageDraw.Draw(image)
    for x in range(0, width * 2, 160):
        draw.line([(x, 0), (x, height * 2)], fill=(225, 225, 225), width=2)
    for y in range(0, height * 2, 160):
        draw.line([(0, y), (width * 2, y)], fill=(225, 225, 225), width=2)
    for _ in range(4000 + 1500 * number):
        x, y = chance.gauss(width, width / 2.5), chance.gauss(height, height / 3)
        colour = (31 + chance.randrange(60), 78 + chance.randrange(80), 121 + chance.randrange(100))
        draw.ellipse([x - 7, y - 7, x + 7, y + 7], fill=colour)
    for line in range(3):
        points = [(x, height + math.sin(x / (300 + 100 * line) + number) * height * 0.6) for x in range(0, width * 2, 8)]
        draw.line(points, fill=[(200, 60, 40), (40, 140, 60), (120, 60, 160)][line], width=9)
    image.resize((width, height), Image.LANCZOS).save(path, format="PNG", dpi=(300, 300))


def picture_name(package, name):
    """mate-Wood.jpg, plasma-ColdRipple.jpg: the package's first word, then the picture's own name (Plasma's
    are named by their folder, their files by their size)."""
    own = name.split("/")[1] if package.startswith("plasma") else Path(name).stem
    return f"{package.split('-')[0]}-{own}{Path(name).suffix}"


def package_pictures(folder):
    """The packages' pictures copied into `folder`, named by their package and path."""
    with tempfile.TemporaryDirectory(prefix="long-report-debs-") as temporary:
        temporary = Path(temporary)
        pictures = []
        for package, version, _, files in PACKAGES:
            subprocess.run(["apt-get", "download", f"{package}={version}"], cwd=temporary, check=True,
                           capture_output=True)
            [deb] = temporary.glob(f"{package}_*.deb")
            subprocess.run(["dpkg", "-x", str(deb), str(temporary / package)], check=True)
            for name in files:
                target = folder / picture_name(package, name)
                shutil.copyfile(temporary / package / "usr" / "share" / name, target)
                pictures.append(target)
    return pictures


def make_report(destination):
    """Write source/long-report/ (index.md, references.json, pictures/) under `destination`."""
    folder = destination / "source" / SLUG
    pictures_folder = folder / "pictures"
    pictures_folder.mkdir(parents=True, exist_ok=True)
    pictures = package_pictures(pictures_folder)
    for number in range(CHARTS):
        chart = pictures_folder / f"chart-{number + 1}.png"
        draw_chart(chart, number)
        pictures.insert(number * 5, chart)  # one chart in each chapter
    chance = random.Random(33)
    (folder / "index.md").write_text(markdown(pictures, chance), encoding="utf-8")
    (folder / "references.json").write_text(json.dumps(references(), indent=1), encoding="utf-8")
    return folder


if __name__ == "__main__":
    made = make_report(Path(sys.argv[1]))
    sizes = sorted(path.stat().st_size / 2**20 for path in (made / "pictures").iterdir())
    print(f"{made}: {len(sizes)} pictures, {sizes[0]:.2f} to {sizes[-1]:.2f} MB, {sum(sizes):.1f} MB in all")
