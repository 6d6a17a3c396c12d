package org.elman.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code elman --version}: the version from the jar manifest, the Java runtime and the OS. */
final class ElmanVersion implements IVersionProvider {
    /** Used when running from classes rather than the packaged jar. */
    static final String DEVELOPMENT = "development build";

    @Override
    public String[] getVersion() {
        String v = Elman.class.getPackage().getImplementationVersion();
        return new String[] {
            "elman " + (v != null ? v : DEVELOPMENT) + ", GPL-3.0-or-later",
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
            System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        };
    }
}
