package org.elman.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ElmanTest {
    @TempDir
    Path tmp;

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        Cli r = Cli.run("--help");
        assertEquals(0, r.exitCode());
        for (String c : new String[] {"features", "lm", "data", "demo", "models", "Exit codes", "usage error"}) {
            assertTrue(r.out().contains(c), "help mentions " + c + ":\n" + r.out());
        }
        assertEquals("", r.err());
    }

    /**
     * The command list shows the first description line of each command (and subcommand), so that
     * line must be a whole sentence, not the start of a wrapped one.
     */
    @Test
    void everyCommandIsListedWithAWholeSentence() {
        String help = Cli.run("--help").out();
        for (CommandLine sub : Elman.commandLine().getSubcommands().values()) {
            assertTrue(help.contains("  " + sub.getCommandName() + " "), "listed: " + sub.getCommandName());
            assertSummaryIsASentence(sub);
        }
    }

    private static void assertSummaryIsASentence(CommandLine cl) {
        String[] lines = cl.getCommandSpec().usageMessage().description();
        String name = cl.getCommandSpec().qualifiedName();
        assertTrue(lines.length > 0, name + " has a description");
        assertTrue(lines[0].endsWith("."), name + ": the first description line ends a sentence: " + lines[0]);
        assertTrue(lines[0].length() <= 100, name + ": the summary fits a line: " + lines[0]);
        for (CommandLine sub : cl.getSubcommands().values()) assertSummaryIsASentence(sub);
    }

    @Test
    void subcommandHelp() {
        Cli r = Cli.run("lm", "build", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("--order"), r.out());
        assertTrue(r.out().contains("--prune-singletons"), r.out());
        assertEquals(0, Cli.run("help", "features").exitCode());
    }

    @Test
    void versionNamesTheProgramAndJava() {
        Cli r = Cli.run("--version");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().startsWith("elman "), r.out());
        assertTrue(r.out().contains("\nJava " + System.getProperty("java.version")), r.out());
        assertTrue(r.out().contains("GPL-3.0-or-later"), r.out());
    }

    @Test
    void noSubcommandIsAUsageError() {
        Cli r = Cli.run();
        assertEquals(Elman.EXIT_USAGE, r.exitCode());
        assertTrue(r.err().startsWith("elman: missing subcommand"), r.err());
        assertEquals(Elman.EXIT_USAGE, Cli.run("lm").exitCode());
        assertEquals(Elman.EXIT_USAGE, Cli.run("data").exitCode());
    }

    @Test
    void unknownSubcommandAndOptionAreUsageErrorsWithSuggestions() {
        Cli r = Cli.run("featurs", "x.wav");
        assertEquals(Elman.EXIT_USAGE, r.exitCode());
        assertTrue(r.err().contains("featurs"), r.err());
        assertTrue(r.err().contains("features"), "suggests the right name: " + r.err());
        Cli o = Cli.run("lm", "info", "--bogus", "x.arpa");
        assertEquals(Elman.EXIT_USAGE, o.exitCode());
        assertTrue(o.err().startsWith("elman lm info: Unknown option: '--bogus'"), o.err());
        assertTrue(o.err().contains("Try 'elman lm info --help'"), o.err());
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        Cli r = Cli.run("lm", "build", "corpus.txt");
        assertEquals(Elman.EXIT_USAGE, r.exitCode());
        assertTrue(r.err().contains("--out"), r.err());
    }

    @Test
    void runtimeErrorIsOneLineNamingTheFileWithoutStackTrace() {
        Path missing = tmp.resolve("nope.arpa");
        Cli r = Cli.run("lm", "info", missing.toString());
        assertEquals(Elman.EXIT_FAILURE, r.exitCode());
        assertEquals(1, r.errLines().length, r.err());
        assertEquals("elman lm info: " + missing + ": language model not found", r.errLines()[0]);
    }

    @Test
    void verbosePrintsTheStackTrace() {
        Path missing = tmp.resolve("nope.arpa");
        Cli r = Cli.run("lm", "info", missing.toString(), "--verbose");
        assertEquals(Elman.EXIT_FAILURE, r.exitCode());
        assertTrue(r.errLines().length > 3, r.err());
        assertTrue(r.err().contains("at org.elman.cli."), r.err());
        Cli top = Cli.run("--verbose", "lm", "info", missing.toString());
        assertTrue(top.errLines().length > 3, top.err());
    }

    @Test
    void describeNamesFilesOfFileSystemErrors() {
        assertEquals("a.wav: file not found", ErrorReporter.describe(new NoSuchFileException("a.wav")));
        assertEquals("a.wav: audio file not found", ErrorReporter.describe(new NoSuchFileException("a.wav", null, "audio file not found")));
        assertEquals("first line", ErrorReporter.describe(new IllegalStateException("first line\nsecond")));
        assertFalse(ErrorReporter.describe(new RuntimeException(new NoSuchFileException("b"))).isBlank());
    }
}
