package dev.apogee.selector;

import dev.apogee.selector.JmsNumbers.Operation;
import dev.apogee.selector.Token.Kind;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for Jakarta Messaging 3.1 selectors (§3.8.1.1). Precedence, loosest first:
 * OR; AND; NOT; comparisons, [NOT] BETWEEN, [NOT] IN, [NOT] LIKE, IS [NOT] NULL (one per operand, not
 * chained: {@code a = b = c} is an error, as in SQL); + and -; * and /; unary + and -.
 *
 * <p>Checks made here rather than left to evaluation: the whole selector and the operands of AND, OR
 * and NOT must be truth-valued (a predicate, TRUE, FALSE or an identifier); arithmetic and ordering
 * operands cannot be string or boolean literals; IN, LIKE and IS NULL apply to an identifier, as the
 * specification states; NULL is not a value, it only appears in IS [NOT] NULL.
 */
final class JmsParser {

    private static final BigInteger LONG_MIN_MAGNITUDE = BigInteger.ONE.shiftLeft(63);
    private static final BigInteger UNSIGNED_LONG_LIMIT = BigInteger.ONE.shiftLeft(64);

    private final TokenStream tokens;

    JmsParser(String expression, SelectorLimits limits) {
        this.tokens = new TokenStream(expression, SelectorDialect.JMS, limits);
    }

    Node parse() {
        if (tokens.peekIs(Kind.END)) {
            throw new InvalidSelectorException(1, "the expression is empty");
        }
        Node selector = truthValued(or());
        if (!tokens.peekIs(Kind.END)) {
            throw tokens.unexpected("AND, OR or end of expression");
        }
        return selector;
    }

    private Node or() {
        Node first = and();
        if (!tokens.peekIs(Keyword.OR)) {
            return first;
        }
        List<Node> operands = new ArrayList<>();
        operands.add(truthValued(first));
        while (tokens.accept(Keyword.OR)) {
            operands.add(truthValued(and()));
        }
        return tokens.checkHeight(new OrNode(first.column(), operands.toArray(Node[]::new)));
    }

    private Node and() {
        Node first = not();
        if (!tokens.peekIs(Keyword.AND)) {
            return first;
        }
        List<Node> operands = new ArrayList<>();
        operands.add(truthValued(first));
        while (tokens.accept(Keyword.AND)) {
            operands.add(truthValued(not()));
        }
        return tokens.checkHeight(new AndNode(first.column(), operands.toArray(Node[]::new)));
    }

    /** NOT binds looser than comparisons here: {@code NOT a = 1} is {@code NOT (a = 1)}. */
    private Node not() {
        List<Token> nots = new ArrayList<>();
        while (tokens.peekIs(Keyword.NOT)) {
            Token not = tokens.next();
            tokens.descend(not);
            nots.add(not);
        }
        Node node = comparison();
        for (int i = nots.size() - 1; i >= 0; i--) {
            node = new NotNode(nots.get(i).column(), truthValued(node));
            tokens.ascend();
        }
        return nots.isEmpty() ? node : tokens.checkHeight(node);
    }

    private Node comparison() {
        Node left = additive();
        Token operator = tokens.peek();
        ComparisonOperator comparison = comparisonOperator(operator);
        if (comparison != null) {
            tokens.next();
            Node right = additive();
            if (!comparison.isEquality()) {
                requireNumeric(left, comparison.symbol());
                requireNumeric(right, comparison.symbol());
            }
            return tokens.checkHeight(new JmsComparison(left.column(), comparison, left, right));
        }
        boolean negated = false;
        if (operator.is(Keyword.NOT)) {
            tokens.next();
            negated = true;
            if (!tokens.peekIs(Keyword.BETWEEN) && !tokens.peekIs(Keyword.IN) && !tokens.peekIs(Keyword.LIKE)) {
                throw tokens.unexpected("BETWEEN, IN or LIKE after NOT");
            }
        }
        if (tokens.accept(Keyword.BETWEEN)) {
            return between(left, negated);
        }
        if (tokens.accept(Keyword.IN)) {
            return in(requireIdentifier(left, operator, "IN"), negated);
        }
        if (tokens.accept(Keyword.LIKE)) {
            return like(requireIdentifier(left, operator, "LIKE"), negated);
        }
        if (tokens.accept(Keyword.IS)) {
            boolean not = tokens.accept(Keyword.NOT);
            tokens.expect(Keyword.NULL, not ? "NULL" : "NULL or NOT NULL after IS");
            return new IsNull(left.column(), requireIdentifier(left, operator, "IS NULL"), not);
        }
        return left;
    }

    private Node between(Node value, boolean negated) {
        requireNumeric(value, "BETWEEN");
        Node low = additive();
        tokens.expect(Keyword.AND, "AND between the bounds of BETWEEN");
        Node high = additive();
        requireNumeric(low, "BETWEEN");
        requireNumeric(high, "BETWEEN");
        return tokens.checkHeight(new JmsBetween(value.column(), value, low, high, negated));
    }

    private Node in(Node identifier, boolean negated) {
        tokens.expect(Kind.LEFT_PAREN, "'(' to open the IN list");
        Set<String> values = new LinkedHashSet<>();
        values.add(tokens.expect(Kind.STRING, "a string literal in the IN list").text());
        while (tokens.peekIs(Kind.COMMA)) {
            tokens.next();
            values.add(tokens.expect(Kind.STRING, "a string literal in the IN list").text());
        }
        tokens.expect(Kind.RIGHT_PAREN, "',' or ')' in the IN list");
        return new InList(identifier.column(), identifier, values, negated, Boolean.FALSE);
    }

    private Node like(Node identifier, boolean negated) {
        Token pattern = tokens.expect(Kind.STRING, "a string literal pattern after LIKE");
        int escape = -1;
        if (tokens.accept(Keyword.ESCAPE)) {
            Token escapeToken = tokens.expect(Kind.STRING, "a one-character string literal after ESCAPE");
            if (escapeToken.text().length() != 1) {
                throw new InvalidSelectorException(escapeToken.column(), "the ESCAPE character must be exactly one character, found "
                    + escapeToken.text().length() + " in '" + escapeToken.text() + "'");
            }
            escape = escapeToken.text().charAt(0);
        }
        try {
            return new LikeNode(identifier.column(), identifier, LikePattern.compile(pattern.text(), escape), negated);
        } catch (IllegalArgumentException e) {
            throw new InvalidSelectorException(pattern.column(), "bad LIKE pattern: " + e.getMessage());
        }
    }

    private Node additive() {
        Node left = multiplicative();
        while (tokens.peekIs(Kind.PLUS) || tokens.peekIs(Kind.MINUS)) {
            Operation operation = tokens.next().is(Kind.PLUS) ? Operation.ADD : Operation.SUBTRACT;
            left = arithmetic(operation, left, multiplicative());
        }
        return left;
    }

    private Node multiplicative() {
        Node left = unary();
        while (tokens.peekIs(Kind.TIMES) || tokens.peekIs(Kind.DIVIDE)) {
            Operation operation = tokens.next().is(Kind.TIMES) ? Operation.MULTIPLY : Operation.DIVIDE;
            left = arithmetic(operation, left, unary());
        }
        return left;
    }

    private Node arithmetic(Operation operation, Node left, Node right) {
        requireNumeric(left, operation.symbol);
        requireNumeric(right, operation.symbol);
        return tokens.checkHeight(new Arithmetic(left.column(), operation, left, right));
    }

    /** Prefix signs, read in a loop; on a numeric literal they fold into it ({@code -957} is a literal). */
    private Node unary() {
        Token first = tokens.peek();
        int signs = 0;
        boolean negate = false;
        while (tokens.peekIs(Kind.PLUS) || tokens.peekIs(Kind.MINUS)) {
            Token sign = tokens.next();
            tokens.descend(sign);
            signs++;
            negate ^= sign.is(Kind.MINUS);
        }
        Node node;
        if (signs > 0 && tokens.peekIs(Kind.EXACT_NUMBER)) {
            node = new Literal(first.column(), exactValue(tokens.next(), negate), true);
        } else if (signs > 0 && tokens.peekIs(Kind.APPROXIMATE_NUMBER)) {
            node = new Literal(first.column(), approximateValue(tokens.next(), negate), true);
        } else {
            node = primary();
            if (signs > 0) {
                requireNumeric(node, negate ? "unary -" : "unary +");
                node = tokens.checkHeight(new Sign(first.column(), node, negate));
            }
        }
        for (int i = 0; i < signs; i++) {
            tokens.ascend();
        }
        return node;
    }

    private Node primary() {
        Token token = tokens.next();
        switch (token.kind()) {
            case IDENTIFIER:
                return new Property(token.column(), token.text(), false);
            case STRING:
                return new Literal(token.column(), token.text(), true);
            case EXACT_NUMBER:
                return new Literal(token.column(), exactValue(token, false), true);
            case APPROXIMATE_NUMBER:
                return new Literal(token.column(), approximateValue(token, false), true);
            case LEFT_PAREN: {
                tokens.descend(token);
                Node inner = or();
                tokens.expect(Kind.RIGHT_PAREN, "')' to close the '(' at column " + token.column());
                tokens.ascend();
                return inner;
            }
            case KEYWORD:
                if (token.is(Keyword.TRUE) || token.is(Keyword.FALSE)) {
                    return new Literal(token.column(), token.is(Keyword.TRUE) ? Boolean.TRUE : Boolean.FALSE, true);
                }
                throw new InvalidSelectorException(token.column(), "expected an identifier, literal or '(' but found reserved word "
                    + token.keyword() + (token.is(Keyword.NULL) ? " (NULL is only allowed in IS [NOT] NULL)"
                    : ", which cannot be used as an identifier"));
            default:
                throw new InvalidSelectorException(token.column(),
                    "expected an identifier, literal or '(' but found " + token.describe());
        }
    }

    // ---- literals --------------------------------------------------------------------------------------

    /**
     * A Java integer literal as a Long. Decimal literals must fit a long (9223372036854775808 only when
     * negated); hex and octal literals may use all 64 bits, as Java long literals do.
     */
    private static Long exactValue(Token token, boolean negate) {
        String text = token.text();
        String digits = text.endsWith("l") || text.endsWith("L") ? text.substring(0, text.length() - 1) : text;
        int radix = 10;
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.charAt(0) == '0') {
            radix = 8;
        }
        BigInteger magnitude = new BigInteger(digits, radix);
        boolean fits = radix == 10
            ? magnitude.bitLength() < 64 || (negate && magnitude.equals(LONG_MIN_MAGNITUDE))
            : magnitude.compareTo(UNSIGNED_LONG_LIMIT) < 0;
        if (!fits) {
            throw new InvalidSelectorException(token.column(), "number " + text + " is out of the range of a long");
        }
        long value = magnitude.longValue();
        return negate ? -value : value;
    }

    private static Double approximateValue(Token token, boolean negate) {
        double value = Double.parseDouble(token.text());
        if (Double.isInfinite(value)) {
            throw new InvalidSelectorException(token.column(), "number " + token.text() + " is out of the range of a double");
        }
        return negate ? -value : value;
    }

    // ---- operand checks --------------------------------------------------------------------------------

    private static ComparisonOperator comparisonOperator(Token token) {
        return switch (token.kind()) {
            case EQUAL -> ComparisonOperator.EQUAL;
            case NOT_EQUAL -> ComparisonOperator.NOT_EQUAL;
            case LESS -> ComparisonOperator.LESS;
            case LESS_OR_EQUAL -> ComparisonOperator.LESS_OR_EQUAL;
            case GREATER -> ComparisonOperator.GREATER;
            case GREATER_OR_EQUAL -> ComparisonOperator.GREATER_OR_EQUAL;
            default -> null;
        };
    }

    /** An operand of AND, OR, NOT or the whole selector: a predicate as is, an identifier read as a Boolean. */
    private static Node truthValued(Node node) {
        if (node.yieldsBoolean()) {
            return node;
        }
        if (node instanceof Property) {
            return new AsBoolean(node, null);
        }
        throw new InvalidSelectorException(node.column(), "expected a boolean expression (a comparison, TRUE, FALSE or an identifier) but found "
            + describe(node));
    }

    private static void requireNumeric(Node node, String operator) {
        if (node.yieldsBoolean() || (node instanceof Literal literal && !(literal.value() instanceof Number))) {
            throw new InvalidSelectorException(node.column(), "'" + operator + "' needs numeric operands but found " + describe(node));
        }
    }

    private static Node requireIdentifier(Node node, Token operator, String what) {
        if (!(node instanceof Property)) {
            throw new InvalidSelectorException(node.column(), what + " applies to an identifier only, found " + describe(node)
                + " before " + operator.describe());
        }
        return node;
    }

    private static String describe(Node node) {
        if (node instanceof Literal literal) {
            Object value = literal.value();
            return value instanceof String ? "a string literal" : value instanceof Boolean ? "a boolean literal" : "a numeric literal";
        }
        if (node instanceof Property property) {
            return "identifier " + property.name();
        }
        return node.yieldsBoolean() ? "a boolean expression" : "an arithmetic expression";
    }
}
