package dev.plinth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WrkTest {

    private static final String OUTPUT = """
            Running 10s test @ http://127.0.0.1:8181/api/plugins
              2 threads and 32 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     2.81ms    2.53ms  61.42ms   94.70%
                Req/Sec     6.42k   541.12     7.37k    74.00%
              Latency Distribution
                 50%  852.00us
                 75%    3.08ms
                 90%    4.22ms
                 99%    1.20s
              128376 requests in 10.06s, 6.57GB read
            Requests/sec:  12766.91
            Transfer/sec:    668.67MB
            """;

    @Test
    void readsTheLatencyDistributionInMicrosecondsAndTheRate() throws IOException {
        Wrk.Result result = Wrk.parse(OUTPUT);

        assertEquals(Map.of(50, 852L, 75, 3080L, 90, 4220L, 99, 1_200_000L), result.micros());
        assertEquals(12766.91, result.perSecond(), 0.001);
    }

    @Test
    void answersOtherThanSuccessFailTheRun() {
        String refused = OUTPUT.replace("Requests/sec:", "  Non-2xx or 3xx responses: 128376\nRequests/sec:");

        assertThrows(IOException.class, () -> Wrk.parse(refused));
    }

    @Test
    void outputWithoutADistributionIsAnError() {
        assertThrows(IOException.class, () -> Wrk.parse("unable to connect to 127.0.0.1:8181 Connection refused"));
    }
}
