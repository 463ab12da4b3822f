package dev.apogee.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.header.namesrv.GetRouteInfoRequestHeader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestSignerTest {

    /**
     * The expected value was computed outside this code base, from the algorithm alone:
     * content = values of the sorted fields ("AccessKey"="ak", "topic"="T") concatenated = "akT",
     * followed by the body "hi"; signature = base64(HmacSHA1(key "sk", "akThi")), e.g. with
     * {@code printf 'akThi' | openssl dgst -sha1 -hmac sk -binary | base64}.
     */
    @Test
    void signatureMatchesTheAlgorithmComputedByHand() {
        RequestSigner signer = new RequestSigner(Credentials.of("ak", "sk"));
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC,
                new GetRouteInfoRequestHeader("T", null), "hi".getBytes(StandardCharsets.UTF_8));

        RemotingCommand signed = signer.sign(request);

        assertEquals("ak", signed.extFields().get(RequestSigner.ACCESS_KEY));
        assertEquals("T", signed.extFields().get("topic"));
        assertEquals(HAND_COMPUTED, signed.extFields().get(RequestSigner.SIGNATURE));
        assertFalse(signed.extFields().containsKey(RequestSigner.SECURITY_TOKEN));
    }

    private static final String HAND_COMPUTED = "Aw69rnksWMIskpzURKVqkFuaQ4M=";

    @Test
    void securityTokenIsSentAndSigned() {
        RequestSigner signer = new RequestSigner(new Credentials("ak", "sk", "tok"));
        RemotingCommand signed = signer.sign(RemotingCommand.request(RequestCode.HEART_BEAT, null, null));
        assertEquals("tok", signed.extFields().get(RequestSigner.SECURITY_TOKEN));
        // Sorted names: AccessKey, SecurityToken -> content "aktok", no body.
        assertEquals(TOKEN_HAND_COMPUTED, signed.extFields().get(RequestSigner.SIGNATURE));
    }

    private static final String TOKEN_HAND_COMPUTED = "WkZX4KYUgRSRJ+sa8aFX2LMgkyg=";

    @Test
    void credentialsNeverPrintTheSecret() {
        assertFalse(Credentials.of("ak", "very-secret").toString().contains("very-secret"));
    }
}
