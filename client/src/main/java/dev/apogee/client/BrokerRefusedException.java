package dev.apogee.client;

import dev.apogee.remoting.protocol.ResponseCode;

/**
 * A server (broker or name server) answered a request with a failure code. The code is the
 * protocol's ({@link ResponseCode}); the remark is the server's explanation.
 */
public class BrokerRefusedException extends ClientException {

    private static final long serialVersionUID = 1L;

    private final int responseCode;
    private final String address;
    private final String remark;

    /** The refusal of a request to {@code address} with {@code responseCode} and the server's {@code remark}. */
    public BrokerRefusedException(String address, int responseCode, String remark) {
        super(address + " refused the request: " + ResponseCode.name(responseCode) + " (" + responseCode + ")"
                + (remark == null || remark.isEmpty() ? "" : ": " + remark));
        this.responseCode = responseCode;
        this.address = address;
        this.remark = remark;
    }

    /** The response code ({@link ResponseCode}). */
    public int responseCode() {
        return responseCode;
    }

    /** The {@code host:port} of the server that refused. */
    public String address() {
        return address;
    }

    /** The server's explanation; may be null. */
    public String remark() {
        return remark;
    }
}
