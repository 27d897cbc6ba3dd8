package io.loginguard.risk.config;

/** Whose failures count towards a lock. */
public enum LockoutMode {
    /** Every password failure counts against the account (the seeds' behaviour). */
    ACCOUNT,
    /**
     * Failures from a source (device and IP) whose device never logged in successfully lock only that source, so an
     * attacker cannot lock the owner out of a known device; failures from known devices count against the account.
     */
    ACCOUNT_AND_SOURCE
}
