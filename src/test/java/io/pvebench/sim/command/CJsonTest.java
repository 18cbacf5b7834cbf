package io.pvebench.sim.command;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The cJSON printer reproduces real iperf3 3.12 documents byte for byte. */
class CJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"client-t2.json", "client-P2-R.json", "client-O1.json", "client-refused.json",
        "udp-default-t2.json", "udp-b1G-t2.json", "udp-b100M-P2-t2.json", "udp-b100M-P2-R-t2.json",
        "udp-b100M-l1400-t2.json", "udp-b100M-t2-server-output.json", "udp-b100M-t2-R-server-output.json",
        "udp-b100M-P2-t2-server-output.json", "udp-b10M-l40000-t1.json"})
    void reprintingARealIperf3DocumentGivesTheSameBytes(String file) throws IOException {
        String real;
        try (InputStream in = getClass().getResourceAsStream("/sim/iperf3/" + file)) {
            real = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (JsonParser parser = new JsonFactory().createParser(real)) {
            parser.nextToken();
            JsonObject root = (JsonObject) read(parser);
            assertThat(CJson.print(root)).isEqualTo(real);
        }
    }

    /** Reads with a streaming parser so repeated keys and key order survive. */
    private static Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                JsonObject o = new JsonObject();
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    String key = p.currentName();
                    p.nextToken();
                    o.put(key, read(p));
                }
                return o;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(p));
                }
                return list;
            }
            case VALUE_NUMBER_INT -> {
                return p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return true;
            }
            case VALUE_FALSE -> {
                return false;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> {
                return p.getText();
            }
        }
    }
}
