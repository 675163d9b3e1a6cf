package mind.local;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Ports and addresses of this machine, for tests that start listeners. */
final class TestNetwork {

    private static final Random RANDOM = new Random();

    private TestNetwork() {
    }

    /**
     * A free port below Linux's ephemeral range (32768-60999): a port the kernel hands out for
     * ephemeral use could be taken by some outgoing connection (the services' own JDBC sockets)
     * between this check and the service binding it.
     */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20000 + RANDOM.nextInt(12000);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port between 20000 and 32000");
    }

    /** The IPv4 addresses of this machine other than loopback (none on a machine without a network). */
    static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (nic.isUp() && !nic.isLoopback()) {
                nic.inetAddresses().filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).forEach(addresses::add);
            }
        }
        return addresses;
    }
}
