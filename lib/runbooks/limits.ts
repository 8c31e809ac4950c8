/** Larger texts are refused: a runbook is a prompt, not a data file. */
export const maxRunbookBytes = 256 * 1024;
