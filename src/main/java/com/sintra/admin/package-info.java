/**
 * The admin dashboard: Sintra's live figures against its targets, and the levers an administrator pulls
 * (circuits, caches, users, API keys, AI providers, the audit log). It reads what the other features measure
 * and changes things only through their services; every method and route is for administrators only.
 */
package com.sintra.admin;
