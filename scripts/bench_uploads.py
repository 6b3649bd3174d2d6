#!/usr/bin/env python3
"""`make bench`: what refusing a picture bomb costs the "Share your story" form.

A PNG of 13,300 x 13,300 pixels compresses to well under 1 MB; decoding it takes gigabytes. The
form must refuse it from its header. This builds such a PNG (streamed through zlib, so building
it costs no memory either), then, in a fresh process, sends it through the form's own picture
check and measures the peak memory growth and the time until it is refused. The figures go into
their own section of docs/performance.md; the bar is reported, not enforced.
    .venv/bin/python scripts/bench_uploads.py
"""

import json
import os
import struct
import subprocess
import sys
import tempfile
import zlib
from datetime import date
from pathlib import Path

from performance_report import write_section  # scripts/, beside this one

ROOT = Path(__file__).resolve().parent.parent
SIDE = 13_300
MEMORY_BAR_MB = 100
TIME_BAR_S = 0.5
START, END = "<!-- bench_uploads -->", "<!-- /bench_uploads -->"


def png_bomb(path, side=SIDE):
    """A real, valid greyscale PNG of side x side black pixels."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    compressor = zlib.compressobj(9)
    row = b"\x00" * (side + 1)  # filter byte, then one byte a pixel
    data = bytearray()
    for _ in range(side):
        data += compressor.compress(row)
    data += compressor.flush()
    with open(path, "wb") as output:
        output.write(b"\x89PNG\r\n\x1a\n")
        output.write(chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)))
        output.write(chunk(b"IDAT", bytes(data)))
        output.write(chunk(b"IEND", b""))


MEASURE = """
import json, resource, sys, time
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from stories.share_forms import MomentForm

data = open(sys.argv[1], "rb").read()
upload = SimpleUploadedFile("bomb.png", data, content_type="image/png")
form = MomentForm(
    {"p-time_of_day": "6am", "p-what_happens": "x", "p-picture_alt": "x"},
    {"p-picture": upload},
    prefix="p",
)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
valid = form.is_valid()
seconds = time.perf_counter() - started
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({
    "refused": not valid,
    "codes": [error.code for error in form.errors.as_data().get("picture", [])],
    "seconds": seconds,
    "peak_growth_mb": (after - before) / 1024,  # ru_maxrss is in kilobytes on Linux
}))
"""


def measure(path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hub.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"measuring failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def section(figures, size_bytes):
    within = figures["peak_growth_mb"] < MEMORY_BAR_MB and figures["seconds"] < TIME_BAR_S
    return "\n".join(
        [
            START,
            "## Refusing a picture bomb (scripts/bench_uploads.py)",
            "",
            f"Measured on {date.today().isoformat()}: a valid {SIDE:,} x {SIDE:,} PNG "
            f"({size_bytes / 1024:,.0f} KB on disk, {SIDE * SIDE / 1e6:,.0f} million pixels) sent",
            "through the story form's picture check in a fresh process. Before the pixel ceiling",
            "(`STORY_UPLOAD_MAX_PIXELS`) it was decoded in full: about 4.6 s and 2 GB.",
            "",
            "| refused | error | time (s) | peak memory growth (MB) |",
            "|---|---|---:|---:|",
            f"| {'yes' if figures['refused'] else 'NO'} | {', '.join(figures['codes'])} | "
            f"{figures['seconds']:.3f} | {figures['peak_growth_mb']:.1f} |",
            "",
            f"Bar: under {MEMORY_BAR_MB} MB and under {TIME_BAR_S} s: "
            f"{'within' if within and figures['refused'] else 'NOT within'}.",
            END,
        ]
    )


def write(text):
    write_section(text, START, END)


def main():
    with tempfile.TemporaryDirectory(prefix="hub-bench-uploads-") as workdir:
        path = Path(workdir) / "bomb.png"
        png_bomb(path)
        figures = measure(path)
        text = section(figures, path.stat().st_size)
    write(text)
    print(text)


if __name__ == "__main__":
    main()
