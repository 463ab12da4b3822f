package dev.apogee.client.auth;

import dev.apogee.remoting.protocol.RemotingCommand;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests the way RocketMQ's ACL servers verify them: the request carries {@code AccessKey}
 * (and {@code SecurityToken} if any) among its header fields, and {@code Signature}, the Base64 of
 * HmacSHA1(secret, content), where content is the UTF-8 bytes of every header field's value
 * concatenated in the order of the field names, followed by the body bytes.
 *
 * <p>Thread-safe; a {@link Mac} is made per call (cheap next to a network round trip).
 */
public final class RequestSigner {

    /** Header field naming the access key. */
    public static final String ACCESS_KEY = "AccessKey";
    /** Header field carrying the signature. */
    public static final String SIGNATURE = "Signature";
    /** Header field carrying the security token. */
    public static final String SECURITY_TOKEN = "SecurityToken";

    private static final String ALGORITHM = "HmacSHA1";

    private final Credentials credentials;
    private final SecretKeySpec key;

    /** A signer with {@code credentials}. */
    public RequestSigner(Credentials credentials) {
        this.credentials = credentials;
        this.key = new SecretKeySpec(credentials.secretKey().getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** {@code request} with the access key, token and signature added to its header fields. */
    public RemotingCommand sign(RemotingCommand request) {
        Map<String, String> added = new HashMap<>();
        added.put(ACCESS_KEY, credentials.accessKey());
        if (credentials.securityToken() != null) {
            added.put(SECURITY_TOKEN, credentials.securityToken());
        }
        TreeMap<String, String> fields = new TreeMap<>(request.extFields());
        fields.putAll(added);
        fields.remove(SIGNATURE);
        added.put(SIGNATURE, signature(fields, request.body()));
        return request.withExtFields(added);
    }

    /**
     * The signature of header {@code fields} (sorted by name) and {@code body} (may be null).
     */
    public String signature(TreeMap<String, String> fields, byte[] body) {
        StringBuilder values = new StringBuilder();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (!SIGNATURE.equals(field.getKey())) {
                values.append(field.getValue());
            }
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(values.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                mac.update(body);
            }
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            // HmacSHA1 is a JDK-mandated algorithm; failing here means a broken runtime.
            throw new IllegalStateException("cannot compute an " + ALGORITHM + " signature", e);
        }
    }
}
