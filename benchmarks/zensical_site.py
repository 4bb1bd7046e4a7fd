"""Build the site with Zensical from the engine-agnostic rendered tree and the same mkdocs.yml.

    python benchmarks/zensical_site.py [--content content] [--out build/zensical]

Zensical reads mkdocs.yml but runs no MkDocs plugins, so it gets the tree that `python -m generator render`
writes, with the explainer plugin taken out of the configuration.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from run import ROOT, baseline_config


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "zensical")
    args = parser.parse_args()
    zensical = shutil.which("zensical")
    if zensical is None:
        print("zensical is not installed: `pip install zensical` (it needs the zensical-ui package from PyPI)", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", args.out / "mkdocs.yml")
    shutil.copytree(ROOT / "theme_overrides", args.out / "theme_overrides", dirs_exist_ok=True)
    render = [sys.executable, "-m", "generator", "render", "--content", str(args.content), "--out", str(args.out / "rendered")]
    subprocess.run(render, check=True)
    config = baseline_config(args.out)
    return subprocess.run([zensical, "build", "--config-file", str(config)], cwd=args.out, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
