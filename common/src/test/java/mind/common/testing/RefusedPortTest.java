package mind.common.testing;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RefusedPortTest {

    @Test
    void connectionsAreRefusedAndNoServerIsGivenThePort() throws IOException {
        try (RefusedPort refused = new RefusedPort()) {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            assertThrows(ConnectException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(loopback, refused.port()), 2000);
                }
            });
            // a server asking for exactly that port is refused it
            assertThrows(IOException.class, () -> {
                try (ServerSocket s = new ServerSocket()) {
                    s.setReuseAddress(true);
                    s.bind(new InetSocketAddress(loopback, refused.port()));
                }
            });
            // and servers asking for any port never get it
            List<ServerSocket> servers = new ArrayList<>();
            try {
                for (int i = 0; i < 200; i++) {
                    ServerSocket s = new ServerSocket(0, 1, loopback);
                    servers.add(s);
                    assertNotEquals(refused.port(), s.getLocalPort());
                }
            } finally {
                for (ServerSocket s : servers) {
                    s.close();
                }
            }
        }
    }
}
