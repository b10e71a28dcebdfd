package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import jakarta.servlet.http.HttpServletRequest;

class SessionCookieTest {

    @Test
    void everyIdOfEveryValueIsACandidateEachOnce() {
        assertEquals(List.of("a1", "b2", "c3"), SessionCookie.read(request("other=1; plinth-session=a1.b2",
                "plinth-session=\"c3.a1\"")));
        assertEquals(List.of("a1", "b2"), SessionCookie.read(request("plinth-session=.a1..b2.")), "empty ids are none");
        assertEquals(List.of(), SessionCookie.read(request("plinth-session=.; plinth-session=")));
        assertEquals(List.of(), SessionCookie.read(request("plinth-sessions=a1; xplinth-session=b2")));
    }

    @Test
    void atMostEightValuesOfEightIdsAreLookedAt() {
        String nine = String.join(".", IntStream.range(0, 9).mapToObj(i -> "v0i" + i).toList());
        List<String> ids = SessionCookie.read(request("plinth-session=" + nine + "; plinth-session=v1i0"));
        assertEquals(9, ids.size(), ids.toString());
        assertEquals("v0i7", ids.get(7), "the ninth id of a value is not looked at");
        assertEquals("v1i0", ids.get(8), "but the next value is");

        String[] values = IntStream.range(0, 10).mapToObj(i -> "plinth-session=w" + i).toArray(String[]::new);
        assertEquals(List.of("w0", "w1", "w2", "w3", "w4", "w5", "w6", "w7"), SessionCookie.read(request(values)));
    }

    @Test
    void theCookieWrittenJoinsTheIdsAndCarriesAtMostEight() {
        assertEquals("plinth-session=a1.b2; Path=/; HttpOnly; SameSite=Strict; Max-Age=60",
                SessionCookie.set(List.of("a1", "b2"), 60, false));
        assertEquals("plinth-session=a1; Path=/; HttpOnly; SameSite=Strict; Max-Age=60; Secure",
                SessionCookie.set(List.of("a1"), 60, true));
        List<String> ten = IntStream.range(0, 10).mapToObj(i -> "id" + i).toList();
        assertEquals("plinth-session=" + String.join(".", ten.subList(0, 8)) + ";",
                SessionCookie.set(ten, 60, false).split(" ")[0]);
    }

    private static HttpServletRequest request(String... cookieHeaders) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> method.getName().equals("getHeaders")
                        && "Cookie".equals(args[0]) ? Collections.enumeration(List.of(cookieHeaders)) : null);
    }
}
