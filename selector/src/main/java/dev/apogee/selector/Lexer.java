package dev.apogee.selector;

import dev.apogee.selector.Token.Kind;

/**
 * Splits a selector into tokens, one at a time and only when the parser asks: Apache RocketMQ's parser
 * never looks past the token after a complete expression, so text beyond it is not even lexed there, and
 * the ROCKETMQ dialect must accept the same expressions.
 *
 * <p>The dialects differ lexically. JMS: Java identifiers, Java integer literals (decimal, hex, octal,
 * {@code L} suffix) and floating-point literals ({@code f}/{@code d} suffix), any Java whitespace, the
 * arithmetic operators. ROCKETMQ (the token set of Apache's {@code SelectorParser.jj}): ASCII identifiers
 * {@code [A-Za-z_$][A-Za-z0-9_$]*}, decimal literals {@code 0 | [1-9][0-9]*[lL]?}, floating-point literals
 * without suffix, longest match between the two (so {@code 007} is three tokens), whitespace
 * {@code " \t\n\r\f"}, {@code --} comments ended by a line break and {@code /* *}{@code /} comments, and no
 * {@code *} or {@code /} operators.
 */
final class Lexer {

    private final String text;
    private final SelectorDialect dialect;
    private int position;

    Lexer(String text, SelectorDialect dialect) {
        this.text = text;
        this.dialect = dialect;
    }

    Token next() {
        skipBlanks();
        int start = position;
        if (start >= text.length()) {
            return new Token(Kind.END, start, "", null);
        }
        char c = text.charAt(start);
        if (c == '\'') {
            return string(start);
        }
        if (isDigit(c) || (c == '.' && start + 1 < text.length() && isDigit(text.charAt(start + 1)))) {
            return dialect == SelectorDialect.JMS ? jmsNumber(start) : rocketMqNumber(start);
        }
        if (isIdentifierStart(c)) {
            position++;
            while (position < text.length() && isIdentifierPart(text.charAt(position))) {
                position++;
            }
            Keyword keyword = Keyword.lookup(text, start, position, dialect);
            return keyword != null
                ? new Token(Kind.KEYWORD, start, text.substring(start, position), keyword)
                : new Token(Kind.IDENTIFIER, start, text.substring(start, position), null);
        }
        return symbol(start, c);
    }

    private Token symbol(int start, char c) {
        char following = start + 1 < text.length() ? text.charAt(start + 1) : '\0';
        Kind kind;
        int length = 1;
        switch (c) {
            case '=' -> kind = Kind.EQUAL;
            case '<' -> {
                kind = following == '>' ? Kind.NOT_EQUAL : following == '=' ? Kind.LESS_OR_EQUAL : Kind.LESS;
                length = kind == Kind.LESS ? 1 : 2;
            }
            case '>' -> {
                kind = following == '=' ? Kind.GREATER_OR_EQUAL : Kind.GREATER;
                length = kind == Kind.GREATER ? 1 : 2;
            }
            case '+' -> kind = Kind.PLUS;
            case '-' -> kind = Kind.MINUS;
            case '(' -> kind = Kind.LEFT_PAREN;
            case ')' -> kind = Kind.RIGHT_PAREN;
            case ',' -> kind = Kind.COMMA;
            case '*' -> kind = dialect == SelectorDialect.JMS ? Kind.TIMES : null;
            case '/' -> kind = dialect == SelectorDialect.JMS ? Kind.DIVIDE : null;
            default -> kind = null;
        }
        if (kind == null) {
            throw unexpectedCharacter(start, c, following);
        }
        position = start + length;
        return new Token(kind, start, text.substring(start, position), null);
    }

    private InvalidSelectorException unexpectedCharacter(int start, char c, char following) {
        String pair = "" + c + following;
        String hint = switch (pair) {
            case "!=" -> "unknown operator '!='; the not-equal operator is '<>'";
            case "==" -> "unknown operator '=='; the equality operator is '='";
            case "&&" -> "unknown operator '&&'; use AND";
            case "||" -> "unknown operator '||'; use OR";
            default -> null;
        };
        if (hint != null) {
            return new InvalidSelectorException(start + 1, hint);
        }
        if (c == '"') {
            return new InvalidSelectorException(start + 1, "string literals are enclosed in single quotes, not '\"'");
        }
        if ((c == '*' || c == '/') && dialect == SelectorDialect.ROCKETMQ) {
            return new InvalidSelectorException(start + 1,
                "unknown operator '" + c + "'; the ROCKETMQ dialect has no arithmetic");
        }
        String shown = Character.isISOControl(c) || Character.isWhitespace(c)
            ? String.format("\\u%04x", (int) c) : String.valueOf(c);
        return new InvalidSelectorException(start + 1, "unexpected character '" + shown + "'");
    }

    private Token string(int start) {
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    value.append('\'');
                    i += 2;
                    continue;
                }
                position = i + 1;
                return new Token(Kind.STRING, start, value.toString(), null);
            }
            value.append(c);
            i++;
        }
        throw new InvalidSelectorException(start + 1, "string literal is not closed (expected a closing quote)");
    }

    // ---- numbers ---------------------------------------------------------------------------------------

    /** Java integer and floating-point literal syntax (without underscores or hex floats). */
    private Token jmsNumber(int start) {
        int i = start;
        boolean approximate;
        if (text.startsWith("0x", i) || text.startsWith("0X", i)) {
            i += 2;
            int digits = i;
            while (i < text.length() && Character.digit(text.charAt(i), 16) >= 0) {
                i++;
            }
            if (i == digits) {
                throw new InvalidSelectorException(start + 1, "malformed hexadecimal literal (expected hex digits after 0x)");
            }
            i = skipLongSuffix(i);
            approximate = false;
        } else {
            i = skipDigits(i);
            boolean fraction = i < text.length() && text.charAt(i) == '.';
            if (fraction) {
                i = skipDigits(i + 1);
            }
            int afterExponent = exponentEnd(i);
            boolean exponent = afterExponent > i;
            i = afterExponent;
            boolean floatSuffix = i < text.length() && "fFdD".indexOf(text.charAt(i)) >= 0;
            if (floatSuffix) {
                i++;
            }
            approximate = fraction || exponent || floatSuffix;
            if (!approximate) {
                i = skipLongSuffix(i);
                if (text.charAt(start) == '0' && i - start > 1) {
                    checkOctal(start, i);
                }
            }
        }
        if (i < text.length() && Character.isJavaIdentifierPart(text.charAt(i))) {
            throw new InvalidSelectorException(start + 1, "malformed number '" + text.substring(start, i + 1) + "'");
        }
        position = i;
        return new Token(approximate ? Kind.APPROXIMATE_NUMBER : Kind.EXACT_NUMBER, start, text.substring(start, i), null);
    }

    private void checkOctal(int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '7') && c != 'l' && c != 'L') {
                throw new InvalidSelectorException(start + 1,
                    "malformed octal literal '" + text.substring(start, end) + "' (a leading 0 means octal)");
            }
        }
    }

    /**
     * The longest of Apache's two numeric tokens at {@code start}: DECIMAL_LITERAL
     * ({@code 0 | [1-9][0-9]*[lL]?}) or FLOATING_POINT_LITERAL ({@code d+ . d* exp? | . d+ exp? | d+ exp}).
     */
    private Token rocketMqNumber(int start) {
        int decimalEnd;
        if (text.charAt(start) == '.') {
            decimalEnd = start;
        } else if (text.charAt(start) == '0') {
            decimalEnd = start + 1;
        } else {
            decimalEnd = skipLongSuffix(skipDigits(start));
        }
        int floatEnd;
        int digitsEnd = skipDigits(start);
        if (digitsEnd < text.length() && text.charAt(digitsEnd) == '.') {
            int fractionEnd = skipDigits(digitsEnd + 1);
            boolean valid = digitsEnd > start || fractionEnd > digitsEnd + 1;
            floatEnd = valid ? exponentEnd(fractionEnd) : start;
        } else {
            int exponentEnd = exponentEnd(digitsEnd);
            floatEnd = exponentEnd > digitsEnd ? exponentEnd : start;
        }
        // Both token kinds can never have the same length, so there is no tie to break.
        boolean approximate = floatEnd > decimalEnd;
        position = approximate ? floatEnd : decimalEnd;
        return new Token(approximate ? Kind.APPROXIMATE_NUMBER : Kind.EXACT_NUMBER, start, text.substring(start, position), null);
    }

    private int skipDigits(int i) {
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private int skipLongSuffix(int i) {
        return i < text.length() && (text.charAt(i) == 'l' || text.charAt(i) == 'L') ? i + 1 : i;
    }

    /** The end of an exponent {@code [eE][+-]?[0-9]+} at {@code i}, or {@code i} if there is none. */
    private int exponentEnd(int i) {
        if (i >= text.length() || (text.charAt(i) != 'e' && text.charAt(i) != 'E')) {
            return i;
        }
        int j = i + 1;
        if (j < text.length() && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
            j++;
        }
        int digitsEnd = skipDigits(j);
        return digitsEnd > j ? digitsEnd : i;
    }

    // ---- blanks, identifiers ---------------------------------------------------------------------------

    private void skipBlanks() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (isBlank(c)) {
                position++;
            } else if (dialect == SelectorDialect.ROCKETMQ && text.startsWith("--", position) && lineCommentEnd() > 0) {
                position = lineCommentEnd();
            } else if (dialect == SelectorDialect.ROCKETMQ && text.startsWith("/*", position)) {
                int close = text.indexOf("*/", position + 2);
                if (close < 0) {
                    throw new InvalidSelectorException(position + 1, "comment is not closed (expected */)");
                }
                position = close + 2;
            } else {
                return;
            }
        }
    }

    /**
     * Apache's line comment must end with a line break; without one, "--" is two minus signs. Returns
     * the offset after the line break, or -1.
     */
    private int lineCommentEnd() {
        for (int i = position + 2; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return i + 1;
            }
            if (c == '\r') {
                return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
            }
        }
        return -1;
    }

    private boolean isBlank(char c) {
        return dialect == SelectorDialect.JMS
            ? Character.isWhitespace(c) || Character.isSpaceChar(c)
            : c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private boolean isIdentifierStart(char c) {
        return dialect == SelectorDialect.JMS ? Character.isJavaIdentifierStart(c) : isAsciiLetter(c) || c == '_' || c == '$';
    }

    private boolean isIdentifierPart(char c) {
        if (dialect == SelectorDialect.JMS) {
            return Character.isJavaIdentifierPart(c) && !Character.isIdentifierIgnorable(c);
        }
        return isAsciiLetter(c) || isDigit(c) || c == '_' || c == '$';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
