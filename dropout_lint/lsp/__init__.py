"""The language server: ``dropout-lint --lsp`` (needs the ``[lsp]`` extra: pygls and lsprotocol).

This package's ``__init__`` imports neither, so the CLI can say what is missing in one line.
"""

from __future__ import annotations

INSTALL_HINT = "pip install 'dropout-lint[lsp]'"


def missing() -> str | None:
    """None when the server can run, else a one-line reason naming the install command."""
    try:
        import lsprotocol.types  # noqa: F401
        from pygls.lsp.server import LanguageServer  # noqa: F401
    except ImportError as exc:
        return f"--lsp needs pygls 2 and lsprotocol ({exc.name or exc}): {INSTALL_HINT}"
    return None


def run_stdio() -> int:
    """Serve on stdin/stdout until the client says exit; 0 after a clean shutdown, else 1."""
    from dropout_lint.lsp.server import create_server, serve

    server = create_server()
    try:
        serve(server)
    finally:
        server.close()
    return 0 if server.clean_shutdown else 1
