"""What every benchmark needs: a fresh PostgreSQL database of its own on this machine."""

POSTGRES = "postgres://postgres@127.0.0.1:5432"


def fresh_postgres(name: str) -> str:
    """Drop and create database `name` on the local PostgreSQL server; returns its DATABASE_URL."""
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return f"{POSTGRES}/{name}"
