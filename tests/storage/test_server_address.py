"""A server elsewhere must be reached over TLS: the address says so, or the program warns."""

from __future__ import annotations

import pytest

from pierglass_desktop import cli
from pierglass_desktop.storage.location import locate


@pytest.mark.parametrize(
    "address",
    [
        "postgresql://coordinator@db.hanke.example/pierglass?sslmode=require",
        "postgresql://coordinator@db.hanke.example/pierglass?sslmode=verify-full",
        "postgresql://coordinator@localhost/pierglass",
        "postgresql://coordinator@127.0.0.1:5433/pierglass",
        "postgresql:///pierglass?host=/var/run/postgresql",
        "postgresql:///pierglass",
    ],
)
def test_encrypted_or_local_connections_need_no_warning(address):
    assert locate(address).tls_warning() is None


@pytest.mark.parametrize(
    "address",
    [
        "postgresql://coordinator@db.hanke.example/pierglass",
        "postgresql://coordinator:salasana@10.0.0.5/pierglass?sslmode=prefer",
    ],
)
def test_a_remote_server_without_required_tls_is_warned_of(address, monkeypatch):
    monkeypatch.delenv("PGSSLMODE", raising=False)
    warning = locate(address).tls_warning()
    assert warning is not None and "sslmode=require" in warning
    assert "salasana" not in warning


def test_pgsslmode_in_the_environment_counts(monkeypatch):
    monkeypatch.setenv("PGSSLMODE", "require")
    assert locate("postgresql://coordinator@db.hanke.example/pierglass").tls_warning() is None


def test_the_command_line_warns_before_it_connects(capsys, monkeypatch):
    monkeypatch.delenv("PGSSLMODE", raising=False)
    code = cli.main(["--database", "postgresql://coordinator@db.hanke.invalid/pierglass", "check"])
    err = capsys.readouterr().err
    assert err.startswith("pierglass: The connection to db.hanke.invalid is not required")
    assert code == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    "address",
    ["postgresql://::::/x", "postgresql://coordinator:salasana@db.example:abc/pierglass"],
)
def test_a_malformed_address_is_one_sentence_without_its_password(address, capsys):
    code = cli.main(["--database", address, "check"])
    err = capsys.readouterr().err
    assert code == 1 and "is not a database address" in err
    assert "Traceback" not in err and "salasana" not in err
