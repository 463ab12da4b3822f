package dev.apogee.selector;

import dev.apogee.selector.Token.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parser for Apache RocketMQ's SQL92 filter language, accepting exactly what Apache's JavaCC grammar
 * ({@code filter/.../parser/SelectorParser.jj}) and the checks in its expression factories accept.
 *
 * <p>Grammar, loosest first (facts from SelectorParser.jj):
 * <pre>
 *   or         := and (OR and)*
 *   and        := equality (AND equality)*
 *   equality   := comparison ( '=' comparison | '&lt;&gt;' comparison | IS NULL | IS NOT NULL )*
 *   comparison := unary ( ('&gt;'|'&gt;='|'&lt;'|'&lt;=') unary
 *                       | [NOT] (CONTAINS|STARTSWITH|ENDSWITH) string
 *                       | [NOT] BETWEEN unary AND unary
 *                       | [NOT] IN '(' string (',' string)* ')' )*
 *   unary      := '+' unary | '-' unary | NOT unary | primary
 *   primary    := string | decimal | float | TRUE | FALSE | NULL | identifier | '(' or ')'
 * </pre>
 * So NOT binds tighter than comparisons ({@code NOT a = 'x'} is {@code (NOT a) = 'x'}), comparisons
 * chain left to right, and there is no arithmetic and no LIKE. The grammar has no end-of-input rule:
 * whatever follows a complete expression is ignored unless the one token the parser peeks at is
 * malformed ({@code a = 1)} and {@code a = 1 b} are accepted and mean {@code a = 1}).
 *
 * <p>Checks (facts from ComparisonExpression, ConstantExpression, UnaryExpression, SelectorParser):
 * the selector and the operands of AND, OR and NOT must be boolean (a predicate, TRUE, FALSE, NULL, or
 * an identifier, which is then read as a Boolean); operands of &gt; &gt;= &lt; &lt;= (and BETWEEN)
 * cannot be string, boolean or NULL literals nor predicates; = and &lt;&gt; refuse a NULL literal, and
 * TRUE/FALSE on the left of a non-boolean literal; BETWEEN with two literal bounds needs low &lt;= high;
 * IN applies to an identifier only; decimal literals must fit a long; floating-point literals must lie
 * between Double.MIN_VALUE and Double.MAX_VALUE, so {@code 0.0} is rejected.
 */
final class RocketMqParser {

    private final TokenStream tokens;

    RocketMqParser(String expression, SelectorLimits limits) {
        this.tokens = new TokenStream(expression, SelectorDialect.ROCKETMQ, limits);
    }

    Node parse() {
        if (tokens.peekIs(Kind.END)) {
            throw new InvalidSelectorException(1, "the expression is empty");
        }
        // Deliberately no check for the end of input: see the class comment.
        return truthValued(or());
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
        Node first = equality();
        if (!tokens.peekIs(Keyword.AND)) {
            return first;
        }
        List<Node> operands = new ArrayList<>();
        operands.add(truthValued(first));
        while (tokens.accept(Keyword.AND)) {
            operands.add(truthValued(equality()));
        }
        return tokens.checkHeight(new AndNode(first.column(), operands.toArray(Node[]::new)));
    }

    private Node equality() {
        Node left = comparison();
        while (true) {
            Token operator = tokens.peek();
            if (operator.is(Kind.EQUAL) || operator.is(Kind.NOT_EQUAL)) {
                tokens.next();
                Node equal = equal(left, comparison());
                left = operator.is(Kind.EQUAL) ? equal : new NotNode(left.column(), equal);
            } else if (operator.is(Keyword.IS)) {
                tokens.next();
                boolean not = tokens.accept(Keyword.NOT);
                tokens.expect(Keyword.NULL, not ? "NULL" : "NULL or NOT NULL after IS");
                left = new IsNull(left.column(), left, not);
            } else {
                return left;
            }
            tokens.checkHeight(left);
        }
    }

    private Node comparison() {
        Node left = unary();
        while (true) {
            Token operator = tokens.peek();
            ComparisonOperator relational = relationalOperator(operator);
            if (relational != null) {
                tokens.next();
                left = relational(relational, left, unary());
            } else if (isComparisonKeyword(operator)) {
                tokens.next();
                left = keywordComparison(operator, left, false);
            } else if (operator.is(Keyword.NOT)) {
                tokens.next();
                Token after = tokens.peek();
                if (!isComparisonKeyword(after)) {
                    throw tokens.unexpected("CONTAINS, STARTSWITH, ENDSWITH, BETWEEN or IN after NOT");
                }
                tokens.next();
                left = keywordComparison(after, left, true);
            } else {
                return left;
            }
            tokens.checkHeight(left);
        }
    }

    private static boolean isComparisonKeyword(Token token) {
        return token.is(Keyword.CONTAINS) || token.is(Keyword.STARTSWITH) || token.is(Keyword.ENDSWITH)
            || token.is(Keyword.BETWEEN) || token.is(Keyword.IN);
    }

    /** The predicate introduced by {@code keyword}, which has just been consumed. */
    private Node keywordComparison(Token keyword, Node left, boolean negated) {
        switch (keyword.keyword()) {
            case BETWEEN -> {
                Node low = unary();
                tokens.expect(Keyword.AND, "AND between the bounds of BETWEEN");
                return between(left, low, unary(), negated);
            }
            case IN -> {
                return in(left, keyword, negated);
            }
            default -> {
                String search = tokens.expect(Kind.STRING, "a string literal after " + keyword.keyword()).text();
                StringTest.Kind kind = StringTest.Kind.valueOf(keyword.keyword().name());
                return new StringTest(left.column(), left, kind, search, negated);
            }
        }
    }

    private Node between(Node value, Node low, Node high, boolean negated) {
        if (!negated && isSourceLiteral(low) && isSourceLiteral(high)) {
            Object lowValue = ((Literal) low).value();
            Object highValue = ((Literal) high).value();
            if (lowValue == null || highValue == null) {
                throw new InvalidSelectorException(low.column(), "the bounds of BETWEEN cannot be NULL");
            }
            if (lowValue instanceof Number && highValue instanceof Number
                && RocketMqValues.compare(highValue, lowValue) < 0) {
                throw new InvalidSelectorException(low.column(), "the lower bound of BETWEEN (" + lowValue
                    + ") must not be greater than the upper bound (" + highValue + ")");
            }
        }
        // Apache builds BETWEEN as (x >= low AND x <= high) and NOT BETWEEN as (x < low OR x > high).
        Node[] pair = negated
            ? new Node[] {relational(ComparisonOperator.LESS, value, low), relational(ComparisonOperator.GREATER, value, high)}
            : new Node[] {relational(ComparisonOperator.GREATER_OR_EQUAL, value, low), relational(ComparisonOperator.LESS_OR_EQUAL, value, high)};
        return negated ? new OrNode(value.column(), pair) : new AndNode(value.column(), pair);
    }

    private Node in(Node left, Token keyword, boolean negated) {
        tokens.expect(Kind.LEFT_PAREN, "'(' to open the IN list");
        Set<String> values = new LinkedHashSet<>();
        values.add(tokens.expect(Kind.STRING, "a string literal in the IN list").text());
        while (tokens.peekIs(Kind.COMMA)) {
            tokens.next();
            values.add(tokens.expect(Kind.STRING, "a string literal in the IN list").text());
        }
        tokens.expect(Kind.RIGHT_PAREN, "',' or ')' in the IN list");
        if (!(left instanceof Property)) {
            throw new InvalidSelectorException(left.column(), "IN applies to an identifier only (before " + keyword.describe() + ")");
        }
        return new InList(left.column(), left, values, negated, null);
    }

    /** Prefix +, - and NOT, read in a loop and applied innermost first. */
    private Node unary() {
        List<Token> prefixes = new ArrayList<>();
        while (tokens.peekIs(Kind.PLUS) || tokens.peekIs(Kind.MINUS) || tokens.peekIs(Keyword.NOT)) {
            Token prefix = tokens.next();
            tokens.descend(prefix);
            prefixes.add(prefix);
        }
        Node node = primary();
        for (int i = prefixes.size() - 1; i >= 0; i--) {
            Token prefix = prefixes.get(i);
            if (prefix.is(Kind.MINUS)) {
                node = negate(prefix, node);
            } else if (prefix.is(Keyword.NOT)) {
                node = new NotNode(prefix.column(), truthValued(node));
            }
            // Unary plus is the identity there: +5 stays a literal as written.
            tokens.ascend();
        }
        return prefixes.isEmpty() ? node : tokens.checkHeight(node);
    }

    /**
     * Apache negates Integer, Long and Double values and makes anything else NULL; on a literal this is
     * decided here. The result is no longer a literal as written (Apache's checks skip it).
     */
    private static Node negate(Token minus, Node operand) {
        if (operand instanceof Literal literal) {
            Object value = literal.value();
            Object negated = null;
            if (value instanceof Integer i) {
                negated = -i;
            } else if (value instanceof Long l) {
                negated = -l;
            } else if (value instanceof Double d) {
                negated = -d;
            }
            return new Literal(minus.column(), negated, false);
        }
        return new Sign(minus.column(), operand, true);
    }

    private Node primary() {
        Token token = tokens.next();
        switch (token.kind()) {
            case IDENTIFIER:
                return new Property(token.column(), token.text(), true);
            case STRING:
                return new Literal(token.column(), token.text(), true);
            case EXACT_NUMBER:
                return new Literal(token.column(), decimalValue(token), true);
            case APPROXIMATE_NUMBER:
                return new Literal(token.column(), floatValue(token), true);
            case LEFT_PAREN: {
                tokens.descend(token);
                Node inner = or();
                tokens.expect(Kind.RIGHT_PAREN, "')' to close the '(' at column " + token.column());
                tokens.ascend();
                return inner;
            }
            case KEYWORD:
                if (token.is(Keyword.TRUE) || token.is(Keyword.FALSE) || token.is(Keyword.NULL)) {
                    Boolean value = token.is(Keyword.TRUE) ? Boolean.TRUE : token.is(Keyword.FALSE) ? Boolean.FALSE : null;
                    return new Literal(token.column(), value, true);
                }
                throw new InvalidSelectorException(token.column(), "expected an identifier, literal or '(' but found reserved word "
                    + token.keyword() + ", which cannot be used as an identifier");
            default:
                throw new InvalidSelectorException(token.column(),
                    "expected an identifier, literal or '(' but found " + token.describe());
        }
    }

    // ---- literals --------------------------------------------------------------------------------------

    /** A decimal literal: Integer when it fits an int, else Long; beyond a long it is an error. */
    private static Number decimalValue(Token token) {
        String text = token.text();
        String digits = text.endsWith("l") || text.endsWith("L") ? text.substring(0, text.length() - 1) : text;
        long value;
        try {
            value = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new InvalidSelectorException(token.column(), "number " + text + " is out of the range of a long");
        }
        if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            return Integer.valueOf((int) value); // not a conditional expression: that would promote it to Long
        }
        return Long.valueOf(value);
    }

    private static Double floatValue(Token token) {
        double value = Double.parseDouble(token.text());
        if (value > Double.MAX_VALUE) {
            throw new InvalidSelectorException(token.column(), "number " + token.text() + " is greater than the largest double");
        }
        if (value < Double.MIN_VALUE) {
            throw new InvalidSelectorException(token.column(), "number " + token.text()
                + " is less than the smallest positive double (the ROCKETMQ dialect rejects zero and underflowing literals)");
        }
        return value;
    }

    // ---- operand checks --------------------------------------------------------------------------------

    private static ComparisonOperator relationalOperator(Token token) {
        return switch (token.kind()) {
            case LESS -> ComparisonOperator.LESS;
            case LESS_OR_EQUAL -> ComparisonOperator.LESS_OR_EQUAL;
            case GREATER -> ComparisonOperator.GREATER;
            case GREATER_OR_EQUAL -> ComparisonOperator.GREATER_OR_EQUAL;
            default -> null;
        };
    }

    private Node relational(ComparisonOperator operator, Node left, Node right) {
        requireOrderable(left, operator);
        requireOrderable(right, operator);
        return tokens.checkHeight(new RocketMqRelational(left.column(), operator, left, right));
    }

    private static Node equal(Node left, Node right) {
        for (Node operand : new Node[] {left, right}) {
            if (isSourceLiteral(operand) && ((Literal) operand).value() == null) {
                throw new InvalidSelectorException(operand.column(), "NULL cannot be compared with = or <>; use IS [NOT] NULL");
            }
        }
        if (isSourceLiteral(left) && isSourceLiteral(right) && left.yieldsBoolean() && !right.yieldsBoolean()) {
            throw new InvalidSelectorException(left.column(), "a boolean literal cannot be compared with a "
                + (((Literal) right).value() instanceof String ? "string" : "numeric") + " literal");
        }
        return new RocketMqEquality(left.column(), left, right);
    }

    private static void requireOrderable(Node operand, ComparisonOperator operator) {
        boolean literalOk = !isSourceLiteral(operand) || ((Literal) operand).value() instanceof Number;
        if (!literalOk || (!isSourceLiteral(operand) && operand.yieldsBoolean())) {
            throw new InvalidSelectorException(operand.column(), "'" + operator.symbol()
                + "' compares numbers only; its operand cannot be a string, boolean or NULL literal or a predicate");
        }
    }

    private static Node truthValued(Node node) {
        if (node.yieldsBoolean()) {
            return node;
        }
        if (node instanceof Property) {
            return new AsBoolean(node, Boolean.FALSE);
        }
        throw new InvalidSelectorException(node.column(),
            "expected a boolean expression (a comparison, TRUE, FALSE, NULL or an identifier)");
    }

    private static boolean isSourceLiteral(Node node) {
        return node instanceof Literal literal && literal.fromSource();
    }
}
