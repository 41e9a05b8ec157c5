#!/usr/bin/env python3
"""Amicus's letter PDF against Typst's for the same letter, in one run.

Usage: bench-pdf.py AMICUS_CLI SAMPLE.json FONTS_DIR

Amicus renders the KORUS sample (`amicus render`); the same letter is set
in Typst (the typst Python package, Typst 0.15): the same text read back
from Amicus's structure tree, the same face (Liberation Serif, 11.5 pt,
justified and hyphenated, US Letter with the same margins), letterhead,
addresses, subject, list, signature block, cc and the running head on later
pages. Printed: one table row each, bytes, tagged or not, PDF/A claimed or
not (its XMP), and milliseconds per letter (Typst compiled in-process, warm,
the median of 20; Amicus's in-process figure is `cargo bench -p amicus-app
--bench render`'s, shown beside it by `make bench`).
"""

import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import typst

CLI, SAMPLE, FONTS = sys.argv[1], sys.argv[2], sys.argv[3]


def elements(pdf: Path) -> list[tuple[str, list[str]]]:
    """The structure tree's leaf elements and their lines, in order."""
    out: list[tuple[str, list[str]]] = []
    for line in subprocess.run(
        ["pdfinfo", "-struct-text", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines():
        text = line.strip()
        if text.startswith('"') and text.endswith('"'):
            out[-1][1].append(text[1:-1])
        elif text:
            out.append((text.split()[0], []))
    return [(kind, lines) for kind, lines in out if lines]


def joined(lines: list[str]) -> str:
    """A paragraph's lines as one text, words hyphenated at a line's end joined."""
    text = ""
    for line in lines:
        if text.endswith("-") and text[-2:-1].isalpha() and line[:1].islower():
            text = text[:-1] + line
        else:
            text = (text + " " + line).strip()
    return text


def esc(s: str) -> str:
    return re.sub(r"([\\#*_`$<>@\[\]])", r"\\\1", s)


def typst_source(parts: list[tuple[str, list[str]]]) -> str:
    it = iter(parts)
    date = next(it)[1][0]
    addresses = [next(it)[1], next(it)[1]]
    subject = joined(next(it)[1])
    salutation = joined(next(it)[1])
    body: list[str] = []
    for kind, lines in it:
        if kind == "Lbl":
            continue
        text = joined(lines)
        if text == "Sincerely,":
            break
        body.append(("- " if kind == "LBody" else "") + esc(text))
    signature = next(it)[1]
    cc = joined(next(it)[1])
    names = "Secretary Ross and Ambassador Lighthizer"
    head = (
        '#set page(paper: "us-letter", margin: (x: 72pt, top: 72pt, bottom: 72pt),\n'
        "  header: context if counter(page).get().first() > 1 [\n"
        f"    #set text(9.5pt)\n    #grid(columns: (1fr, auto), [{names} \\ {date}],\n"
        '      [Page #counter(page).display() of #counter(page).final().first()])])\n'
        '#set text(font: "Liberation Serif", size: 11.5pt, lang: "en", region: "US")\n'
        "#set par(justify: true, leading: 0.55em, spacing: 0.75em)\n"
        '#set document(title: "Continued support for the U.S.–Korea Free Trade Agreement (KORUS)",'
        ' author: "Lakeshore State Chamber of Commerce")\n'
        "#align(center)[#text(17pt, weight: \"bold\", fill: rgb(\"#1f3864\"))[Lakeshore State Chamber of Commerce] \\\n"
        "#text(style: \"italic\", fill: rgb(\"#1f3864\"))[International Trade Council] \\\n"
        "#text(9pt, fill: gray)[88 East Broad Street, Suite 1500 · Columbus, Ohio 43215] \\\n"
        "#text(9pt, fill: gray)[(614) 555-0142 · www.lakeshorechamber.org]]\n"
        "#line(length: 100%, stroke: 0.75pt + rgb(\"#1f3864\"))\n#v(18pt)\n"
    )
    blocks = [esc(date)]
    blocks += [" \\\n".join(esc(l) for l in a) for a in addresses]
    blocks += [f"*Re: {esc(subject.removeprefix('Re: '))}*", esc(salutation)]
    blocks += body
    blocks += ["Sincerely,", "#v(30pt)\n" + " \\\n".join(esc(l) for l in signature)]
    blocks += ["#text(10pt)[" + esc(cc) + "]"]
    return head + "\n\n".join(blocks) + "\n"


def xmp_claims_pdfa(pdf: bytes) -> bool:
    return b"pdfaid:part" in pdf or b'pdfaid:part="' in pdf


def row(name: str, pdf: bytes, ms: str) -> str:
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True).stdout.decode()
    tagged = "yes" if re.search(r"Tagged:\s+yes", info) else "no"
    version = re.search(r"PDF version:\s+(\S+)", info)
    pdfa = "yes" if xmp_claims_pdfa(pdf) else "no"
    return f"| {name} | {len(pdf):,} | {tagged} | {pdfa} | {version.group(1) if version else '?'} | {ms} |"


def main() -> None:
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "korus.pdf"
        subprocess.run([CLI, "render", "--data", SAMPLE, "--out", str(out)], check=True, capture_output=True)
        amicus = out.read_bytes()
        source = typst_source(elements(out))
        (Path(d) / "korus.typ").write_text(source)
        fonts = [FONTS]
        times = []
        for k in range(21):
            start = time.perf_counter()
            plain = typst.compile(source.encode(), font_paths=fonts, ignore_system_fonts=False)
            if k:
                times.append((time.perf_counter() - start) * 1000)
        archival = typst.compile(source.encode(), font_paths=fonts, pdf_standards=["a-2b"])
        words_typst = subprocess.run(["pdftotext", "-", "-"], input=plain, capture_output=True).stdout.split()
        words_amicus = subprocess.run(["pdftotext", "-", "-"], input=amicus, capture_output=True).stdout.split()
        print("| Writer | Bytes | Tagged | PDF/A | PDF version | ms per letter |")
        print("|---|---:|---|---|---|---:|")
        print(row("Amicus", amicus, "see `cargo bench -p amicus-app --bench render`"))
        print(row("Typst 0.15 (default)", plain, f"{statistics.median(times):.1f}"))
        print(row("Typst 0.15 (PDF/A-2b)", archival, "–"))
        print(f"\nwords: Amicus {len(words_amicus)}, Typst {len(words_typst)} (the same text, set by each)")


if __name__ == "__main__":
    main()
