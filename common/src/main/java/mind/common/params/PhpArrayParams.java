package mind.common.params;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.UriInfo;

import mind.common.error.ApiException;

/**
 * Array query parameters in every form enneo's clients send them: PHP's {@code name[]=a&name[]=b}
 * and {@code name[0]=a&name[1]=b} (what {@code http_build_query} writes), and plain repeated
 * {@code name=a&name=b}. JAX-RS sees each of these as a different parameter; this reads them all
 * from the query string, in the order sent. Splitting a value at commas ({@code name=a,b}) is the
 * caller's choice, since some values may contain commas.
 */
public final class PhpArrayParams {

    /** Index digits of {@code name[n]}; more than four digits is no array a client means. */
    private static final Pattern INDEXED = Pattern.compile("\\[\\d{1,4}]");

    /**
     * One value and the parameter it came as ({@code channels[]}, {@code channels[2]} or
     * {@code channels}), so that a 400 names what the client sent.
     */
    public record Value(String parameter, String value) {
    }

    private PhpArrayParams() {
    }

    /**
     * Every value of array parameter {@code name} in any of its forms, in query order.
     *
     * @param maxValues more values than this is a 400 naming {@code name}
     */
    public static List<Value> values(UriInfo uriInfo, String name, int maxValues) {
        return values(uriInfo.getRequestUri(), name, maxValues);
    }

    static List<Value> values(URI uri, String name, int maxValues) {
        String query = uri.getRawQuery();
        List<Value> values = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return values;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), name);
            if (!isForm(key, name)) {
                continue;
            }
            if (values.size() == maxValues) {
                throw ApiException.invalidField(name, "at most " + maxValues + " values");
            }
            values.add(new Value(key, eq < 0 ? "" : decode(pair.substring(eq + 1), key)));
        }
        return values;
    }

    private static boolean isForm(String key, String name) {
        if (!key.startsWith(name)) {
            return false;
        }
        String suffix = key.substring(name.length());
        return suffix.isEmpty() || suffix.equals("[]") || INDEXED.matcher(suffix).matches();
    }

    private static String decode(String text, String parameter) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(parameter, "is not correctly percent-encoded");
        }
    }
}
