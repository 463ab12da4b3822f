package dev.apogee.selector;

/**
 * The reserved words of both dialects. Keywords are matched case-insensitively (ASCII only, so that
 * no locale or Unicode case folding turns an identifier such as {@code ın} into {@code IN}) and can never
 * be used as identifiers.
 */
enum Keyword {
    NOT, AND, OR, BETWEEN, LIKE, IN, IS, ESCAPE, NULL, TRUE, FALSE,
    // Apache RocketMQ 5.x additions, reserved in that dialect only.
    CONTAINS, STARTSWITH, ENDSWITH;

    private static final Keyword[] VALUES = values();

    /** Whether this word is reserved in the dialect (LIKE and ESCAPE are plain identifiers for RocketMQ). */
    boolean reservedIn(SelectorDialect dialect) {
        return switch (this) {
            case LIKE, ESCAPE -> dialect == SelectorDialect.JMS;
            case CONTAINS, STARTSWITH, ENDSWITH -> dialect == SelectorDialect.ROCKETMQ;
            default -> true;
        };
    }

    /** The keyword spelled by {@code text[start, end)} in the dialect, or {@code null} if it is an identifier. */
    static Keyword lookup(CharSequence text, int start, int end, SelectorDialect dialect) {
        for (Keyword keyword : VALUES) {
            if (keyword.spelledBy(text, start, end) && keyword.reservedIn(dialect)) {
                return keyword;
            }
        }
        return null;
    }

    private boolean spelledBy(CharSequence text, int start, int end) {
        String name = name();
        if (end - start != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = text.charAt(start + i);
            if (c >= 'a' && c <= 'z') {
                c = (char) (c - 'a' + 'A');
            }
            if (c != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
