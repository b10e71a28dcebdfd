package dev.plinth.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LdapFiltersTest {

    @Test
    void escapesTheFiltersSpecialCharactersAndNothingElse() {
        assertEquals("a\\(b\\)\\*c\\\\d~e=f", LdapFilters.escape("a(b)*c\\d~e=f"));
    }
}
