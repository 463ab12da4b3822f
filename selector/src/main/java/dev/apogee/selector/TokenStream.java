package dev.apogee.selector;

import dev.apogee.selector.Token.Kind;

/**
 * The parsers' view of the token sequence: one token of lookahead, lexed only when asked for, plus the
 * nesting-depth guard that keeps parsing and evaluation off the end of the stack.
 */
final class TokenStream {

    private final Lexer lexer;
    private final int maxDepth;
    private Token lookahead;
    private int depth;

    TokenStream(String expression, SelectorDialect dialect, SelectorLimits limits) {
        if (expression.length() > limits.maxLength()) {
            throw new InvalidSelectorException(limits.maxLength() + 1, "expression is " + expression.length()
                + " chars long; the limit is " + limits.maxLength());
        }
        this.lexer = new Lexer(expression, dialect);
        this.maxDepth = limits.maxDepth();
    }

    Token peek() {
        if (lookahead == null) {
            lookahead = lexer.next();
        }
        return lookahead;
    }

    Token next() {
        Token token = peek();
        lookahead = null;
        return token;
    }

    boolean peekIs(Kind kind) {
        return peek().is(kind);
    }

    boolean peekIs(Keyword keyword) {
        return peek().is(keyword);
    }

    /** Consumes the next token if it is {@code keyword}. */
    boolean accept(Keyword keyword) {
        if (peekIs(keyword)) {
            next();
            return true;
        }
        return false;
    }

    Token expect(Kind kind, String expected) {
        if (!peekIs(kind)) {
            throw unexpected(expected);
        }
        return next();
    }

    Token expect(Keyword keyword, String expected) {
        if (!peekIs(keyword)) {
            throw unexpected(expected);
        }
        return next();
    }

    /** "expected X but found Y" at the next token. */
    InvalidSelectorException unexpected(String expected) {
        Token found = peek();
        return new InvalidSelectorException(found.column(), "expected " + expected + " but found " + found.describe());
    }

    /** Enters one level of nesting (a parenthesis or a prefix operator) at {@code token}. */
    void descend(Token token) {
        if (++depth > maxDepth) {
            throw tooDeep(token.column());
        }
    }

    void ascend() {
        depth--;
    }

    /** Rejects a node whose subtree, together with the nesting around it, is deeper than the limit. */
    <N extends Node> N checkHeight(N node) {
        if (depth + node.height() > maxDepth) {
            throw tooDeep(node.column());
        }
        return node;
    }

    private InvalidSelectorException tooDeep(int column) {
        return new InvalidSelectorException(column, "expression nests deeper than " + maxDepth + " levels");
    }
}
