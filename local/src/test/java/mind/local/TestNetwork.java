package mind.local;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/** Ports and addresses of this machine, for tests that start listeners. */
final class TestNetwork {

    private TestNetwork() {
    }

    /** A free port below Linux's ephemeral range: {@link Suite#freePort()}. */
    static int freePort() throws IOException {
        return Suite.freePort();
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
