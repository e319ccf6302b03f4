#!/usr/bin/python3
"""Cuts the hall's two text faces out of the system's Noto Sans CJK.

The full Noto Sans CJK collection is 19 MB a weight, and the text renderer
keeps the whole outline table of every face it opens in memory. The kiosk
needs the Simplified Chinese face, regular and bold, for the characters a
catalogue is written in: the GB 2312 and Big5 level-1 Han characters, the
Latin, punctuation and symbol blocks, and every character of the embedded
demo catalogue and the interface strings. A character outside the subset
still shows: Fyne falls back to the system's fonts for it.

Run by `make fonts` (needs Debian's fonttools and fonts-noto-cjk); the two
.otf files it writes are committed, and a test checks they cover the demo.
"""
import json
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ASSETS = HERE.parent
SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-{}.ttc"
SC_FACE = 2  # the collection's faces: JP, KR, SC, TC, HK, then the mono ones

BLOCKS = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x017F),  # Latin-1 supplement, Latin extended-A
    (0x02C6, 0x02DD),  # spacing modifiers used in pinyin and quotes
    (0x0300, 0x036F),  # combining marks (pinyin tones)
    (0x2000, 0x206F),  # general punctuation
    (0x20A0, 0x20BF),  # currency
    (0x2100, 0x218F),  # letterlike symbols, number forms
    (0x2190, 0x21FF),  # arrows
    (0x2460, 0x24FF),  # enclosed numbers
    (0x2500, 0x25FF),  # box drawing, blocks, geometric shapes
    (0x2600, 0x26FF),  # miscellaneous symbols
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3200, 0x33FF),  # enclosed CJK, CJK compatibility (units)
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half- and full-width forms
]


def double_byte(codec, first, last):
    """Every character a double-byte code table assigns in a lead-byte range."""
    out = set()
    for lead in range(first, last + 1):
        for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            try:
                out.update(bytes([lead, trail]).decode(codec))
            except UnicodeDecodeError:
                pass
    return out


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def characters():
    chars = set()
    for lo, hi in BLOCKS:
        chars.update(chr(c) for c in range(lo, hi + 1))
    chars |= double_byte("gb2312", 0xB0, 0xF7)  # GB 2312 Han, both levels
    chars |= double_byte("big5", 0xA4, 0xC6)  # Big5 level 1 (common) Han
    for path in [ASSETS / "demo" / "catalogue.json", *sorted((ASSETS / "i18n").glob("*.json"))]:
        for s in strings(json.loads(path.read_text(encoding="utf-8"))):
            chars.update(s)
    return sorted(c for c in chars if c.isprintable() or c == " ")


def write_license():
    """OFL.txt: the fonts' copyright notice and the licence text Debian ships."""
    from fontTools.ttLib import TTFont
    notice = TTFont(HERE / "HallSansSC-Regular.otf")["name"].getDebugName(0)
    # The licence text is the copyright file's stand-alone SIL-1.1 stanza,
    # the last "License: SIL-1.1" line; the first ones only name it.
    copyright = pathlib.Path("/usr/share/doc/fonts-noto-cjk/copyright").read_text().splitlines()
    start = max(i for i, line in enumerate(copyright) if line == "License: SIL-1.1")
    lines, inside = [], False
    for line in copyright[start:]:
        if line == "License: SIL-1.1":
            inside = True
            continue
        if inside:
            if line and not line.startswith(" "):
                break
            lines.append("" if line.strip() == "." else line[1:])
    (HERE / "OFL.txt").write_text(
        "Noto Sans CJK SC, cut down to a subset for the hall by make-fonts.py.\n"
        + notice + "\n\n" + "\n".join(lines).strip() + "\n", encoding="utf-8")


def main():
    text = HERE / "characters.txt"
    text.write_text("".join(characters()), encoding="utf-8")
    for weight in ["Regular", "Bold"]:
        out = HERE / f"HallSansSC-{weight}.otf"
        subprocess.run([
            "pyftsubset", SOURCE.format(weight), f"--font-number={SC_FACE}",
            f"--text-file={text}", f"--output-file={out}",
            # Only what Fyne's shaper applies: it names no language and
            # lays text out horizontally, so the regional (locl), vertical
            # (vert, vrt2) and spacing (halt, palt) alternates, 8,800
            # glyphs, would be parsed and kept in memory for nothing.
            "--layout-features=ccmp,kern,liga",
            "--no-hinting",
            "--name-IDs=*", "--name-languages=*",
        ], check=True)
        print(f"{out.name}: {out.stat().st_size / 1e6:.1f} MB", file=sys.stderr)
    write_license()


if __name__ == "__main__":
    main()
