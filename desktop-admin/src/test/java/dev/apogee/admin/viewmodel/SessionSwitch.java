package dev.apogee.admin.viewmodel;

/** Disconnects a fixture's session for a moment and connects it again to the same saved connection. */
final class SessionSwitch {

    private SessionSwitch() {
    }

    static void reconnectAfter(AdminFixture fixture, Runnable whileDisconnected) {
        var live = fixture.session.liveConnectionProperty().get();
        fixture.session.disconnect();
        try {
            whileDisconnected.run();
        } finally {
            fixture.connections.connect(live);
        }
    }
}
