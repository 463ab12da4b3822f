#!/usr/bin/env bash
# Takes the desktop admin's README screenshots from the running application, headless (Monocle): starts
# an in-process Apogee cluster with some data, drives the admin's screens and writes each as a PNG to
# desktop-admin/docs/screenshots/. Needs the other modules in ~/.m2, as the module's tests do.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B -o test-compile dependency:build-classpath -pl desktop-admin \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
java -Xmx512m -cp "desktop-admin/target/test-classes:desktop-admin/target/classes:$(cat desktop-admin/target/test-classpath.txt)" \
  dev.apogee.admin.ui.ScreenshotMain desktop-admin/docs/screenshots
