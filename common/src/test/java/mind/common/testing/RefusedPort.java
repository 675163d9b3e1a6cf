package mind.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port where every connection is refused, for tests of a dependency that is down.
 * The port stays bound (never listening, no SO_REUSEADDR) until {@link #close()}, so no other socket of
 * this machine, such as a stub server another test starts, can be given it. Closing a probe socket and
 * using its number leaves the port free to be taken, and a server that takes it and never answers turns
 * "refused at once" into a request held until a client's read times out.
 */
public final class RefusedPort implements AutoCloseable {

    private final Socket socket;

    public RefusedPort() {
        try {
            socket = new Socket();
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
