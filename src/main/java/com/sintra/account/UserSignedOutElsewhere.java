package com.sintra.account;

/**
 * The user's sessions must end because their password or role changed. When the user changed their own
 * password, the session they did it in stays signed in.
 */
record UserSignedOutElsewhere(UserId user, boolean keepCurrentSession) {
}
