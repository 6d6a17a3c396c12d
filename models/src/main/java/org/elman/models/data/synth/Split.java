package org.elman.models.data.synth;

import java.util.Locale;

/** The three sets of a corpus. */
public enum Split {
    TRAIN, DEV, TEST;

    /** Folder name: {@code train}, {@code dev}, {@code test}. */
    public String dirName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
