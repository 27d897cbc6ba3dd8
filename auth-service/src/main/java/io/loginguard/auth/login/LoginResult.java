package io.loginguard.auth.login;

/** What a login step answers: a session (201), or the next step (200). */
public sealed interface LoginResult permits SessionView, ChallengeView {
}
