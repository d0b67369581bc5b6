"""``genderwatch users add|list|set-role|deactivate|activate|set-password``: dashboard accounts.

Passwords are never command-line arguments (they would land in shell history and ``ps``): they
are prompted for, or read from standard input with ``--password-stdin``.
"""

from __future__ import annotations

import sys
from typing import Optional

import typer

from genderwatch.cli.indicators import migrated_store
from store.accounts import create_user, list_users, set_active, set_password, set_role
from store.engine import session_scope

app = typer.Typer(help="Tài khoản bảng điều khiển / dashboard accounts.", no_args_is_help=True)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt("Mật khẩu / password", hide_input=True, confirmation_prompt=True)


@app.command("add")
def add(
    username: str = typer.Argument(..., help="Lower-case login name (a-z 0-9 . _ -)."),
    role: str = typer.Option(..., "--role", "-r", help="admin, monitor or editor."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="Editors: the outlet id they work for."),
    province: Optional[str] = typer.Option(None, "--province", help="Monitors: the province they oversee."),
    full_name: str = typer.Option("", "--name", help="Full name shown in the dashboard."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input."),
) -> None:
    """Create an account (the first admin too)."""
    password = _password(password_stdin)
    with session_scope(migrated_store()) as session:
        user = create_user(session, username, password, role, full_name=full_name, outlet_id=outlet,
                           province=province)
        typer.echo(f"Đã tạo / created: {user.username} ({user.role})")


@app.command("list")
def list_accounts() -> None:
    """Every account with its role, scope and status."""
    with session_scope(migrated_store()) as session:
        for user in list_users(session):
            scope = user.outlet_id or user.province or "-"
            status = "active" if user.active else "deactivated"
            typer.echo(f"{user.username}\t{user.role}\t{scope}\t{status}")


@app.command("set-role")
def change_role(
    username: str = typer.Argument(...),
    role: str = typer.Option(..., "--role", "-r", help="admin, monitor or editor."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="Editors: their outlet id."),
    province: Optional[str] = typer.Option(None, "--province", help="Monitors: their province."),
) -> None:
    """Change an account's role and scope (written to the audit log)."""
    with session_scope(migrated_store()) as session:
        user = set_role(session, username, role, outlet_id=outlet, province=province)
        typer.echo(f"Đã đổi vai trò / role changed: {user.username} → {user.role}")


@app.command("deactivate")
def deactivate(username: str = typer.Argument(...)) -> None:
    """Block an account; its open sessions end at their next request."""
    with session_scope(migrated_store()) as session:
        set_active(session, username, False)
        typer.echo(f"Đã khóa / deactivated: {username}")


@app.command("activate")
def activate(username: str = typer.Argument(...)) -> None:
    """Allow a deactivated account to sign in again."""
    with session_scope(migrated_store()) as session:
        set_active(session, username, True)
        typer.echo(f"Đã mở khóa / reactivated: {username}")


@app.command("set-password")
def change_password(
    username: str = typer.Argument(...),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input."),
) -> None:
    """Set a new password; the account's open sessions stop being valid."""
    password = _password(password_stdin)
    with session_scope(migrated_store()) as session:
        set_password(session, username, password)
        typer.echo(f"Đã đặt mật khẩu / password set: {username}")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="users")
