/**
 * Accounts: users, their roles, sign-in and the first administrator.
 * {@link com.sintra.account.AccountService} is the feature's API; {@link com.sintra.account.CurrentUser}
 * tells every other feature who is asking.
 */
package com.sintra.account;
