package dev.apogee.remoting.protocol;

/**
 * The sender's implementation language, carried in every command header. The JSON header carries
 * the enum name; the binary header carries {@link #code()}, which is the declaration order below.
 */
public enum LanguageCode {
    JAVA, CPP, DOTNET, PYTHON, DELPHI, ERLANG, RUBY, OTHER, HTTP, GO, PHP, OMS, RUST, NODE_JS;

    private static final LanguageCode[] BY_CODE = values();

    /** The byte that the binary header uses for this language. */
    public byte code() {
        return (byte) ordinal();
    }

    /** The language for a binary-header code; an unknown code reads as {@link #OTHER}. */
    public static LanguageCode ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : OTHER;
    }

    /** The language for a JSON-header name; an unknown name reads as {@link #OTHER}. */
    public static LanguageCode ofName(String name) {
        if (name == null) {
            return OTHER;
        }
        for (LanguageCode language : BY_CODE) {
            if (language.name().equals(name)) {
                return language;
            }
        }
        return OTHER;
    }
}
