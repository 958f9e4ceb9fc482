package org.lanner.cli.internal;

/**
 * One step of the command, in the order Falco's application actions run ({@code app_actions}):
 * print help or version, load the configuration, list or validate, load the rules, start the
 * outputs, open the sources, process the events, print the summary. A step either lets the command
 * go on or ends it with an exit code.
 */
interface Step {

    /** Go on with the next step. */
    int CONTINUE = -1;

    /** The command ends with this exit code. */
    int EXIT_SUCCESS = 0;
    int EXIT_FAILURE = 1;

    /**
     * @return {@link #CONTINUE}, or the exit code that ends the command
     * @throws Failure to end the command with one line on stderr and exit code 1
     */
    int run(Invocation inv) throws Failure;

    /** A failure reported to the user in one line, ending the command with exit code 1. */
    final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }
}
