package dev.apogee.admin.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyViewTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void jsonIsLabelledAndPrettyPrinted() {
        BodyView view = BodyView.of(utf8("{\"a\":[1,2],\"b\":\"x\"}"), 1024);
        assertEquals("UTF-8 (JSON)", view.encoding());
        assertEquals("{\n  \"a\" : [ 1, 2 ],\n  \"b\" : \"x\"\n}", view.prettyJson().replace("\r\n", "\n"));
        assertFalse(view.truncated());
    }

    @Test
    void plainTextAndTextThatOnlyLooksLikeJson() {
        BodyView text = BodyView.of(utf8("héllo wörld\n"), 1024);
        assertEquals("UTF-8", text.encoding());
        assertEquals("héllo wörld\n", text.text());
        assertNull(text.prettyJson());
        assertNull(BodyView.of(utf8("{not json"), 1024).prettyJson());
    }

    @Test
    void binaryIsLabelledAndShownWithDotsAndHex() {
        BodyView view = BodyView.of(new byte[] {0x00, 0x41, (byte) 0xFF, 0x0A}, 1024);
        assertEquals("binary", view.encoding());
        assertEquals(".A\u00ff\n", view.text());
        assertEquals("00000000  00 41 ff 0a" + " ".repeat(12 * 3 + 1) + "  .A..\n", view.hex());
    }

    @Test
    void largeBodiesAreCutAtALimitWithoutSplittingACharacter() {
        byte[] body = utf8("é".repeat(10));
        BodyView cut = BodyView.of(body, 5);
        assertTrue(cut.truncated());
        assertEquals("éé", cut.text(), "the half character at the cut is left out");
        assertEquals(20, cut.size());
        assertEquals(1, cut.hex().lines().count());
        assertNull(cut.prettyJson());
        assertEquals("é".repeat(10), BodyView.of(body, Integer.MAX_VALUE).text());
    }

    @Test
    void anEmptyBody() {
        assertEquals("empty", BodyView.of(new byte[0], 10).encoding());
    }
}
