"""``procmodel serve``, ``procmodel worker`` and ``procmodel token`` from the command line."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from procmodel.cli import main


def _env(tmp_path, **extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROCMODEL_")}
    env.update({"PROCMODEL_INSTANCE_PATH": str(tmp_path / "instance")}, **extra)
    return env


def test_serve_refuses_an_empty_database(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PROCMODEL_INSTANCE_PATH", str(tmp_path / "instance"))
    code = main(["serve", "--db", f"sqlite:///{tmp_path / 'leer.sqlite3'}"])
    assert code == 2
    assert "procmodel init" in capsys.readouterr().err


def test_serve_refuses_to_start_without_secret_key(web_db_url, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PROCMODEL_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.delenv("PROCMODEL_SECRET_KEY", raising=False)
    code = main(["serve", "--db", web_db_url, "--port", "1"])
    assert code == 2
    err = capsys.readouterr().err
    assert "SECRET_KEY" in err and "--dev" in err


def test_serve_refuses_unknown_disabled_rules(web_db_url, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PROCMODEL_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("PROCMODEL_DISABLED_RULES", "labelrequired")
    code = main(["serve", "--dev", "--db", web_db_url, "--port", "1"])
    assert code == 2
    err = capsys.readouterr().err
    assert "DISABLED_RULES" in err and "„label-required“" in err


def test_serve_dev_runs_waitress_with_worker(web_db_url, tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "procmodel", "serve", "--dev", "--port", str(port),
         "--db", web_db_url], env=_env(tmp_path), stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    try:
        body = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2) as r:
                    body = r.read().decode()
                    server = r.headers["Server"]
                    break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(process.stdout.read())
                time.sleep(0.2)
        assert body is not None and "Anmelden" in body
        assert server == "procmodel"  # waitress with our ident, not the debug server
        assert (tmp_path / "instance" / "secret_key").is_file()
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_token_create_list_revoke_and_worker_once(web_db_url, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PROCMODEL_INSTANCE_PATH", str(tmp_path / "instance"))
    assert main(["token", "create", "analyst", "--name", "Skript", "--db", web_db_url]) == 0
    token = capsys.readouterr().out.strip()
    assert token.startswith("pm_") and len(token) > 40
    assert main(["token", "list", "--db", web_db_url]) == 0
    listing = capsys.readouterr().out
    assert "analyst" in listing and token not in listing and "aktiv" in listing
    assert main(["token", "create", "niemand", "--name", "x", "--db", web_db_url]) == 2
    capsys.readouterr()
    assert main(["token", "revoke", "1", "--db", web_db_url]) == 0
    assert main(["worker", "--once", "--db", web_db_url]) == 0
    assert "0 Auftrag" in capsys.readouterr().out
