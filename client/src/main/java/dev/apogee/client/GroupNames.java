package dev.apogee.client;

/** RocketMQ's rule for producer and consumer group names: 1 to 120 characters of {@code [%|a-zA-Z0-9_-]}. */
public final class GroupNames {

    /** Longest group name the protocol accepts. */
    public static final int MAX_LENGTH = 120;

    private GroupNames() {
    }

    /**
     * Checks {@code group}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static String check(String group) {
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("the group name is blank");
        }
        if (group.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the group name " + group + " is longer than " + MAX_LENGTH
                    + " characters");
        }
        for (int i = 0; i < group.length(); i++) {
            char c = group.charAt(i);
            boolean valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '%' || c == '|' || c == '_' || c == '-';
            if (!valid) {
                throw new IllegalArgumentException("the group name " + group + " contains the character '" + c
                        + "'; only letters, digits, '%', '|', '_' and '-' are allowed");
            }
        }
        return group;
    }
}
