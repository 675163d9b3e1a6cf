package mind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code ./mind startup [ROUNDS]}: how many times each service is started (bench/run asks for 3). */
class StartupRoundsTest {

    @Test
    void oneRoundUnlessToldOtherwise() {
        assertEquals(1, Mind.rounds(new String[] {"startup"}));
        assertEquals(3, Mind.rounds(new String[] {"startup", "3"}));
        assertEquals(20, Mind.rounds(new String[] {"startup", "20"}));
    }
}
