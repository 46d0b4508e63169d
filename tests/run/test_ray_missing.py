"""Ray stays optional: the pipeline never imports it, and without it `marsad ray` says what to install.

These tests need no Ray (they run where the extra is absent, which is the point)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import typer
from typer.testing import CliRunner


def test_pipeline_does_not_import_ray():
    code = textwrap.dedent("""
        import sys
        import marsad, marsad.standard, marsad.cli
        from marsad.api import analyze
        article = analyze("قالت وزارة الصحة إن عدد الإصابات ارتفع إلى 120 حالة يوم الأحد 3 آذار/مارس 2024.")
        assert article.quantities, article.to_dict()
        import marsad.run.ray_job  # the executor module itself imports Ray lazily too
        print(sorted(m for m in sys.modules if m == "ray" or m.startswith("ray.")))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_missing_ray_is_one_line_and_exit_2(monkeypatch, tmp_path):
    from marsad.run.ray_job import ray_command

    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now raises ImportError
    app = typer.Typer()
    app.command("ray")(ray_command)
    app.command("other")(lambda: None)  # two commands, so `ray` is a subcommand as in marsad's CLI
    result = CliRunner().invoke(app, ["ray", str(tmp_path), "--output", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.strip() == "marsad: E070 the Ray executor needs the ray extra: pip install 'marsad[ray]'"
    assert "Traceback" not in result.output
