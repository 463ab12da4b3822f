package dev.apogee.admin.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.admin.service.AdminService;
import dev.apogee.admin.store.SavedConnection;
import dev.apogee.client.ClientClosedException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ConnectionsViewModelIT {

    @TempDir
    static Path dir;
    private static AdminFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = AdminFixture.connected(dir);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theStatusSaysWhichClusterIsLiveAndSwitchingClosesThePrevious() {
        assertTrue(fixture.session.statusProperty().get().startsWith("Connected to local: " + fixture.clusterName),
                fixture.session.statusProperty().get());
        assertTrue(fixture.session.statusProperty().get().endsWith("(1 broker)"));
        AdminService first = fixture.session.service();

        ConnectionsViewModel connections = new ConnectionsViewModel(fixture.session);
        connections.newConnection();
        connections.nameProperty().set("local-again");
        connections.nameServersProperty().set(fixture.cluster.namesrvAddress());
        assertTrue(connections.save());
        SavedConnection second = connections.selectedProperty().get();
        assertTrue(connections.connect(second));
        assertSame(second, fixture.session.liveConnectionProperty().get());
        assertTrue(fixture.session.statusProperty().get().startsWith("Connected to local-again"));
        assertThrows(ClientClosedException.class, first::topics, "the previous connection is closed");

        SavedConnection local = connections.connections().stream().filter(c -> c.name().equals("local")).findFirst()
                .orElseThrow();
        assertTrue(connections.connect(local));
        connections.delete(second);
        assertTrue(connections.connections().contains(second), "nothing deleted before the answer");
        connections.confirmation().confirm();
        assertFalse(connections.connections().contains(second));
        assertTrue(fixture.session.connectedProperty().get(), "deleting another connection keeps the live one");
    }

    @Test
    void connectingToAddressesAtStartReusesTheSavedConnectionWithThoseNameServers() {
        ConnectionsViewModel connections = new ConnectionsViewModel(fixture.session);
        String address = fixture.cluster.namesrvAddress();
        long before = connections.connections().size();
        assertTrue(connections.connectTo(address));
        assertTrue(fixture.session.connectedProperty().get());
        assertEquals(List.of(address), fixture.session.liveConnectionProperty().get().nameServers());
        long saved = connections.connections().size();
        assertTrue(saved <= before + 1, "at most one connection saved");
        assertTrue(connections.connectTo(address));
        assertEquals(saved, connections.connections().size(), "the second time reuses it");
        assertFalse(connections.connectTo("not an address"));
        assertFalse(connections.validationProperty().get().isEmpty(), "the bad address is explained");
    }

    @Test
    void theConnectionTestReportsClustersOrTheFailureInTheForm() throws Exception {
        ConnectionsViewModel connections = new ConnectionsViewModel(fixture.session);
        connections.newConnection();
        connections.nameProperty().set("probe");
        connections.nameServersProperty().set(fixture.cluster.namesrvAddress());
        assertTrue(connections.testConnection());
        assertEquals(ConnectionsViewModel.TestStatus.SUCCEEDED, connections.testStatusProperty().get());
        assertEquals("1 broker in " + fixture.clusterName, connections.testResultProperty().get());

        connections.nameServersProperty().set("127.0.0.1:" + freePort());
        assertTrue(connections.testConnection());
        assertEquals(ConnectionsViewModel.TestStatus.FAILED, connections.testStatusProperty().get());
        assertTrue(connections.testResultProperty().get().startsWith("Failed: "), connections.testResultProperty().get());
        assertTrue(fixture.errors.reports().isEmpty(), "a failed test is shown in the form, not as a dialog");
    }

    @Test
    void connectingToANameServerThatIsNotThereKeepsTheLiveConnectionAndReportsIt() throws Exception {
        AdminService live = fixture.session.service();
        ConnectionsViewModel connections = new ConnectionsViewModel(fixture.session);
        connections.newConnection();
        connections.nameProperty().set("nowhere");
        connections.nameServersProperty().set("127.0.0.1:" + freePort());
        connections.save();
        assertTrue(connections.connect(connections.selectedProperty().get()));
        assertSame(live, fixture.session.service());
        assertEquals(1, fixture.errors.reports().size());
        assertEquals("Connect to nowhere", fixture.errors.latestProperty().get().title());
        fixture.errors.clear();
    }

    @Test
    void invalidFormsAreExplainedAndNotSaved() {
        ConnectionsViewModel connections = new ConnectionsViewModel(fixture.session);
        int saved = connections.connections().size();
        connections.newConnection();
        assertFalse(connections.save());
        assertEquals("Give the connection a name", connections.validation());
        connections.nameProperty().set("x");
        assertFalse(connections.save());
        assertTrue(connections.validation().contains("at least one name server"));
        connections.nameServersProperty().set("localhost");
        assertFalse(connections.save());
        assertEquals("'localhost' is not host:port", connections.validation());
        connections.nameServersProperty().set("localhost:99999");
        assertFalse(connections.save());
        connections.nameServersProperty().set("localhost:9876");
        connections.accessKeyProperty().set("ak");
        assertFalse(connections.save());
        assertEquals("Enter both the access key and the secret key, or neither", connections.validation());
        connections.secretKeyProperty().set("sk");
        connections.nameProperty().set("local");
        assertFalse(connections.save(), "the name is taken");
        assertTrue(connections.validation().contains("saved already"), connections.validation());
        assertEquals(saved, connections.connections().size());
        connections.nameServersProperty().set(" ");
        assertFalse(connections.testConnection(), "an invalid form is not tested");
        assertEquals(ConnectionsViewModel.TestStatus.NOT_RUN, connections.testStatusProperty().get());
        connections.nameServersProperty().set("localhost:9876");

        connections.nameProperty().set("signed");
        assertTrue(connections.save());
        SavedConnection signed = connections.selectedProperty().get();
        assertEquals("sk", fixture.store.connections().find(signed.id()).orElseThrow().secretKey());
        connections.edit(signed);
        assertEquals("ak", connections.accessKeyProperty().get());
        connections.delete(signed);
        connections.confirmation().confirm();
        assertNull(fixture.store.connections().find(signed.id()).orElse(null));
    }
}
