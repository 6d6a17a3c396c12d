package org.elman.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Option checks of {@code demo charrnn}, which fail before any training starts. */
class DemoCommandTest {
    @TempDir
    Path tmp;

    @Test
    void badOptionsAreUsageErrors() {
        Cli r = Cli.run("demo", "charrnn", "--seconds", "0");
        assertEquals(Elman.EXIT_USAGE, r.exitCode());
        assertTrue(r.err().startsWith("elman demo charrnn: --seconds must be >= 1, got 0"), r.err());
        assertEquals(Elman.EXIT_USAGE, Cli.run("demo", "charrnn", "--hidden", "-1").exitCode());
        assertEquals(Elman.EXIT_USAGE, Cli.run("demo", "charrnn", "--seconds", "ten").exitCode());
        assertEquals(Elman.EXIT_USAGE, Cli.run("demo").exitCode());
    }

    @Test
    void missingTextFileIsNamed() {
        Path missing = tmp.resolve("book.txt");
        Cli r = Cli.run("demo", "charrnn", "--text", missing.toString(), "--seconds", "1");
        assertEquals(Elman.EXIT_FAILURE, r.exitCode());
        assertEquals("elman demo charrnn: " + missing + ": text file not found", r.err().strip());
    }
}
