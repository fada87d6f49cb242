#!/usr/bin/env python3
"""Parses Swift files with tree-sitter's Swift grammar and lists syntax errors.

    swift_syntax.py FILE.swift...

A machine without a Swift compiler can still catch unbalanced braces, broken closures and
mistyped declarations. It is a parser, not a type checker: it cannot tell whether a name or
an argument label exists (check_project.py checks the core's API for that).
Exits 1 when any file has a syntax error.
"""
import sys
from pathlib import Path

import tree_sitter_swift
from tree_sitter import Language, Node, Parser


def errors(root: Node) -> list[Node]:
    found: list[Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            found.append(node)
            continue
        stack.extend(node.children)
    return sorted(found, key=lambda n: n.start_point)


def main() -> int:
    parser = Parser(Language(tree_sitter_swift.language()))
    broken = 0
    for name in sys.argv[1:]:
        source = Path(name).read_bytes()
        lines = source.decode("utf-8").splitlines()
        found = errors(parser.parse(source).root_node)
        for node in found[:5]:
            row, column = node.start_point
            what = f"missing {node.type}" if node.is_missing else "syntax error"
            text = lines[row].strip()[:100] if row < len(lines) else ""
            print(f"{name}:{row + 1}:{column + 1}: {what}: {text}")
        broken += bool(found)
    print(f"swift syntax: {len(sys.argv) - 1} files parsed, {broken} with errors")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
