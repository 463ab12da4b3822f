package dev.apogee.selector;

/**
 * One lexical token of a selector.
 *
 * @param kind    what it is
 * @param start   offset of its first char in the expression
 * @param text    identifiers and numbers as written; string literals decoded ({@code ''} → {@code '})
 * @param keyword the reserved word, for {@link Kind#KEYWORD} only
 */
record Token(Kind kind, int start, String text, Keyword keyword) {

    enum Kind {
        IDENTIFIER, KEYWORD, STRING, EXACT_NUMBER, APPROXIMATE_NUMBER,
        EQUAL("'='"), NOT_EQUAL("'<>'"), LESS("'<'"), LESS_OR_EQUAL("'<='"), GREATER("'>'"), GREATER_OR_EQUAL("'>='"),
        PLUS("'+'"), MINUS("'-'"), TIMES("'*'"), DIVIDE("'/'"), LEFT_PAREN("'('"), RIGHT_PAREN("')'"), COMMA("','"),
        END("end of expression");

        private final String description;

        Kind() {
            this.description = null;
        }

        Kind(String description) {
            this.description = description;
        }
    }

    /** 1-based column, as error messages report it. */
    int column() {
        return start + 1;
    }

    boolean is(Kind expected) {
        return kind == expected;
    }

    boolean is(Keyword expected) {
        return kind == Kind.KEYWORD && keyword == expected;
    }

    /** How an error message names this token. */
    String describe() {
        return switch (kind) {
            case IDENTIFIER -> "identifier " + text;
            case KEYWORD -> "reserved word " + keyword;
            case STRING -> "string literal '" + abbreviate(text) + "'";
            case EXACT_NUMBER, APPROXIMATE_NUMBER -> "number " + text;
            default -> kind.description;
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "...";
    }
}
