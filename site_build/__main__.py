"""`python -m site_build [--settings publishconf.py] [--output DIR]`."""

import argparse
import sys

from . import build, print_result

parser = argparse.ArgumentParser(prog="python -m site_build", description="Construit le site (strict).")
parser.add_argument("--settings", default="pelicanconf.py")
parser.add_argument("--output", default=None)
args = parser.parse_args()
result = build(args.settings, args.output)
print_result(result)
sys.exit(0 if result.ok else 1)
