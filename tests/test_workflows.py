"""The GitHub workflows pass actionlint."""

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_workflows_pass_actionlint():
    actionlint = shutil.which("actionlint") or str(Path(sys.executable).parent / "actionlint")
    workflows = sorted(str(p) for p in (ROOT / ".github" / "workflows").glob("*.yml"))
    assert len(workflows) == 2
    result = subprocess.run([actionlint, *workflows], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
