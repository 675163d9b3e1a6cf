package mind.common.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * The time formats of the enneo API. Written as {@code YYYY-MM-DD HH:mm:ss} in UTC (or ISO-8601 /
 * unix seconds where enneo does); read in any of the three, plus a bare date.
 */
public final class ApiTime {

    public static final DateTimeFormatter ENNEO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private ApiTime() {
    }

    /**
     * {@code YYYY-MM-DD HH:mm:ss} in UTC, as {@link #ENNEO} writes it, digit by digit: every ticket a GET or a search
     * answers carries several times, and the formatter's generic field walk was about 3% of a GET's CPU
     * (bench/RESULTS.md). {@code ApiTimeTest} compares the two over the whole range; a year outside 1 to 9999 (which
     * nothing here stores) goes through the formatter.
     */
    public static String format(Instant instant) {
        if (instant == null) {
            return null;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 1 || year > 9999) {
            return ENNEO.format(instant);
        }
        char[] text = new char[19];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, t.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, t.getDayOfMonth(), 2);
        text[10] = ' ';
        digits(text, 11, t.getHour(), 2);
        text[13] = ':';
        digits(text, 14, t.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, t.getSecond(), 2);
        return new String(text);
    }

    /** Writes {@code value} as {@code width} decimal digits, zero-padded, at {@code at}. */
    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    public static String formatIso(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * Parses {@code 2024-01-23 14:32:11} (UTC), ISO-8601 with or without offset ({@code 2024-01-23T14:32:11Z}),
     * a bare date {@code 2024-01-23} (midnight UTC) or unix seconds {@code 1706020331}.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Instant parse(String text) {
        return inRange(parseAny(text.trim()), text);
    }

    /** Unix seconds as sent in a JSON number; same range as {@link #parse}. */
    public static Instant ofEpochSecond(long seconds) {
        try {
            return inRange(Instant.ofEpochSecond(seconds), Long.toString(seconds));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + seconds + "' is out of range; times lie between the years 1 and 9999");
        }
    }

    /** Years 1 to 9999: what every format here can write back and PostgreSQL can store. */
    private static Instant inRange(Instant instant, String text) {
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw new IllegalArgumentException("'" + text + "' is out of range; times lie between the years 1 and 9999");
        }
        return instant;
    }

    private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59Z");

    /** Compiled once: request bodies carry many times (a transcript, one per line), each parsed here. */
    private static final Pattern EPOCH_SECONDS = Pattern.compile("-?\\d{1,18}");
    private static final Pattern WITH_OFFSET = Pattern.compile(".*[+-]\\d{2}:?\\d{2}$");
    /** Strict: 2024-02-30 is refused, not turned into 2024-02-29 (as the ISO forms already are). */
    private static final DateTimeFormatter ENNEO_LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);

    private static Instant parseAny(String text) {
        String value = text;
        try {
            if (EPOCH_SECONDS.matcher(value).matches()) {
                return Instant.ofEpochSecond(Long.parseLong(value));
            }
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (value.length() == 19 && value.charAt(10) == ' ') {
                return LocalDateTime.parse(value, ENNEO_LOCAL).toInstant(ZoneOffset.UTC);
            }
            if (value.endsWith("Z") || WITH_OFFSET.matcher(value).matches()) {
                return OffsetDateTime.parse(value).toInstant();
            }
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a time; use 'YYYY-MM-DD HH:mm:ss' (UTC), ISO-8601 or unix seconds");
        }
    }
}
