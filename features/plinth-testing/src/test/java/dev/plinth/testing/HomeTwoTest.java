package dev.plinth.testing;

import org.junit.jupiter.api.Test;

/** One of two test classes that check, in one JVM, that each has a home of its own and the other's is gone. */
@PlinthTest(plugin = "dev.plinth.sample.versioned")
class HomeTwoTest {

    @Test
    void hasAHomeOfItsOwn(PlinthRuntime plinth) {
        Homes.check(plinth.home());
    }
}
