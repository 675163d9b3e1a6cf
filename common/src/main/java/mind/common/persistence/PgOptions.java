package mind.common.persistence;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

/**
 * The non-blocking PostgreSQL client's connection options for the database the JDBC datasource uses:
 * host, port, database, SSL mode and credentials read from {@code quarkus.datasource.jdbc.url} and the
 * datasource's username and password, so a service that also reads through the reactive client needs no
 * second URL. Called only by services that include {@code quarkus-reactive-pg-client}.
 */
public final class PgOptions {

    private static final Pattern JDBC_URL = Pattern.compile("^jdbc:postgresql://([^/:?,]+)(?::(\\d+))?/([^?]*)(?:\\?(.*))?$");

    private PgOptions() {
    }

    /**
     * @throws IllegalArgumentException when the URL is not of the form {@code jdbc:postgresql://host[:port]/database[?...]}
     *                                  (several hosts, for example)
     */
    public static PgConnectOptions fromJdbc(String jdbcUrl, Optional<String> username, Optional<String> password) {
        Matcher m = JDBC_URL.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("quarkus.datasource.jdbc.url is not of the form jdbc:postgresql://host[:port]/database");
        }
        PgConnectOptions options = new PgConnectOptions().setHost(m.group(1))
                .setPort(m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)))
                .setDatabase(m.group(3));
        if (m.group(4) != null) {
            // user and password may be given in the URL's parameters, as JDBC allows
            for (String param : m.group(4).split("&")) {
                int eq = param.indexOf('=');
                if (eq > 0) {
                    String value = URLDecoder.decode(param.substring(eq + 1), StandardCharsets.UTF_8);
                    switch (param.substring(0, eq)) {
                        case "user" -> options.setUser(value);
                        case "password" -> options.setPassword(value);
                        // as libpq reads it: require/prefer/allow encrypt without checking the certificate
                        case "sslmode" -> {
                            SslMode mode = SslMode.of(value);
                            options.setSslMode(mode);
                            if (mode == SslMode.REQUIRE || mode == SslMode.PREFER || mode == SslMode.ALLOW) {
                                options.setTrustAll(true);
                            }
                        }
                        default -> {
                            // connection tuning of the JDBC driver
                        }
                    }
                }
            }
        }
        // the datasource's own credentials win over the URL's
        username.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        return options;
    }
}
