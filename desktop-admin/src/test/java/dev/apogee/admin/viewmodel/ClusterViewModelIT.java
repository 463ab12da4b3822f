package dev.apogee.admin.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.admin.export.ExportFormat;
import dev.apogee.admin.export.Tables;
import dev.apogee.admin.service.BrokerInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ClusterViewModelIT {

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

    @Test
    void brokersAreListedWithVersionRoleTpsAndDiskUseAndExported() throws Exception {
        ClusterViewModel cluster = new ClusterViewModel(fixture.session);
        assertNull(cluster.refreshedAtProperty().get());
        assertTrue(cluster.refresh());
        assertEquals(1, cluster.brokers().size());
        BrokerInfo broker = cluster.brokers().get(0);
        assertEquals(fixture.clusterName, broker.cluster());
        assertEquals(fixture.cluster.brokerName(0), broker.brokerName());
        assertEquals("MASTER", broker.role());
        assertEquals("V5_5_0", broker.version().orElseThrow());
        assertTrue(broker.putTps().isPresent() && broker.getTps().isPresent());
        assertTrue(ClusterViewModel.diskUse(broker).endsWith(" %"), ClusterViewModel.diskUse(broker));
        assertTrue(broker.address().endsWith(":" + fixture.cluster.broker().port()));
        assertNull(broker.problem());
        assertNotNull(cluster.refreshedAtProperty().get());

        ExportViewModel export = new ExportViewModel(fixture.session);
        Path file = dir.resolve("brokers.csv");
        assertTrue(export.exportTable(Tables.brokers(cluster.brokers()), ExportFormat.CSV, file));
        String csv = Files.readString(file);
        assertTrue(csv.startsWith("cluster,broker,id,address,role,version"), csv);
        assertTrue(csv.contains(broker.address() + ",MASTER,V5_5_0"), csv);
        assertEquals("Exported 1 rows to " + file, export.statusProperty().get());
    }

    @Test
    void aDisconnectEmptiesTheTableAndRefreshSaysWhy() {
        ClusterViewModel cluster = new ClusterViewModel(fixture.session);
        cluster.refresh();
        SessionSwitch.reconnectAfter(fixture, () -> {
            assertTrue(cluster.brokers().isEmpty());
            assertEquals(false, cluster.refresh());
            assertEquals(ScreenViewModel.NOT_CONNECTED, cluster.validation());
        });
        assertTrue(cluster.refresh());
        assertEquals(1, cluster.brokers().size());
    }
}
