package mind.telephony.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.restassured.path.json.JsonPath;

/**
 * A real Server-Sent Events client over java.net.http: reads the stream line by line on a thread of its
 * own and hands out whole messages (or comments), each wait bounded by a timeout.
 */
public final class SseClient implements AutoCloseable {

    /** One block of the stream: id and data of a message, or comment lines only. */
    public record Message(String id, String data, List<String> comments) {

        public boolean isComment() {
            return data == null;
        }

        public JsonPath json() {
            return JsonPath.from(data);
        }

        public String type() {
            return json().getString("type");
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String END = "\u0000end";

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().start(() -> {
            try (Stream<String> body = response.body()) {
                body.forEach(lines::add);
            } catch (RuntimeException closed) {
                // closed by close(), or by the server
            } finally {
                lines.add(END);
            }
        });
    }

    /** Opens the stream; {@code headers} are name, value pairs (Authorization, Cookie, Last-Event-ID). */
    public static SseClient open(URI uri, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<Stream<String>> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            String body;
            try (Stream<String> s = response.body()) {
                body = String.join("\n", s.toList());
            }
            throw new IllegalStateException("event stream answered " + response.statusCode() + ": " + body);
        }
        return new SseClient(response);
    }

    public HttpResponse<?> response() {
        return response;
    }

    /** The next block (message or comment); fails when none arrives within {@code timeout} or the stream ended. */
    public Message next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String id = null;
        StringBuilder data = null;
        List<String> comments = new ArrayList<>();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no event within " + timeout);
            }
            if (line == END) {
                lines.add(END);
                throw new AssertionError("the stream ended");
            }
            if (line.isEmpty()) {
                if (data != null || !comments.isEmpty() || id != null) {
                    return new Message(id, data == null ? null : data.toString(), comments);
                }
                continue;
            }
            if (line.startsWith(":")) {
                comments.add(line.substring(1).strip());
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("data:")) {
                String part = line.substring(5);
                part = part.startsWith(" ") ? part.substring(1) : part;
                data = data == null ? new StringBuilder(part) : data.append('\n').append(part);
            }
        }
    }

    /** The next message with data, skipping heartbeat comments. */
    public Message nextMessage(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Message m = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (!m.isComment()) {
                return m;
            }
        }
    }

    /** Waits until the server ends the stream; fails after {@code timeout}. */
    public void awaitEnd(Duration timeout) throws InterruptedException {
        reader.join(timeout);
        if (reader.isAlive()) {
            throw new AssertionError("the stream did not end within " + timeout);
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (RuntimeException ignored) {
            // already closed
        }
        reader.interrupt();
    }
}
