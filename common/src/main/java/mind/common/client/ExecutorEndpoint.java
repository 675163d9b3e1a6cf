package mind.common.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jboss.logging.Logger;

/**
 * The executor: an endpoint outside Mind that takes a JSON body by {@code POST} at exactly one URL, the sandbox that
 * runs customer code (source-code agents in aiagent-svc, event hooks in settings-svc). The JDK's HTTP client rather
 * than a MicroProfile REST client: no header of the caller may travel there (the services propagate the caller's
 * Authorization to other services, and customer code must never see it), and the URL is the endpoint itself, not a
 * base.
 *
 * <p>The bodies carry customer code and opened secrets, so neither is ever logged and no message repeats what the
 * endpoint answered: only status codes and durations reach messages and logs (at DEBUG). Retries, timeouts around
 * the whole call and circuit breaking are the caller's (fault-tolerance annotations on its gateway bean), so that
 * each use keeps its own budget.
 */
public final class ExecutorEndpoint {

    private static final Logger LOG = Logger.getLogger(ExecutorEndpoint.class);

    private final String service;
    private final URI url;
    private final Duration timeout;
    private final int maxAnswer;
    private final String rejectedHint;
    private final HttpClient http;

    /**
     * @param service      how messages name it ("the executor endpoint")
     * @param timeout      one call's timeout
     * @param maxAnswer    longest answer kept, in characters (the rest is cut)
     * @param rejectedHint what a refusal's message tells the reader to check
     */
    public ExecutorEndpoint(String service, URI url, Duration timeout, int maxAnswer, String rejectedHint) {
        this.service = service;
        this.url = url;
        this.timeout = timeout;
        this.maxAnswer = maxAnswer;
        this.rejectedHint = rejectedHint;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * POSTs {@code body} (JSON) and answers the body of a 2xx answer, unread: whether it is usable is the caller's
     * question, not a failure of the endpoint.
     *
     * @throws RemoteRejectedException    the endpoint refused the request (4xx other than 408/429)
     * @throws RemoteUnavailableException it could not be reached, failed (5xx) or is overloaded (408, 429)
     * @throws RemoteTimeoutException     it did not answer in time (or answered 504)
     */
    public String post(byte[] body) {
        HttpRequest post = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(post, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            LOG.debugf("%s timed out after %d ms", service, (System.nanoTime() - started) / 1_000_000);
            throw new RemoteTimeoutException(service, 0, service + " did not answer in time", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteUnavailableException(service, 0, null, service + " call was interrupted", null);
        } catch (IOException e) {
            // the exception's message may name the URL with its query (a token in it): only its type is logged
            LOG.debugf("%s call failed: %s", service, e.getClass().getName());
            throw new RemoteUnavailableException(service, 0, null, service + " could not be reached"
                    + (e instanceof ConnectException ? "" : " (connection lost)"), null);
        }
        int status = response.statusCode();
        LOG.debugf("%s answered HTTP %d in %d ms", service, status, (System.nanoTime() - started) / 1_000_000);
        if (status >= 200 && status < 300) {
            String text = response.body();
            return text != null && text.length() > maxAnswer ? text.substring(0, maxAnswer) : text;
        }
        if (status == 504) {
            throw new RemoteTimeoutException(service, status, service + " answered HTTP 504", null);
        }
        if (status >= 500 || status == 408 || status == 429) {
            throw new RemoteUnavailableException(service, status, null, service + " answered HTTP " + status, null);
        }
        throw new RemoteRejectedException(service, status, "executor_rejected", service + " refused the request (HTTP "
                + status + "): " + rejectedHint);
    }
}
