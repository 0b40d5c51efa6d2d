/**
 * Shared kernel: the few types every feature uses (input errors, shared UI helpers).
 * It depends on no feature, so any feature may depend on it.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package com.sintra.base;
