package mind.common.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ApiTimeTest {

    private static final Instant T = Instant.parse("2024-01-23T14:32:11Z");

    @Test
    void readsAllThreeFormsAndABareDate() {
        assertEquals(T, ApiTime.parse("2024-01-23 14:32:11"));
        assertEquals(T, ApiTime.parse("2024-01-23T14:32:11Z"));
        assertEquals(T, ApiTime.parse("2024-01-23T16:32:11+02:00"));
        assertEquals(T, ApiTime.parse("2024-01-23T14:32:11"));
        assertEquals(T, ApiTime.parse("1706020331"));
        assertEquals(Instant.parse("2024-01-23T00:00:00Z"), ApiTime.parse("2024-01-23"));
    }

    @Test
    void writesEnneoAndIsoForms() {
        assertEquals("2024-01-23 14:32:11", ApiTime.format(T));
        assertEquals("2024-01-23T14:32:11Z", ApiTime.formatIso(T.plusMillis(450)));
    }

    @Test
    void writesWhatTheFormatterWritesOverTheWholeRange() {
        long first = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (String edge : new String[] { "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1970-01-01T00:00:00Z",
                "2024-02-29T23:59:59Z", "1969-12-31T23:59:59.999Z", "2000-01-01T00:00:00.5Z", "0999-09-09T09:09:09Z" }) {
            Instant instant = Instant.parse(edge);
            assertEquals(ApiTime.ENNEO.format(instant), ApiTime.format(instant), edge);
        }
        SplittableRandom random = new SplittableRandom(20261203);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(first, last + 1), random.nextInt(1_000_000_000));
            assertEquals(ApiTime.ENNEO.format(instant), ApiTime.format(instant), instant.toString());
        }
        assertEquals(ApiTime.ENNEO.format(Instant.parse("+10000-01-01T00:00:00Z")),
                ApiTime.format(Instant.parse("+10000-01-01T00:00:00Z")), "beyond 9999: the formatter's own");
    }

    @Test
    void refusesOtherTextNamingTheAcceptedForms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiTime.parse("next tuesday"));
        assertEquals(true, e.getMessage().contains("YYYY-MM-DD HH:mm:ss"));
        assertThrows(IllegalArgumentException.class, () -> ApiTime.parse("2024-13-40 25:00:00"));
        // a day the month does not have, in every form: refused, never moved to the month's last day
        for (String impossible : new String[] { "2024-02-30 10:00:00", "2031-02-29 00:00:00", "2024-04-31 00:00:00",
                "2024-02-30", "2024-02-30T10:00:00Z", "2024-02-30T10:00:00" }) {
            assertThrows(IllegalArgumentException.class, () -> ApiTime.parse(impossible), impossible);
        }
        assertEquals(Instant.parse("2024-02-29T10:00:00Z"), ApiTime.parse("2024-02-29 10:00:00"));
    }

    @Test
    void refusesTimesOutsideYearsOneTo9999() {
        assertThrows(IllegalArgumentException.class, () -> ApiTime.parse("99999999999999"));
        assertThrows(IllegalArgumentException.class, () -> ApiTime.parse("-5000-01-01T00:00:00Z"));
        assertThrows(IllegalArgumentException.class, () -> ApiTime.parse("999999999999999999"));
        assertThrows(IllegalArgumentException.class, () -> ApiTime.ofEpochSecond(Long.MAX_VALUE));
        assertEquals(Instant.parse("9999-12-31T23:59:59Z"), ApiTime.parse("9999-12-31 23:59:59"));
    }
}
