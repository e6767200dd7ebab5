#!/usr/bin/env python3
"""ansi2html.py — turns `tmux capture-pane -e` output (SGR colours: 16, 256 and
true colour, bold, dim, underline, reverse) into an HTML page that draws it as
a terminal would: one <pre> of monospace cells on a black background.

  ansi2html.py FONT_PX LINE_PX < screen.ansi > screen.html
"""
import html
import re
import sys

BASE16 = ["#000000", "#cd0000", "#00cd00", "#cdcd00", "#2e6fd9", "#cd00cd", "#00cdcd", "#e5e5e5",
          "#7f7f7f", "#ff3b3b", "#3bff3b", "#ffff3b", "#5c8cff", "#ff3bff", "#3bffff", "#ffffff"]
FG, BG = "#d0d0d0", "#000000"


def colour256(n):
    if n < 16:
        return BASE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[n // 6 % 6], steps[n % 6])
    g = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (g, g, g)


class Pen:
    def __init__(self):
        self.fg = self.bg = None
        self.bold = self.dim = self.under = self.rev = False

    def apply(self, params):
        p = [int(x) if x else 0 for x in params.split(";")] if params else [0]
        i = 0
        while i < len(p):
            c = p[i]
            if c == 0:
                self.__init__()
            elif c == 1:
                self.bold = True
            elif c == 2:
                self.dim = True
            elif c == 4:
                self.under = True
            elif c == 7:
                self.rev = True
            elif c == 22:
                self.bold = self.dim = False
            elif c == 24:
                self.under = False
            elif c == 27:
                self.rev = False
            elif 30 <= c <= 37:
                self.fg = BASE16[c - 30]
            elif 90 <= c <= 97:
                self.fg = BASE16[c - 90 + 8]
            elif 40 <= c <= 47:
                self.bg = BASE16[c - 40]
            elif 100 <= c <= 107:
                self.bg = BASE16[c - 100 + 8]
            elif c == 39:
                self.fg = None
            elif c == 49:
                self.bg = None
            elif c in (38, 48) and i + 1 < len(p):
                if p[i + 1] == 5 and i + 2 < len(p):
                    col, i = colour256(p[i + 2]), i + 2
                elif p[i + 1] == 2 and i + 4 < len(p):
                    col, i = "#%02x%02x%02x" % tuple(p[i + 2:i + 5]), i + 4
                else:
                    col = None
                if c == 38:
                    self.fg = col
                else:
                    self.bg = col
            i += 1

    def style(self):
        fg, bg = self.fg or FG, self.bg or BG
        if self.rev:
            fg, bg = bg, fg
        s = f"color:{fg};"
        if bg != BG:
            s += f"background:{bg};"
        if self.bold:
            s += "font-weight:bold;"
        if self.dim:
            s += "opacity:0.7;"
        if self.under:
            s += "text-decoration:underline;"
        return s


def main():
    font_px, line_px = sys.argv[1], sys.argv[2]
    pen, out = Pen(), []
    for line in sys.stdin.read().rstrip("\n").split("\n"):
        parts = re.split(r"\x1b\[([0-9;]*)m", line)
        row = []
        for k, text in enumerate(parts):
            if k % 2:
                pen.apply(text)
            elif text:
                row.append(f'<span style="{pen.style()}">{html.escape(text)}</span>')
        out.append("".join(row))
    print(f"""<!DOCTYPE html><html><head><meta charset="utf-8"><style>
html,body{{margin:0;background:{BG};}}
pre{{margin:12px;color:{FG};font-family:'DejaVu Sans Mono',monospace;font-size:{font_px}px;
line-height:{line_px}px;font-variant-ligatures:none;}}
</style></head><body><pre>{chr(10).join(out)}</pre></body></html>""")


if __name__ == "__main__":
    main()
