import pytest

from portal import config


def test_production_requires_a_secret_key(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(config.ConfigError):
        config.load(tmp_path, {"PORTAL_ENV": "production"})


def test_development_generates_and_keeps_a_secret_key(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = config.load(tmp_path)["SECRET_KEY"]
    assert len(first) > 40 and config.load(tmp_path)["SECRET_KEY"] == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0  # readable by its owner only


def test_production_cookies_are_secure(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s")
    settings = config.load(tmp_path, {"PORTAL_ENV": "production"})
    assert settings["SESSION_COOKIE_SECURE"] and settings["SESSION_COOKIE_HTTPONLY"]
    assert settings["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert not settings["SHOW_OUTBOX"]


def test_database_url_uses_psycopg_and_defaults_to_sqlite(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db/portal")
    assert config.database_url(tmp_path) == "postgresql+psycopg://u:p@db/portal"
    monkeypatch.delenv("DATABASE_URL")
    assert config.database_url(tmp_path) == f"sqlite:///{tmp_path / 'portal.db'}"


def test_redis_url_moves_rate_limits_to_redis(tmp_path, monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://cache:6379/2")
    assert config.load(tmp_path, {"SECRET_KEY": "s"})["RATELIMIT_STORAGE_URI"] == "redis://cache:6379/2"
    monkeypatch.delenv("REDIS_URL")
    assert config.load(tmp_path, {"SECRET_KEY": "s"})["RATELIMIT_STORAGE_URI"] == "memory://"


def test_an_unknown_environment_is_refused(tmp_path):
    with pytest.raises(config.ConfigError):
        config.load(tmp_path, {"PORTAL_ENV": "staging"})
