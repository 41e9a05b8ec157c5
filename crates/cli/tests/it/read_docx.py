"""A Word file as python-docx reads it, printed as JSON for the word tests:
every section's headers and page, every body paragraph with its style's name,
its text, its bold and italic runs and whether it holds a picture, and
whether the file survives a save and a re-read by python-docx unchanged."""

import io
import json
import sys

import docx
from docx.oxml.ns import qn


def paragraph(p):
    xml = p._p.xml
    return {
        "style": p.style.name if p.style is not None else None,
        "text": p.text,
        "bold": [r.text for r in p.runs if r.bold],
        "italic": [r.text for r in p.runs if r.italic],
        "picture": "graphicData" in xml,
        "fields": [t.text.strip() for t in p._p.iter(qn("w:instrText"))],
        "numbered": p._p.pPr is not None and p._p.pPr.numPr is not None,
    }


def read(path):
    d = docx.Document(path)
    sections = []
    for s in d.sections:
        sections.append(
            {
                "first_page_different": s.different_first_page_header_footer,
                "first_header": [paragraph(p) for p in s.first_page_header.paragraphs],
                "header": [paragraph(p) for p in s.header.paragraphs],
                "width_pt": s.page_width.pt,
                "height_pt": s.page_height.pt,
                "margins_pt": [s.top_margin.pt, s.right_margin.pt, s.bottom_margin.pt, s.left_margin.pt],
                "header_distance_pt": s.header_distance.pt,
            }
        )
    styles = sorted(st.name for st in d.styles if st.type == 1)
    return d, {"sections": sections, "body": [paragraph(p) for p in d.paragraphs], "styles": styles}


doc, seen = read(sys.argv[1])
saved = io.BytesIO()
doc.save(saved)
saved.seek(0)
_, again = read(saved)
seen["round_trip"] = again == seen
print(json.dumps(seen))
