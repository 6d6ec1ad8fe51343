"""Rebuild the CJK font shipped in gongkai_analysis/data/fonts/ (a maintainer's tool).

The package draws Chinese labels with a subset of Noto Sans CJK SC (SIL Open
Font License 1.1), so charts render on machines with no CJK font.  The subset
keeps ASCII, common punctuation, the CJK symbol and full-width blocks, every
Han character of GB 2312 (6,763), and every character used by the package's
own data files and the bundled document.  It is renamed "Gongkai Sans SC" as
a Modified Version under the OFL.

Needs fontTools and Debian's fonts-noto-cjk:

    apt-get install fonts-noto-cjk
    python tools/make_font_subset.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "gongkai_analysis" / "data" / "fonts" / "GongkaiSansSC-Regular.otf"
FAMILY = "Gongkai Sans SC"


def characters() -> set[int]:
    chars: set[int] = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
    for lo, hi in ((0x2000, 0x206F), (0x2100, 0x214F), (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2460, 0x24FF),
                   (0x25A0, 0x25FF), (0x3000, 0x303F), (0xFF00, 0xFFEF)):
        chars |= set(range(lo, hi + 1))
    for code in range(0x4E00, 0xA000):
        try:
            chr(code).encode("gb2312")
        except UnicodeEncodeError:
            continue
        chars.add(code)
    sources = [*ROOT.glob("data/raw/*.txt"), *ROOT.glob("gongkai_analysis/**/*.py"),
               *ROOT.glob("gongkai_analysis/data/*.csv"), *ROOT.glob("gongkai_analysis/data/*.txt")]
    for path in sources:
        chars |= {ord(c) for c in path.read_text(encoding="utf-8") if ord(c) >= 0x2000}
    return chars


def main() -> int:
    collection = TTCollection(str(SOURCE))
    font = next(f for f in collection.fonts if f["name"].getDebugName(4) == "Noto Sans CJK SC")
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=characters())
    subsetter.subset(font)
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 16):
            names.setName(FAMILY, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID in (4,):
            names.setName(f"{FAMILY} Regular", record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 6:
            names.setName("GongkaiSansSC-Regular", record.nameID, record.platformID, record.platEncID, record.langID)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = ["GongkaiSansSC-Regular"]
        top = cff.topDictIndex[0]
        top.FamilyName = FAMILY
        top.FullName = f"{FAMILY} Regular"
    font.save(str(TARGET))
    print(f"{TARGET}: {TARGET.stat().st_size / 1e6:.1f} MB, {len(font.getGlyphOrder())} glyphs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
